"""Analysis and evaluation of complaints for the dashboard: trends, breakdowns, on-time by
level, overdue by unit, locations, repeat complainants, satisfaction.

Every percentage, mean and count of received/closed cases comes from domain/kpi.py's
definitions (through domain.indicators.tally_kpis over the store's tallies, counted in SQL
per month and level: the work grows with the months shown, not the cases); grouped counts the
KPIs do not define (by office, unit, location, complainant) are SQL counts under the same
period filters. Each figure carries the drill-down filter (docs/analysis.md) that selects
the cases it counts, so the list can show them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import reduce
from typing import Any

from sqlalchemy import select

from complaint_desk.domain.errors import N_, NotFound
from complaint_desk.domain.improvement import add_months
from complaint_desk.domain.indicators import tally_kpis
from complaint_desk.domain.kpi import (
    DEFAULT_TARGETS,
    ClosedTally,
    ReceivedTally,
    breakdown_key,
    target_met,
)
from complaint_desk.services.indicators import targets_for
from complaint_desk.store import queries, queries_analysis
from complaint_desk.store.database import Database
from complaint_desk.store.models import Category, Level, Office
from complaint_desk.store.unit_of_work import UnitOfWork

Filter = dict[str, Any]
Progress = Callable[[int, int], Any]
Tallies = Mapping[tuple[Hashable, ...], Any]
_ON_TIME = "resolved_within_target_pct"


@dataclass(frozen=True)
class Bar:
    """One bar or point: ``key`` is a code or name the presenter labels."""

    key: str
    value: float | None
    filter: Filter


@dataclass(frozen=True)
class MonthPoint:
    year: int  # Gregorian
    month: int
    received: int
    closed: int
    received_last_year: int
    closed_last_year: int
    acknowledged_on_time_pct: float | None
    resolved_within_target_pct: float | None
    satisfaction_mean: float | None
    satisfied_pct: float | None
    received_filter: Filter
    closed_filter: Filter


@dataclass(frozen=True)
class LevelPoint:
    level: int
    name: str
    received: int
    acknowledged_on_time_pct: float | None
    closed: int
    resolved_within_target_pct: float | None
    target_pct: float | None
    met: bool | None
    closed_filter: Filter


@dataclass(frozen=True)
class Dashboard:
    start: date  # the period: 12 whole months [start, end)
    end: date
    as_of: date  # open and overdue are counted at the end of this day
    office_code: str | None
    months: list[MonthPoint]
    by_channel: list[Bar]
    by_category: list[Bar]
    by_level: list[Bar]
    by_office: list[Bar]
    on_time_by_level: list[LevelPoint]
    open_total: int
    overdue_total: int
    overdue_by_unit: list[Bar]
    top_locations: list[Bar]
    repeat_people: int
    repeat_cases: int
    repeat_complainants: list[Bar]
    category_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # code: (th, en)
    office_names: dict[str, str] = field(default_factory=dict)


def _received_filter(start: date, end: date, within: str | None, **more: Any) -> Filter:
    """Cases received in [start, end): the filter's dates are inclusive days."""
    found: Filter = {"received_from": start, "received_to": end - timedelta(days=1), **more}
    if within:
        found["office"] = within
    return found


def _closed_filter(start: date, end: date, within: str | None, **more: Any) -> Filter:
    found: Filter = {"closed_from": start, "closed_to": end - timedelta(days=1), **more}
    if within:
        found["office"] = within
    return found


def _bars(counts: dict[str, int], start: date, end: date, office: str | None, key: str,
          *, as_int: bool = False) -> list[Bar]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Bar(k, v, _received_filter(start, end, office, **{
        key: None if k == "none" else (int(k) if as_int else k)})) for k, v in ordered]


