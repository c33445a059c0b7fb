"""Operational KPIs: one definition each, used by the CLI, the GUI and the reports.

The JSON keys are a stable contract (docs/kpi.md). Every figure is a function of a few counts
and sums of the facts (a *tally*): the predicates below (``acknowledged_on_time``,
``closed_within_target``, ``days_to_close``, ``is_satisfied``) decide what is counted,
``tally_received`` / ``tally_closed`` count facts in Python, and the store counts the same in
SQL with twins of the predicates (store/queries.py; tests/store/test_kpi_twins.py proves them
equal on generated cases, on both engines), so a year of figures need not read a fact per
case. ``kpis_from_tallies`` is the arithmetic: percentages are rounded to one decimal, means
to two; a figure with nothing to measure is None (JSON null), never 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from complaint_desk.domain.errors import N_

NONE_KEY = "none"

KPI_KEYS: tuple[str, ...] = (
    "received",
    "acknowledged_on_time_pct",
    "closed",
    "resolved_within_target_pct",
    "mean_days_to_close",
    "median_days_to_close",
    "open_at_month_end",
    "overdue_at_month_end",
    "satisfaction_mean",
    "satisfied_pct",
    "reviewed",
    "by_channel",
    "by_category",
    "by_level",
)

KPI_LABELS: dict[str, str] = {
    "received": N_("Complaints received"),
    "acknowledged_on_time_pct": N_("Acknowledged on time (%)"),
    "closed": N_("Complaints closed"),
    "resolved_within_target_pct": N_("Resolved within the level's target (%)"),
    "mean_days_to_close": N_("Average days to close"),
    "median_days_to_close": N_("Median days to close"),
    "open_at_month_end": N_("Open at month end"),
    "overdue_at_month_end": N_("Overdue at month end"),
    "satisfaction_mean": N_("Average satisfaction (1-5)"),
    "satisfied_pct": N_("Satisfied, 4 or 5 (%)"),
    "reviewed": N_("Cases reviewed (reopened)"),
    "by_channel": N_("Received by channel"),
    "by_category": N_("Received by category"),
    "by_level": N_("Received by level"),
}

# Default targets of the indicators that have one: (target, higher_is_better).
DEFAULT_TARGETS: dict[str, tuple[float, bool]] = {
    "acknowledged_on_time_pct": (100.0, True),
    "resolved_within_target_pct": (90.0, True),
    "overdue_at_month_end": (0.0, False),
    "satisfaction_mean": (4.0, True),
    "satisfied_pct": (80.0, True),
}


@dataclass(frozen=True)
class ReceivedFacts:
    """A case received in the month: what the receipt-side KPIs need."""

    received_at: datetime
    acknowledged_at: datetime | None
    ack_due_on: date | None
    channel: str
    category_code: str | None
    level: int | None


@dataclass(frozen=True)
class ClosedFacts:
    """A case whose (latest) closing falls in the month."""

    received_at: datetime
    closed_at: datetime
    due_on: date | None
    satisfaction: int | None


def acknowledged_on_time(fact: ReceivedFacts) -> bool:
    return (fact.acknowledged_at is not None and fact.ack_due_on is not None
            and fact.acknowledged_at.date() <= fact.ack_due_on)


def closed_within_target(fact: ClosedFacts) -> bool:
    return fact.due_on is not None and fact.closed_at.date() <= fact.due_on


def days_to_close(fact: ClosedFacts) -> int:
    return (fact.closed_at.date() - fact.received_at.date()).days


SATISFIED_FROM = 4  # a satisfaction score (1-5) from this one up counts as satisfied


def is_satisfied(score: int) -> bool:
    return score >= SATISFIED_FROM


def is_open_at(received_at: datetime, closed_at: datetime | None, moment: datetime) -> bool:
    """Received before ``moment`` and not (yet) closed then."""
    return received_at < moment and (closed_at is None or closed_at >= moment)


def is_overdue_on(due_on: date | None, day: date) -> bool:
    """Past its resolution due date at the end of ``day``."""
    return due_on is not None and due_on < day


def month_end_moment(next_month_first: date) -> datetime:
    return datetime.combine(next_month_first, datetime.min.time())


def last_day(next_month_first: date) -> date:
    return next_month_first - timedelta(days=1)


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class ReceivedTally:
    """The counts the receipt-side KPIs need of a set of received cases. The breakdowns are
    keyed as in the JSON: the value as text, ``NONE_KEY`` where not yet set."""

    received: int = 0
    acknowledged_on_time: int = 0
    by_channel: Mapping[str, int] = field(default_factory=dict)
    by_category: Mapping[str, int] = field(default_factory=dict)
    by_level: Mapping[str, int] = field(default_factory=dict)

    def __add__(self, other: ReceivedTally) -> ReceivedTally:
        return ReceivedTally(self.received + other.received,
                             self.acknowledged_on_time + other.acknowledged_on_time,
                             _merged(self.by_channel, other.by_channel),
                             _merged(self.by_category, other.by_category),
                             _merged(self.by_level, other.by_level))


@dataclass(frozen=True)
class ClosedTally:
    """The counts and sums the closing-side KPIs need of a set of closed cases; ``days`` is
    how many cases took each number of days to close (the mean and the median come from it;
    left empty by a count that does not need them, they are None)."""

    closed: int = 0
    with_due: int = 0
    within_target: int = 0
    days: Mapping[int, int] = field(default_factory=dict)
    scored: int = 0
    score_sum: int = 0
    satisfied: int = 0

    def __add__(self, other: ClosedTally) -> ClosedTally:
        return ClosedTally(self.closed + other.closed, self.with_due + other.with_due,
                           self.within_target + other.within_target,
                           _merged(self.days, other.days), self.scored + other.scored,
                           self.score_sum + other.score_sum, self.satisfied + other.satisfied)


def _merged(a: Mapping[Any, int], b: Mapping[Any, int]) -> dict[Any, int]:
    found = dict(a)
    for key, n in b.items():
        found[key] = found.get(key, 0) + n
    return found


def breakdown_key(value: Any) -> str:
    """A value as a key of ``by_channel``/``by_category``/``by_level``."""
    return NONE_KEY if value is None else str(value)


def tally_received(facts: Iterable[ReceivedFacts]) -> ReceivedTally:
    facts = list(facts)
    return ReceivedTally(len(facts), sum(map(acknowledged_on_time, facts)),
                         Counter(breakdown_key(f.channel) for f in facts),
                         Counter(breakdown_key(f.category_code) for f in facts),
                         Counter(breakdown_key(f.level) for f in facts))


def tally_closed(facts: Iterable[ClosedFacts]) -> ClosedTally:
    facts = list(facts)
    scores = [f.satisfaction for f in facts if f.satisfaction is not None]
    return ClosedTally(len(facts), sum(1 for f in facts if f.due_on is not None),
                       sum(map(closed_within_target, facts)),
                       Counter(days_to_close(f) for f in facts), len(scores), sum(scores),
                       sum(map(is_satisfied, scores)))


def _mean(total: int, count: int) -> float | None:
    # statistics.fmean of integers: their (exact) sum divided by their number
    return round(total / count, 2) if count else None


def _median(histogram: Mapping[int, int]) -> float | None:
    """statistics.median of the values a histogram counts (the mean of the two middle ones
    when their number is even)."""
    count = sum(histogram.values())
    if not count:
        return None
    wanted = [(count - 1) // 2, count // 2]  # positions of the middle value(s), 0-based
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    return (found[0] + found[1]) / 2


def _sorted_counts(counts: Mapping[str, int]) -> dict[str, int]:
    return {key: n for key, n in sorted(counts.items()) if n}


def kpis_from_tallies(received: ReceivedTally, closed: ClosedTally, *, open_at_month_end: int,
                      overdue_at_month_end: int, reviewed: int) -> dict[str, Any]:
    """The figures of docs/kpi.md (without ``month`` and ``office``), in KPI_KEYS order."""
    return {
        "received": received.received,
        "acknowledged_on_time_pct": _pct(received.acknowledged_on_time, received.received),
        "closed": closed.closed,
        "resolved_within_target_pct": _pct(closed.within_target, closed.with_due),
        "mean_days_to_close": _mean(sum(d * n for d, n in closed.days.items()),
                                    sum(closed.days.values())),
        "median_days_to_close": _median(closed.days),
        "open_at_month_end": open_at_month_end,
        "overdue_at_month_end": overdue_at_month_end,
        "satisfaction_mean": _mean(closed.score_sum, closed.scored),
        "satisfied_pct": _pct(closed.satisfied, closed.scored),
        "reviewed": reviewed,
        "by_channel": _sorted_counts(received.by_channel),
        "by_category": _sorted_counts(received.by_category),
        "by_level": _sorted_counts(received.by_level),
    }


def monthly_kpis(received: Sequence[ReceivedFacts], closed: Sequence[ClosedFacts], *,
                 open_at_month_end: int, overdue_at_month_end: int,
                 reviewed: int) -> dict[str, Any]:
    return kpis_from_tallies(tally_received(received), tally_closed(closed),
                             open_at_month_end=open_at_month_end,
                             overdue_at_month_end=overdue_at_month_end, reviewed=reviewed)


def target_met(key: str, value: float | None,
               targets: dict[str, tuple[float, bool]] | None = None) -> bool | None:
    """Whether a figure meets its target; None when it has no target or no value."""
    target = (targets or DEFAULT_TARGETS).get(key)
    if target is None or value is None:
        return None
    goal, higher_is_better = target
    return value >= goal if higher_is_better else value <= goal
