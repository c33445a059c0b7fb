"""The monthly KPI report (รายงานผลการดำเนินงานด้านการจัดการข้อร้องเรียน ประจำเดือน ...).

Takes plain data (``MonthlyReportData``: figures already computed by services/kpi, labels
already translated) and writes a PDF. No personal data is ever passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from complaint_desk.i18n import _
from complaint_desk.reports.charts import GroupedBarChart, Series
from complaint_desk.reports.page_furniture import (
    FRAME_WIDTH,
    Letterhead,
    LogoFlowable,
    Styles,
    Text,
    build_document,
    grid_table,
    running_header,
    signature_table,
)
from complaint_desk.reports.thai import ThaiParagraph

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class KpiRow:
    """One indicator: ``target`` and ``met`` are None when it has no target."""

    label: str
    value: float | int | None
    decimals: int = 0
    target: float | None = None
    higher_is_better: bool = True
    met: bool | None = None


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    values: tuple[float | int | None, ...]  # this month, previous month, same month last year
    decimals: int = 0


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


@dataclass(frozen=True)
class UnitOverdueRow:
    """A responsible unit's open and overdue cases at month end (no personal data)."""

    unit: str
    open: int
    overdue: int


@dataclass(frozen=True)
class Signer:
    name: str
    position: str
    role: str  # e.g. ผู้จัดทำรายงาน / ผู้รับรองรายงาน


@dataclass(frozen=True)
class MonthlyReportData:
    head: Letterhead
    month_label: str  # "สิงหาคม 2567"
    scope_label: str  # the office's name, or "ทุกสำนักงาน"
    kpis: list[KpiRow]
    comparison_columns: tuple[str, str, str]  # month labels of the comparison's columns
    comparison: list[ComparisonRow]
    trend_labels: list[str]  # 13 months, oldest first ("ส.ค.\n66")
    trend_received: list[int]
    trend_closed: list[int]
    by_channel: list[CountRow]
    by_category: list[CountRow]
    by_level: list[CountRow]
    overdue_by_unit: list[UnitOverdueRow]
    signers: list[Signer] = field(default_factory=list)


def report_title(data: MonthlyReportData) -> str:
    return _("Complaint handling performance report for {month}").format(month=data.month_label)


def _kpi_table(data: MonthlyReportData, s: Styles, t: Text) -> Any:
    rows: list[list[Any]] = [[ThaiParagraph(t(h), s.cell_head) for h in (
        _("Indicator"), _("Target"), _("Result"), _("Met"))]]
    for row in data.kpis:
        if row.target is None:
            target = "-"
        elif row.higher_is_better:
            target = _("at least {value}").format(value=t.number(row.target, row.decimals))
        else:
            target = _("at most {value}").format(value=t.number(row.target, row.decimals))
        met = {True: _("Met"), False: _("Not met"), None: "-"}[row.met]
        rows.append([ThaiParagraph(t(row.label), s.cell),
                     ThaiParagraph(t(target) if row.target is not None else "-", s.cell_center),
                     ThaiParagraph(t.number(row.value, row.decimals), s.cell_right),
                     ThaiParagraph(t(met) if row.met is None else
                                   (f"<b>{t(met)}</b>" if row.met else t(met)), s.cell_center)])
    return grid_table(rows, [FRAME_WIDTH - 9.4 * cm, 3.4 * cm, 3.2 * cm, 2.8 * cm])


def _comparison_table(data: MonthlyReportData, s: Styles, t: Text) -> Any:
    rows: list[list[Any]] = [[ThaiParagraph(t(_("Indicator")), s.cell_head)] +
                             [ThaiParagraph(t(c), s.cell_head) for c in data.comparison_columns]]
    for row in data.comparison:
        rows.append([ThaiParagraph(t(row.label), s.cell)] +
                    [ThaiParagraph(t.number(v, row.decimals), s.cell_right) for v in row.values])
    return grid_table(rows, [FRAME_WIDTH - 9.6 * cm, 3.2 * cm, 3.2 * cm, 3.2 * cm])


