"""The case record sheet (แบบบันทึกข้อร้องเรียน): the whole case and its timeline, for the
paper file. Takes plain data: sections of (label, value) pairs already formatted and
translated, and timeline rows. Whether personal data is in it is the service's decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from complaint_desk.i18n import _
from complaint_desk.reports.page_furniture import (
    FRAME_WIDTH,
    Letterhead,
    LogoFlowable,
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
class RecordSection:
    title: str
    fields: list[tuple[str, str]]  # (label, value); values that are identifiers stay as typed


@dataclass(frozen=True)
class TimelineRow:
    when: str  # BE date and time
    actor: str
    action: str
    details: str  # may hold line breaks


@dataclass(frozen=True)
class CaseRecordData:
    head: Letterhead
    reference: str
    status: str
    sections: list[RecordSection]
    timeline: list[TimelineRow]
    personal_data_shown: bool


def record_title() -> str:
    return _("Complaint record")


def _multiline(text: str, style: Any, t: Text) -> ThaiParagraph:
    return ThaiParagraph("<br/>".join(t(line) for line in text.splitlines()) or "-", style)


def story(d: CaseRecordData, s: Styles) -> list[Any]:
    t = Text(d.head.thai_digits)
    out: list[Any] = [
        LogoFlowable(d.head.logo, 2.0 * cm),
        ThaiParagraph(t(f"{d.head.agency} {d.head.office_name}"), s.subtitle),
        ThaiParagraph(t(record_title()), s.title),
        ThaiParagraph(t(_("Reference")) + " " + t.code(d.reference) + "  ·  " +
                      t(_("Status")) + " " + t(d.status), s.subtitle),
    ]
    if d.personal_data_shown:
        out.append(ThaiParagraph(t(_("Contains personal data (PDPA): keep it in the case file "
                                     "and show it only to those who need it.")), s.small))
    label_w = 4.6 * cm
    for section in d.sections:
        rows: list[list[Any]] = [[ThaiParagraph(t(section.title), s.cell_head), ""]]
        rows += [[ThaiParagraph(t(label), s.cell_bold), _multiline(value, s.cell, t)]
                 for label, value in section.fields]
        out += [Spacer(1, 8), grid_table(rows, [label_w, FRAME_WIDTH - label_w],
                                         extra=[("SPAN", (0, 0), (1, 0))])]
    out += [ThaiParagraph(t(_("Timeline")), s.heading)]
    rows = [[ThaiParagraph(t(h), s.cell_head) for h in (
        _("Date and time"), _("By"), _("Action"), _("Details"))]]
    rows += [[ThaiParagraph(t(r.when), s.cell), ThaiParagraph(t.code(r.actor), s.cell),
              ThaiParagraph(t(r.action), s.cell), _multiline(r.details, s.cell, t)]
             for r in d.timeline]
    out.append(grid_table(rows, [2.9 * cm, 3.0 * cm, 2.8 * cm, FRAME_WIDTH - 8.7 * cm],
                          split_in_row=False))
    out.append(signature_block([t(_("Officer who printed the record")),
                                t(_("Date") + " " + "." * 30)], s))
    return out


def build_case_record(data: CaseRecordData, out: str | Path | IO[bytes],
                      progress: Progress | None = None) -> None:
    s = Styles()
    title = f"{record_title()} {data.reference}"
    build_document(out, story(data, s), title=title, author=data.head.office_name,
                   draw_page=running_header(data.head, title, s))
    if progress:
        progress(1, 1)
