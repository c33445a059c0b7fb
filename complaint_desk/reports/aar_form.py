"""The AAR form (แบบฟอร์มการพัฒนาปรับปรุงและบันทึกความรู้หลังการปฏิบัติงาน), section by section
as the customer's seed lays it out: 1-8, 10-12 (the seed has no 9) and the signature block.

Takes plain data. The indicator table takes plain rows (indicator, target, result, met), so
the policy indicators can replace the operational KPIs without touching this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from complaint_desk.i18n import _
from complaint_desk.reports.page_furniture import (
    FRAME_WIDTH,
    HEAD_FILL,
    Letterhead,
    Styles,
    Text,
    build_document,
    grid_table,
    running_header,
    signature_block,
)
from complaint_desk.reports.thai import ThaiParagraph

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IndicatorRow:
    """One row of section 8. ``met`` None: not judged (no target or no result yet)."""

    indicator: str
    target: str
    result: str
    met: bool | None = None


@dataclass(frozen=True)
class ReasonRow:
    label: str
    checked: bool


@dataclass(frozen=True)
class AarFormData:
    head: Letterhead
    year_be: int
    knowledge_title: str
    asset_type: str
    recorded_on: str  # formatted BE date, or "" for a blank to fill by hand
    participants: list[tuple[str, str]]  # (name, position)
    objectives: str
    process_name: str
    process_purpose: str
    improvement_approach: str
    indicators: list[IndicatorRow]
    improvements: str
    problems: str
    causes: str
    reasons: list[ReasonRow]
    reason_other: str
    learning_plan: str
    signer_name: str
    signer_position: str
    signed_on: str
    draft: bool = True
    notes: list[str] = field(default_factory=list)  # where prefilled figures come from


def form_title() -> str:
    return _("After Action Review and knowledge record form (AAR)")


class CheckBox(Flowable):  # type: ignore[misc]
    """A drawn check box (Sarabun has no ☐/☑ glyph); ticked when ``checked``."""

    def __init__(self, checked: bool, size: float = 9) -> None:
        super().__init__()
        self.checked, self.size = checked, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size + 5

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.setLineWidth(0.7)
        c.rect(0, 0, s, s)
        if self.checked:
            c.setLineWidth(1.3)
            c.lines([(s * 0.18, s * 0.5, s * 0.42, s * 0.18), (s * 0.42, s * 0.18, s * 0.9, s)])


def _lines(text: str, style: Any, t: Text) -> list[ThaiParagraph]:
    """Free text, one paragraph a line (numbered items keep their own lines)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [ThaiParagraph(t(line), style) for line in lines] or [ThaiParagraph("-", style)]


def _form_table(rows: list[list[Any]], spans: list[int], s: Styles) -> Table:
    """Two columns, label | content; rows listed in ``spans`` are one full-width cell."""
    label_w = 5.2 * cm
    commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("TOPPADDING", (0, 0), (-1, -1), 2),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    for r in spans:
        commands.append(("SPAN", (0, r), (1, r)))
    table = Table(rows, colWidths=[label_w, FRAME_WIDTH - label_w], splitInRow=1)
    table.setStyle(TableStyle(commands))
    return table


def _sections_1_to_7(d: AarFormData, s: Styles, t: Text) -> list[Any]:
    participants = [ThaiParagraph(t(f"{n}. {name} {position}".strip()), s.cell)
                    for n, (name, position) in enumerate(d.participants, start=1)]
    rows: list[list[Any]] = [
        [ThaiParagraph(t(_("1. Knowledge title")), s.cell_bold),
         ThaiParagraph(t(d.knowledge_title), s.cell)],
        [ThaiParagraph(t(_("2. Knowledge asset type")), s.cell_bold),
         ThaiParagraph(t(d.asset_type), s.cell)],
        [ThaiParagraph(t(_("3. Date recorded")), s.cell_bold),
         ThaiParagraph(t(d.recorded_on) or "", s.cell)],
        [ThaiParagraph(t(_("4. Participants in the knowledge record")), s.cell_bold),
         participants or ThaiParagraph("-", s.cell)],
        [ThaiParagraph(t(_("5. Objectives of recording this knowledge (a summary of the "
                           "objectives and of what motivated the improvement)")), s.cell_bold),
         _lines(d.objectives, s.cell, t)],
        [ThaiParagraph(t(_("6. About the process (before improvement)")), s.cell_bold), ""],
        [ThaiParagraph(t(_("Process name")), s.cell), ThaiParagraph(t(d.process_name), s.cell)],
        [ThaiParagraph(t(_("Purpose of the process")), s.cell),
         ThaiParagraph(t(d.process_purpose), s.cell)],
        [ThaiParagraph(t(_("7. Approach to improving the process (used in {year})").format(
            year=d.year_be)), s.cell_bold), ""],
        [_lines(d.improvement_approach, s.cell, t), ""],
    ]
    table = _form_table(rows, [5, 8, 9], s)
    table.setStyle(TableStyle([("BACKGROUND", (0, 5), (1, 5), HEAD_FILL),
                               ("BACKGROUND", (0, 8), (1, 8), HEAD_FILL)]))
    return [table]


