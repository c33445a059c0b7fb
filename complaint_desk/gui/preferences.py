"""Remembered window state, the chosen language and the database (QSettings, per user).

Tests point QSettings at a temporary folder (QSettings.setPath) before anything is read.
"""

from __future__ import annotations

import os

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


def database_setting() -> str | None:
    """The database the program opens when no ``--db`` is given: ``$COMPLAINT_DESK_DB`` (as
    for the command line), else ``database=`` in this user's settings file (on a
    headquarters PC: ``database=postgresql://clerk@hq-server/complaints``); None: the
    default file in the data folder."""
    value = os.environ.get("COMPLAINT_DESK_DB") or app_settings().value("database", "")
    return str(value) if value else None
