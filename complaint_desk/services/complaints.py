"""The workflow use cases, each one transaction: check, change, write the event, commit.

Functions take primitives and return the case's reference (or plain values), named as the
office speaks: record_complaint, acknowledge, assess, assign_level, add_note, respond,
close_complaint, start_review, withdraw. ``expected_version`` (optional) is the version the
user's screen showed: if the case changed since, ConcurrentChange is raised and nothing is
written.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from complaint_desk.domain import levels, workflow
from complaint_desk.domain.calendar import WorkingCalendar, be_year
from complaint_desk.domain.complaint import (
    Actor,
    Complaint,
    NotAcceptedReason,
    ReviewRoute,
    Severity,
    format_reference,
    new_uuid,
)
from complaint_desk.domain.errors import N_, NotFound, PermissionDenied, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.domain.workflow import Action
from complaint_desk.services.offices import HOME_OFFICE_KEY
from complaint_desk.store import events
from complaint_desk.store.database import Database
from complaint_desk.store.mapping import changes_json, row_values
from complaint_desk.store.models import Category, ComplaintRow, Level, Office, ReferenceCounter
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
COMPLAINANT_KEY_SETTING = "complainant_key_secret"


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def next_reference(uow: UnitOfWork, office_code: str, received_at: datetime) -> str:
    year = be_year(received_at)
    counter = uow.session.get(ReferenceCounter, (office_code, year))
    if counter is None:
        counter = ReferenceCounter(office_code=office_code, be_year=year, last=0)
        uow.session.add(counter)
    counter.last += 1
    return format_reference(office_code, year, counter.last)


def complainant_secret(uow: UnitOfWork) -> str:
    """The office's key for pseudonymising national IDs (made on first use, kept in settings)."""
    secret = uow.setting(COMPLAINANT_KEY_SETTING)
    if secret is None:
        import secrets

        secret = secrets.token_hex(32)
        uow.set_setting(COMPLAINANT_KEY_SETTING, secret)
    return secret


def keyed_hash(secret: str, national_id: str) -> str:
    return hmac.new(bytes.fromhex(secret), national_id.encode(), hashlib.sha256).hexdigest()


def complainant_key(uow: UnitOfWork, national_id: str | None) -> str | None:
    """A keyed hash of the national ID: finds repeat complainants without revealing them."""
    if not national_id:
        return None
    return keyed_hash(complainant_secret(uow), national_id)


def record_complaint(db: Database, actor: Actor, intake: Intake, *,
                     office_code: str | None = None, clock: Clock = now) -> str:
    """Receipt: validate, number, compute the acknowledgement and legal notice dates."""
    at = clock()
    if not workflow.role_may(Action.RECORD, actor.role):
        raise PermissionDenied(N_("Your role ({role}) may not {action}."),
                                        role=actor.role, action=workflow.ACTION_LABELS[Action.RECORD])
    intake.validate(at)
    with UnitOfWork(db) as uow:
        office = office_code or uow.setting(HOME_OFFICE_KEY)
        if office is None or uow.session.get(Office, office) is None:
            raise NotFound(N_("Unknown office: {value}"), value=office_code or "")
        reference = insert_complaint(uow, actor, intake, office=office, at=at)
        uow.commit()
        return reference


def insert_complaint(uow: UnitOfWork, actor: Actor, intake: Intake, *, office: str,
                     at: datetime, extra: dict[str, Any] | None = None,
                     calendar: WorkingCalendar | None = None) -> str:
    """Number, store and record one validated intake inside the caller's transaction
    (``extra`` goes into the record event, e.g. where an imported case came from)."""
    if intake.category_code and uow.session.get(Category, intake.category_code) is None:
        raise ValidationError(N_("Unknown category: {value}"), field="category_code",
                              value=intake.category_code)
    reference = next_reference(uow, office, intake.received_at)
    complaint = intake.to_complaint(uuid=new_uuid(), reference=reference, office_code=office)
    calendar = calendar or uow.calendar()
    complaint = complaint.with_changes(
        ack_due_on=levels.ack_due(complaint.received_at, calendar),
        notice_due_on=levels.notice_due(complaint.received_at))
    row = ComplaintRow(**row_values(complaint), created_at=at, updated_at=at,
                       complainant_key=complainant_key(uow, complaint.complainant_national_id))
    uow.session.add(row)
    uow.session.flush()
    created = {k: v for k, v in row_values(complaint).items() if v not in (None, False, 0)}
    events.append_event(uow.session, complaint_id=row.id, complaint_uuid=row.uuid, at=at,
                        actor_id=actor.user_id or None, actor_name=actor.username,
                        kind=Action.RECORD.value,
                        data={"changes": changes_json({k: (None, v) for k, v in created.items()
                                                       if k != "version"}), **(extra or {})})
    return reference


