"""Complainant privacy (PDPA): masked views, recorded reveals, concerned staff, erasure.

- ``case_view`` is what every screen and ``show`` get: personal fields masked, in the case and
  in its timeline, for every role. Seeing the identity is a deliberate act:
  ``reveal_personal_data`` (or ``personal_data_for_letter`` when a letter is printed) checks
  the role and the protection of complaints about staff, and records the view in the audit log.
- ``erase_personal_data`` nulls the personal fields after the retention period and redacts them
  from the case's events without breaking the hash chain (docs/security.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, text

from complaint_desk.domain import privacy
from complaint_desk.domain.calendar import format_be_date
from complaint_desk.domain.complaint import PERSONAL_FIELDS, Actor, Complaint
from complaint_desk.domain.errors import N_, NotFound, PermissionDenied, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.services.access import require
from complaint_desk.store import engine_features, events, queries
from complaint_desk.store.database import Database
from complaint_desk.store.mapping import canonical_json
from complaint_desk.store.models import AuditRow, ComplaintRow, EventRow, User
from complaint_desk.store.models_trust import ConcernedStaff, EventRedaction
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
RETENTION_KEY = "personal_data_retention_years"
ERASE_KIND = "erase_personal_data"


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _concerned(uow: UnitOfWork, complaint_id: int) -> list[str]:
    return list(uow.session.scalars(
        select(User.username).join(ConcernedStaff, ConcernedStaff.user_id == User.id)
        .where(ConcernedStaff.complaint_id == complaint_id).order_by(User.username)))


def concerned_staff(db: Database, reference: str) -> list[str]:
    with UnitOfWork(db, write=False) as uow:
        return _concerned(uow, uow.complaint_row(reference).id)


def may_see_identity(db: Database, actor: Actor, reference: str) -> bool:
    """For the GUI: whether to offer the "show identity" button at all."""
    with UnitOfWork(db, write=False) as uow:
        row, complaint = uow.get(reference)
        return privacy.may_see_identity(actor.role, actor.username, complaint,
                                        _concerned(uow, row.id))


def _masked_changes(data: dict[str, Any]) -> dict[str, Any]:
    changes = data.get("changes")
    if isinstance(changes, dict):
        for name in PERSONAL_FIELDS:
            if name in changes:
                mask = privacy.MASKERS[name]
                changes[name] = [mask(v) if isinstance(v, str) else v for v in changes[name]]
    return data


def case_view(db: Database, actor: Actor,
              reference: str) -> tuple[Complaint, list[dict[str, Any]]]:
    """The case and its timeline (newest first) with every personal value masked."""
    with UnitOfWork(db, write=False) as uow:
        row, complaint = uow.get(reference)
        timeline = [{**e, "data": _masked_changes(json.loads(e["data"]))}
                    for e in queries.timeline(uow.session, row.id)]
    return privacy.masked(complaint), timeline


def _identity(complaint: Complaint) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(complaint, name) for name in PERSONAL_FIELDS}
    values["complainant_anonymous"] = complaint.complainant_anonymous
    return values


def _reveal(db: Database, actor: Actor, reference: str, kind: str,
            extra: dict[str, Any], clock: Clock) -> dict[str, Any]:
    require(actor, Permission.SEE_PERSONAL_DATA)
    with UnitOfWork(db) as uow:
        row, complaint = uow.get(reference)
        if not privacy.may_see_identity(actor.role, actor.username, complaint,
                                        _concerned(uow, row.id)):
            raise PermissionDenied(N_("The complainant of {reference} is protected: it is a "
                                      "complaint about staff or corruption handled above your "
                                      "level, or about you."), reference=reference)
        uow.audit(actor=actor, at=clock(), kind=kind, complaint_id=row.id,
                  data={"reference": row.reference, **extra})
        uow.commit()
        return _identity(complaint)


def reveal_personal_data(db: Database, actor: Actor, reference: str, *,
                         clock: Clock = now) -> dict[str, Any]:
    """The complainant's identity, unmasked; the view is recorded (who, when, which case)."""
    return _reveal(db, actor, reference, "view_personal_data", {}, clock)


def personal_data_for_letter(db: Database, actor: Actor, reference: str, letter: str, *,
                             clock: Clock = now) -> dict[str, Any]:
    """The identity for a printed letter (acknowledgement, response...); the print is recorded."""
    require(actor, Permission.PRINT_LETTERS)
    return _reveal(db, actor, reference, "letter_printed", {"letter": letter}, clock)


def set_concerned_staff(db: Database, actor: Actor, reference: str, usernames: Sequence[str], *,
                        clock: Clock = now, expected_version: int | None = None) -> list[str]:
    """Name the staff a complaint is about (replacing any list); recorded as a case event."""
    require(actor, Permission.NAME_CONCERNED_STAFF)
    at = clock()
    with UnitOfWork(db) as uow:
        row, complaint = uow.get(reference)
        users = []
        for name in dict.fromkeys(n.strip() for n in usernames if n.strip()):
            user = uow.session.scalars(select(User).where(User.username == name)).first()
            if user is None:
                raise ValidationError(N_("No user named {username}."), field="concerned_staff",
                                      username=name)
            users.append(user)
        before = _concerned(uow, row.id)
        after = sorted(u.username for u in users)
        uow.session.execute(delete(ConcernedStaff).where(ConcernedStaff.complaint_id == row.id))
        for user in users:
            uow.session.add(ConcernedStaff(complaint_id=row.id, user_id=user.id))
        uow.save_change(row, complaint, complaint, actor=actor, at=at, kind="concerned_staff",
                        extra={"concerned_staff": [before, after]},
                        expected_version=expected_version)
        uow.commit()
        return after


