"""The dashboard over a real demo database: charts built, indicators shown, drill-down; the
figures counted off the GUI thread, with cancel."""

import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt

from complaint_desk.gui.dashboard.dashboard_widget import DashboardWidget
from complaint_desk.services import analysis
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


def shown_after(qtbot, widget, choose):
    """Make a choice and wait until its figures are shown."""
    with qtbot.waitSignal(widget.updated, timeout=60_000):
        choose()
    assert not widget.busy


def settled(qtbot, widget):
    """Wait until every count this widget started has ended (its thread let go)."""
    qtbot.waitUntil(lambda: not widget.busy, timeout=60_000)


@pytest.fixture
def widget(qtbot, db):
    shown = DashboardWidget(db, today=TODAY)
    qtbot.addWidget(shown)
    settled(qtbot, shown)
    shown_after(qtbot, shown, lambda: shown.select(2024, 11))
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


def test_choosing_an_office_narrows_every_figure(widget, qtbot):
    shown_after(qtbot, widget, lambda: widget.select(2024, 11, "BKK2"))
    assert {b.filter.get("office") for b in widget.board.by_channel} == {"BKK2"}
    assert "office" not in widget.charts  # one office: no comparison chart


def test_the_month_bars_have_no_drill_down_for_last_years_series(widget, qtbot):
    bar_sets = widget.charts["months"].chart().series()[0].barSets()
    with qtbot.assertNotEmitted(widget.filter_requested):
        bar_sets[2].clicked.emit(0)


def test_the_figures_are_counted_off_the_gui_thread_while_the_widget_says_so(qtbot, db,
                                                                            monkeypatch):
    counted_in = []
    real = analysis.dashboard

    def dashboard_noting_its_thread(*args, **kwargs):
        counted_in.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "dashboard", dashboard_noting_its_thread)
    widget = DashboardWidget(db, today=TODAY)
    qtbot.addWidget(widget)
    assert widget.busy and widget.board is None  # the constructor returned before the figures
    assert widget.progress.isVisibleTo(widget) and widget.cancel_button.isVisibleTo(widget)
    assert widget.status.text() == "Counting the cases…"
    with qtbot.waitSignal(widget.updated, timeout=60_000):
        pass
    assert counted_in and threading.get_ident() not in counted_in
    assert widget.board is not None and widget.charts
    assert not widget.progress.isVisibleTo(widget) and widget.status.text() == ""


def test_cancel_stops_the_count_and_keeps_what_was_shown(widget, qtbot):
    shown = widget.board
    widget.select(2024, 6)
    running = widget.task
    assert widget.busy
    qtbot.mouseClick(widget.cancel_button, Qt.MouseButton.LeftButton)
    assert not widget.busy and widget.status.text() == "Cancelled"
    qtbot.waitUntil(running.done.is_set, timeout=60_000)
    qtbot.wait(50)  # whatever the count sent back has been delivered, and dropped
    assert widget.board is shown and widget.board.end == date(2024, 12, 1)


def test_a_newer_choice_replaces_the_count_in_progress(widget, qtbot):
    shown = []
    widget.updated.connect(lambda: shown.append(widget.board.end))
    widget.select(2024, 6)
    first = widget.task
    shown_after(qtbot, widget, lambda: widget.select(2024, 9))
    qtbot.waitUntil(first.done.is_set, timeout=60_000)
    qtbot.wait(50)
    assert shown == [date(2024, 10, 1)]
