"""Monthly KPIs for one office or all: the store's facts, the domain's arithmetic."""

from __future__ import annotations

from datetime import date
from typing import Any

from complaint_desk.domain import kpi
from complaint_desk.domain.calendar import BE_OFFSET, month_bounds
from complaint_desk.domain.errors import N_, NotFound
from complaint_desk.store import queries
from complaint_desk.store.database import Database
from complaint_desk.store.models import Office
from complaint_desk.store.unit_of_work import UnitOfWork


def monthly_kpis(db: Database, year: int, month: int,
                 office_code: str | None = None) -> dict[str, Any]:
    """The KPI dictionary of docs/kpi.md for a Gregorian (year, month)."""
    start, end = month_bounds(year, month)
    figures = period_kpis(db, start, end, office_code)
    return {"month": f"{year + BE_OFFSET}-{month:02d}", "office": office_code, **figures}


def period_kpis(db: Database, start: date, end: date,
                office_code: str | None = None) -> dict[str, Any]:
    """The figures of docs/kpi.md (without ``month`` and ``office``) for the days in
    [start, end): a month for ``monthly_kpis``, a year for the AAR. "Month end" is ``end``."""
    with UnitOfWork(db, write=False) as uow:
        session = uow.session
        if office_code and session.get(Office, office_code) is None:
            raise NotFound(N_("Unknown office: {value}"), value=office_code)
        received = queries.received_facts(session, start, end, office_code)
        closed = queries.closed_facts(session, start, end, office_code)
        open_count, overdue = queries.open_and_overdue_at(session, end, office_code)
        reviewed = queries.reviewed_count(session, start, end, office_code)
    return kpi.monthly_kpis(received, closed, open_at_month_end=open_count,
                            overdue_at_month_end=overdue, reviewed=reviewed)
