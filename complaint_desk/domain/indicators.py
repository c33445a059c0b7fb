"""Indicators of the complaint-handling system: the seed's three and the operational KPIs.

Pure functions over plain facts. Texts are composed with a ``gettext`` passed in (the domain
knows no locale); the result's ``name`` stays a message id so each presenter translates it.

Seed indicators (the customer's AAR form, section 8):
1. ``policy_elements``: components of the policy in force at the year's end that hold every
   required element (domain/policy.py), out of 4. Met when all 4 are complete and, if the
   year has a review deadline, a version was approved within the 12 months up to it.
2. ``policy_publication``: % of the publications planned in the year that are done by the
   year's end (or ``as_of``, if earlier). Target 100.
3. ``kpi_cascade``: % of the year's cascade rows (not cancelled) cascaded or acknowledged by
   then. Target 100.
Operational KPIs: the keys of domain/kpi.py computed over the whole year, with the same
definitions (open/overdue are taken at the year's end).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from complaint_desk.domain import kpi
from complaint_desk.domain.calendar import format_be_month
from complaint_desk.domain.errors import N_
from complaint_desk.domain.policy import (
    COMPONENT_COUNT,
    CascadeItem,
    PlannedPublication,
    cascade_counts,
    cascade_done,
    complete_components,
    publication_done,
)

Gettext = Callable[[str], str]


def _identity(message: str) -> str:
    return message


@dataclass(frozen=True)
class IndicatorResult:
    """One row of the AAR's indicator table. ``name`` is a message id; the texts are in the
    language of the gettext they were made with; ``met`` is None when there is nothing to
    measure or no target."""

    code: str
    name: str
    target_text: str
    target_value: float | None
    result_text: str
    result_value: float | None
    met: bool | None


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    unit: str  # "pct", "count", "days", "score", "components"
    higher_is_better: bool | None  # None: no direction (a volume)
    default_target: float | None


SEED_INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("policy_elements", N_("The policy and procedures contain every required "
                                        "element"), "components", True, float(COMPONENT_COUNT)),
    IndicatorSpec("policy_publication", N_("Planned publications of the policy inside and "
                                           "outside the organisation done (%)"), "pct", True,
                  100.0),
    IndicatorSpec("kpi_cascade", N_("Indicators and targets cascaded to processes and "
                                    "personnel (%)"), "pct", True, 100.0),
)  # fmt: skip

# The yearly names of the operational KPIs (a year ends where a month would).
_YEAR_NAMES: dict[str, str] = {
    **kpi.KPI_LABELS,
    "open_at_month_end": N_("Open at the end of the period"),
    "overdue_at_month_end": N_("Overdue at the end of the period"),
}
_UNITS: dict[str, str] = {
    "received": "count", "acknowledged_on_time_pct": "pct", "closed": "count",
    "resolved_within_target_pct": "pct", "mean_days_to_close": "days",
    "median_days_to_close": "days", "open_at_month_end": "count",
    "overdue_at_month_end": "count", "satisfaction_mean": "score", "satisfied_pct": "pct",
    "reviewed": "count",
}  # fmt: skip
OPERATIONAL_INDICATORS: tuple[IndicatorSpec, ...] = tuple(
    IndicatorSpec(key, _YEAR_NAMES[key], unit,
                  kpi.DEFAULT_TARGETS[key][1] if key in kpi.DEFAULT_TARGETS else None,
                  kpi.DEFAULT_TARGETS[key][0] if key in kpi.DEFAULT_TARGETS else None)
    for key, unit in _UNITS.items()
)
INDICATORS: dict[str, IndicatorSpec] = {s.code: s for s in SEED_INDICATORS + OPERATIONAL_INDICATORS}


def format_value(unit: str, value: float | None, gettext: Gettext = _identity) -> str:
    if value is None:
        return gettext(N_("no data"))
    number = f"{value:g}" if unit != "pct" else f"{value:.1f}".removesuffix(".0")
    if unit == "pct":
        return gettext(N_("{value}%")).format(value=number)
    if unit == "days":
        return gettext(N_("{value} days")).format(value=number)
    if unit == "score":
        return gettext(N_("{value} of 5")).format(value=number)
    if unit == "components":
        return gettext(N_("{value} of {total} components")).format(value=number,
                                                                 total=COMPONENT_COUNT)
    return number


def target_text(spec: IndicatorSpec, target: float | None, gettext: Gettext = _identity) -> str:
    if target is None or spec.higher_is_better is None:
        return "-"
    value = format_value(spec.unit, target, gettext)
    if spec.unit == "pct" and target >= 100 or spec.unit == "components":
        return value
    if spec.higher_is_better:
        return gettext(N_("at least {value}")).format(value=value)
    return gettext(N_("at most {value}")).format(value=value)


def met(spec: IndicatorSpec, value: float | None, target: float | None) -> bool | None:
    """kpi.target_met's rule, for any indicator with a direction."""
    if spec.higher_is_better is None or target is None:
        return None
    return kpi.target_met(spec.code, value, {spec.code: (target, spec.higher_is_better)})


