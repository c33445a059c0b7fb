"""The read side of analysis: grouped counts in SQL, drill-down.

Every period is half-open [start, end) over whole days, as in store/queries.py; the filters
(received in, closed in, open at, overdue on) are that module's, so a figure here and the
monthly KPI of the same period agree. Nothing here returns personal data: repeat
complainants are identified by their keyed hash only.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from complaint_desk.domain.improvement import add_months
from complaint_desk.domain.kpi import month_end_moment
from complaint_desk.store import queries
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.queries import office_within, open_at, overdue_on


def _office(office_code: str | None) -> list[ColumnElement[bool]]:
    return [C.office_code == office_code] if office_code else []


def _received_in(start: date, end: date) -> list[ColumnElement[bool]]:
    return [C.received_at >= month_end_moment(start), C.received_at < month_end_moment(end)]


def received_by(session: Session, column: str, start: date, end: date,
                office_code: str | None) -> dict[str, int]:
    """Cases received in [start, end) counted by a column (office_code, project ...)."""
    col = getattr(C, column)
    query = select(col, func.count()).where(*_received_in(start, end), *_office(office_code)) \
        .group_by(col)
    return {("none" if key is None else str(key)): int(n) for key, n in session.execute(query)}


def counts_by_month(session: Session, column: str, start: date, end: date,
                    office_code: str | None) -> dict[tuple[int, int], int]:
    """Cases whose ``received_at`` or (latest) ``closed_at`` is in [start, end), counted by
    (year, month): the same counts as len(received_facts) / len(closed_facts) of each month.
    One count of an index range a month: counting index entries is what databases do fastest
    (a month at 100,000 cases: well under a millisecond), where grouping a year by month
    computes the month of every case."""
    if column not in ("received_at", "closed_at"):
        raise ValueError(column)
    col = getattr(C, column)
    office = (office_within if column == "closed_at" else _office)(office_code)
    found = {}
    year, month = start.year, start.month
    while date(year, month, 1) < end:
        nxt = add_months(year, month, 1)
        first, last = max(start, date(year, month, 1)), min(end, date(*nxt, 1))
        n = session.execute(select(func.count()).where(
            col >= month_end_moment(first), col < month_end_moment(last), *office)).scalar()
        if n:
            found[(year, month)] = int(n)
        year, month = nxt
    return found


def closed_by_office(session: Session, start: date, end: date,
                     office_code: str | None) -> dict[str, int]:
    query = select(C.office_code, func.count()).where(
        C.closed_at >= month_end_moment(start), C.closed_at < month_end_moment(end),
        *_office(office_code)).group_by(C.office_code)
    return {str(key): int(n) for key, n in session.execute(query)}


def overdue_by_unit(session: Session, day: date,
                    office_code: str | None) -> list[tuple[str | None, int]]:
    """Cases open at the end of ``day`` and past their due date then, by responsible unit,
    most first (the same conditions as the monthly KPI ``overdue_at_month_end``).

    Grouped over ``queries.open_cases_at`` (read from an index alone)."""
    cases = queries.open_cases_at(month_end_moment(day + timedelta(days=1)), office_code,
                                  C.responsible_unit, C.due_on)
    overdue = func.sum(case((overdue_on(day, cases.c.due_on), 1), else_=0))
    query = (select(cases.c.responsible_unit, overdue).group_by(cases.c.responsible_unit)
             .having(overdue > 0).order_by(overdue.desc(), cases.c.responsible_unit))
    return [(unit, int(n)) for unit, n in session.execute(query)]


def top_locations(session: Session, start: date, end: date, office_code: str | None,
                  limit: int = 10) -> list[tuple[str | None, str | None, int]]:
    """(project, building, cases received) with the most cases first."""
    query = (select(C.project, C.building, func.count())
             .where(*_received_in(start, end), *_office(office_code), C.project.is_not(None))
             .group_by(C.project, C.building)
             .order_by(func.count().desc(), C.project, C.building).limit(limit))
    return [(p, b, int(n)) for p, b, n in session.execute(query)]


def repeat_complainants(session: Session, start: date, end: date, office_code: str | None,
                        limit: int = 10) -> tuple[int, int, list[tuple[str, int]]]:
    """Complainants (by keyed hash) with two or more cases received in the period: how many,
    how many cases they brought, and the keys with the most cases. One grouping of the
    period's cases (the repeaters are few beside them); it was two, one for the totals and
    one for the top."""
    query = (select(C.complainant_key, func.count())
             .where(*_received_in(start, end), *_office(office_code),
                    C.complainant_key.is_not(None))
             .group_by(C.complainant_key).having(func.count() >= 2))
    repeaters = sorted(((str(k), int(n)) for k, n in session.execute(query)),
                       key=lambda kn: (-kn[1], kn[0]))
    return len(repeaters), sum(n for _k, n in repeaters), repeaters[:limit]


def cause_count(session: Session, root_cause: str, start: date, end: date,
                office_code: str | None) -> int:
    """Cases received in [start, end) whose recorded root cause is ``root_cause``."""
    query = select(func.count()).where(C.root_cause == root_cause, *_received_in(start, end),
                                       *_office(office_code))
    return int(session.execute(query).scalar() or 0)


# --- drill-down ---------------------------------------------------------------------------

DRILLDOWN_KEYS: tuple[str, ...] = (
    "received_from", "received_to", "closed_from", "closed_to", "office", "channel",
    "category", "level", "responsible_unit", "project", "building", "complainant_key",
    "root_cause", "open_at_end_of", "overdue",
)
_EQUALS = {"office": C.office_code, "channel": C.channel, "category": C.category_code,
           "level": C.level, "responsible_unit": C.responsible_unit, "project": C.project,
           "building": C.building, "complainant_key": C.complainant_key,
           "root_cause": C.root_cause}


def drilldown_conditions(filters: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """SQL conditions for a dashboard filter (docs/analysis.md). Dates are inclusive days;
    ``None`` as a value (``{"level": None}``) means "not set yet"; ``overdue`` applies with
    ``open_at_end_of``."""
    unknown = set(filters) - set(DRILLDOWN_KEYS)
    if unknown:
        raise KeyError(f"unknown drill-down keys: {sorted(unknown)}")
    conditions: list[ColumnElement[bool]] = []
    for key, column in _EQUALS.items():
        if key in filters:
            value = filters[key]
            conditions.append(column.is_(None) if value is None else column == value)
    for prefix, column in (("received", C.received_at), ("closed", C.closed_at)):  # type: ignore[assignment]
        if filters.get(f"{prefix}_from") is not None:
            conditions.append(column >= month_end_moment(filters[f"{prefix}_from"]))
        if filters.get(f"{prefix}_to") is not None:
            conditions.append(column < month_end_moment(filters[f"{prefix}_to"]
                                                        + timedelta(days=1)))
    day = filters.get("open_at_end_of")
    if day is not None:
        conditions.append(open_at(month_end_moment(day + timedelta(days=1))))
        if filters.get("overdue"):
            conditions.append(overdue_on(day))
    return conditions


def count_matching(session: Session, filters: Mapping[str, Any]) -> int:
    query = select(func.count()).select_from(C).where(*drilldown_conditions(filters))
    return int(session.execute(query).scalar() or 0)
