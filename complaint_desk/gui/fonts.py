"""The bundled Sarabun font as the application font, so Thai looks the same on every PC."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from complaint_desk.resources_path import resource_path

FAMILY = "Sarabun"
FILES = ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-Italic.ttf",
         "Sarabun-BoldItalic.ttf")
POINT_SIZE = 11
_registered: set[str] = set()  # the families Qt loaded from our files (once per process)


def register_fonts() -> str:
    """Add the Sarabun files to Qt's font database (idempotent); returns the family name, or
    Qt's default family when the files are missing (the program still runs)."""
    if not _registered:
        for name in FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id >= 0:
                _registered.update(QFontDatabase.applicationFontFamilies(font_id))
    return FAMILY if FAMILY in _registered else QApplication.font().family()


def use_application_font(app: QApplication) -> QFont:
    font = QFont(register_fonts(), POINT_SIZE)
    app.setFont(font)
    return font