def _count_table(title: str, counts: list[CountRow], s: Styles, t: Text) -> Any:
    total = sum(c.count for c in counts)
    rows: list[list[Any]] = [[ThaiParagraph(t(title), s.cell_head),
                              ThaiParagraph(t(_("Cases")), s.cell_head),
                              ThaiParagraph(t(_("Per cent")), s.cell_head)]]
    for c in counts:
        share = 100.0 * c.count / total if total else None
        rows.append([ThaiParagraph(t(c.label), s.cell),
                     ThaiParagraph(t.number(c.count), s.cell_right),
                     ThaiParagraph(t.number(share, 1), s.cell_right)])
    rows.append([ThaiParagraph("<b>" + t(_("Total")) + "</b>", s.cell),
                 ThaiParagraph(f"<b>{t.number(total)}</b>", s.cell_right),
                 ThaiParagraph(f"<b>{t.number(100.0 if total else None, 1)}</b>", s.cell_right)])
    return grid_table(rows, [FRAME_WIDTH - 6 * cm, 3 * cm, 3 * cm])


def _overdue_table(data: MonthlyReportData, s: Styles, t: Text) -> Any:
    rows: list[list[Any]] = [[ThaiParagraph(t(h), s.cell_head) for h in (
        _("Responsible unit"), _("Open at month end"), _("Overdue at month end"))]]
    for r in data.overdue_by_unit:
        rows.append([ThaiParagraph(t(r.unit), s.cell),
                     ThaiParagraph(t.number(r.open), s.cell_right),
                     ThaiParagraph(t.number(r.overdue), s.cell_right)])
    rows.append([ThaiParagraph("<b>" + t(_("Total")) + "</b>", s.cell),
                 ThaiParagraph(f"<b>{t.number(sum(r.open for r in data.overdue_by_unit))}</b>",
                               s.cell_right),
                 ThaiParagraph(f"<b>{t.number(sum(r.overdue for r in data.overdue_by_unit))}</b>",
                               s.cell_right)])
    return grid_table(rows, [FRAME_WIDTH - 7 * cm, 3.5 * cm, 3.5 * cm])


def story(data: MonthlyReportData, s: Styles) -> list[Any]:
    t = Text(data.head.thai_digits)
    out: list[Any] = [
        LogoFlowable(data.head.logo, 2.2 * cm),
        Spacer(1, 4),
        ThaiParagraph(t(data.head.agency), s.subtitle),
        ThaiParagraph(t(report_title(data)), s.title),
        ThaiParagraph(t(data.scope_label), s.subtitle),
        Spacer(1, 6),
        ThaiParagraph(t(_("1. Indicators of the month")), s.heading),
        _kpi_table(data, s, t),
        ThaiParagraph(t(_("2. Compared with the previous month and the same month last year")),
                      s.heading),
        _comparison_table(data, s, t),
    ]
    chart = GroupedBarChart(data.trend_labels,
                            [Series(_("Received"), tuple(data.trend_received)),
                             Series(_("Closed"), tuple(data.trend_closed))],
                            width=FRAME_WIDTH, height=6.2 * cm, text=t,
                            highlight=len(data.trend_labels) - 1)
    out += [KeepTogether([ThaiParagraph(t(_("3. Trend over 13 months (cases received and "
                                              "closed)")), s.heading), chart])]
    out += [ThaiParagraph(t(_("4. Complaints received in the month")), s.heading),
            _count_table(_("Channel"), data.by_channel, s, t), Spacer(1, 8),
            _count_table(_("Category"), data.by_category, s, t), Spacer(1, 8),
            _count_table(_("Handling level"), data.by_level, s, t)]
    out += [ThaiParagraph(t(_("5. Open and overdue cases at month end by responsible unit")),
                          s.heading), _overdue_table(data, s, t)]
    if data.signers:  # side by side, so a second signature never sits alone on a page
        width = FRAME_WIDTH / len(data.signers)
        cells = [signature_table([f"({t(signer.name)})", t(signer.position), t(signer.role)],
                                 s, width - 12) for signer in data.signers]
        pair = Table([cells], colWidths=[width] * len(cells))
        pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        out += [KeepTogether([Spacer(1, 18), pair])]
    return out


def build_monthly_report(data: MonthlyReportData, out: str | Path | IO[bytes],
                         progress: Progress | None = None) -> None:
    """Write the report to ``out`` (a path or a binary file object)."""
    s = Styles()
    if progress:
        progress(1, 3)
    flowables = story(data, s)
    if progress:
        progress(2, 3)
    build_document(out, flowables, title=report_title(data), author=data.head.office_name,
                   draw_page=running_header(data.head, report_title(data), s))
    if progress:
        progress(3, 3)
