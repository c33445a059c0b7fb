"""Exporting complaints to CSV (one row per complaint; columns in docs/csv.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from complaint_desk.domain.complaint import Actor
from complaint_desk.exchange.csv_files import write_csv
from complaint_desk.services.access import require_export
from complaint_desk.store import queries
from complaint_desk.store.database import Database
from complaint_desk.store.unit_of_work import UnitOfWork

# CSV column name -> complaints column. The names are the contract of docs/csv.md.
CSV_COLUMNS: dict[str, str] = {
    "uuid": "uuid", "reference": "reference", "office_code": "office_code",
    "channel": "channel", "category": "category_code", "level": "level", "status": "status",
    "closure": "closure", "severity": "severity", "significant": "significant",
    "received_at": "received_at", "ack_due_at": "ack_due_on", "acknowledged_at": "acknowledged_at",
    "notice_due_at": "notice_due_on", "assessed_at": "assessed_at", "due_at": "due_on",
    "responded_at": "responded_at", "closed_at": "closed_at", "satisfaction": "satisfaction",
    "complainant_accepts": "complainant_accepts", "review_count": "review_count",
    "reviewed_at": "reviewed_at", "review_route": "review_route",
    "responsible_unit": "responsible_unit", "subject": "subject", "project": "project",
    "building": "building", "unit": "unit", "complainant_anonymous": "complainant_anonymous",
    "complainant_key": "complainant_key",
}  # fmt: skip
PERSONAL_CSV_COLUMNS: dict[str, str] = {
    "complainant_name": "complainant_name",
    "complainant_national_id": "complainant_national_id",
    "complainant_phone": "complainant_phone",
    "complainant_email": "complainant_email",
    "complainant_address": "complainant_address",
}


def _hide_protected(uow: UnitOfWork, actor: Actor, rows: Iterator[tuple[Any, ...]],
                    width: int) -> Iterator[tuple[Any, ...]]:
    """Blank the personal columns of complaints about staff or corruption this actor may not
    see (domain/privacy.py); the other columns stay."""
    from sqlalchemy import select

    from complaint_desk.domain.permissions import ROLE_RANK
    from complaint_desk.domain.privacy import PROTECTED_CATEGORIES
    from complaint_desk.domain.roles import Role
    from complaint_desk.store.models_trust import ConcernedStaff

    concerned = set(uow.session.scalars(select(ConcernedStaff.complaint_id).where(
        ConcernedStaff.user_id == actor.user_id)))
    rank = ROLE_RANK.get(Role(actor.role), 0)
    personal = width - len(PERSONAL_CSV_COLUMNS)
    for row in rows:
        complaint_id, about_staff, category, level = row[width:]
        protected = bool(about_staff) or category in PROTECTED_CATEGORIES
        hidden = protected and (complaint_id in concerned or (level is not None and rank < level))
        yield row[:personal] + (None,) * len(PERSONAL_CSV_COLUMNS) if hidden else row[:width]


def export_csv(db: Database, actor: Actor, out: Path, *, received_from: date | None = None,
               received_to: date | None = None, include_personal: bool = False,
               office_code: str | None = None) -> int:
    """Write the CSV; returns the number of complaints. ``received_to`` is inclusive."""
    require_export(actor, include_personal)
    columns = dict(CSV_COLUMNS)
    if include_personal:
        columns.update(PERSONAL_CSV_COLUMNS)
    start = datetime.combine(received_from, time()) if received_from else None
    end = datetime.combine(received_to + timedelta(days=1), time()) if received_to else None
    with UnitOfWork(db, write=False) as uow:
        names = tuple(columns.values())
        if include_personal:  # what decides, per row, whether this actor may see the identity
            names += ("id", "about_staff", "category_code", "level")
        rows = queries.iter_export_rows(uow.session, names, received_from=start,
                                        received_to=end, office_code=office_code)
        if include_personal:
            rows = _hide_protected(uow, actor, rows, len(columns))
        count = write_csv(Path(out), list(columns), rows)
    if include_personal:
        with UnitOfWork(db) as uow:
            uow.audit(actor=actor, at=datetime.now().replace(microsecond=0),
                      kind="export_personal_data",
                      data={"file": str(out), "rows": count, "format": "csv"})
            uow.commit()
    return count
