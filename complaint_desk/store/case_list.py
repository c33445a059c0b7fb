"""The read side of the case list: filtered, sorted pages of plain rows, and queue counts.

Everything is done in SQL (filter, sort, count); a page is ``limit`` rows at ``offset``.
Deep pages of the whole table and of long lists (over REVERSE_FROM rows) are read from the
other end (the order reversed, the offset counted from the end) so jumping to the last page
costs what the first page costs. The order always ends with ``id`` so it is total and pages
never overlap.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    bindparam,
    case,
    false,
    func,
    literal,
    or_,
    select,
    text,
    true,
    tuple_,
)
from sqlalchemy.orm import Session

from complaint_desk.domain.case_list import (
    CaseFilter,
    Queue,
    Sort,
    SortKey,
    Viewer,
    next_steps_for,
    week_end,
)
from complaint_desk.domain.complaint import OPEN_STATUSES, Status
from complaint_desk.store import engine_features, search
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.queries_analysis import drilldown_conditions

_OPEN = sorted(s.value for s in OPEN_STATUSES)
LIST_COLUMNS = (C.id, C.reference, C.received_at, C.channel, C.subject, C.category_code,
                C.level, C.status, C.closure, C.responsible_unit, C.responsible_person,
                C.due_on, C.office_code, C.significant, C.version)


# Below this many rows an OFFSET walk is cheap (< 50 ms measured); reading backwards could
# make SQLite walk a whole index when the matches cluster at the far end (due-date filters).
# The whole table has no such cluster (every row matches): its second half is always read
# from the end (the last page of 100,000 cases: 0.4 ms instead of 7 ms).
REVERSE_FROM = 100_000


class CaseListRow(NamedTuple):
    """One line of the list: what the columns show, plus the id and version to act on.
    A named tuple: a page makes 200 of them, ten times cheaper than frozen dataclasses
    (0.04 ms a page against 0.35, next to a 0.3 ms query)."""

    id: int
    reference: str
    received_at: datetime
    channel: str
    subject: str
    category_code: str | None
    level: int | None
    status: str
    closure: str | None
    responsible_unit: str | None
    responsible_person: str | None
    due_on: date | None
    office_code: str
    significant: bool
    version: int


def _is_open() -> ColumnElement[bool]:
    return C.status.in_(_OPEN)


def _my_work(viewer: Viewer, is_open: ColumnElement[bool]) -> ColumnElement[bool]:
    waiting: list[ColumnElement[bool]] = []
    try:
        steps = next_steps_for(viewer.role)
    except ValueError:
        steps = []
    for step in steps:
        condition: ColumnElement[bool] = C.status.in_(sorted(step.statuses))
        if step.levels is not None:
            condition = and_(condition, C.level.in_(sorted(step.levels)))
        waiting.append(condition)
    mine = [C.responsible_person.in_(viewer.names)] if viewer.names else []
    options = waiting + mine
    return and_(is_open, or_(*options)) if options else false()


def queue_condition(queue: Queue, viewer: Viewer, today: date, *,
                    among_open: bool = False) -> ColumnElement[bool]:
    """The queue's cases. ``among_open``: the caller already keeps to the open cases, so the
    condition need not say it again (the queue counts: with the open check repeated in each
    of eight sums the count took twice the hand-written query's time, issue 20)."""
    is_open = true() if among_open else _is_open()
    if queue is Queue.MY_WORK:
        return _my_work(viewer, is_open)
    if queue is Queue.TO_ACKNOWLEDGE:
        return C.status == Status.RECEIVED.value
    if queue is Queue.TO_ASSESS:
        return C.status == Status.ACKNOWLEDGED.value
    if queue is Queue.DUE_THIS_WEEK:
        return and_(is_open, C.due_on >= today, C.due_on <= week_end(today))
    if queue is Queue.OVERDUE:
        return and_(is_open, C.due_on < today)
    if queue is Queue.SIGNIFICANT:
        return and_(is_open, C.significant.is_(True))
    if queue is Queue.UNDER_REVIEW:
        return C.status == Status.UNDER_REVIEW.value
    if queue is Queue.ALL_OPEN:
        return is_open
    if queue is Queue.CLOSED:
        return C.status == Status.CLOSED.value
    return true()


def conditions(case_filter: CaseFilter, viewer: Viewer, today: date,
               session: Session) -> list[ColumnElement[bool]]:
    return conditions_for(case_filter, viewer, today, session.get_bind().dialect.name,
                          search.has_fts(session))


def conditions_for(case_filter: CaseFilter, viewer: Viewer, today: date, dialect: str,
                   fts: bool) -> list[ColumnElement[bool]]:
    """The WHERE conditions of the filtered list, on an engine named ``dialect`` with or
    without the SQLite FTS5 search index (``fts``)."""
    f = case_filter
    found = [queue_condition(f.queue, viewer, today)]
    if f.statuses:
        found.append(C.status.in_(sorted(f.statuses)))
    if f.levels:
        found.append(C.level.in_(sorted(f.levels)))
    if f.categories:
        found.append(C.category_code.in_(sorted(f.categories)))
    if f.channels:
        found.append(C.channel.in_(sorted(f.channels)))
    if f.offices:
        found.append(C.office_code.in_(sorted(f.offices)))
    if f.responsible:
        found.append(C.responsible_unit == f.responsible)
    if f.received_from:
        found.append(C.received_at >= datetime.combine(f.received_from, time.min))
    if f.received_to:
        found.append(C.received_at < datetime.combine(f.received_to + timedelta(days=1),
                                                      time.min))
    if f.due_from:
        found.append(C.due_on >= f.due_from)
    if f.due_to:
        found.append(C.due_on <= f.due_to)
    if f.drilldown:
        found.extend(drilldown_conditions(dict(f.drilldown)))
    if f.text.strip():
        found.append(search.text_condition_for(dialect, fts, f.text,
                                               include_personal=viewer.sees_personal_data))
    return found


# Keys with few distinct values break ties by the time received (then id): the indexes
# (key, received_at) then serve both the sort and "filter by key, newest first".
_TIES_BY_RECEIVED = frozenset({SortKey.CHANNEL, SortKey.CATEGORY, SortKey.LEVEL, SortKey.STATUS,
                               SortKey.RESPONSIBLE, SortKey.OFFICE})


def _order(sort: Sort, reverse: bool) -> list[Any]:
    columns = _order_columns(sort)
    descending = sort.descending != reverse
    return [c.desc() if descending else c.asc() for c in columns]


# A text search counts at most this many matches (the list shows them, and says "more than"
# when there are more): a word in every case took 174 ms to count at 1,000,000 cases, 2 ms
# capped, while its first page takes 1 ms. Other filters count exactly. It must stay below
# REVERSE_FROM: a capped total is not the end of the list, so it is never read backwards.
SEARCH_COUNT_CAP = 10_000


def count_statement(case_filter: CaseFilter, viewer: Viewer, today: date, dialect: str,
                    fts: bool, *, cap: int | None = None) -> Select[int]:
    """The count of the filtered list; with ``cap``, of at most ``cap + 1`` rows (so more
    than ``cap`` can be told from exactly ``cap``). A text search and nothing else is counted
    in the FTS5 index alone (the matching cases are not looked up)."""
    matching: Select[Any] | None = None
    if fts and _only_text(case_filter):
        matching = search.fts_rowids_if_indexed(case_filter.text,
                                                include_personal=viewer.sees_personal_data)
    if matching is None:
        where = conditions_for(case_filter, viewer, today, dialect, fts)
        if cap is None:  # the plain form: SQLite counts a whole table from its smallest index
            return select(func.count()).select_from(C).where(*where)
        matching = select(C.id).where(*where)
    if cap is not None:
        matching = matching.limit(cap + 1)
    return select(func.count()).select_from(matching.subquery())


def _only_text(case_filter: CaseFilter) -> bool:
    return bool(case_filter.text.strip()) and \
        replace(case_filter, text="") == CaseFilter(queue=Queue.ALL)


def unfiltered(case_filter: CaseFilter) -> bool:
    """The whole table: every row matches, so a deep page is cheapest read from the end."""
    return replace(case_filter, text=case_filter.text.strip()) == CaseFilter(queue=Queue.ALL)


def reads_backwards(case_filter: CaseFilter, offset: int, total: int | None) -> bool:
    """Whether a page at ``offset`` of ``total`` rows is read from the other end: in the
    second half of the whole table, or of any list longer than REVERSE_FROM."""
    return total is not None and offset > total // 2 and (
        total > REVERSE_FROM or unfiltered(case_filter))


