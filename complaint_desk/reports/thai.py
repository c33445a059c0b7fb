"""Thai typography for PDF reports: the one module report builders import.

* ``register_fonts()`` / ``thai_style()``: the bundled Sarabun family, shaped.
* ``ThaiParagraph(markup, style)``: lines break between words only; put data
  through ``escape()`` before mixing it into markup.
* ``install_tounicode_fix()``: text copied or extracted from the PDF equals the
  source (called by ``register_fonts()``).
* ``thai_digits()``: 0-9 as Thai digits.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as _xml_escape

from complaint_desk.reports.thai_fonts import FAMILY, register_fonts, thai_style
from complaint_desk.reports.thai_paragraph import ThaiParagraph
from complaint_desk.reports.thai_tounicode import (
    UnsupportedReportLabError,
    install_tounicode_fix,
)

__all__ = [
    "FAMILY",
    "UnsupportedReportLabError",
    "ThaiParagraph",
    "escape",
    "install_tounicode_fix",
    "register_fonts",
    "thai_digits",
    "thai_style",
]

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def escape(text: str) -> str:
    """Make plain text safe inside ThaiParagraph / Paragraph markup (&, <, >)."""
    return _xml_escape(text)


def thai_digits(s: str) -> str:
    """Replace the ASCII digits 0-9 in ``s`` with Thai digits ๐-๙."""
    return s.translate(_THAI_DIGITS)
