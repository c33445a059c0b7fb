"""Operational KPIs: one definition each, used by the CLI, the GUI and the reports.

The store supplies the facts (the cases received in the month, the cases closed in it and
three counts); the arithmetic lives here. The JSON keys are a stable contract
(docs/kpi.md). Percentages are rounded to one decimal, means to two; a figure with nothing
to measure is None (JSON null), never 0.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


def _counts(values: Iterable[Any]) -> dict[str, int]:
    counter = Counter(NONE_KEY if v is None else str(v) for v in values)
    return dict(sorted(counter.items()))


def monthly_kpis(received: Sequence[ReceivedFacts], closed: Sequence[ClosedFacts], *,
                 open_at_month_end: int, overdue_at_month_end: int,
                 reviewed: int) -> dict[str, Any]:
    with_due = [c for c in closed if c.due_on is not None]
    days = [days_to_close(c) for c in closed]
    scores = [c.satisfaction for c in closed if c.satisfaction is not None]
    return {
        "received": len(received),
        "acknowledged_on_time_pct": _pct(sum(map(acknowledged_on_time, received)), len(received)),
        "closed": len(closed),
        "resolved_within_target_pct": _pct(sum(map(closed_within_target, with_due)),
                                           len(with_due)),
        "mean_days_to_close": round(statistics.fmean(days), 2) if days else None,
        "median_days_to_close": float(statistics.median(days)) if days else None,
        "open_at_month_end": open_at_month_end,
        "overdue_at_month_end": overdue_at_month_end,
        "satisfaction_mean": round(statistics.fmean(scores), 2) if scores else None,
        "satisfied_pct": _pct(sum(1 for s in scores if s >= 4), len(scores)),
        "reviewed": reviewed,
        "by_channel": _counts(r.channel for r in received),
        "by_category": _counts(r.category_code for r in received),
        "by_level": _counts(r.level for r in received),
    }


def target_met(key: str, value: float | None,
               targets: dict[str, tuple[float, bool]] | None = None) -> bool | None:
    """Whether a figure meets its target; None when it has no target or no value."""
    target = (targets or DEFAULT_TARGETS).get(key)
    if target is None or value is None:
        return None
    goal, higher_is_better = target
    return value >= goal if higher_is_better else value <= goal
