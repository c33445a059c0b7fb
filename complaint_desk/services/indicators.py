"""Indicators: targets, the KPI cascade, and the year's results for the dashboard, the CLI
and the AAR report (``year_indicators``: the one entry point they share)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import or_, select

from complaint_desk.domain import indicators as ind
from complaint_desk.domain.calendar import BE_OFFSET
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, NotFound, ValidationError
from complaint_desk.domain.indicators import INDICATORS, IndicatorResult
from complaint_desk.domain.policy import (
    CASCADE_DONE,
    CascadeItem,
    CascadeStatus,
    CascadeTier,
    PlannedPublication,
    check_tier_target,
)
from complaint_desk.i18n import _, language
from complaint_desk.services.kpi import period_kpis
from complaint_desk.services.management_records import (
    audit_change,
    enum_value,
    now,
    require_manager,
    require_target_setter,
    required_text,
    save_columns,
    values_of,
)
from complaint_desk.services.policy import policy_in_force
from complaint_desk.store.database import Database
from complaint_desk.store.models import Level, Office, User
from complaint_desk.store.models_policy import CascadeRow, IndicatorTarget, PublicationRow
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


def gregorian_year(year: int) -> int:
    """Years of 2400 and more are Buddhist Era (docs/decisions.md), so 2567 and 2024 agree."""
    return year - BE_OFFSET if year >= 2400 else year


# --- targets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    indicator: str
    year: int
    target: float | None
    due_on: date | None = None
    office_code: str | None = None
    level: int | None = None


def targets_for(uow: UnitOfWork, year: int, office_code: str | None = None,
                level: int | None = None) -> dict[str, Target]:
    """The targets that apply: an office's own over the organisation's, per indicator."""
    query = select(IndicatorTarget).where(
        IndicatorTarget.year == year,
        IndicatorTarget.level.is_(None) if level is None else IndicatorTarget.level == level,
        or_(IndicatorTarget.office_code.is_(None), IndicatorTarget.office_code == office_code)
        if office_code else IndicatorTarget.office_code.is_(None))
    found: dict[str, Target] = {}
    for row in sorted(uow.session.scalars(query), key=lambda r: r.office_code is not None):
        found[row.indicator] = Target(row.indicator, row.year, row.target, row.due_on,
                                      row.office_code, row.level)
    return found


def list_targets(db: Database, year: int) -> list[Target]:
    year = gregorian_year(year)
    with UnitOfWork(db, write=False) as uow:
        rows = uow.session.scalars(select(IndicatorTarget).where(IndicatorTarget.year == year)
                                   .order_by(IndicatorTarget.indicator, IndicatorTarget.id))
        return [Target(r.indicator, r.year, r.target, r.due_on, r.office_code, r.level)
                for r in rows]


def set_target(db: Database, actor: Actor, target: Target, *, clock: Clock = now) -> None:
    """Set (or replace) the target of one indicator, year, office (None: organisation) and
    handling level (None: all). A None target falls back to the indicator's default."""
    require_target_setter(actor)
    if target.indicator not in INDICATORS:
        raise ValidationError(N_("Unknown indicator: {value}"), field="indicator",
                              value=target.indicator)
    year = gregorian_year(target.year)
    with UnitOfWork(db) as uow:
        if target.office_code and uow.session.get(Office, target.office_code) is None:
            raise NotFound(N_("Unknown office: {value}"), value=target.office_code)
        if target.level is not None and uow.session.get(Level, target.level) is None:
            raise ValidationError(N_("Unknown handling level: {value}"), field="level",
                                  value=target.level)
        row = uow.session.scalars(select(IndicatorTarget).where(
            IndicatorTarget.indicator == target.indicator, IndicatorTarget.year == year,
            IndicatorTarget.office_code.is_(None) if target.office_code is None
            else IndicatorTarget.office_code == target.office_code,
            IndicatorTarget.level.is_(None) if target.level is None
            else IndicatorTarget.level == target.level)).first()
        names = ("indicator", "year", "office_code", "level", "target", "due_on")
        before = None if row is None else values_of(row, names)
        if row is None:
            row = IndicatorTarget(indicator=target.indicator, year=year,
                                  office_code=target.office_code, level=target.level)
            uow.session.add(row)
        row.target, row.due_on = target.target, target.due_on
        uow.session.flush()
        audit_change(uow, actor, clock(), "indicator_target_set", row.id, before,
                     values_of(row, names))
        uow.commit()


# --- the KPI cascade -----------------------------------------------------------------------


@dataclass(frozen=True)
class CascadeEntry:
    indicator: str
    year: int
    tier: str
    target_text: str
    status: str = CascadeStatus.PLANNED.value
    status_on: date | None = None
    office_code: str | None = None
    unit: str | None = None
    user_id: int | None = None
    note: str | None = None
    id: int | None = None