def count_cases(session: Session, case_filter: CaseFilter, viewer: Viewer, today: date) -> int:
    query = count_statement(case_filter, viewer, today, session.get_bind().dialect.name,
                            search.has_fts(session))
    return int(session.execute(query).scalar() or 0)


# The page's bounds are parameters, so one compiled statement serves every page of a list.
OFFSET, LIMIT = "list_offset", "list_limit"


def page_statement(case_filter: CaseFilter, sort: Sort, viewer: Viewer, today: date,
                   dialect: str, fts: bool, *, backwards: bool) -> Select[*tuple[Any, ...]]:
    """The rows of the filtered list in ``sort`` order (reversed when ``backwards``), from
    the parameters OFFSET for LIMIT rows."""
    where = conditions_for(case_filter, viewer, today, dialect, fts)
    return _rows_in_order(where, _order(sort, reverse=backwards), case_filter, offset=True)


# --- keyset pages: the page after (or before) a row the list already holds ------------------
# OFFSET walks and throws away every row before the page: 400,000 of them 40 % down a million
# cases (770 ms on PostgreSQL). When the list holds the page before the one asked for, the
# rows after its last row are found from the index instead (O(log n)): WHERE (key[,
# received_at], id) comes after the boundary's in the list's order, ORDER BY ... LIMIT. The
# order ends with id, so "after the boundary" is exactly the rows OFFSET would give. A row
# comparison says nothing about NULL, and only the sort key may be NULL (received_at and id
# never are), so a page is read in up to two parts: the rows after the boundary within its
# own class (NULL key or not), then, if the page is not full, the other class when it comes
# after in this order (engine_features.nulls_sort_high: the engines put NULL at opposite
# ends). Each part is an index range read in the index's order.
KEY = ("list_key", "list_key_received", "list_key_id")


