"""The complaint list, with its filters, to XLSX or to CSV for people (Thai headings, BE dates).

The filters are the list's: status, level, category, channel, office, and a range of days
received (both ends included). Personal data needs the same permission as any export and is
recorded in the audit trail; protected cases whose complainant the user may not see keep
their personal columns empty (as in the CSV export).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from complaint_desk.domain.case_list import CaseFilter
from complaint_desk.domain.complaint import (
    CHANNEL_LABELS,
    CLOSURE_LABELS,
    PERSONAL_FIELDS,
    REVIEW_ROUTE_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
)
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.permissions import ROLE_RANK
from complaint_desk.domain.privacy import PROTECTED_CATEGORIES
from complaint_desk.domain.roles import Role
from complaint_desk.exchange.progress import Progress
from complaint_desk.exchange.spreadsheets import (
    XLSX_MAX_ROWS,
    Column,
    write_people_csv,
    write_xlsx,
)
from complaint_desk.i18n import language
from complaint_desk.services.access import require_export
from complaint_desk.services.case_list import viewer_for
from complaint_desk.services.complaints import now
from complaint_desk.store import case_list
from complaint_desk.store import exchange_queries as q
from complaint_desk.store.database import Database
from complaint_desk.store.unit_of_work import UnitOfWork

FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class ListFilters:
    statuses: tuple[str, ...] = ()
    levels: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()
    received_from: date | None = None
    received_to: date | None = None  # inclusive

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, date) else list(v) if isinstance(v, tuple)
                    else v) for k, v in self.__dict__.items() if v}


NO_FILTERS = ListFilters()


def _labels(mapping: dict[Any, str]) -> dict[str, str]:
    return {str(getattr(k, "value", k)): v for k, v in mapping.items()}


def list_columns(category_names: dict[str, str], include_personal: bool) -> list[Column]:
    columns = [
        Column("reference", N_("Reference"), 18),
        Column("office_code", N_("Office"), 9),
        Column("received_at", N_("Date received"), 18),
        Column("channel", N_("Channel"), 18, _labels(CHANNEL_LABELS)),
        Column("subject", N_("Subject"), 40),
        Column("category_code", N_("Category"), 26, category_names),
        Column("level", N_("Level"), 7),
        Column("severity", N_("Severity"), 10, _labels(SEVERITY_LABELS)),
        Column("status", N_("Status"), 14, _labels(STATUS_LABELS)),
        Column("responsible_unit", N_("Responsible unit"), 24),
        Column("ack_due_on", N_("Acknowledgement due by"), 14),
        Column("acknowledged_at", N_("Acknowledged on"), 18),
        Column("due_on", N_("Due date"), 14),
        Column("responded_at", N_("Responded on"), 18),
        Column("closed_at", N_("Closed on"), 18),
        Column("closure", N_("Kind of closing"), 14, _labels(CLOSURE_LABELS)),
        Column("satisfaction", N_("Satisfaction (1-5)"), 10),
        Column("review_count", N_("Reviews"), 8),
        Column("review_route", N_("Review route"), 18, _labels(REVIEW_ROUTE_LABELS)),
        Column("project", N_("Housing project"), 28),
        Column("building", N_("Building"), 12),
        Column("unit", N_("Unit"), 8),
    ]
    if include_personal:
        columns += [
            Column("complainant_name", N_("Complainant"), 26),
            Column("complainant_national_id", N_("National ID"), 16),
            Column("complainant_phone", N_("Phone"), 14),
            Column("complainant_email", N_("E-mail"), 24),
            Column("complainant_address", N_("Address"), 36),
        ]
    return columns


def _described(filters: ListFilters | CaseFilter) -> dict[str, Any]:
    if isinstance(filters, ListFilters):
        return filters.as_dict()
    return {k: (sorted(v) if isinstance(v, frozenset) else str(v) if v is not None else None)
            for k, v in filters.__dict__.items() if v not in (None, "", frozenset(), ())}


def _without_withheld(rows: Iterator[tuple[Any, ...]], withheld: set[int],
                      personal_from: int) -> Iterator[tuple[Any, ...]]:
    """Drop the leading id; blank the personal columns of cases whose complainant the user
    may not see (protected cases: domain/privacy.py)."""
    for row in rows:
        values = row[1:]
        if row[0] in withheld:
            values = values[:personal_from] + (None,) * (len(values) - personal_from)
        yield values


def export_list(db: Database, actor: Any, out: Path, *, kind: str = "xlsx",
                filters: ListFilters | CaseFilter = NO_FILTERS, include_personal: bool = False,
                progress: Progress | None = None, clock: Any = now) -> int:
    """Write the filtered list; returns the number of complaints written. ``filters`` is the
    command line's ListFilters or the main window's CaseFilter (queue, search text, drill-down:
    exactly the cases the window lists)."""
    require_export(actor, include_personal)
    if kind not in FORMATS:
        raise ValidationError(N_("Unknown file format: {value}"), field="format", value=kind)
    if filters.received_from and filters.received_to and \
            filters.received_to < filters.received_from:
        raise ValidationError(N_("The end of the date range is before its start."),
                              field="received_to")
    start = datetime.combine(filters.received_from, time()) if filters.received_from else None
    end = (datetime.combine(filters.received_to + timedelta(days=1), time())
           if filters.received_to else None)
    with UnitOfWork(db, write=False) as uow:
        if isinstance(filters, CaseFilter):
            conditions = case_list.conditions(filters, viewer_for(actor), clock().date(),
                                              uow.session)
        else:
            conditions = q.list_filters(statuses=filters.statuses, levels=filters.levels,
                                        categories=filters.categories,
                                        channels=filters.channels, offices=filters.offices,
                                        received_from=start, received_to=end)
        names = q.category_names(uow.session)
        pick = 1 if language() == "en" else 0
        columns = list_columns({code: pair[pick] for code, pair in names.items()},
                               include_personal)
        total = q.count_list(uow.session, conditions)
        rows = q.iter_list(uow.session, ["id", *[c.name for c in columns]], conditions)
        withheld = q.withheld_identities(uow.session, actor.user_id,
                                         ROLE_RANK.get(Role(actor.role), 0),
                                         sorted(PROTECTED_CATEGORIES)) if include_personal \
            else set()
        rows = _without_withheld(rows, withheld, len(columns) - len(PERSONAL_FIELDS))
        if kind == "xlsx":
            if total > XLSX_MAX_ROWS:
                raise ValidationError(N_("{count} complaints are too many for one spreadsheet: "
                                         "narrow the filters or export CSV."),
                                      field="format", count=total)
            count = write_xlsx(Path(out), columns, rows, title=N_("Complaints"), total=total,
                               progress=progress)
        else:
            count = write_people_csv(Path(out), columns, rows, total=total, progress=progress)
    with UnitOfWork(db) as uow:
        uow.audit(actor=actor, at=clock(),
                  kind="export_personal_data" if include_personal else "export_list",
                  data={"file": str(out), "rows": count, "format": kind,
                        "filters": _described(filters), "personal_data": include_personal})
        uow.commit()
    return count
