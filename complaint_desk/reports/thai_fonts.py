"""The Sarabun font family (SIL OFL 1.1, bundled in resources/fonts) for ReportLab."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from complaint_desk.reports.thai_tounicode import install_tounicode_fix
from complaint_desk.resources_path import resource_path

FAMILY = "Sarabun"
FONT_FILES = {  # ReportLab font name -> file in resources/fonts
    "Sarabun": "Sarabun-Regular.ttf",
    "Sarabun-Bold": "Sarabun-Bold.ttf",
    "Sarabun-Italic": "Sarabun-Italic.ttf",
    "Sarabun-BoldItalic": "Sarabun-BoldItalic.ttf",
}
LEADING_RATIO = 1.5  # Thai stacks marks above and below the line: Sarabun spans 1.3 em


def register_fonts() -> str:
    """Register Sarabun with ReportLab as one family; idempotent. Returns the family name.

    Also installs the ToUnicode fix, so every PDF built after this call has
    copyable Thai text.
    """
    install_tounicode_fix()
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in FONT_FILES.items():
        if name in registered:
            continue
        path = resource_path("fonts", filename)
        if not path.is_file():
            raise FileNotFoundError(f"bundled font missing: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FAMILY,
        normal="Sarabun",
        bold="Sarabun-Bold",
        italic="Sarabun-Italic",
        boldItalic="Sarabun-BoldItalic",
    )
    return FAMILY


def thai_style(
    name: str = "Body",
    size: float = 14,
    bold: bool = False,
    leading: float | None = None,
    alignment: int = TA_LEFT,
    **kw: Any,
) -> ParagraphStyle:
    """A shaped Sarabun ParagraphStyle; registers the fonts if needed.

    ``leading`` defaults to 1.5 x ``size``. Extra keywords go to ParagraphStyle.
    """
    register_fonts()
    return ParagraphStyle(
        name,
        fontName="Sarabun-Bold" if bold else "Sarabun",
        fontSize=size,
        leading=leading if leading is not None else round(size * LEADING_RATIO, 2),
        alignment=alignment,
        shaping=1,
        splitLongWords=0,
        **kw,
    )