def keyset_statements(case_filter: CaseFilter, sort: Sort, viewer: Viewer, today: date,
                      dialect: str, fts: bool, *, backwards: bool,
                      null_key: bool) -> list[Select[*tuple[Any, ...]]]:
    """The LIMIT rows after a boundary row in ``sort`` order (reversed when ``backwards``:
    the rows before it, last first), as one or two statements read in turn until LIMIT rows
    are read (see above). The boundary's values are the parameters named in KEY (its sort
    key, received_at when the order has it, id); ``null_key``: its sort key is NULL."""
    where = conditions_for(case_filter, viewer, today, dialect, fts)
    order = _order(sort, reverse=backwards)
    columns = _order_columns(sort)
    descending = sort.descending != backwards
    key, rest = columns[0], columns[1:]
    bounds = [bindparam(name, None, type_=c.type)
              for name, c in zip(_key_names(columns), columns, strict=True)]

    def after(cols: list[Any], values: list[Any]) -> ColumnElement[bool]:
        left = cols[0] if len(cols) == 1 else tuple_(*cols)
        right = values[0] if len(values) == 1 else tuple_(*values)
        found: ColumnElement[bool] = left < right if descending else left > right
        return found

    nulls_come_last = engine_features.nulls_sort_high(dialect) != descending
    nullable = bool(C.__table__.c[key.key].nullable)
    parts: list[ColumnElement[bool]]
    if null_key:
        parts = [and_(key.is_(None), after(rest, bounds[1:]))]
        if not nulls_come_last:
            parts.append(key.is_not(None))
    else:
        parts = [after(columns, bounds)]
        if nullable and nulls_come_last:
            parts.append(key.is_(None))
    return [_rows_in_order(where + [part], order, case_filter, offset=False) for part in parts]


def _order_columns(sort: Sort) -> list[Any]:
    key = SortKey(sort.key)
    columns = [getattr(C, key.value)]
    if key in _TIES_BY_RECEIVED:
        columns.append(C.received_at)
    columns.append(C.id)
    return columns


def keyset_values(sort: Sort, row: CaseListRow) -> dict[str, Any]:
    """The KEY parameters of a boundary ``row`` (Python values)."""
    columns = _order_columns(sort)
    return {name: getattr(row, c.key)
            for name, c in zip(_key_names(columns), columns, strict=True)}


def _key_names(columns: list[Any]) -> tuple[str, ...]:
    return KEY if len(columns) == 3 else (KEY[0], KEY[2])


def _rows_in_order(where: list[ColumnElement[bool]], order: list[Any], case_filter: CaseFilter,
                   *, offset: bool) -> Select[*tuple[Any, ...]]:
    # 15 columns: past select()'s typed overloads, so the row is typed as any-length.
    columns: Select[*tuple[Any, ...]] = select(*LIST_COLUMNS)
    limit = bindparam(LIMIT, 0, type_=Integer)
    if case_filter.text.strip():
        # Every match is sorted (no index gives the order): sort the ids and the sort keys
        # only, then read the page's rows (a sorter full of Thai text was twice as slow).
        ids = select(C.id).where(*where).order_by(*order)
        if offset:
            ids = ids.offset(bindparam(OFFSET, 0, type_=Integer))
        return columns.where(C.id.in_(ids.limit(limit).scalar_subquery())).order_by(*order)
    found = columns.where(*where).order_by(*order)
    if offset:
        found = found.offset(bindparam(OFFSET, 0, type_=Integer))
    return found.limit(limit)


