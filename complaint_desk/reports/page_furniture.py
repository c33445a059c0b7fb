"""What every document shares: the letterhead data, styles sized like a Thai government
document, the running header, "หน้า ๑/๓" page numbers, the logo and the signature block.

Sizes: the government standard is TH Sarabun 16 pt; Sarabun draws about a third larger at the
same size, so 12 pt Sarabun matches it on paper (body), 11 pt fits tables, 15-16 pt bold for
titles. Margins follow the official letter: left 3 cm, right 2 cm.
All Thai text is drawn by ThaiParagraph, on the canvas too (``draw_paragraph``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from complaint_desk.i18n import _
from complaint_desk.reports.thai import ThaiParagraph, escape, thai_digits, thai_style

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN, RIGHT_MARGIN = 3 * cm, 2 * cm
TOP_MARGIN, BOTTOM_MARGIN = 2.5 * cm, 2 * cm
FRAME_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
GRID = colors.HexColor("#555555")
HEAD_FILL = colors.HexColor("#E8E8E8")


@dataclass(frozen=True)
class Letterhead:
    """Who issues the document, and how numbers are written."""

    agency: str
    office_name: str
    office_address: str = ""
    office_phone: str = ""
    office_email: str = ""
    logo: bytes | None = None  # the emblem (PNG/JPEG) as the office stored it
    printed_on: date | None = None
    thai_digits: bool = False


class Text:
    """Plain text into paragraph markup: escaped, with Thai digits when the document uses
    them. Identifiers (case references, codes) go through ``code`` and keep their digits."""

    def __init__(self, use_thai_digits: bool) -> None:
        self.use_thai_digits = use_thai_digits

    def __call__(self, value: object) -> str:
        text = escape("" if value is None else str(value))
        return thai_digits(text) if self.use_thai_digits else text

    def code(self, value: object) -> str:
        return escape("" if value is None else str(value))

    def number(self, value: float | None, decimals: int = 0, dash: str = "-") -> str:
        if value is None:
            return dash
        text = f"{value:,.{decimals}f}"
        return thai_digits(text) if self.use_thai_digits else text


class Styles:
    """The paragraph styles of our documents (Sarabun, shaped)."""

    def __init__(self, body_size: float = 12) -> None:
        self.body = thai_style("Body", size=body_size)
        self.body_indent = thai_style("BodyIndent", size=body_size, firstLineIndent=2.5 * cm,
                                      spaceBefore=4)
        self.title = thai_style("Title", size=16, bold=True, alignment=TA_CENTER, spaceAfter=4)
        self.subtitle = thai_style("Subtitle", size=13, alignment=TA_CENTER, spaceAfter=2)
        self.heading = thai_style("Heading", size=13, bold=True, spaceBefore=8, spaceAfter=3,
                                  keepWithNext=1)
        self.cell = thai_style("Cell", size=11)
        self.cell_bold = thai_style("CellBold", size=11, bold=True)
        self.cell_right = thai_style("CellRight", size=11, alignment=TA_RIGHT)
        self.cell_center = thai_style("CellCenter", size=11, alignment=TA_CENTER)
        self.cell_head = thai_style("CellHead", size=11, bold=True, alignment=TA_CENTER)
        self.small = thai_style("Small", size=9.5)
        self.small_right = thai_style("SmallRight", size=9.5, alignment=TA_RIGHT)
        self.center = thai_style("Center", size=body_size, alignment=TA_CENTER)


def grid_table(rows: list[list[Any]], widths: list[float], *, header_rows: int = 1,
               extra: list[tuple[Any, ...]] | None = None, split_in_row: bool = True) -> Table:
    """A ruled table whose first ``header_rows`` rows are shaded and repeat on each page.

    ``split_in_row`` lets a tall row continue on the next page (long free text); tables of
    short rows turn it off, because ReportLab then repeats the header above the split row."""
    table = Table(rows, colWidths=widths, repeatRows=header_rows,
                  splitInRow=1 if split_in_row else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        commands += [("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
                     ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE")]
    table.setStyle(TableStyle(commands + (extra or [])))
    return table


def draw_paragraph(canvas: Canvas, markup: str, style: Any, x: float, y_top: float,
                   width: float) -> float:
    """Draw shaped Thai markup with its top at ``y_top``; returns its height."""
    paragraph = ThaiParagraph(markup, style)
    _w, height = paragraph.wrap(width, PAGE_HEIGHT)
    paragraph.drawOn(canvas, x, y_top - height)
    return float(height)


def draw_logo(canvas: Canvas, logo: bytes | None, x: float, y: float, size: float) -> None:
    """The office's emblem in a ``size`` square at (x, y); nothing at all until the office has
    set one (no placeholder), and an unreadable image never stops a document."""
    if not logo:
        return
    try:
        canvas.drawImage(ImageReader(io.BytesIO(logo)), x, y, size, size,
                         preserveAspectRatio=True, anchor="c", mask="auto")
    except Exception:  # a damaged image prints as no emblem rather than no letter
        pass


def numbered_canvas(draw_page: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that knows the page count when each page is drawn (``หน้า ๑/๓``):
    pages are kept until ``save`` and then ``draw_page(canvas, page, pages)`` decorates each."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                draw_page(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def page_number_text(text: Text, page: int, pages: int) -> str:
    return _("Page {page}/{pages}").format(page=text.number(page), pages=text.number(pages))


def running_header(head: Letterhead, title: str, styles: Styles, *, first_page_too: bool = False
                   ) -> Callable[[Canvas, int, int], None]:
    """Agency and office at the top left, the document's title at the top right (from page 2
    unless ``first_page_too``), a rule under them, and the page number at the bottom right."""
    text = Text(head.thai_digits)

    def draw(canvas: Canvas, page: int, pages: int) -> None:
        top = PAGE_HEIGHT - 1.2 * cm
        if page > 1 or first_page_too:
            half = FRAME_WIDTH * 0.48
            left = draw_paragraph(canvas, f"{text(head.agency)} {text(head.office_name)}",
                                  styles.small, LEFT_MARGIN, top, half)
            right = draw_paragraph(canvas, text(title), styles.small_right,
                                   PAGE_WIDTH - RIGHT_MARGIN - half, top, half)
            rule = top - max(left, right) - 2
            canvas.saveState()
            canvas.setStrokeColor(GRID)
            canvas.setLineWidth(0.4)
            canvas.line(LEFT_MARGIN, rule, PAGE_WIDTH - RIGHT_MARGIN, rule)
            canvas.restoreState()
        footer = page_number_text(text, page, pages)
        if head.printed_on is not None:
            from complaint_desk.domain.calendar import format_be_date

            printed = _("Printed on {date}").format(
                date=format_be_date(head.printed_on, style="long"))
            draw_paragraph(canvas, text(printed), styles.small, LEFT_MARGIN, 1.5 * cm,
                           FRAME_WIDTH * 0.6)
        draw_paragraph(canvas, footer, styles.small_right, LEFT_MARGIN + FRAME_WIDTH * 0.6,
                       1.5 * cm, FRAME_WIDTH * 0.4)

    return draw


class LogoFlowable(Flowable):  # type: ignore[misc]
    """The logo as a flowable, centred or at the left of the frame."""

    def __init__(self, logo: bytes | None, size: float, centred: bool = True) -> None:
        super().__init__()
        self.logo, self.size, self.centred = logo, size, centred

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._avail = availWidth
        return availWidth, self.size if self.logo else 0

    def draw(self) -> None:
        x = (self._avail - self.size) / 2 if self.centred else 0
        draw_logo(self.canv, self.logo, x, 0, self.size)


def signature_table(lines: list[str], styles: Styles, width: float) -> Table:
    """A dotted line to sign on, then the given lines (markup) centred under it."""
    rows: list[list[Any]] = [[ThaiParagraph(_("Signed") + " " + "." * 44, styles.center)]]
    rows += [[ThaiParagraph(line, styles.center)] for line in lines]
    table = Table(rows, colWidths=[width], hAlign="RIGHT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def signature_block(lines: list[str], styles: Styles, *, width: float = 8.5 * cm,
                    space_before: float = 18) -> Flowable:
    """A signature at the right of the page ("(name)", position, role, date), kept whole."""
    return KeepTogether([Spacer(1, space_before), signature_table(lines, styles, width)])

def build_document(out: str | Path | IO[bytes], flowables: list[Any], *, title: str,
                   author: str, draw_page: Callable[[Canvas, int, int], None]) -> None:
    """Lay ``flowables`` out on A4 in our margins and write the PDF to a path or a binary
    file object; ``draw_page`` decorates each page once the page count is known."""
    doc = BaseDocTemplate(str(out) if isinstance(out, (str, Path)) else out,
                          pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=LEFT_MARGIN,
                          rightMargin=RIGHT_MARGIN, topMargin=TOP_MARGIN,
                          bottomMargin=BOTTOM_MARGIN, title=title, author=author,
                          creator="Complaint Desk")
    frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, FRAME_WIDTH,
                  PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(flowables, canvasmaker=numbered_canvas(draw_page))
