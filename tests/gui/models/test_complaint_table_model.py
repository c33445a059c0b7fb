"""The case list model without any widget: pages read on demand, SQL sort, roles, marks."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from complaint_desk.domain.case_list import CaseFilter, DueMark, Queue, Sort, SortKey
from complaint_desk.gui.labels import CategoryNames
from complaint_desk.gui.models.complaint_table_model import (
    COL_DUE,
    COL_RECEIVED,
    COL_REFERENCE,
    MARK_ROLE,
    PAGE_SIZE,
    RECORD_ROLE,
    SORT_ROLE,
    ComplaintTableModel,
    ServiceCaseSource,
)
from complaint_desk.services import case_list
from complaint_desk.services.users import actor_for
from complaint_desk.store.case_list import _order
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.unit_of_work import UnitOfWork

TODAY = date(2024, 9, 30)


@pytest.fixture
def model(demo_db, qapp):
    actor = actor_for(demo_db, "bkk1.supervisor")
    with UnitOfWork(demo_db, write=False) as uow:
        calendar = uow.calendar()
    categories = CategoryNames(case_list.reference_data(demo_db).categories)
    made = ComplaintTableModel(ServiceCaseSource(demo_db, actor, lambda: TODAY), calendar,
                               categories, lambda: TODAY)
    made.set_filter(CaseFilter(queue=Queue.ALL))
    return made


def references_in_sql(db, *order):
    with UnitOfWork(db, write=False) as uow:
        return list(uow.session.scalars(select(C.reference).order_by(*order)))


def column(model, col, role=Qt.ItemDataRole.DisplayRole):
    return [model.data(model.index(r, col), role) for r in range(model.rowCount())]


def test_the_model_counts_in_sql_and_reads_only_the_pages_it_is_asked_for(model):
    assert model.rowCount() == 1500 and model.page_reads == 0
    model.data(model.index(0, COL_REFERENCE))
    assert model.page_reads == 1
    last = model.data(model.index(1499, COL_REFERENCE), RECORD_ROLE)
    assert model.page_reads == 2
    assert last.reference == references_in_sql(model._source.db, C.received_at, C.id)[0]
    model.data(model.index(PAGE_SIZE - 1, COL_REFERENCE))
    assert model.page_reads == 2  # same page, from memory


def test_every_row_read_page_by_page_matches_one_sql_query(model):
    expected = references_in_sql(model._source.db, C.received_at.desc(), C.id.desc())
    assert column(model, COL_REFERENCE) == expected


def test_sorting_a_column_sorts_in_sql_and_the_sort_role_gives_the_raw_value(model):
    model.sort(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
    assert column(model, COL_REFERENCE) == references_in_sql(model._source.db, C.reference, C.id)
    model.sort(COL_DUE, Qt.SortOrder.DescendingOrder)
    dues = column(model, COL_DUE, SORT_ROLE)
    known = [d for d in dues if d is not None]
    assert known == sorted(known, reverse=True) and dues[-1] is None
    assert isinstance(model.data(model.index(0, COL_RECEIVED), SORT_ROLE), datetime)


def test_overdue_and_due_soon_rows_are_marked_and_closed_ones_never(model):
    model.set_filter(CaseFilter(queue=Queue.ALL_OPEN))
    marks = {}
    for row in range(model.rowCount()):
        record = model.data(model.index(row, 0), RECORD_ROLE)
        marks[record.reference] = (model.data(model.index(row, 0), MARK_ROLE), record.due_on)
    overdue = [due for mark, due in marks.values() if mark == DueMark.OVERDUE]
    soon = [due for mark, due in marks.values() if mark == DueMark.DUE_SOON]
    assert overdue and all(due < TODAY for due in overdue)
    assert soon and all(TODAY <= due <= date(2024, 10, 2) for due in soon)
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, 0), MARK_ROLE) == DueMark.OVERDUE)
    assert model.data(model.index(row, COL_DUE), Qt.ItemDataRole.DecorationRole) is not None
    assert "late" in model.data(model.index(row, COL_DUE))
    model.set_filter(CaseFilter(queue=Queue.CLOSED))
    assert {model.data(model.index(r, 0), MARK_ROLE) for r in range(model.rowCount())} == {0}


def test_a_search_counts_up_to_a_cap_and_says_when_more_cases_match(model, monkeypatch, thai):
    from complaint_desk.gui.models import complaint_table_model as table

    everything = CaseFilter(queue=Queue.ALL, text="ลิฟต์")
    model.set_filter(everything)
    matches = model.rowCount()
    assert matches > 10 and not model.more_than_shown
    assert model.count_text() == f"{matches:,} เรื่อง"
    first_ten = [model.data(model.index(r, COL_REFERENCE)) for r in range(10)]
    monkeypatch.setattr(table, "SEARCH_COUNT_CAP", 10)
    model.refresh()
    assert model.rowCount() == 10 and model.more_than_shown
    assert "มากกว่า 10 เรื่อง" in model.count_text()
    assert [model.data(model.index(r, COL_REFERENCE)) for r in range(10)] == first_ten
    monkeypatch.setattr(table, "SEARCH_COUNT_CAP", matches)
    model.refresh()
    assert model.rowCount() == matches and not model.more_than_shown
    model.set_filter(CaseFilter(queue=Queue.ALL))  # not a search: counted exactly
    assert model.rowCount() == 1500 and not model.more_than_shown


class Recording(ServiceCaseSource):
    """The program's source, noting which boundary row each page was asked from."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.asked: list[tuple[int, str | None, str | None]] = []

    def page(self, case_filter, sort, offset, limit, total, after=None, before=None):
        self.asked.append((offset, after and after.reference, before and before.reference))
        return super().page(case_filter, sort, offset, limit, total, after=after, before=before)