def page_bounds(offset: int, limit: int, total: int | None,
                backwards: bool) -> tuple[int, int]:
    """OFFSET and LIMIT of rows [offset, offset + limit), counted from the end when
    ``backwards`` (then the rows come last first)."""
    if not backwards or total is None:
        return offset, limit
    end = min(offset + limit, total)
    return total - end, end - offset


# --- a text search, newest first, from the FTS5 index's rowid order -------------------------
# The default order (newest received first) of a text search needs every match looked up and
# sorted (3,437 rows at 100,000 cases, 35,000 at a million) before its first row is known.
# FTS5 gives its matches in rowid (= id) order cheaply and can stop after the first K; cases
# are mostly entered in the order received, so the K highest ids are usually the K newest.
# Usually is not always (a letter entered days later, merged offices' cases), so one indexed
# check proves it: no case with a lower id than the K candidates was received at or after the
# K-th of them. If one was, the page is read the ordinary way.
SINCE, BELOW = "list_since", "list_below"
# Rows read this way at most (the first pages), and the matches from which it pays: it costs
# an index walk over the cases received since the K-th candidate (~K / share of matches
# entries, 20 ns each), the ordinary way a look-up per match (~2.5 us): the walk is cheaper
# once matches ** 2 > K * cases / 125, i.e. from ~400 matches at 100,000 cases, ~1,300 at a
# million for the first page.
NEWEST_FIRST_ROWS = 1000
NEWEST_FIRST_FROM = 1000


def newest_first_applies(case_filter: CaseFilter, sort: Sort, fts: bool, *, offset: int,
                         limit: int, total: int | None) -> bool:
    return (fts and total is not None and total >= NEWEST_FIRST_FROM
            and offset + limit <= min(NEWEST_FIRST_ROWS, total) and sort == Sort()
            and _only_text(case_filter)
            and all(len(w) >= search.TRIGRAM for w in case_filter.text.split()))


def newest_candidates_statement(case_filter: CaseFilter,
                                viewer: Viewer) -> Select[*tuple[Any, ...]]:
    """The LIMIT matches with the highest ids, in no particular order."""
    ids = search.fts_rowids(case_filter.text, include_personal=viewer.sees_personal_data) \
        .order_by(text("rowid DESC")).limit(bindparam(LIMIT, 0, type_=Integer))
    columns: Select[*tuple[Any, ...]] = select(*LIST_COLUMNS)
    return columns.where(C.id.in_(ids.scalar_subquery()))


def newest_check_statement() -> Select[int]:
    """A case below id BELOW received at or after SINCE (then the candidates may not be the
    newest): an index-only range on ix_complaints_received."""
    return select(literal(1)).where(C.received_at >= bindparam(SINCE, None, type_=C.received_at.type),
                                    C.id < bindparam(BELOW, 0, type_=Integer)).limit(1)


def page(session: Session, case_filter: CaseFilter, sort: Sort, viewer: Viewer, today: date,
         *, offset: int, limit: int, total: int | None = None) -> list[CaseListRow]:
    """Rows [offset, offset + limit) of the filtered, sorted list. With ``total`` given, a
    page in the second half is read backwards from the end (reads_backwards)."""
    backwards = reads_backwards(case_filter, offset, total)
    statement = page_statement(case_filter, sort, viewer, today,
                               session.get_bind().dialect.name, search.has_fts(session),
                               backwards=backwards)
    start, count = page_bounds(offset, limit, total, backwards)
    rows = list(session.execute(statement, {OFFSET: start, LIMIT: count}).all())
    if backwards:
        rows.reverse()
    return [CaseListRow(*row) for row in rows]


QUEUE_ORDER = tuple(Queue)


def queue_counts(session: Session, viewer: Viewer, today: date) -> dict[Queue, int]:
    """Every queue's count in two queries: one over the open cases (indexed by status), one
    for the whole table."""
    open_queues = [q for q in QUEUE_ORDER if q not in (Queue.ALL, Queue.CLOSED)]
    sums = [func.sum(case((queue_condition(q, viewer, today, among_open=True), 1), else_=0))
            for q in open_queues]
    values = session.execute(select(*sums).where(_is_open())).one()
    counts: dict[Queue, int] = {q: int(v or 0) for q, v in zip(open_queues, values, strict=True)}
    counts[Queue.ALL] = int(session.execute(select(func.count()).select_from(C)).scalar() or 0)
    counts[Queue.CLOSED] = counts[Queue.ALL] - counts[Queue.ALL_OPEN]
    return counts