def _section_8(d: AarFormData, s: Styles, t: Text) -> list[Any]:
    head = [_("Process indicators for {year}"), _("Targets of the process indicators for {year}"),
            _("Results for {year}")]
    rows: list[list[Any]] = [[ThaiParagraph(t(h.format(year=d.year_be)), s.cell_head)
                              for h in head]]
    for row in d.indicators:
        verdict = {True: _("Target met"), False: _("Target not met"), None: ""}[row.met]
        result = t(row.result) + (f"<br/>({t(verdict)})" if verdict else "")
        rows.append([_lines(row.indicator, s.cell, t), ThaiParagraph(t(row.target), s.cell),
                     ThaiParagraph(result, s.cell)])
    if not d.indicators:
        rows.append([ThaiParagraph("-", s.cell), ThaiParagraph("-", s.cell),
                     ThaiParagraph("-", s.cell)])
    return [ThaiParagraph(t(_("8. About the process (after improvement)")), s.heading),
            grid_table(rows, [FRAME_WIDTH - 8.6 * cm, 4.3 * cm, 4.3 * cm])]


def _section_10(d: AarFormData, s: Styles, t: Text) -> list[Any]:
    rows: list[list[Any]] = [
        [ThaiParagraph(t(_("Topic")), s.cell_head),
         ThaiParagraph(t(_("Details of the topics improved")), s.cell_head)],
        [ThaiParagraph(t(_("Topic")), s.cell_bold), _lines(d.improvements, s.cell, t)],
        [ThaiParagraph(t(_("Problems/obstacles")), s.cell_bold), _lines(d.problems, s.cell, t)],
        [ThaiParagraph(t(_("Causes of the problems/obstacles")), s.cell_bold),
         _lines(d.causes, s.cell, t)],
    ]
    out: list[Any] = [ThaiParagraph(t(_("10. What the work of {year} gave").format(
        year=d.year_be)), s.heading), grid_table(rows, [4.6 * cm, FRAME_WIDTH - 4.6 * cm])]
    out += [ThaiParagraph(t(note), s.small) for note in d.notes]
    return out


def _section_11(d: AarFormData, s: Styles, t: Text) -> list[Any]:
    rows: list[list[Any]] = []
    for reason in d.reasons:
        rows.append([CheckBox(reason.checked), ThaiParagraph(t(reason.label), s.body)])
    if d.reason_other:
        rows.append(["", ThaiParagraph(t(d.reason_other), s.body)])
    table = Table(rows, colWidths=[0.8 * cm, FRAME_WIDTH - 0.8 * cm], splitInRow=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return [ThaiParagraph(t(_("11. Causes or origins of improving the current work process "
                              "(As-Is Process)")), s.heading), table]


def story(d: AarFormData, s: Styles) -> list[Any]:
    t = Text(d.head.thai_digits)
    out: list[Any] = [ThaiParagraph(t(form_title()), s.title)]
    if d.draft:
        out.append(ThaiParagraph(t(_("DRAFT: not yet final")), s.subtitle))
    out.append(ThaiParagraph(t(f"{d.head.agency} {d.head.office_name}"), s.subtitle))
    out.append(Spacer(1, 6))
    out += _sections_1_to_7(d, s, t)
    out += _section_8(d, s, t)
    out += _section_10(d, s, t)
    out += _section_11(d, s, t)
    out.append(ThaiParagraph(t(_("12. Learning and knowledge management plan for improving the "
                                 "process next year (year {year})").format(
        year=d.year_be + 1)), s.heading))
    out += _lines(d.learning_plan, s.body, t)
    signer = f"({t(d.signer_name)})" if d.signer_name else "(" + "." * 40 + ")"
    out.append(signature_block([signer, t(d.signer_position),
                                t(_("Assessor and improver of the process, for the knowledge "
                                    "record")), t(d.signed_on)], s, width=9.5 * cm))
    return out


def build_aar_form(data: AarFormData, out: str | Path | IO[bytes],
                   progress: Progress | None = None) -> None:
    s = Styles()
    if progress:
        progress(1, 2)
    build_document(out, story(data, s), title=form_title(), author=data.head.office_name,
                   draw_page=running_header(data.head, form_title(), s))
    if progress:
        progress(2, 2)
