"""Sarabun for the GUI: registered from resources/fonts so Thai never depends on a system font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from complaint_desk.resources_path import resource_path

FAMILY = "Sarabun"
_FILES = ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-Italic.ttf",
          "Sarabun-BoldItalic.ttf")
_registered: list[str] = []


def register_thai_fonts() -> str:
    """Add the bundled Sarabun files once (needs a QGuiApplication); returns the family."""
    if not _registered:
        for name in _FILES:
            if QFontDatabase.addApplicationFont(str(resource_path("fonts", name))) >= 0:
                _registered.append(name)
    return FAMILY


def thai_font(point_size: float = 10, *, bold: bool = False) -> QFont:
    font = QFont(register_thai_fonts())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