def test_scrolling_reads_the_next_page_from_the_boundary_of_the_page_held(demo_db, qapp):
    actor = actor_for(demo_db, "bkk1.supervisor")
    with UnitOfWork(demo_db, write=False) as uow:
        calendar = uow.calendar()
    source = Recording(demo_db, actor, lambda: TODAY)
    model = ComplaintTableModel(source, calendar,
                                CategoryNames(case_list.reference_data(demo_db).categories),
                                lambda: TODAY)
    model.set_filter(CaseFilter(queue=Queue.ALL))
    model.sort(COL_DUE, Qt.SortOrder.DescendingOrder)  # NULL due dates: first or last by engine
    expected = references_in_sql(demo_db, *_order(Sort(SortKey.DUE, True), reverse=False))
    down = [model.record(row).reference for row in range(model.rowCount())]
    assert down == expected
    assert source.asked[0] == (0, None, None)
    assert [a[0] for a in source.asked[1:]] == list(range(PAGE_SIZE, 1500, PAGE_SIZE))
    assert all(after == down[offset - 1] and before is None
               for offset, after, before in source.asked[1:])
    model._pages.clear()
    source.asked.clear()
    up = [model.record(row).reference for row in reversed(range(model.rowCount()))]
    assert up[::-1] == expected
    pages = range(0, 1500, PAGE_SIZE)
    assert [a[0] for a in source.asked] == list(reversed(pages))
    assert all(before == down[offset + PAGE_SIZE] and after is None
               for offset, after, before in source.asked[1:])


def test_the_model_keeps_every_rule_of_qt_item_models_when_filled_sorted_and_refreshed(
        model, qtmodeltester):
    """Qt's model tester checks the model, then watches every reset that a sort, a search
    and a refresh make while it stays attached."""
    qtmodeltester.check(model)
    model.sort(COL_DUE, Qt.SortOrder.DescendingOrder)
    model.set_filter(CaseFilter(queue=Queue.ALL, text="หลังคา"))
    assert 0 < model.rowCount() < 1500
    model.refresh()
    qtmodeltester.check(model)
