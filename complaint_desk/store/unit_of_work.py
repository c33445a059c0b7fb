"""One transaction of a use case: the services' only way to change the database.

``with UnitOfWork(db) as uow: ...; uow.commit()``; leaving the block without ``commit`` rolls
everything back, so an error half-way changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from complaint_desk.domain.calendar import WorkingCalendar
from complaint_desk.domain.complaint import Actor, Complaint, diff
from complaint_desk.domain.errors import N_, ConcurrentChange, NotFound
from complaint_desk.store import events
from complaint_desk.store.database import Database
from complaint_desk.store.mapping import apply_to_row, changes_json, to_domain
from complaint_desk.store.models import AuditRow, ComplaintRow, Holiday, Level, Setting


class UnitOfWork:
    def __init__(self, db: Database, *, write: bool = True) -> None:
        self.db = db
        self.write = write
        self._context: Any = None
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self._context = self.db.session(write=self.write)
        self.session = self._context.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self.session.rollback()
        finally:
            self._context.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self.session.commit()

    # --- complaints ----------------------------------------------------------------------

    def complaint_row(self, reference: str, office_code: str | None = None) -> ComplaintRow:
        query = select(ComplaintRow).where(ComplaintRow.reference == reference)
        if office_code:
            query = query.where(ComplaintRow.office_code == office_code)
        row = self.session.scalars(query.limit(2)).all()
        if not row:
            raise NotFound(N_("No complaint with reference {reference}."), reference=reference)
        return row[0]

    def complaint_row_by_uuid(self, uuid: str) -> ComplaintRow:
        row = self.session.scalars(select(ComplaintRow).where(ComplaintRow.uuid == uuid)).first()
        if row is None:
            raise NotFound(N_("No complaint with reference {reference}."), reference=uuid)
        return row

    def get(self, reference: str) -> tuple[ComplaintRow, Complaint]:
        row = self.complaint_row(reference)
        return row, to_domain(row)

    def save_change(self, row: ComplaintRow, before: Complaint, after: Complaint, *,
                    actor: Actor, at: datetime, kind: str,
                    extra: dict[str, Any] | None = None,
                    expected_version: int | None = None) -> dict[str, Any]:
        """Write the changed complaint and its event; refuse if someone changed it meanwhile."""
        changes = diff(before, after)
        if expected_version is not None and expected_version != row.version:
            raise ConcurrentChange(
                N_("Case {reference} was changed by someone else since you opened it. "
                   "It has been reloaded: check it and try again."), reference=row.reference)
        new_version = row.version + 1
        values = {name: after_value for name, (_, after_value) in changes.items()}
        apply_to_row(row, after)
        # Compare-and-set on the version: a second program that read the same version loses.
        result = self.session.execute(
            update(ComplaintRow)
            .where(ComplaintRow.id == row.id, ComplaintRow.version == row.version)
            .values(version=new_version, updated_at=at)
            .execution_options(synchronize_session=False))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentChange(
                N_("Case {reference} was changed by someone else since you opened it. "
                   "It has been reloaded: check it and try again."), reference=row.reference)
        row.version = new_version
        row.updated_at = at
        data: dict[str, Any] = {"changes": changes_json(changes)}
        if extra:
            data.update(extra)
        events.append_event(self.session, complaint_id=row.id, complaint_uuid=row.uuid, at=at,
                            actor_id=actor.user_id or None, actor_name=actor.username,
                            kind=kind, data=data)
        return values

    def audit(self, *, actor: Actor, at: datetime, kind: str, complaint_id: int | None = None,
              data: dict[str, Any] | None = None) -> None:
        from complaint_desk.store.mapping import canonical_json

        self.session.add(AuditRow(at=at, actor_id=actor.user_id or None,
                                  actor_name=actor.username, kind=kind,
                                  complaint_id=complaint_id, data=canonical_json(data or {})))

    # --- reference data ------------------------------------------------------------------

    def calendar(self) -> WorkingCalendar:
        return WorkingCalendar(self.session.scalars(select(Holiday.day)).all())

    def level_targets(self) -> dict[int, int]:
        return dict(self.session.execute(select(Level.number, Level.target_working_days)).all())

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.session.get(Setting, key)
        return row.value if row is not None else default

    def set_setting(self, key: str, value: str) -> None:
        row = self.session.get(Setting, key)
        if row is None:
            self.session.add(Setting(key=key, value=value))
        else:
            row.value = value
