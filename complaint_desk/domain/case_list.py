"""What the case list shows: work queues, filters, sort keys, and due-date marks.

Plain data that the store turns into SQL and the GUI into widgets. A queue is a named filter
(the office's words: "to acknowledge", "overdue"); "my work" is every open case waiting for a
step the user's role may take (domain/workflow.py RULES), or assigned to them by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

from complaint_desk.domain.calendar import WorkingCalendar
from complaint_desk.domain.complaint import Status
from complaint_desk.domain.errors import N_
from complaint_desk.domain.roles import Role
from complaint_desk.domain.workflow import RULES, Action

DUE_SOON_WORKING_DAYS = 2
"""A case due within this many working days is marked in the list (besides overdue ones)."""


class Queue(StrEnum):
    MY_WORK = "my_work"
    TO_ACKNOWLEDGE = "to_acknowledge"
    TO_ASSESS = "to_assess"
    DUE_THIS_WEEK = "due_this_week"
    OVERDUE = "overdue"
    SIGNIFICANT = "significant"
    UNDER_REVIEW = "under_review"
    ALL_OPEN = "all_open"
    CLOSED = "closed"
    ALL = "all"


QUEUE_LABELS: dict[Queue, str] = {
    Queue.MY_WORK: N_("My work"),
    Queue.TO_ACKNOWLEDGE: N_("To acknowledge"),
    Queue.TO_ASSESS: N_("To assess"),
    Queue.DUE_THIS_WEEK: N_("Due this week"),
    Queue.OVERDUE: N_("Overdue"),
    Queue.SIGNIFICANT: N_("Significant"),
    Queue.UNDER_REVIEW: N_("Under review"),
    Queue.ALL_OPEN: N_("All open"),
    Queue.CLOSED: N_("Closed"),
    Queue.ALL: N_("All"),
}


class SortKey(StrEnum):
    """Columns the list can be sorted by (each has an index: migration 0002_search)."""

    REFERENCE = "reference"
    RECEIVED = "received_at"
    CHANNEL = "channel"
    SUBJECT = "subject"
    CATEGORY = "category_code"
    LEVEL = "level"
    STATUS = "status"
    RESPONSIBLE = "responsible_unit"
    DUE = "due_on"
    OFFICE = "office_code"


@dataclass(frozen=True)
class CaseFilter:
    """Everything that narrows the list. Empty collections and None mean "any"."""

    queue: Queue = Queue.ALL_OPEN
    statuses: frozenset[str] = frozenset()
    levels: frozenset[int] = frozenset()
    categories: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()
    responsible: str | None = None
    received_from: date | None = None
    received_to: date | None = None  # inclusive
    due_from: date | None = None
    due_to: date | None = None  # inclusive
    text: str = ""
    # A dashboard drill-down (docs/analysis.md: key, value pairs) on top of the rest; its
    # keys are those of store.queries_analysis.DRILLDOWN_KEYS.
    drilldown: tuple[tuple[str, Any], ...] = ()

    def with_queue(self, queue: Queue) -> CaseFilter:
        from dataclasses import replace

        return replace(self, queue=queue)


@dataclass(frozen=True)
class Sort:
    key: SortKey = SortKey.RECEIVED
    descending: bool = True


@dataclass(frozen=True)
class NextStep:
    """Cases in one of ``statuses`` (at one of ``levels`` when given) await this role."""

    statuses: frozenset[str]
    levels: frozenset[int] | None = None


@dataclass(frozen=True)
class Viewer:
    """Who looks at the list: decides "my work" and whether personal data may be searched."""

    role: str
    names: tuple[str, ...] = field(default=())  # username and display name
    sees_personal_data: bool = False


# Steps that move a case on; notes and withdrawal are possible on any open case and do not
# make a case "waiting for" someone.
_MOVING_STEPS = (Action.ACKNOWLEDGE, Action.ASSESS, Action.ASSIGN_LEVEL, Action.RESPOND,
                 Action.CLOSE)


def next_steps_for(role: Role | str) -> list[NextStep]:
    """The case states in which a step of ``role`` moves the case on (for "my work")."""
    role = Role(role)
    found = []
    for action in _MOVING_STEPS:
        rule = RULES[action]
        if role not in rule.roles:
            continue
        limits = rule.level_limits.get(role) if rule.level_limits else None
        found.append(NextStep(frozenset(s.value for s in rule.sources), limits))
    return found


def week_end(today: date) -> date:
    """The Sunday of today's week: "due this week" runs from today to it."""
    from datetime import timedelta

    return today + timedelta(days=6 - today.weekday())


class DueMark(IntEnum):
    NONE = 0
    DUE_SOON = 1
    OVERDUE = 2


def due_mark(status: str, due_on: date | None, today: date, calendar: WorkingCalendar) -> DueMark:
    """Overdue: an open case past its due day. Due soon: due within two working days."""
    if due_on is None or status == Status.CLOSED.value:
        return DueMark.NONE
    if due_on < today:
        return DueMark.OVERDUE
    if calendar.working_days_between(today, due_on) <= DUE_SOON_WORKING_DAYS:
        return DueMark.DUE_SOON
    return DueMark.NONE
