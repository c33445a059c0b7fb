"""Monthly KPIs for one office or all: the store's counts, the domain's arithmetic.

The store tallies the cases in SQL (store/queries.py: the domain's predicates have SQL twins);
no case is read into Python."""

from __future__ import annotations

from datetime import date
from typing import Any

from complaint_desk.domain import kpi
from complaint_desk.domain.calendar import BE_OFFSET, month_bounds
from complaint_desk.domain.errors import N_, NotFound
from complaint_desk.domain.improvement import add_months
from complaint_desk.store import queries, queries_analysis
from complaint_desk.store.database import Database
from complaint_desk.store.models import Office
from complaint_desk.store.unit_of_work import UnitOfWork


def monthly_kpis(db: Database, year: int, month: int,
                 office_code: str | None = None) -> dict[str, Any]:
    """The KPI dictionary of docs/kpi.md for a Gregorian (year, month)."""
    start, end = month_bounds(year, month)
    figures = period_kpis(db, start, end, office_code)
    return {"month": f"{year + BE_OFFSET}-{month:02d}", "office": office_code, **figures}


def _check_office(uow: UnitOfWork, office_code: str | None) -> None:
    if office_code and uow.session.get(Office, office_code) is None:
        raise NotFound(N_("Unknown office: {value}"), value=office_code)


def period_kpis(db: Database, start: date, end: date,
                office_code: str | None = None) -> dict[str, Any]:
    """The figures of docs/kpi.md (without ``month`` and ``office``) for the days in
    [start, end): a month for ``monthly_kpis``, a year for the AAR. "Month end" is ``end``."""
    with UnitOfWork(db, write=False) as uow:
        session = uow.session
        _check_office(uow, office_code)
        received = queries.received_tallies(session, start, end, office_code).get(
            (), kpi.ReceivedTally())
        closed = queries.closed_tallies(session, start, end, office_code).get(
            (), kpi.ClosedTally())
        open_count, overdue = queries.open_and_overdue_at(session, end, office_code)
        reviewed = queries.reviewed_count(session, start, end, office_code)
    return kpi.kpis_from_tallies(received, closed, open_at_month_end=open_count,
                                 overdue_at_month_end=overdue, reviewed=reviewed)


def received_and_closed_by_month(db: Database, year: int, month: int, months: int,
                                 office_code: str | None = None) -> list[tuple[int, int]]:
    """(received, closed) of the ``months`` months ending with (Gregorian) ``year``-``month``,
    oldest first: ``monthly_kpis``' two counts, as one index-range count a month each (the
    report's 13-month trend; its comparisons take three months' ``monthly_kpis``)."""
    first = add_months(year, month, 1 - months)
    start, end = date(*first, 1), month_bounds(year, month)[1]
    with UnitOfWork(db, write=False) as uow:
        _check_office(uow, office_code)
        received, closed = (queries_analysis.counts_by_month(uow.session, column, start, end,
                                                             office_code)
                            for column in ("received_at", "closed_at"))
    series = [add_months(*first, k) for k in range(months)]
    return [(received.get(ym, 0), closed.get(ym, 0)) for ym in series]
