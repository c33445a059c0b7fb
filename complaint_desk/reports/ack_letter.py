"""The acknowledgement letter to the complainant (หนังสือตอบรับเรื่องร้องเรียน), in the layout
of a Thai official external letter (หนังสือภายนอก, ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ):
emblem at the top centre; ที่ at the left and the office's address at the right; the date
from the middle; เรื่อง, เรียน, อ้างถึง; the body with a 2.5 cm first-line indent; ขอแสดงความ
นับถือ and the signature from the middle; the contact unit at the bottom left.

Takes plain facts; the wording is here (through the catalogs). Personal data: the
complainant's name only (the service checks who may print it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table, TableStyle

from complaint_desk.i18n import _
from complaint_desk.reports.page_furniture import (
    FRAME_WIDTH,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    Letterhead,
    LogoFlowable,
    Styles,
    Text,
    build_document,
    draw_paragraph,
    page_number_text,
)
from complaint_desk.reports.thai import ThaiParagraph

Progress = Callable[[int, int], None]
HALF = FRAME_WIDTH / 2


@dataclass(frozen=True)
class AckLetterData:
    head: Letterhead
    letter_number: str  # after "ที่": the office's prefix and the case reference
    date_text: str  # BE, long form
    addressee: str  # the complainant's name, or "ผู้ร้องเรียน" when anonymous
    reference: str
    subject: str
    channel: str
    received_text: str  # BE date received
    route: str  # the handling route: unit and level, or "" before assignment
    expected_text: str  # BE date by which the complainant hears the outcome
    signer_name: str
    signer_position: str
    contact_lines: list[str] = field(default_factory=list)


def letter_title() -> str:
    return _("Acknowledgement of a complaint")


def _label_row(label: str, value: str, s: Styles) -> Table:
    table = Table([[ThaiParagraph(f"<b>{label}</b>", s.body), ThaiParagraph(value, s.body)]],
                  colWidths=[1.5 * cm, FRAME_WIDTH - 1.5 * cm])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _from_middle(flowables: list[Any]) -> Table:
    """Flowables in the right half, as the date, the closing and the signature sit."""
    table = Table([["", flowables]], colWidths=[HALF - 1 * cm, HALF + 1 * cm])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def story(d: AckLetterData, s: Styles) -> list[Any]:
    t = Text(d.head.thai_digits)
    number = t(_("No.")) + " " + t.code(d.letter_number)
    address = [ThaiParagraph(t(d.head.office_name), s.body)]
    address += [ThaiParagraph(t(line), s.body) for line in d.head.office_address.splitlines()
                if line.strip()]
    top = Table([[ThaiParagraph(number, s.body), address]], colWidths=[HALF + 1 * cm,
                                                                       HALF - 1 * cm])
    top.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    reference = t.code(d.reference)
    opening = _("As you complained to {office} about “{subject}” through {channel} on {date},"
                ).format(office=t(d.head.office_name), subject=t(d.subject),
                         channel=t(d.channel), date=t(d.received_text))
    if d.route:
        handling = _("{office} has received your complaint under reference {reference} and "
                     "assigned it to {route} to examine and resolve. You will be told of the "
                     "outcome by {date}.").format(office=t(d.head.office_name),
                                                  reference=reference, route=t(d.route),
                                                  date=t(d.expected_text))
    else:
        handling = _("{office} has received your complaint under reference {reference} and "
                     "is assessing it. You will be told of the action taken by {date}."
                     ).format(office=t(d.head.office_name), reference=reference,
                              date=t(d.expected_text))
    closing = _("Please be informed accordingly. If you have any question, contact us below, "
                "quoting reference {reference}.").format(reference=reference)
    out: list[Any] = [
        LogoFlowable(d.head.logo, 2.6 * cm),
        Spacer(1, 6),
        top,
        Spacer(1, 6),
        _from_middle([ThaiParagraph(t(d.date_text), s.body)]),
        Spacer(1, 6),
        _label_row(t(_("Subject")), t(_("Acknowledgement of your complaint")), s),
        _label_row(t(_("To")), t(d.addressee), s),
        _label_row(t(_("Re")), t(_("Your complaint of {date}").format(date=d.received_text)), s),
        Spacer(1, 6),
        ThaiParagraph(opening, s.body_indent),
        ThaiParagraph(handling, s.body_indent),
        ThaiParagraph(closing, s.body_indent),
        Spacer(1, 14),
        _from_middle([ThaiParagraph(t(_("Yours sincerely")), s.center), Spacer(1, 40),
                      ThaiParagraph(f"({t(d.signer_name)})", s.center),
                      ThaiParagraph(t(d.signer_position), s.center)]),
        Spacer(1, 30),
    ]
    out += [ThaiParagraph(t(line), s.body) for line in d.contact_lines]
    return out


def _page(d: AckLetterData, s: Styles) -> Callable[[Any, int, int], None]:
    t = Text(d.head.thai_digits)

    def draw(canvas: Any, page: int, pages: int) -> None:
        if pages > 1:  # an official letter numbers its pages only when it has several
            draw_paragraph(canvas, page_number_text(t, page, pages), s.center, LEFT_MARGIN,
                           PAGE_HEIGHT - 1.2 * cm, FRAME_WIDTH)

    return draw


def build_ack_letter(data: AckLetterData, out: str | Path | IO[bytes],
                     progress: Progress | None = None) -> None:
    s = Styles()
    build_document(out, story(data, s), title=letter_title(), author=data.head.office_name,
                   draw_page=_page(data, s))
    if progress:
        progress(1, 1)
