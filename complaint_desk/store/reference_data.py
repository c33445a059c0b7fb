"""Reference data the admin edits: the handling levels (their targets in working days)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from complaint_desk.domain.errors import N_, NotFound
from complaint_desk.store.models import Level


def levels(session: Session) -> list[Level]:
    return list(session.scalars(select(Level).order_by(Level.number)))


def set_level_target(session: Session, number: int, days: int) -> int:
    """Set level ``number``'s target; returns the target it had."""
    row = session.get(Level, number)
    if row is None:
        raise NotFound(N_("Unknown handling level: {value}"), field="level", value=number)
    before = row.target_working_days
    row.target_working_days = days
    return before
