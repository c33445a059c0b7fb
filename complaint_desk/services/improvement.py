"""Continuous improvement: the managed list of root causes, corrective actions linked to the
complaints they answer, and the check of whether complaints of the cause fell afterwards
(defined in domain/improvement.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import delete, func, select

from complaint_desk.domain import improvement as imp
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, NotFound, ValidationError
from complaint_desk.services.management_records import (
    audit_change,
    enum_value,
    now,
    require_manager,
    required_text,
    values_of,
)
from complaint_desk.store import queries_analysis
from complaint_desk.store.database import Database
from complaint_desk.store.models import ComplaintRow, Office
from complaint_desk.store.models_policy import CorrectiveActionLink, CorrectiveActionRow, RootCause
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


# --- root causes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RootCauseItem:
    name: str
    description: str | None = None
    active: bool = True
    id: int | None = None


def list_root_causes(db: Database, *, active_only: bool = False) -> list[RootCauseItem]:
    with UnitOfWork(db, write=False) as uow:
        query = select(RootCause).order_by(RootCause.name)
        if active_only:
            query = query.where(RootCause.active.is_(True))
        return [RootCauseItem(r.name, r.description, r.active, r.id)
                for r in uow.session.scalars(query)]


def save_root_cause(db: Database, actor: Actor, item: RootCauseItem, *,
                    clock: Clock = now) -> int:
    """Add or change a root cause. Renaming is refused once closed cases name the cause:
    their recorded text would stop matching (retire it and add a new one instead)."""
    require_manager(actor)
    at = clock()
    name = required_text(item.name, "name", N_("The root cause needs a name."))
    with UnitOfWork(db) as uow:
        taken = uow.session.scalars(select(RootCause.id).where(RootCause.name == name)).first()
        if taken is not None and taken != item.id:
            raise ValidationError(N_("The root cause {value} is already in the list."),
                                  field="name", value=name)
        if item.id is None:
            row = RootCause(created_at=at)
            uow.session.add(row)
            before = None
        else:
            found = uow.session.get(RootCause, item.id)
            if found is None:
                raise NotFound(N_("No root cause {value}."), value=item.id)
            row, before = found, values_of(found, ("name", "description", "active"))
            if found.name != name and _cases_naming(uow, found.name):
                raise ValidationError(N_("Closed cases name the root cause {value}: retire it "
                                         "and add a new one instead of renaming."),
                                      field="name", value=found.name)
        row.name, row.description = name, (item.description or "").strip() or None
        row.active = item.active
        uow.session.flush()
        audit_change(uow, actor, at, "root_cause_saved", row.id, before,
                     values_of(row, ("name", "description", "active")))
        uow.commit()
        return row.id


def _cases_naming(uow: UnitOfWork, name: str) -> int:
    return int(uow.session.execute(select(func.count()).where(
        ComplaintRow.root_cause == name)).scalar() or 0)


# --- corrective actions --------------------------------------------------------------------


@dataclass(frozen=True)
class CorrectiveAction:
    title: str
    owner: str
    planned_on: date
    status: str = imp.ActionStatus.PLANNED.value
    due_on: date | None = None
    done_on: date | None = None
    description: str | None = None
    root_cause_id: int | None = None
    office_code: str | None = None
    owner_user_id: int | None = None
    complaint_references: tuple[str, ...] = ()
    id: int | None = None


_ACTION_COLUMNS = ("title", "owner", "planned_on", "status", "due_on", "done_on",
                   "description", "root_cause_id", "office_code", "owner_user_id")


def _references(uow: UnitOfWork, action_id: int) -> tuple[str, ...]:
    rows = uow.session.scalars(select(ComplaintRow.reference).join(
        CorrectiveActionLink, CorrectiveActionLink.complaint_id == ComplaintRow.id).where(
        CorrectiveActionLink.action_id == action_id).order_by(ComplaintRow.reference))
    return tuple(rows)


def list_corrective_actions(db: Database, *, office_code: str | None = None,
                            status: str | None = None) -> list[CorrectiveAction]:
    with UnitOfWork(db, write=False) as uow:
        query = select(CorrectiveActionRow).order_by(
            CorrectiveActionRow.due_on.is_(None), CorrectiveActionRow.due_on,
            CorrectiveActionRow.id)
        if office_code:
            query = query.where(CorrectiveActionRow.office_code == office_code)
        if status:
            query = query.where(CorrectiveActionRow.status == status)
        return [CorrectiveAction(**{n: getattr(r, n) for n in _ACTION_COLUMNS},
                                 complaint_references=_references(uow, r.id), id=r.id)
                for r in uow.session.scalars(query)]


def _complaint_ids(uow: UnitOfWork, references: Sequence[str]) -> dict[str, int]:
    wanted = sorted({r.strip() for r in references if r.strip()})
    found = dict(uow.session.execute(select(ComplaintRow.reference, ComplaintRow.id).where(
        ComplaintRow.reference.in_(wanted))).all())
    missing = [r for r in wanted if r not in found]
    if missing:
        raise ValidationError(N_("No complaint with reference {reference}."),
                              field="complaint_references", reference=", ".join(missing))
    return found


def save_corrective_action(db: Database, actor: Actor, action: CorrectiveAction, *,
                           clock: Clock = now) -> int:
    """Add or change an action and the set of complaints it is linked to."""
    require_manager(actor)
    at = clock()
    status = enum_value(imp.ActionStatus, action.status, "status")
    imp.check_action(status, action.done_on, action.due_on, action.planned_on)
    if action.done_on is not None and action.done_on > at.date():
        raise ValidationError(N_("The done date cannot be in the future."), field="done_on")
    clean = replace(action, status=status.value,
                    title=required_text(action.title, "title",
                                        N_("The corrective action needs a title.")),
                    owner=required_text(action.owner, "owner",
                                        N_("Name who is responsible for the action.")),
                    description=(action.description or "").strip() or None)
    with UnitOfWork(db) as uow:
        if clean.root_cause_id is not None and \
                uow.session.get(RootCause, clean.root_cause_id) is None:
            raise NotFound(N_("No root cause {value}."), value=clean.root_cause_id)
        if clean.office_code and uow.session.get(Office, clean.office_code) is None:
            raise NotFound(N_("Unknown office: {value}"), value=clean.office_code)
        links = _complaint_ids(uow, clean.complaint_references)
        if action.id is None:
            row = CorrectiveActionRow(created_at=at)
            uow.session.add(row)
            before = None
        else:
            found = uow.session.get(CorrectiveActionRow, action.id)
            if found is None:
                raise NotFound(N_("No corrective action {value}."), value=action.id)
            row = found
            before = {**values_of(row, _ACTION_COLUMNS),
                      "complaints": list(_references(uow, row.id))}
        for name in _ACTION_COLUMNS:
            setattr(row, name, getattr(clean, name))
        row.updated_at = at
        uow.session.flush()
        uow.session.execute(delete(CorrectiveActionLink).where(
            CorrectiveActionLink.action_id == row.id))
        uow.session.add_all(CorrectiveActionLink(action_id=row.id, complaint_id=cid)
                            for cid in links.values())
        after = {**values_of(row, _ACTION_COLUMNS), "complaints": sorted(links)}
        audit_change(uow, actor, at, "corrective_action_saved", row.id, before, after)
        uow.commit()
        return row.id


def check_effectiveness(db: Database, action_id: int, *, today: date | None = None,
                        window: int = imp.DEFAULT_WINDOW_MONTHS) -> imp.Effectiveness | None:
    """Did complaints of the action's root cause fall after it was done? None when the action
    has no root cause or is not done (see domain/improvement.py for the definition)."""
    today = today or date.today()
    with UnitOfWork(db, write=False) as uow:
        row = uow.session.get(CorrectiveActionRow, action_id)
        if row is None:
            raise NotFound(N_("No corrective action {value}."), value=action_id)
        if row.root_cause_id is None or row.done_on is None:
            return None
        cause = uow.session.get(RootCause, row.root_cause_id)
        assert cause is not None
        before, after = imp.windows(row.done_on, today, window)
        count_before = queries_analysis.cause_count(uow.session, cause.name, before.start,
                                                    before.end, row.office_code)
        count_after = queries_analysis.cause_count(uow.session, cause.name, after.start,
                                                   after.end, row.office_code)
    return imp.effectiveness(before, count_before, after, count_after)
