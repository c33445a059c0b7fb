"""The bundled Sarabun for Qt: Thai text in widgets never depends on a system font.

``install_thai_font()`` registers the files in resources/fonts with Qt's font database once;
Qt then falls back to Sarabun for Thai script. Call it after the QApplication exists.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from complaint_desk.reports.thai_fonts import FONT_FILES
from complaint_desk.resources_path import resource_path

_installed: list[int] = []


def install_thai_font() -> bool:
    """Register Sarabun with Qt (idempotent); False when no file could be loaded."""
    if not _installed:
        for filename in FONT_FILES.values():
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", filename)))
            if font_id >= 0:
                _installed.append(font_id)
    return bool(_installed)
