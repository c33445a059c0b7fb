"""Remembered window state and the chosen language (QSettings, per user).

Tests point QSettings at a temporary folder (QSettings.setPath) before anything is read.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "ComplaintDesk"
APPLICATION = "ComplaintDesk"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION,
                     APPLICATION)


def saved_language(default: str | None = None) -> str | None:
    value = app_settings().value("language", default)
    return str(value) if value else None


def save_language(lang: str) -> None:
    settings = app_settings()
    settings.setValue("language", lang)
    settings.sync()