# --- erasure ---------------------------------------------------------------------------------


def retention_years(db: Database) -> int:
    with UnitOfWork(db, write=False) as uow:
        value = uow.setting(RETENTION_KEY)
    return int(value) if value else privacy.DEFAULT_RETENTION_YEARS


def _redacted(data: str) -> str | None:
    """The event data with every personal value replaced by null, or None if it has none."""
    parsed = json.loads(data)
    changes = parsed.get("changes")
    if not isinstance(changes, dict):
        return None
    touched = False
    for name in PERSONAL_FIELDS:
        if name in changes and any(v is not None for v in changes[name]):
            changes[name] = [None, None]
            touched = True
    return canonical_json(parsed) if touched else None


def erase_personal_data(db: Database, actor: Actor, reference: str, *, reason: str,
                        clock: Clock = now) -> list[str]:
    """Erase a complainant's personal data on a lawful request, once the retention period after
    closing has passed. The case, its statistics and its history stay; the personal values go
    from the row, the complainant key and every event of the case. Returns the fields erased."""
    require(actor, Permission.ERASE_PERSONAL_DATA)
    if not reason.strip():
        raise ValidationError(N_("Give the lawful request for the erasure."), field="reason")
    at = clock()
    with UnitOfWork(db) as uow:
        row, complaint = uow.get(reference)
        years = int(uow.setting(RETENTION_KEY) or privacy.DEFAULT_RETENTION_YEARS)
        start = privacy.erasable_from(complaint, years)
        if start is None:
            raise ValidationError(N_("Case {reference} is still open: its personal data is "
                                     "needed to handle it."), field="reference",
                                  reference=reference)
        if at.date() < start:
            raise ValidationError(N_("The retention period of {reference} ends on {date}: "
                                     "its personal data cannot be erased before."),
                                  field="reference", reference=reference,
                                  date=format_be_date(start, style="long"))
        erased = [n for n in PERSONAL_FIELDS if getattr(complaint, n) is not None]
        if row.complainant_key is not None:
            erased.append("complainant_key")
        # Overwrite the freed bytes too, so the values do not linger in the file's free pages.
        secure_delete = engine_features.secure_delete_sql(db.engine.dialect.name)
        if secure_delete:
            uow.session.execute(text(secure_delete))
        seals = []
        for event in events.iter_events(uow.session, row.id):
            new_data = _redacted(event.data)
            if new_data is None:
                continue
            event.data = new_data
            seal = events.content_digest(uuid=event.uuid, complaint_uuid=row.uuid, at=event.at,
                                         actor_name=event.actor_name, kind=event.kind,
                                         data=new_data)
            seals.append((event.id, event.uuid, seal))
        if not erased and not seals:
            raise ValidationError(N_("Case {reference} holds no personal data."),
                                  field="reference", reference=reference)
        after = complaint.with_changes(**{n: None for n in PERSONAL_FIELDS})
        row.complainant_key = None
        # The erasure event names the fields, never their values (before and after are null).
        uow.save_change(row, after, after, actor=actor, at=at, kind=ERASE_KIND, extra={
            "changes": {n: [None, None] for n in erased if n in PERSONAL_FIELDS},
            "erased_fields": erased, "reason": reason.strip(),
            "redacted_events": [{"event": u, "seal": s} for _i, u, s in seals]})
        sealing = uow.session.scalars(select(EventRow.id).where(
            EventRow.complaint_id == row.id).order_by(EventRow.id.desc()).limit(1)).one()
        for event_id, _uuid, seal in seals:
            uow.session.merge(EventRedaction(event_id=event_id, sealed_by=sealing,
                                             content_sha256=seal))
        uow.commit()
    _checkpoint(db)
    return erased


def _checkpoint(db: Database) -> None:
    """Move the WAL into the database and truncate it (the erased values were in the WAL)."""
    if not db.is_sqlite:
        return
    raw = db.engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


# --- the audit log -------------------------------------------------------------------------


def audit_log(db: Database, actor: Actor, *, limit: int = 100,
              before_id: int | None = None) -> list[dict[str, Any]]:
    """Audit entries newest first, a page at a time (``before_id``: the last id of the page)."""
    require(actor, Permission.SEE_AUDIT_LOG)
    with UnitOfWork(db, write=False) as uow:
        query = (select(AuditRow.id, AuditRow.at, AuditRow.actor_name, AuditRow.kind,
                        ComplaintRow.reference, AuditRow.data)
                 .outerjoin(ComplaintRow, ComplaintRow.id == AuditRow.complaint_id)
                 .order_by(AuditRow.id.desc()).limit(limit))
        if before_id is not None:
            query = query.where(AuditRow.id < before_id)
        return [{"id": i, "at": at.isoformat(sep=" "), "actor": who, "kind": kind,
                 "reference": ref, "data": data}
                for i, at, who, kind, ref, data in uow.session.execute(query)]


def audit_entries_for(db: Database, reference: str) -> list[tuple[str, str]]:
    """(kind, actor) of the audit entries about one case: for tests and the case's history."""
    with UnitOfWork(db, write=False) as uow:
        row = uow.complaint_row(reference)
        if row is None:
            raise NotFound(N_("No complaint with reference {reference}."), reference=reference)
        return [tuple(r) for r in uow.session.execute(  # type: ignore[misc]
            select(AuditRow.kind, AuditRow.actor_name).where(AuditRow.complaint_id == row.id)
            .order_by(AuditRow.id))]
