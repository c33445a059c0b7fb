"""The dashboard's figures: each bar's drill-down filter selects exactly the cases it counts,
and the monthly figures are the monthly KPIs."""

from datetime import date

import pytest

from complaint_desk.domain.errors import NotFound
from complaint_desk.services.analysis import dashboard
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.kpi import monthly_kpis
from complaint_desk.store.queries_analysis import count_matching
from complaint_desk.store.unit_of_work import UnitOfWork

TODAY = date(2024, 12, 20)


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def demo_db(request, tmp_path_factory):
    """Headquarters with three offices' demo cases, read only: on each engine once."""
    from complaint_desk.services.offices import init_office
    from complaint_desk.store.database import open_database

    if request.param == "sqlite":
        database = open_database(tmp_path_factory.mktemp("analysis") / "hq.db")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.new_database()
        request.addfinalizer(lambda: cluster.drop_database(url))
        database = open_database(url)
    init_office(database, code="BKK1", name="สำนักงานทดสอบ")
    generate_demo(database, 2500, seed=3, offices=3, today=TODAY)
    yield database
    database.dispose()


def count(db, filters):
    with UnitOfWork(db, write=False) as uow:
        return count_matching(uow.session, filters)


@pytest.mark.parametrize("office", [None, "CNX"])
def test_every_bars_filter_selects_the_cases_it_counts(demo_db, office):
    board = dashboard(demo_db, 2024, 11, office, today=TODAY)
    bars = (board.by_channel + board.by_category + board.by_level + board.by_office
            + board.overdue_by_unit + board.top_locations + board.repeat_complainants)
    assert bars and all(bar.value > 0 for bar in bars)
    assert [(b.key, count(demo_db, b.filter)) for b in bars] == [(b.key, b.value) for b in bars]
    assert sum(b.value for b in board.by_level) == sum(m.received for m in board.months)
    assert sum(b.value for b in board.overdue_by_unit) == board.overdue_total
    for level in board.on_time_by_level:
        assert count(demo_db, level.closed_filter) == level.closed


def test_the_months_are_the_monthly_kpis_and_last_years_same_months(demo_db):
    board = dashboard(demo_db, 2024, 11, None, today=TODAY)
    assert (board.months[0].year, board.months[0].month) == (2023, 12)
    assert (board.start, board.end) == (date(2023, 12, 1), date(2024, 12, 1))
    for point in board.months:
        kpis = monthly_kpis(demo_db, point.year, point.month)
        before = monthly_kpis(demo_db, point.year - 1, point.month)
        assert (point.received, point.closed, point.acknowledged_on_time_pct,
                point.resolved_within_target_pct, point.satisfaction_mean,
                point.satisfied_pct) == (
            kpis["received"], kpis["closed"], kpis["acknowledged_on_time_pct"],
            kpis["resolved_within_target_pct"], kpis["satisfaction_mean"], kpis["satisfied_pct"])
        assert (point.received_last_year, point.closed_last_year) == \
            (before["received"], before["closed"])
        assert count(demo_db, point.received_filter) == point.received
        assert count(demo_db, point.closed_filter) == point.closed


def test_a_past_months_overdue_total_is_the_monthly_kpi(demo_db):
    board = dashboard(demo_db, 2024, 8, "BKK1", today=TODAY)
    kpis = monthly_kpis(demo_db, 2024, 8, "BKK1")
    assert (board.open_total, board.overdue_total) == \
        (kpis["open_at_month_end"], kpis["overdue_at_month_end"])
    assert board.as_of == date(2024, 8, 31)


def test_the_current_month_counts_overdue_as_of_today(demo_db):
    assert dashboard(demo_db, 2024, 12, None, today=TODAY).as_of == TODAY


def test_repeat_complainants_show_keys_never_names(demo_db):
    board = dashboard(demo_db, 2024, 11, None, today=TODAY)
    assert board.repeat_people >= len(board.repeat_complainants) > 0
    assert all(len(b.key) == 64 and int(b.key, 16) >= 0 for b in board.repeat_complainants)
    assert board.repeat_cases >= 2 * board.repeat_people


def test_an_unknown_office_is_refused(demo_db):
    with pytest.raises(NotFound):
        dashboard(demo_db, 2024, 11, "NOPE", today=TODAY)