# --- seed indicator 1 ---------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyFacts:
    """The policy version in force at the year's end and its checked elements."""

    title: str
    version: str
    approved_on: date | None
    elements: frozenset[str]


def review_counts(approved_on: date | None, review_due: date | None) -> bool:
    """A review meets a deadline when approved within the 12 months up to it."""
    if review_due is None:
        return True
    return approved_on is not None and review_due - timedelta(days=365) < approved_on <= review_due


def policy_elements_indicator(policy: PolicyFacts | None, *, target: float | None = None,
                              review_due: date | None = None, gettext: Gettext = _identity,
                              language: str = "th") -> IndicatorResult:
    spec = SEED_INDICATORS[0]
    goal = target if target is not None else spec.default_target
    text = target_text(spec, goal, gettext)
    if review_due is not None:
        text = gettext(N_("{target}, reviewed by {month}")).format(
            target=text, month=format_be_month(review_due.year, review_due.month,
                                               language=language))
    if policy is None:
        return IndicatorResult(spec.code, spec.name, text, goal,
                               gettext(N_("No policy recorded")), 0.0, False)
    complete = float(len(complete_components(policy.elements)))
    result = format_value(spec.unit, complete, gettext)
    if policy.approved_on is not None:
        result = gettext(N_("{result}, version {version} approved {month}")).format(
            result=result, version=policy.version,
            month=format_be_month(policy.approved_on.year, policy.approved_on.month,
                                  language=language))
    ok = met(spec, complete, goal)
    return IndicatorResult(spec.code, spec.name, text, goal, result, complete,
                           bool(ok) and review_counts(policy.approved_on, review_due))


# --- seed indicators 2 and 3 -------------------------------------------------------------


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _share_indicator(spec: IndicatorSpec, done: int, planned: int, target: float | None,
                     gettext: Gettext) -> IndicatorResult:
    goal = target if target is not None else spec.default_target
    value = _pct(done, planned)
    result = gettext(N_("{value} ({done} of {planned})")).format(
        value=format_value(spec.unit, value, gettext), done=done, planned=planned)
    return IndicatorResult(spec.code, spec.name, target_text(spec, goal, gettext), goal,
                           result, value, met(spec, value, goal))


def publication_indicator(plan: Sequence[PlannedPublication], as_of: date, *,
                          target: float | None = None,
                          gettext: Gettext = _identity) -> IndicatorResult:
    done = sum(1 for item in plan if publication_done(item, as_of))
    return _share_indicator(SEED_INDICATORS[1], done, len(plan), target, gettext)


def cascade_indicator(items: Iterable[CascadeItem], as_of: date, *, target: float | None = None,
                      gettext: Gettext = _identity) -> IndicatorResult:
    counted = [item for item in items if cascade_counts(item)]
    done = sum(1 for item in counted if cascade_done(item, as_of))
    return _share_indicator(SEED_INDICATORS[2], done, len(counted), target, gettext)


# --- operational KPIs as indicators -------------------------------------------------------


def operational_indicators(figures: Mapping[str, Any], targets: Mapping[str, float], *,
                           gettext: Gettext = _identity) -> list[IndicatorResult]:
    """The period's KPI figures (domain/kpi.py's dictionary) as indicator rows; ``targets``
    override the defaults per code."""
    rows = []
    for spec in OPERATIONAL_INDICATORS:
        value = figures.get(spec.code)
        goal = targets.get(spec.code, spec.default_target)
        rows.append(IndicatorResult(spec.code, spec.name, target_text(spec, goal, gettext), goal,
                                    format_value(spec.unit, value, gettext),
                                    None if value is None else float(value),
                                    met(spec, value, goal)))
    return rows


def facts_kpis(received: Sequence[kpi.ReceivedFacts],
               closed: Sequence[kpi.ClosedFacts]) -> dict[str, Any]:
    """The KPIs that come from received and closed cases alone (for a subset such as one
    handling level): kpi.monthly_kpis's definitions, without the period-end counts."""
    return tally_kpis(kpi.tally_received(received), kpi.tally_closed(closed))


def tally_kpis(received: kpi.ReceivedTally, closed: kpi.ClosedTally) -> dict[str, Any]:
    """``facts_kpis`` from the tallies of the facts (as the store counts them in SQL)."""
    figures = kpi.kpis_from_tallies(received, closed, open_at_month_end=0,
                                    overdue_at_month_end=0, reviewed=0)
    for key in ("open_at_month_end", "overdue_at_month_end", "reviewed"):
        del figures[key]
    return figures
