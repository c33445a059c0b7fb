"""Reference data an admin changes: a handling level's target in working days. The change is
one transaction with an audit entry (old and new target); cases assigned afterwards take the
new target, cases assigned before keep their due date (their assign_level event names the
target that gave it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from complaint_desk.domain import levels as level_rules
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.permissions import Permission
from complaint_desk.services.access import require
from complaint_desk.store import reference_data
from complaint_desk.store.database import Database
from complaint_desk.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LevelRow:
    number: int
    name: str
    target_working_days: int
    owner_role: str


def list_levels(db: Database, actor: Actor) -> list[LevelRow]:
    require(actor, Permission.SEE_REPORTS)
    with UnitOfWork(db, write=False) as uow:
        return [LevelRow(r.number, r.name, r.target_working_days, r.owner_role)
                for r in reference_data.levels(uow.session)]


def change_level_target(db: Database, actor: Actor, level: int, days: int, *,
                        at: datetime | None = None) -> int:
    """Set a level's target (1 to 45 working days); returns the target it had."""
    require(actor, Permission.MANAGE_REFERENCE_DATA)
    level_rules.check_target(days)
    with UnitOfWork(db) as uow:
        before = reference_data.set_level_target(uow.session, level, days)
        uow.audit(actor=actor, at=at or datetime.now().replace(microsecond=0),
                  kind="level_target_changed",
                  data={"level": level, "before": before, "after": days})
        uow.commit()
    return before
