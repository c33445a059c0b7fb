"""The read side: plain rows for KPIs, lists and exports. No ORM objects leave here."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, case, func, or_, select, union_all
from sqlalchemy.orm import Session

from complaint_desk.domain.kpi import (
    SATISFIED_FROM,
    ClosedFacts,
    ClosedTally,
    ReceivedFacts,
    ReceivedTally,
    breakdown_key,
    last_day,
    month_end_moment,
)
from complaint_desk.store.engine_features import (
    day_of,
    days_between,
    filter_only,
    month_of,
    parse_month_of,
)
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.models import EventRow


def _office(office_code: str | None) -> list[ColumnElement[bool]]:
    return [C.office_code == office_code] if office_code else []


def office_within(office_code: str | None) -> list[ColumnElement[bool]]:
    """The office as a filter checked inside whichever index serves the dates
    (engine_features.filter_only: on SQLite the planner must not choose the (office_code,
    received_at) index for a closing or a review in one month; bench/bench_kpi.py)."""
    return [filter_only(C.office_code) == office_code] if office_code else []


def received_facts(session: Session, start: date, end: date,
                   office_code: str | None) -> list[ReceivedFacts]:
    """Cases received in [start, end)."""
    query = select(C.received_at, C.acknowledged_at, C.ack_due_on, C.channel, C.category_code,
                   C.level).where(C.received_at >= month_end_moment(start),
                                  C.received_at < month_end_moment(end), *_office(office_code))
    return [ReceivedFacts(*row) for row in session.execute(query)]


def closed_facts(session: Session, start: date, end: date,
                 office_code: str | None) -> list[ClosedFacts]:
    """Cases whose latest closing is in [start, end)."""
    query = select(C.received_at, C.closed_at, C.due_on, C.satisfaction).where(
        C.closed_at >= month_end_moment(start), C.closed_at < month_end_moment(end),
        *office_within(office_code))
    return [ClosedFacts(r[0], r[1], r[2], r[3]) for r in session.execute(query)
            if r[1] is not None]


# --- the KPI predicates in SQL (twins of domain/kpi.py; tests/store/test_kpi_twins.py) ------


def acknowledged_on_time() -> ColumnElement[bool]:
    """kpi.acknowledged_on_time in SQL."""
    return and_(C.acknowledged_at.is_not(None), C.ack_due_on.is_not(None),
                day_of(C.acknowledged_at) <= C.ack_due_on)


def closed_within_target() -> ColumnElement[bool]:
    """kpi.closed_within_target in SQL (of a closed case)."""
    return and_(C.due_on.is_not(None), day_of(C.closed_at) <= C.due_on)


def days_to_close() -> ColumnElement[int]:
    """kpi.days_to_close in SQL (of a closed case)."""
    return days_between(C.closed_at, C.received_at)


def satisfied() -> ColumnElement[bool]:
    """kpi.is_satisfied in SQL (of a case with a score)."""
    return C.satisfaction >= SATISFIED_FROM


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


# A tally's grouping: by "month" (of the date that puts the case in the period: received or
# closed) and/or by handling "level". The key of a group is (year, month) and/or the level,
# in that order; () when not grouped.
Grouping = Sequence[str]


def _month_of(column: Any) -> list[ColumnElement[Any]]:
    return [month_of(column)]


def _group_key(month: Sequence[Any], level: Any, by: Grouping) -> tuple[Hashable, ...]:
    key: tuple[Hashable, ...] = ()
    if "month" in by:
        key += (parse_month_of(month[0]),)
    if "level" in by:
        key += (level,)
    return key


def received_tallies(session: Session, start: date, end: date, office_code: str | None,
                     by: Grouping = (), *, breakdowns: bool = True,
                     ) -> dict[tuple[Hashable, ...], ReceivedTally]:
    """kpi.tally_received of the cases received in [start, end), counted in SQL, per group
    (see ``Grouping``); a group without cases is absent. The same figures as tallying
    ``received_facts`` without reading a row per case. Without ``breakdowns`` the tallies'
    by_channel/by_category/by_level are left empty (the dashboard's months and levels).

    The counts and each breakdown are separate grouped queries: grouped all at once, by month,
    channel, category and level, a year made thousands of groups and SQLite's sort of them
    was most of the time (125 ms → 55 ms for a year at 100,000 cases)."""
    if set(by) - {"month", "level"}:
        raise ValueError(by)
    month = _month_of(C.received_at) if "month" in by else []
    level = [C.level] if "level" in by else []
    received_in = [C.received_at >= month_end_moment(start),
                   C.received_at < month_end_moment(end), *_office(office_code)]
    counts: dict[tuple[Hashable, ...], list[Any]] = defaultdict(
        lambda: [0, 0, Counter(), Counter(), Counter()])

    def key(row: Any) -> tuple[Hashable, ...]:
        return _group_key(row[:len(month)], row[len(month)] if level else None, by)

    grouped = len(month) + len(level)
    query = (select(*month, *level, func.count(), _count_if(acknowledged_on_time()))
             .where(*received_in).group_by(*month, *level))
    for row in session.execute(query):
        if not row[grouped]:
            continue  # not grouped at all: one row of zeros when no case was received
        found = counts[key(row)]
        found[0] += int(row[grouped])
        found[1] += int(row[grouped + 1] or 0)
    if breakdowns:
        for index, column in ((2, C.channel), (3, C.category_code), (4, C.level)):
            query = (select(*month, *level, column, func.count()).where(*received_in)
                     .group_by(*month, *level, column))
            for row in session.execute(query):
                counts[key(row)][index][breakdown_key(row[grouped])] += int(row[grouped + 1])
    return {group: ReceivedTally(*found) for group, found in counts.items()}


def closed_tallies(session: Session, start: date, end: date, office_code: str | None,
                   by: Grouping = (), *, days: bool = True,
                   ) -> dict[tuple[Hashable, ...], ClosedTally]:
    """kpi.tally_closed of the cases whose latest closing is in [start, end), counted in SQL
    per group (see ``Grouping``) and per number of days to close. Without ``days`` the
    tallies' ``days`` histogram is left empty (the mean and median are then None): the
    dashboard shows neither, and grouping by the days too doubled the time of its sort."""
    if set(by) - {"month", "level"}:
        raise ValueError(by)
    month = _month_of(C.closed_at) if "month" in by else []
    level = [C.level] if "level" in by else []
    day_count = [days_to_close()] if days else []
    query = (select(*month, *level, *day_count, func.count(), func.count(C.due_on),
                    _count_if(closed_within_target()), func.count(C.satisfaction),
                    func.sum(C.satisfaction), _count_if(satisfied()))
             .where(C.closed_at >= month_end_moment(start), C.closed_at < month_end_moment(end),
                    *office_within(office_code))
             .group_by(*month, *level, *day_count))
    tallies: dict[tuple[Hashable, ...], list[Any]] = defaultdict(
        lambda: [0, 0, 0, Counter(), 0, 0, 0])
    grouped = len(month) + len(level)
    for row in session.execute(query):
        key = _group_key(row[:len(month)], row[len(month)] if level else None, by)
        n, with_due, within, scored, score_sum, happy = row[grouped + len(day_count):]
        if not n:
            continue  # not grouped at all: one row of zeros when no case was closed
        found = tallies[key]
        found[0] += int(n)
        found[1] += int(with_due)
        found[2] += int(within or 0)
        if days:
            found[3][int(row[grouped])] += int(n)
        found[4] += int(scored)
        found[5] += int(score_sum or 0)
        found[6] += int(happy or 0)
    return {key: ClosedTally(*found) for key, found in tallies.items()}


def reviewed_by_month(session: Session, start: date, end: date,
                      office_code: str | None) -> dict[tuple[int, int], int]:
    """``reviewed_count`` of each month in [start, end), by (year, month)."""
    month = _month_of(C.reviewed_at)
    query = (select(*month, func.count()).where(
        C.reviewed_at >= month_end_moment(start), C.reviewed_at < month_end_moment(end),
        *office_within(office_code)).group_by(*month))
    return {parse_month_of(row[0]): int(row[1]) for row in session.execute(query)}


def open_at(moment: datetime) -> ColumnElement[bool]:
    """kpi.is_open_at in SQL: received before ``moment`` and not (yet) closed then."""
    return and_(C.received_at < moment, or_(C.closed_at.is_(None), C.closed_at >= moment))


def overdue_on(day: date, due_on: Any = C.due_on) -> ColumnElement[bool]:
    """kpi.is_overdue_on in SQL: past its resolution due date at the end of ``day`` (of the
    complaints' ``due_on``, or of that column of a subquery)."""
    return and_(due_on.is_not(None), due_on < day)


def open_cases_at(moment: datetime, office_code: str | None, *columns: Any) -> Subquery:
    """``columns`` of the cases open at ``moment`` (``open_at``), for grouping: the cases never
    closed and those closed since, as two branches of a UNION ALL (``open_at`` split at its
    OR; the two are disjoint). Each branch is one range of ix_complaints_open_span, read from
    the index alone; with the OR and a GROUP BY in one query SQLite walked the
    responsible-unit index over every case instead (300 ms → 1 ms at 100,000 cases)."""
    branches = [select(*columns).where(condition, C.received_at < moment,
                                       *office_within(office_code))
                for condition in (C.closed_at.is_(None), C.closed_at >= moment)]
    return union_all(*branches).subquery()


def open_and_overdue_at(session: Session, end: date, office_code: str | None) -> tuple[int, int]:
    """Cases open at the moment ``end`` begins, and those of them past their due date."""
    is_open = and_(open_at(month_end_moment(end)), *office_within(office_code))
    overdue = func.sum(case((overdue_on(last_day(end)), 1), else_=0))
    total, late = session.execute(select(func.count(), overdue).where(is_open)).one()
    return int(total or 0), int(late or 0)


def reviewed_count(session: Session, start: date, end: date, office_code: str | None) -> int:
    query = select(func.count()).where(C.reviewed_at >= month_end_moment(start),
                                       C.reviewed_at < month_end_moment(end),
                                       *office_within(office_code))
    return int(session.execute(query).scalar() or 0)


EXPORT_COLUMNS: tuple[str, ...] = (
    "uuid", "reference", "office_code", "channel", "category_code", "level", "status", "closure",
    "severity", "significant", "received_at", "ack_due_on", "acknowledged_at", "notice_due_on",
    "assessed_at", "due_on", "responded_at", "closed_at", "satisfaction", "complainant_accepts",
    "review_count", "reviewed_at", "review_route", "responsible_unit", "subject", "project",
    "building", "unit", "complainant_anonymous", "complainant_key",
)
PERSONAL_EXPORT_COLUMNS: tuple[str, ...] = (
    "complainant_name", "complainant_national_id", "complainant_phone", "complainant_email",
    "complainant_address",
)


def iter_export_rows(session: Session, columns: tuple[str, ...], *,
                     received_from: datetime | None = None, received_to: datetime | None = None,
                     office_code: str | None = None, batch: int = 5000) -> Iterator[tuple[Any, ...]]:
    """Complaints in id order, streamed in batches (constant memory at any size)."""
    cols = [getattr(C, name) for name in columns]
    last_id = 0
    filters: list[ColumnElement[bool]] = list(_office(office_code))
    if received_from is not None:
        filters.append(C.received_at >= received_from)
    if received_to is not None:
        filters.append(C.received_at < received_to)
    while True:
        rows = session.execute(select(C.id, *cols).where(C.id > last_id, *filters)
                               .order_by(C.id).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield tuple(row[1:])
        last_id = rows[-1][0]


def timeline(session: Session, complaint_id: int) -> list[dict[str, Any]]:
    """A case's events, newest first."""
    rows = session.execute(select(EventRow.id, EventRow.at, EventRow.actor_name, EventRow.kind,
                                  EventRow.data).where(EventRow.complaint_id == complaint_id)
                           .order_by(EventRow.id.desc())).all()
    return [dict(id=r[0], at=r[1], actor=r[2], kind=r[3], data=r[4]) for r in rows]
