"""The dashboard over a real demo database: charts built, indicators shown, drill-down."""

from datetime import date

import pytest

from complaint_desk.gui.dashboard.dashboard_widget import DashboardWidget
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.demo_policy import generate_policy_demo
from complaint_desk.store.queries_analysis import count_matching
from complaint_desk.store.unit_of_work import UnitOfWork

TODAY = date(2024, 12, 20)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from complaint_desk.services.offices import init_office
    from complaint_desk.store.database import open_database

    database = open_database(tmp_path_factory.mktemp("dashboard") / "office.db")
    init_office(database, code="BKK1", name="สำนักงานทดสอบ")
    generate_demo(database, 800, seed=5, offices=2, today=TODAY)
    generate_policy_demo(database, today=TODAY)
    yield database
    database.dispose()


@pytest.fixture
def widget(qtbot, db):
    shown = DashboardWidget(db, today=TODAY)
    qtbot.addWidget(shown)
    shown.select(2024, 11)
    return shown


def test_it_shows_the_years_indicators_seed_ones_first(widget):
    table = widget.indicator_table
    assert table.rowCount() == 14
    assert table.item(0, 0).text() == "The policy and procedures contain every required element"
    assert table.item(1, 2).text() == "100% (6 of 6)"
    assert widget.indicator_title.text() == "Indicators of the year 2567"


def test_clicking_a_category_bar_asks_for_the_cases_it_counts(widget, qtbot, db):
    view = widget.charts["category"]
    bar_set = view.chart().series()[0].barSets()[0]
    last = bar_set.count() - 1  # the top bar: the largest category
    with qtbot.waitSignal(widget.filter_requested) as caught:
        bar_set.clicked.emit(last)
    wanted = caught.args[0]
    assert wanted["received_from"] == date(2023, 12, 1)
    assert wanted["received_to"] == date(2024, 11, 30)
    assert wanted["category"] == widget.board.by_category[0].key
    with UnitOfWork(db, write=False) as uow:
        assert count_matching(uow.session, wanted) == bar_set.at(last)


def test_clicking_a_month_point_of_satisfaction_selects_that_months_closed_cases(widget, qtbot):
    line = widget.charts["satisfaction"].chart().series()[0]
    point = line.at(line.count() - 1)
    with qtbot.waitSignal(widget.filter_requested) as caught:
        line.clicked.emit(point)
    assert caught.args[0]["closed_from"] == date(2024, 11, 1)
    assert caught.args[0]["closed_to"] == date(2024, 11, 30)


def test_choosing_an_office_narrows_every_figure(widget):
    widget.select(2024, 11, "BKK2")
    assert {b.filter.get("office") for b in widget.board.by_channel} == {"BKK2"}
    assert "office" not in widget.charts  # one office: no comparison chart


def test_the_month_bars_have_no_drill_down_for_last_years_series(widget, qtbot):
    bar_sets = widget.charts["months"].chart().series()[0].barSets()
    with qtbot.assertNotEmitted(widget.filter_requested):
        bar_sets[2].clicked.emit(0)