def dashboard(db: Database, year: int, month: int, office_code: str | None = None, *,
              today: date | None = None, months: int = 12, top: int = 10,
              progress: Progress | None = None) -> Dashboard:
    """The ``months`` months ending with (Gregorian) ``year``-``month``, for one office or all.
    ``progress(done, total)`` after each query (the GUI builds it off its thread and may stop
    it there: a progress callback that raises ends the read transaction)."""
    total_steps = 9

    def step(done: int) -> None:
        if progress:
            progress(done, total_steps)

    today = today or date.today()
    end = date(*add_months(year, month, 1), 1)
    start = date(*add_months(year, month, 1 - months), 1)
    last_year_start = date(start.year - 1, start.month, 1)
    last_year_end = date(end.year - 1, end.month, 1)
    as_of = min(end - timedelta(days=1), today)
    with UnitOfWork(db, write=False) as uow:
        s = uow.session
        if office_code and s.get(Office, office_code) is None:
            raise NotFound(N_("Unknown office: {value}"), value=office_code)
        step(0)
        grouping = ("month", "level")
        received = queries.received_tallies(s, start, end, office_code, by=grouping,
                                            breakdowns=False)
        by_channel, by_category = (queries_analysis.received_by(s, column, start, end,
                                                                office_code)
                                   for column in ("channel", "category_code"))
        step(1)
        closed = queries.closed_tallies(s, start, end, office_code, by=grouping, days=False)
        step(2)
        received_before = queries_analysis.counts_by_month(s, "received_at", last_year_start,
                                                           last_year_end, office_code)
        step(3)
        closed_before = queries_analysis.counts_by_month(s, "closed_at", last_year_start,
                                                         last_year_end, office_code)
        step(4)
        open_total, overdue_total = queries.open_and_overdue_at(
            s, as_of + timedelta(days=1), office_code)
        step(5)
        overdue_units = queries_analysis.overdue_by_unit(s, as_of, office_code)
        step(6)
        locations = queries_analysis.top_locations(s, start, end, office_code, top)
        step(7)
        people, cases, repeaters = queries_analysis.repeat_complainants(s, start, end,
                                                                        office_code, top)
        step(8)
        offices = queries_analysis.received_by(s, "office_code", start, end, office_code)
        levels = dict(s.execute(select(Level.number, Level.name)).all())
        category_names = {c: (th, en) for c, th, en in s.execute(
            select(Category.code, Category.name_th, Category.name_en))}
        office_names = dict(s.execute(select(Office.code, Office.name)).all())
        level_targets = {n: targets_for(uow, year, office_code, n).get(
            "resolved_within_target_pct") for n in levels}
        step(total_steps)
    # The year's breakdowns: by level from the (month, level) counts, the others counted.
    by_level: dict[str, int] = {}
    for (_month, level), tally in received.items():
        by_level[breakdown_key(level)] = by_level.get(breakdown_key(level), 0) + tally.received
    counted = _sum(received.values(), ReceivedTally())
    whole = tally_kpis(replace(counted, by_channel=by_channel, by_category=by_category,
                               by_level=by_level), _sum(closed.values(), ClosedTally()))
    return Dashboard(
        start, end, as_of, office_code,
        _months(start, months, office_code, received, closed, received_before, closed_before),
        _bars(whole["by_channel"], start, end, office_code, "channel"),
        _bars(whole["by_category"], start, end, office_code, "category"),
        _bars(whole["by_level"], start, end, office_code, "level", as_int=True),
        _bars(offices, start, end, office_code, "office"),
        _levels(levels, level_targets, received, closed, start, end, office_code),
        open_total, overdue_total,
        [Bar(unit or "none", n, _overdue_filter(as_of, office_code, unit))
         for unit, n in overdue_units],
        [Bar(f"{project} / {building}" if building else project or "none", n,
             _received_filter(start, end, office_code, project=project, building=building))
         for project, building, n in locations],
        people, cases,
        [Bar(key, n, _received_filter(start, end, office_code, complainant_key=key))
         for key, n in repeaters],
        category_names, office_names)


def _overdue_filter(as_of: date, office: str | None, unit: str | None) -> Filter:
    found: Filter = {"open_at_end_of": as_of, "overdue": True, "responsible_unit": unit}
    if office:
        found["office"] = office
    return found


def _sum(tallies: Any, empty: Any) -> Any:
    return reduce(lambda a, b: a + b, tallies, empty)


def _where(tallies: Tallies, index: int, value: Any, empty: Any) -> Any:
    """The sum of the tallies whose key has ``value`` at ``index`` ((year, month), level)."""
    return _sum((t for key, t in tallies.items() if key[index] == value), empty)


def _months(start: date, months: int, office: str | None, received: Tallies,
            closed: Tallies, rec_before: dict[tuple[int, int], int],
            clo_before: dict[tuple[int, int], int]) -> list[MonthPoint]:
    points = []
    for i in range(months):
        y, m = add_months(start.year, start.month, i)
        first, nxt = date(y, m, 1), date(*add_months(y, m, 1), 1)
        figures = tally_kpis(_where(received, 0, (y, m), ReceivedTally()),
                             _where(closed, 0, (y, m), ClosedTally()))
        points.append(MonthPoint(
            y, m, figures["received"], figures["closed"], rec_before.get((y - 1, m), 0),
            clo_before.get((y - 1, m), 0), figures["acknowledged_on_time_pct"],
            figures["resolved_within_target_pct"], figures["satisfaction_mean"],
            figures["satisfied_pct"], _received_filter(first, nxt, office),
            _closed_filter(first, nxt, office)))
    return points


def _levels(levels: dict[int, str], targets: dict[int, Any], received: Tallies,
            closed: Tallies, start: date, end: date, office: str | None) -> list[LevelPoint]:
    points = []
    for number, name in sorted(levels.items()):
        figures = tally_kpis(_where(received, 1, number, ReceivedTally()),
                             _where(closed, 1, number, ClosedTally()))
        target = targets.get(number)
        goal = target.target if target is not None and target.target is not None else \
            DEFAULT_TARGETS[_ON_TIME][0]
        value = figures[_ON_TIME]
        met = target_met(_ON_TIME, value, {_ON_TIME: (goal, True)})
        points.append(LevelPoint(number, name, figures["received"],
                                 figures["acknowledged_on_time_pct"], figures["closed"], value,
                                 goal, met, _closed_filter(start, end, office, level=number)))
    return points
