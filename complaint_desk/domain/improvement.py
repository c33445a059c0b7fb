"""Continuous improvement: corrective actions on root causes, and whether they worked.

Effectiveness (did complaints of that cause fall afterwards?) is defined here once:

- The action's *month* is the month of its done date. The months before it (at most
  ``window`` whole months, default 6) are the baseline; the whole months after it, up to
  ``window`` and not counting the current (unfinished) month, are the follow-up.
- Count the complaints *received* in each window whose root cause is the action's cause, and
  divide by the window's months: complaints per month before and after.
- ``effective`` is True when the rate after is lower than before, False when it is not, and
  None when it cannot be told yet: the action is not done, no whole month has passed since, or
  there were no complaints of the cause before (nothing to fall).

Root causes are recorded when a case closes, so cases still open in the follow-up have none
yet: a follow-up that ends recently undercounts. The check names its windows so a reader can
judge; the dashboard shows it as a figure, not as a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from complaint_desk.domain.errors import N_, ValidationError

DEFAULT_WINDOW_MONTHS = 6


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.PLANNED: N_("Planned"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.CANCELLED: N_("Cancelled"),
}


def check_action(status: ActionStatus, done_on: date | None, due_on: date | None,
                 started_on: date) -> None:
    """A done action has a done date; no date is before the action was planned."""
    if status is ActionStatus.DONE and done_on is None:
        raise ValidationError(N_("A done action needs the date it was done."), field="done_on")
    if status is not ActionStatus.DONE and done_on is not None:
        raise ValidationError(N_("Only a done action has a done date."), field="done_on")
    if due_on is not None and due_on < started_on:
        raise ValidationError(N_("The due date cannot be before the action was planned."),
                              field="due_on")


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Window:
    """Whole months [start, end): ``start`` and ``end`` are first days of months."""

    start: date
    end: date
    months: int


def windows(done_on: date, today: date,
            window: int = DEFAULT_WINDOW_MONTHS) -> tuple[Window, Window]:
    """The baseline before the action's month and the follow-up after it."""
    y, m = done_on.year, done_on.month
    before_start = date(*add_months(y, m, -window), 1)
    action_month = date(y, m, 1)
    after_start = date(*add_months(y, m, 1), 1)
    current = date(today.year, today.month, 1)
    months_after = max(0, min(window, (current.year - after_start.year) * 12
                              + current.month - after_start.month))
    after_end = date(*add_months(after_start.year, after_start.month, months_after), 1)
    return Window(before_start, action_month, window), Window(after_start, after_end,
                                                              months_after)


@dataclass(frozen=True)
class Effectiveness:
    before: Window
    before_count: int
    after: Window
    after_count: int
    effective: bool | None

    @property
    def before_rate(self) -> float | None:
        return round(self.before_count / self.before.months, 2) if self.before.months else None

    @property
    def after_rate(self) -> float | None:
        return round(self.after_count / self.after.months, 2) if self.after.months else None

    @property
    def change_pct(self) -> float | None:
        """How much the monthly rate changed, % of the baseline (negative: it fell)."""
        if not self.before_count or not self.after.months:
            return None
        before = self.before_count / self.before.months
        after = self.after_count / self.after.months
        return round(100.0 * (after - before) / before, 1)


def effectiveness(before: Window, before_count: int, after: Window,
                  after_count: int) -> Effectiveness:
    if not after.months or not before_count:
        verdict: bool | None = None
    else:
        verdict = after_count / after.months < before_count / before.months
    return Effectiveness(before, before_count, after, after_count, verdict)
