"""The case list as a Qt table model that reads pages from SQL on demand.

A windowed model: ``rowCount`` is the filtered count (one COUNT query), and ``data`` reads the
200-row page a row falls in when the view first paints it, keeping the most recent pages in
memory. Scrolling, jumping to the end and sorting therefore cost one page query each, never
the whole table. Sort and filter happen in SQL (a proxy model would only see fetched rows).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from complaint_desk.domain.calendar import WorkingCalendar
from complaint_desk.domain.case_list import CaseFilter, DueMark, Sort, SortKey, due_mark
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_
from complaint_desk.gui import icons
from complaint_desk.gui.labels import CategoryNames, channel_text, date_text, status_text
from complaint_desk.i18n import _, ngettext
from complaint_desk.store.case_list import SEARCH_COUNT_CAP, CaseListRow
from complaint_desk.store.database import Database

if TYPE_CHECKING:  # imported when first read (start-up time)
    from complaint_desk.services.case_list import CaseListReader

PAGE_SIZE = 200
CACHED_PAGES = 40

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
MARK_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class Column:
    title: str  # message id
    sort_key: SortKey
    width: int  # default width in pixels


COL_REFERENCE, COL_RECEIVED, COL_CHANNEL, COL_SUBJECT, COL_CATEGORY, COL_LEVEL, COL_STATUS, \
    COL_RESPONSIBLE, COL_DUE, COL_OFFICE = range(10)
COLUMNS: tuple[Column, ...] = (
    Column(N_("Reference"), SortKey.REFERENCE, 140),
    Column(N_("Received"), SortKey.RECEIVED, 105),
    Column(N_("Channel"), SortKey.CHANNEL, 120),
    Column(N_("Subject"), SortKey.SUBJECT, 260),
    Column(N_("Category"), SortKey.CATEGORY, 170),
    Column(N_("Level"), SortKey.LEVEL, 50),
    Column(N_("Status"), SortKey.STATUS, 120),
    Column(N_("Responsible"), SortKey.RESPONSIBLE, 150),
    Column(N_("Due"), SortKey.DUE, 170),
    Column(N_("Office"), SortKey.OFFICE, 60),
)

OVERDUE_BACKGROUND = QColor("#fde2e1")
DUE_SOON_BACKGROUND = QColor("#fff4d6")


class CaseSource(Protocol):
    """Where rows come from: the services in the program, anything alike in a test."""

    def count(self, case_filter: CaseFilter, cap: int | None = None) -> int: ...

    def page(self, case_filter: CaseFilter, sort: Sort, offset: int, limit: int,
             total: int, after: CaseListRow | None = None,
             before: CaseListRow | None = None) -> list[CaseListRow]:
        """Rows [offset, offset + limit). ``after``: the row at offset - 1, ``before``: the
        row at offset + limit, when the model holds it (a neighbouring page): the source may
        read the page from there instead of counting ``offset`` rows."""
        ...


class ServiceCaseSource:
    """Rows through services/case_list.py, as ``actor`` may see them, on ``today``: one
    ``CaseListReader`` for the model's life (a read connection kept open, statements compiled
    once per list shape), opened on the first read, in the thread that reads."""

    def __init__(self, db: Database, actor: Actor, today: Callable[[], date]) -> None:
        self.db, self.actor, self.today = db, actor, today
        self._reader: CaseListReader | None = None

    def _cases(self) -> CaseListReader:
        if self._reader is None:
            from complaint_desk.services.case_list import CaseListReader

            self._reader = CaseListReader(self.db, self.actor)
        return self._reader

    def count(self, case_filter: CaseFilter, cap: int | None = None) -> int:
        return self._cases().count(case_filter, self.today(), cap=cap)

    def page(self, case_filter: CaseFilter, sort: Sort, offset: int, limit: int,
             total: int, after: CaseListRow | None = None,
             before: CaseListRow | None = None) -> list[CaseListRow]:
        return self._cases().page(case_filter, sort, self.today(), offset=offset, limit=limit,
                                  total=total, after=after, before=before)

    def close(self) -> None:
        """Give the read connection back (a later read opens another)."""
        if self._reader is not None:
            self._reader.close()


class ComplaintTableModel(QAbstractTableModel):
    def __init__(self, source: CaseSource, calendar: WorkingCalendar,
                 categories: CategoryNames, today: Callable[[], date],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._calendar = calendar
        self._categories = categories
        self._today = today
        self._filter = CaseFilter()
        self._sort = Sort()
        self._total = 0
        self._more = False  # a search with more matches than the list shows
        self._pages: OrderedDict[int, list[CaseListRow]] = OrderedDict()
        self.page_reads = 0  # pages read from the database (tests and the benchmark look)

    # --- what is shown -------------------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def sort_order(self) -> Sort:
        return self._sort

    def set_filter(self, case_filter: CaseFilter) -> None:
        self._filter = case_filter
        self.refresh()

    def refresh(self) -> None:
        """Read the count again and forget the cached pages (after a change or F5)."""
        self.beginResetModel()
        self._pages.clear()
        if self._filter.text.strip():  # counting every match of a common word is the cost
            found = self._source.count(self._filter, SEARCH_COUNT_CAP)
            self._more = found > SEARCH_COUNT_CAP
            self._total = min(found, SEARCH_COUNT_CAP)
        else:
            self._more = False
            self._total = self._source.count(self._filter)
        self.endResetModel()

    @property
    def more_than_shown(self) -> bool:
        """A search matched more than SEARCH_COUNT_CAP cases: the list holds the first ones
        of its order."""
        return self._more

    def count_text(self) -> str:
        """How many cases the list holds, in words (the status line)."""
        if self._more:
            return _("More than {count} cases match: the first {count} are listed. "
                     "Add words to narrow the search.").format(count=f"{self._total:,}")
        return _("{count} cases").format(count=f"{self._total:,}")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = Sort(COLUMNS[column].sort_key, order == Qt.SortOrder.DescendingOrder)
        self.refresh()

    def sort_column(self) -> int:
        return next(i for i, c in enumerate(COLUMNS) if c.sort_key is self._sort.key)

    def record(self, row: int) -> CaseListRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            # Scrolling reads the page next to one already held: read it from that page's
            # boundary row (keyset: found from the index), not by counting the rows before it.
            previous, following = self._pages.get(number - 1), self._pages.get(number + 1)
            page = self._source.page(
                self._filter, self._sort, number * PAGE_SIZE, PAGE_SIZE, self._total,
                after=previous[-1] if previous and len(previous) == PAGE_SIZE else None,
                before=following[0] if following and previous is None else None)
            self.page_reads += 1
            self._pages[number] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def row_of(self, reference: str) -> int | None:
        """The row of a case among the pages already read (None if not read yet)."""
        for number, page in self._pages.items():
            for offset, record in enumerate(page):
                if record.reference == reference:
                    return number * PAGE_SIZE + offset
        return None

    # --- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(COLUMNS[section].title)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.record(index.row())
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return getattr(record, COLUMNS[column].sort_key.value)
        mark = self._mark(record)
        if role == MARK_ROLE:
            return int(mark)
        if role == Qt.ItemDataRole.BackgroundRole and mark is not DueMark.NONE:
            return QBrush(OVERDUE_BACKGROUND if mark is DueMark.OVERDUE else DUE_SOON_BACKGROUND)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_DUE and mark is not DueMark.NONE:
            return icons.overdue_icon() if mark is DueMark.OVERDUE else icons.due_soon_icon()
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DUE and mark is not DueMark.NONE:
            return _("Overdue") if mark is DueMark.OVERDUE else _("Due within two working days")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LEVEL:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _mark(self, record: CaseListRow) -> DueMark:
        return due_mark(record.status, record.due_on, self._today(), self._calendar)

    def _display(self, r: CaseListRow, column: int) -> str:
        if column == COL_REFERENCE:
            return r.reference
        if column == COL_RECEIVED:
            return date_text(r.received_at)
        if column == COL_CHANNEL:
            return channel_text(r.channel)
        if column == COL_SUBJECT:
            return r.subject
        if column == COL_CATEGORY:
            return self._categories.text(r.category_code)
        if column == COL_LEVEL:
            return str(r.level) if r.level else ""
        if column == COL_STATUS:
            return status_text(r.status, r.closure)
        if column == COL_RESPONSIBLE:
            return r.responsible_person or r.responsible_unit or ""
        if column == COL_DUE:
            return self._due_text(r)
        if column == COL_OFFICE:
            return r.office_code
        return ""

    def _due_text(self, r: CaseListRow) -> str:
        if r.due_on is None:
            return ""
        text = date_text(r.due_on)
        if r.status == "closed":
            return text
        left = self._calendar.working_days_between(self._today(), r.due_on)
        if left < 0:
            late = -left
            return text + " " + ngettext("({n} day late)", "({n} days late)", late).format(n=late)
        return text + " " + ngettext("({n} day left)", "({n} days left)", left).format(n=left)