_CASCADE_COLUMNS = ("indicator", "year", "tier", "target_text", "status", "status_on",
                    "office_code", "unit", "user_id", "note")


def list_cascade(db: Database, year: int, office_code: str | None = None) -> list[CascadeEntry]:
    year = gregorian_year(year)
    with UnitOfWork(db, write=False) as uow:
        query = select(CascadeRow).where(CascadeRow.year == year).order_by(
            CascadeRow.indicator, CascadeRow.tier, CascadeRow.id)
        if office_code:
            query = query.where(CascadeRow.office_code == office_code)
        return [CascadeEntry(id=r.id, **{n: getattr(r, n) for n in _CASCADE_COLUMNS})
                for r in uow.session.scalars(query)]


def save_cascade(db: Database, actor: Actor, entry: CascadeEntry, *, clock: Clock = now) -> int:
    require_manager(actor)
    at = clock()
    if entry.indicator not in INDICATORS:
        raise ValidationError(N_("Unknown indicator: {value}"), field="indicator",
                              value=entry.indicator)
    tier = enum_value(CascadeTier, entry.tier, "tier")
    status = enum_value(CascadeStatus, entry.status, "status")
    unit = (entry.unit or "").strip() or None
    check_tier_target(tier, entry.office_code, unit, entry.user_id)
    if status in CASCADE_DONE and entry.status_on is None:
        raise ValidationError(N_("Give the date the indicator was cascaded."), field="status_on")
    if entry.status_on is not None and entry.status_on > at.date():
        raise ValidationError(N_("The status date cannot be in the future."), field="status_on")
    clean = replace(entry, year=gregorian_year(entry.year), tier=tier.value, status=status.value,
                    unit=unit, note=(entry.note or "").strip() or None,
                    target_text=required_text(entry.target_text, "target_text",
                                              N_("Give the target that is cascaded.")))
    with UnitOfWork(db) as uow:
        if clean.office_code and uow.session.get(Office, clean.office_code) is None:
            raise NotFound(N_("Unknown office: {value}"), value=clean.office_code)
        if clean.user_id is not None and uow.session.get(User, clean.user_id) is None:
            raise NotFound(N_("No user with id {value}."), value=clean.user_id)
        saved = save_columns(uow, actor, at, CascadeRow, entry.id, clean, _CASCADE_COLUMNS,
                             "cascade_saved", N_("No cascade entry {value}."))
        uow.commit()
        return saved


# --- the year's indicators -----------------------------------------------------------------


def year_indicators(db: Database, year: int, office_code: str | None = None) -> list[IndicatorResult]:
    """The three seed indicators, then the year's operational KPIs, for one office or all.

    ``year`` is Gregorian or Buddhist Era (2024 or 2567). Texts are in the current language
    (i18n.set_language). Publications and cascade rows are the office's own when an office is
    given; the policy is the organisation's. Open and overdue are counted at the year's end.
    """
    year = gregorian_year(year)
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    as_of = date(year, 12, 31)
    figures = period_kpis(db, start, end, office_code)  # checks the office exists
    with UnitOfWork(db, write=False) as uow:
        targets = targets_for(uow, year, office_code)
        policy = policy_in_force(uow, as_of)
        plan_query = select(PublicationRow.channel, PublicationRow.audience,
                            PublicationRow.planned_on, PublicationRow.done_on).where(
            PublicationRow.planned_on >= start, PublicationRow.planned_on < end)
        cascade_query = select(CascadeRow.tier, CascadeRow.status, CascadeRow.status_on).where(
            CascadeRow.year == year)
        if office_code:
            plan_query = plan_query.where(PublicationRow.office_code == office_code)
            cascade_query = cascade_query.where(CascadeRow.office_code == office_code)
        plan = [PlannedPublication(*row) for row in uow.session.execute(plan_query)]
        cascade = [CascadeItem(*row) for row in uow.session.execute(cascade_query)]

    def goal(code: str) -> float | None:
        found = targets.get(code)
        return found.target if found is not None else None

    elements_target = targets.get("policy_elements")
    results = [
        ind.policy_elements_indicator(
            None if policy is None else ind.PolicyFacts(policy.title, policy.version,
                                                       policy.approved_on,
                                                       frozenset(policy.elements)),
            target=goal("policy_elements"),
            review_due=elements_target.due_on if elements_target else None,
            gettext=_, language=language()),
        ind.publication_indicator(plan, as_of, target=goal("policy_publication"), gettext=_),
        ind.cascade_indicator(cascade, as_of, target=goal("kpi_cascade"), gettext=_),
    ]
    operational_targets = {code: t.target for code, t in targets.items()
                           if t.target is not None}
    return results + ind.operational_indicators(figures, operational_targets, gettext=_)
