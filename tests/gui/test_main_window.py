"""The main window over a demo database: queues and their counts, each filter, Thai search
typed into the search box, sorting by the header, shortcuts, hooks, remembered state."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from complaint_desk.domain.case_list import Queue
from complaint_desk.gui.main_window import MainWindow
from complaint_desk.gui.models.complaint_table_model import (
    COL_REFERENCE,
    COL_SUBJECT,
    RECORD_ROLE,
)
from complaint_desk.services.users import actor_for
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.unit_of_work import UnitOfWork

NOW = datetime(2024, 9, 30, 10, 0)
OPEN = ("received", "acknowledged", "assessed", "investigating", "responded", "under_review")


@pytest.fixture
def window(qtbot, demo_db, tmp_path):
    made = MainWindow(demo_db, actor_for(demo_db, "bkk1.supervisor"),
                      attachment_root=tmp_path / "data", clock=lambda: NOW)
    qtbot.addWidget(made)
    return made


def records(window):
    model = window.model
    return [model.data(model.index(r, 0), RECORD_ROLE) for r in range(model.rowCount())]


def sql_count(db, *where):
    with UnitOfWork(db, write=False) as uow:
        return uow.session.execute(select(func.count()).select_from(C).where(*where)).scalar()


def choose(combo, code):
    combo.setCurrentIndex(combo.findData(code))


def test_each_queue_shows_its_cases_and_its_count_matches_the_list(window, demo_db):
    today = NOW.date()
    expected = {
        Queue.TO_ACKNOWLEDGE: sql_count(demo_db, C.status == "received"),
        Queue.TO_ASSESS: sql_count(demo_db, C.status == "acknowledged"),
        Queue.OVERDUE: sql_count(demo_db, C.status.in_(OPEN), C.due_on < today),
        Queue.DUE_THIS_WEEK: sql_count(demo_db, C.status.in_(OPEN), C.due_on >= today,
                                       C.due_on <= date(2024, 10, 6)),
        Queue.SIGNIFICANT: sql_count(demo_db, C.status.in_(OPEN), C.significant.is_(True)),
        Queue.UNDER_REVIEW: sql_count(demo_db, C.status == "under_review"),
        Queue.ALL_OPEN: sql_count(demo_db, C.status.in_(OPEN)),
        Queue.CLOSED: sql_count(demo_db, C.status == "closed"),
        Queue.ALL: 1500,
    }
    assert expected[Queue.OVERDUE] > 0 and expected[Queue.CLOSED] > 0
    for queue, count in expected.items():
        window.queues.select(queue)
        assert window.model.rowCount() == count == window.queues.count_of(queue), queue
    window.queues.select(Queue.OVERDUE)
    assert all(r.due_on < NOW.date() and r.status in OPEN for r in records(window))


def test_my_work_for_an_officer_is_what_waits_for_an_officers_step(qtbot, demo_db, tmp_path):
    officer = MainWindow(demo_db, actor_for(demo_db, "bkk1.officer"),
                         attachment_root=tmp_path, clock=lambda: NOW)
    qtbot.addWidget(officer)
    officer.queues.select(Queue.MY_WORK)
    rows = records(officer)
    assert rows
    for r in rows:
        assert r.status in ("received", "acknowledged") or (
            r.level == 1 and r.status in ("investigating", "under_review", "responded"))


@pytest.mark.parametrize(("combo", "code", "field"), [
    ("status", "investigating", "status"), ("level", "3", "level"),
    ("category", "utilities", "category_code"), ("channel", "line", "channel"),
    ("office", "CNX", "office_code"), ("responsible", "กองนิติการ", "responsible_unit"),
])
def test_each_choice_filter_keeps_only_matching_rows(window, combo, code, field):
    window.queues.select(Queue.ALL)
    choose(getattr(window.filters, combo), code)
    rows = records(window)
    assert rows
    value = int(code) if field == "level" else code
    assert all(getattr(r, field) == value for r in rows)


def test_date_ranges_typed_in_buddhist_era_filter_received_and_due(window, typist):
    window.queues.select(Queue.ALL)
    typist(window.filters.received_from.line, "1/9/2567")
    typist(window.filters.received_to.line, "15 ก.ย. 2567")
    window.filters.received_to.line.editingFinished.emit()
    rows = records(window)
    assert rows and all(date(2024, 9, 1) <= r.received_at.date() <= date(2024, 9, 15)
                        for r in rows)
    window.filters.clear_all()
    typist(window.filters.due_from.line, "1/10/2567")
    window.filters.due_from.line.editingFinished.emit()
    rows = records(window)
    assert rows and all(r.due_on >= date(2024, 10, 1) for r in rows)


def test_a_bad_date_is_named_and_leaves_the_list_as_it_was(window, typist):
    window.queues.select(Queue.ALL)
    typist(window.filters.received_from.line, "31/02/2567")
    window.filters.received_from.line.editingFinished.emit()
    window.filters.apply()
    assert "31/02/2567" in window.filters.message.text()
    assert window.model.rowCount() == 1500


def test_thai_typed_in_the_search_box_finds_the_cases_with_that_text(window, typist, qtbot,
                                                                      demo_db):
    window.queues.select(Queue.ALL)
    typist(window.filters.search, "น้ำประปา")
    qtbot.waitUntil(lambda: window.model.case_filter.text == "น้ำประปา", timeout=2000)
    rows = records(window)
    with UnitOfWork(demo_db, write=False) as uow:
        expected = set(uow.session.scalars(select(C.reference).where(
            C.subject.contains("น้ำประปา") | C.description.contains("น้ำประปา")
            | C.project.contains("น้ำประปา"))))
    assert rows and {r.reference for r in rows} == expected


def test_sorting_by_a_header_orders_the_whole_list_in_sql(window):
    window.queues.select(Queue.ALL)
    window.table.sortByColumn(COL_SUBJECT, Qt.SortOrder.AscendingOrder)
    subjects = [r.subject for r in records(window)]
    assert subjects == sorted(subjects, key=lambda s: s.encode("utf-8"))
    window.table.sortByColumn(COL_REFERENCE, Qt.SortOrder.DescendingOrder)
    assert records(window)[0].reference == max(r.reference for r in records(window))


def test_selecting_a_row_shows_the_case_with_its_timeline_newest_first(window):
    window.queues.select(Queue.CLOSED)
    window.table.selectRow(0)
    record = window.model.data(window.model.index(0, 0), RECORD_ROLE)
    assert window.detail.complaint.reference == record.reference
    lines = [line for line in window.detail.timeline.toPlainText().splitlines() if "·" in line]
    with UnitOfWork(window.db, write=False) as uow:
        from complaint_desk.store.models import EventRow

        case_id = uow.complaint_row(record.reference).id
        kinds = list(uow.session.scalars(select(EventRow.kind).where(
            EventRow.complaint_id == case_id).order_by(EventRow.id.desc())))
    from complaint_desk.gui.field_labels import event_label

    assert [line.split(" · ")[1] for line in lines] == [event_label(k) for k in kinds]
    assert kinds[-1] == "record" and len(kinds) >= 3


def test_print_without_the_print_preview_installed_says_so_and_a_hook_is_called(window):
    window.print_action.trigger()
    assert "not available" in window.statusBar().currentMessage()
    called = []
    window.hooks["print"] = lambda w: called.append(w.current_reference())
    window.print_action.trigger()
    assert called == [None]


def test_the_keyboard_shortcuts_are_bound(window):
    def keys(action):
        return {s.toString() for s in action.shortcuts()}

    assert "Ctrl+N" in keys(window.new_action)
    assert "Ctrl+F" in keys(window.search_action)
    assert "F5" in keys(window.refresh_action)
    assert "Ctrl+P" in keys(window.print_action)


def test_hidden_columns_and_the_sort_are_remembered_by_the_next_window(qtbot, demo_db, tmp_path,
                                                                       window):
    window.table.horizontalHeader().setSectionHidden(COL_SUBJECT, True)
    window.table.sortByColumn(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
    window.close()
    again = MainWindow(demo_db, actor_for(demo_db, "bkk1.supervisor"),
                       attachment_root=tmp_path, clock=lambda: NOW)
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().isSectionHidden(COL_SUBJECT)
    assert again.model.sort_column() == COL_REFERENCE


def test_a_step_done_from_the_window_refreshes_the_counts(qtbot, db, actors, tmp_path,
                                                         make_intake, monkeypatch):
    from complaint_desk.services import complaints as svc

    clock = lambda: datetime(2024, 8, 5, 10, 0)
    reference = svc.record_complaint(db, actors["officer"], make_intake(), clock=clock)
    window = MainWindow(db, actors["officer"], attachment_root=tmp_path, clock=clock)
    qtbot.addWidget(window)
    window.queues.select(Queue.TO_ACKNOWLEDGE)
    assert window.queues.count_of(Queue.TO_ACKNOWLEDGE) == 1
    window.table.selectRow(0)
    assert window.detail.buttons[next(iter(window.detail.buttons))].isEnabled()
    monkeypatch.setattr("PySide6.QtWidgets.QDialog.exec",
                        lambda dialog: (dialog.accept(), dialog.result())[1])
    from complaint_desk.domain.workflow import Action

    window.run_action(Action.ACKNOWLEDGE)
    assert svc.get_complaint(db, reference).status.value == "acknowledged"
    assert window.queues.count_of(Queue.TO_ACKNOWLEDGE) == 0
    assert window.queues.count_of(Queue.TO_ASSESS) == 1
