"""Read side for the printed reports: grouped counts in SQL, never rows of people.

Every query here returns aggregates or reference data; none selects a complainant column.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from complaint_desk.domain.kpi import last_day, month_end_moment
from complaint_desk.store.models import Category, Level, Office, Setting
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.queries import open_cases_at, overdue_on


def _office(office_code: str | None) -> list[object]:
    return [C.office_code == office_code] if office_code else []


def open_and_overdue_by_unit(session: Session, end: date,
                             office_code: str | None) -> list[tuple[str | None, int, int]]:
    """(responsible unit, open, overdue) at the moment ``end`` begins, with the same
    definitions as ``queries.open_and_overdue_at``; the most overdue units first."""
    cases = open_cases_at(month_end_moment(end), office_code, C.responsible_unit, C.due_on)
    overdue = func.sum(case((overdue_on(last_day(end), cases.c.due_on), 1), else_=0))
    query = (select(cases.c.responsible_unit, func.count(), overdue)
             .group_by(cases.c.responsible_unit)
             .order_by(overdue.desc(), func.count().desc(), cases.c.responsible_unit))
    return [(unit, int(n), int(late or 0)) for unit, n, late in session.execute(query)]


def frequent_texts(session: Session, column: str, start: date, end: date,
                   office_code: str | None, limit: int = 8) -> list[tuple[str, int]]:
    """The most frequent values of a closing text (``root_cause``, ``corrective_action``) on
    cases resolved in [start, end), with how many cases gave each."""
    if column not in ("root_cause", "corrective_action"):
        raise ValueError(column)
    text = getattr(C, column)
    query = (select(text, func.count()).where(
        C.closed_at >= month_end_moment(start), C.closed_at < month_end_moment(end),
        C.closure == "resolved", text.is_not(None), text != "",
        *_office(office_code))  # type: ignore[arg-type]
        .group_by(text).order_by(func.count().desc(), text).limit(limit))
    return [(value, int(n)) for value, n in session.execute(query)]


def category_names(session: Session) -> dict[str, tuple[str, str]]:
    return {code: (th, en) for code, th, en in
            session.execute(select(Category.code, Category.name_th, Category.name_en))}


def level_names(session: Session) -> dict[int, tuple[str, int]]:
    return {n: (name, days) for n, name, days in
            session.execute(select(Level.number, Level.name, Level.target_working_days))}


def office_name(session: Session, office_code: str) -> str | None:
    return session.execute(select(Office.name).where(Office.code == office_code)).scalar()


def settings(session: Session, keys: tuple[str, ...]) -> dict[str, str]:
    return {k: v for k, v in session.execute(select(Setting.key, Setting.value)
                                             .where(Setting.key.in_(keys)))}
