"""Levels of complaint handling (ระดับของการจัดการข้อร้องเรียน) and their targets.

Authority is delegated per level; an admin may rename levels and change owners and targets,
so these are only the defaults that a new database is seeded with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from complaint_desk.domain.calendar import WorkingCalendar
from complaint_desk.domain.errors import N_, ValidationError

ACK_WORKING_DAYS = 1
"""Acknowledgement is due within one working day, whatever the level."""

LEGAL_NOTICE_DAYS = 15
"""Royal Decree on Good Governance B.E. 2546 s.38: inform the complainant within 15 days
(calendar days, counted from the day after receipt)."""


@dataclass(frozen=True)
class HandlingLevel:
    number: int
    name: str
    handled_by: str
    typical_cases: str
    target_working_days: int
    owner_role: str


DEFAULT_LEVELS: tuple[HandlingLevel, ...] = (
    HandlingLevel(1, N_("Level 1: front line"), N_("Front-line officer"),
                  N_("Information, simple requests"), 3, "officer"),
    HandlingLevel(2, N_("Level 2: division"), N_("Division (กอง)"),
                  N_("Repairs, utilities, services in one unit"), 15, "handler"),
    HandlingLevel(3, N_("Level 3: department / regional office"),
                  N_("Department / regional office (ฝ่าย / สำนักงานภาค)"),
                  N_("Several units, contracts, money"), 30, "supervisor"),
    HandlingLevel(4, N_("Level 4: top executives"), N_("Top executives (ผู้บริหารระดับสูง)"),
                  N_("Significant: corruption or misconduct, safety, legal action, media, "
                     "many people affected"), 45, "executive"),
)  # fmt: skip

MAX_TARGET_WORKING_DAYS = 45
"""No level's target may be longer than the longest the domain brief sets (level 4, 45 working
days); the legal notice (15 days, s.38) is a clock of its own (``notice_due``)."""


def check_target(days: int) -> int:
    """A level's target in working days: from 1 to ``MAX_TARGET_WORKING_DAYS``."""
    if not 1 <= days <= MAX_TARGET_WORKING_DAYS:
        raise ValidationError(
            N_("The target must be from 1 to {limit} working days, not {value}."),
            field="target_working_days", limit=MAX_TARGET_WORKING_DAYS, value=days)
    return days


LEVEL_NUMBERS: tuple[int, ...] = tuple(level.number for level in DEFAULT_LEVELS)
SIGNIFICANT_LEVEL = 4


def ack_due(received_at: datetime, calendar: WorkingCalendar) -> date:
    return calendar.add_working_days(received_at.date(), ACK_WORKING_DAYS)


def notice_due(received_at: datetime) -> date:
    return received_at.date() + timedelta(days=LEGAL_NOTICE_DAYS)


def resolution_due(start: date, target_working_days: int, calendar: WorkingCalendar) -> date:
    """Resolution is due ``target`` working days after ``start`` (receipt, or a review's start)."""
    return calendar.add_working_days(start, target_working_days)


def suggested_level(significant: bool, current: int | None = None) -> int:
    """Significant complaints go to top executives; otherwise keep what was chosen (or 2)."""
    if significant:
        return SIGNIFICANT_LEVEL
    return current or 2