def _step(db: Database, actor: Actor, reference: str, action: Action,
          change: Callable[[UnitOfWork, Complaint], Complaint], *, clock: Clock,
          expected_version: int | None, extra: dict[str, Any] | None = None) -> str:
    at = clock()
    with UnitOfWork(db) as uow:
        row, before = uow.get(reference)
        after = change(uow, before)
        uow.save_change(row, before, after, actor=actor, at=at, kind=action.value, extra=extra,
                        expected_version=expected_version)
        uow.commit()
        return row.reference


def acknowledge(db: Database, actor: Actor, reference: str, *, clock: Clock = now,
                expected_version: int | None = None, method: str | None = None) -> str:
    at = clock()
    return _step(db, actor, reference, Action.ACKNOWLEDGE,
                 lambda uow, c: workflow.acknowledge(c, actor.role, at), clock=lambda: at,
                 expected_version=expected_version, extra={"method": method} if method else None)


def assess(db: Database, actor: Actor, reference: str, *, accepted: bool,
           category_code: str | None = None, severity: str | None = None,
           significant: bool = False, about_staff: bool | None = None,
           not_accepted_reason: str | None = None, note: str | None = None,
           duplicate_of: str | None = None, clock: Clock = now,
           expected_version: int | None = None) -> str:
    at = clock()

    def change(uow: UnitOfWork, c: Complaint) -> Complaint:
        if category_code and uow.session.get(Category, category_code) is None:
            raise ValidationError(N_("Unknown category: {value}"), field="category_code",
                                  value=category_code)
        if duplicate_of:
            original = uow.session.scalars(select(ComplaintRow.reference).where(
                ComplaintRow.reference == duplicate_of)).first()
            if original is None or original == c.reference:
                raise ValidationError(N_("No complaint with reference {reference}."),
                                      field="duplicate_of", reference=duplicate_of)
        return workflow.assess(
            c, actor.role, at, accepted=accepted, category_code=category_code,
            severity=_enum(Severity, severity, "severity"), significant=significant,
            about_staff=c.about_staff if about_staff is None else about_staff,
            not_accepted_reason=_enum(NotAcceptedReason, not_accepted_reason,
                                      "not_accepted_reason"),
            not_accepted_note=note, duplicate_of=duplicate_of)

    return _step(db, actor, reference, Action.ASSESS, change, clock=lambda: at,
                 expected_version=expected_version)


def due_date_for(db: Database, reference: str, level: int) -> date:
    """The resolution due date a level would give this case (for the dialog to show)."""
    with UnitOfWork(db, write=False) as uow:
        _, c = uow.get(reference)
        return _due_for(uow, c, level)


def _due_for(uow: UnitOfWork, c: Complaint, level: int) -> date:
    targets = uow.level_targets()
    if level not in targets:
        raise ValidationError(N_("Unknown handling level: {value}"), field="level", value=level)
    start = (c.reviewed_at or c.received_at).date()
    return levels.resolution_due(start, targets[level], uow.calendar())


def assign_level(db: Database, actor: Actor, reference: str, *, level: int,
                 responsible_unit: str, responsible_person: str | None = None,
                 due_on: date | None = None, clock: Clock = now,
                 expected_version: int | None = None) -> str:
    """Set the handling level and who is responsible; the due date follows the level's target
    in working days unless the supervisor sets one explicitly."""
    applied: dict[str, Any] = {}

    def change(uow: UnitOfWork, c: Complaint) -> Complaint:
        due = due_on or _due_for(uow, c, level)
        # the event says which target gave the due date (a later change of it moves no case)
        applied.update({"due_set_by_hand": True} if due_on else
                       {"target_working_days": uow.level_targets()[level]})
        if due < c.received_at.date():
            raise ValidationError(N_("The due date cannot be before the date received."),
                                  field="due_on")
        return workflow.assign_level(c, actor.role, level=level, due_on=due,
                                     responsible_unit=responsible_unit,
                                     responsible_person=responsible_person)

    return _step(db, actor, reference, Action.ASSIGN_LEVEL, change, clock=clock,
                 expected_version=expected_version, extra=applied)


