"""Monthly KPIs for one office or all: the store's counts, the domain's arithmetic.

The store tallies the cases in SQL (store/queries.py: the domain's predicates have SQL twins),
so the work grows with the months asked for, not with the cases in them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from complaint_desk.domain import kpi
from complaint_desk.domain.calendar import BE_OFFSET, month_bounds
from complaint_desk.domain.errors import N_, NotFound
from complaint_desk.domain.improvement import add_months
from complaint_desk.store import queries
from complaint_desk.store.database import Database
from complaint_desk.store.models import Office
from complaint_desk.store.unit_of_work import UnitOfWork

Progress = Callable[[int, int], Any]


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


def monthly_series(db: Database, year: int, month: int, months: int,
                   office_code: str | None = None, *, breakdowns: bool = True,
                   progress: Progress | None = None) -> list[dict[str, Any]]:
    """``monthly_kpis`` of the ``months`` months ending with (Gregorian) ``year``-``month``,
    oldest first: the same dictionaries, from one grouped count of each side for all the
    months (the report's 13-month trend). Without ``breakdowns`` the dictionaries have no
    ``by_channel``/``by_category``/``by_level`` (a trend shows none, and counting them for
    every month took three more sorts of all the months' cases). ``progress(done, months)``
    after each month end's open and overdue count."""
    first = add_months(year, month, 1 - months)
    start, end = date(*first, 1), month_bounds(year, month)[1]
    series = [add_months(*first, k) for k in range(months)]
    with UnitOfWork(db, write=False) as uow:
        session = uow.session
        _check_office(uow, office_code)
        received = queries.received_tallies(session, start, end, office_code, by=("month",),
                                            breakdowns=breakdowns)
        closed = queries.closed_tallies(session, start, end, office_code, by=("month",))
        reviewed = queries.reviewed_by_month(session, start, end, office_code)
        at_end = []
        for done, (y, m) in enumerate(series, start=1):
            at_end.append(queries.open_and_overdue_at(session, month_bounds(y, m)[1],
                                                      office_code))
            if progress:
                progress(done, months)
    found = []
    for (y, m), (open_count, late) in zip(series, at_end, strict=True):
        figures = kpi.kpis_from_tallies(received.get(((y, m),), kpi.ReceivedTally()),
                                        closed.get(((y, m),), kpi.ClosedTally()),
                                        open_at_month_end=open_count,
                                        overdue_at_month_end=late,
                                        reviewed=reviewed.get((y, m), 0))
        if not breakdowns:
            for key in ("by_channel", "by_category", "by_level"):
                del figures[key]
        found.append({"month": f"{y + BE_OFFSET}-{m:02d}", "office": office_code, **figures})
    return found
