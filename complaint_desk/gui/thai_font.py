"""The bundled Sarabun for Qt: Thai text in widgets never depends on a system font.

``install_thai_font()`` registers the files in resources/fonts with Qt's font database once;
Qt then falls back to Sarabun for Thai script. Call it after the QApplication exists. The
files are the ones gui/fonts.py makes the application font (the same four ReportLab embeds
in PDFs); ReportLab itself is not imported here: it costs ~0.15 s of every start.
"""

from __future__ import annotations

from complaint_desk.gui.fonts import register_fonts

_installed: list[str] = []


def install_thai_font() -> bool:
    """Register Sarabun with Qt (idempotent); False when no file could be loaded."""
    if not _installed and (family := register_fonts()) == "Sarabun":
        _installed.append(family)
    return bool(_installed)