def add_note(db: Database, actor: Actor, reference: str, text: str, *,
             kind: str = "investigation", clock: Clock = now) -> str:
    """Investigation notes: facts found and actions taken, kept in the timeline."""
    if not text.strip():
        raise ValidationError(N_("The note is empty."), field="note")

    def change(uow: UnitOfWork, c: Complaint) -> Complaint:
        workflow.check(c, Action.ADD_NOTE, actor.role)
        return c

    return _step(db, actor, reference, Action.ADD_NOTE, change, clock=clock,
                 expected_version=None, extra={"note": text.strip(), "note_kind": kind})


def respond(db: Database, actor: Actor, reference: str, *, decision: str, reasons: str,
            redress: str | None = None, communicated_on: date | None = None,
            review_outcome: str | None = None, clock: Clock = now,
            expected_version: int | None = None) -> str:
    at = clock()
    return _step(db, actor, reference, Action.RESPOND,
                 lambda uow, c: workflow.respond(c, actor.role, at, decision=decision,
                                                 reasons=reasons, redress=redress or None,
                                                 communicated_on=communicated_on,
                                                 review_outcome=review_outcome),
                 clock=lambda: at, expected_version=expected_version)


def close_complaint(db: Database, actor: Actor, reference: str, *,
                    complainant_accepts: bool | None, satisfaction: int | None = None,
                    root_cause: str | None = None, corrective_action: str | None = None,
                    clock: Clock = now, expected_version: int | None = None) -> str:
    at = clock()
    return _step(db, actor, reference, Action.CLOSE,
                 lambda uow, c: workflow.close(c, actor.role, at,
                                               complainant_accepts=complainant_accepts,
                                               satisfaction=satisfaction,
                                               root_cause=root_cause or None,
                                               corrective_action=corrective_action or None),
                 clock=lambda: at, expected_version=expected_version)


def start_review(db: Database, actor: Actor, reference: str, *, route: str,
                 body: str | None = None, clock: Clock = now,
                 expected_version: int | None = None) -> str:
    """The complainant does not accept the outcome: reopen for an internal or external review."""
    at = clock()
    review_route = _enum(ReviewRoute, route, "review_route")
    assert review_route is not None

    def change(uow: UnitOfWork, c: Complaint) -> Complaint:
        workflow.check(c, Action.START_REVIEW, actor.role)
        level = workflow.review_level(c, review_route)
        due = None
        if level is not None:
            targets = uow.level_targets()
            due = levels.resolution_due(at.date(), targets[level], uow.calendar())
        return workflow.start_review(c, actor.role, at, route=review_route, body=body,
                                     due_on=due)

    return _step(db, actor, reference, Action.START_REVIEW, change, clock=lambda: at,
                 expected_version=expected_version)


def withdraw(db: Database, actor: Actor, reference: str, *, note: str | None = None,
             clock: Clock = now, expected_version: int | None = None) -> str:
    at = clock()
    return _step(db, actor, reference, Action.WITHDRAW,
                 lambda uow, c: workflow.withdraw(c, actor.role, at), clock=lambda: at,
                 expected_version=expected_version, extra={"note": note} if note else None)


def get_complaint(db: Database, reference: str) -> Complaint:
    with UnitOfWork(db, write=False) as uow:
        return uow.get(reference)[1]


def level_names(db: Database) -> dict[int, tuple[str, int]]:
    with UnitOfWork(db, write=False) as uow:
        return {n: (name, days) for n, name, days in uow.session.execute(
            select(Level.number, Level.name, Level.target_working_days))}


def _enum(kind: Any, value: str | None, field: str) -> Any:
    if value is None or value == "":
        return None
    try:
        return kind(value)
    except ValueError:
        raise ValidationError(N_("Unknown value for {field_name}: {value}"), field=field,
                              field_name=field, value=value) from None
