"""The composition root: where the database is and how it is opened. Nothing at import time."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the GUI asks for the path before it loads SQLAlchemy (gui/app.py)
    from complaint_desk.store.database import Database

APP_NAME = "ComplaintDesk"
DATABASE_FILE = "complaint-desk.db"

Clock = Callable[[], datetime]


def wall_clock() -> datetime:
    """The running program's clock (to the second), handed to the GUI by its composition
    root (gui/app.py → Program → MainWindow → dialogs); tests hand a fixed one instead."""
    return datetime.now().replace(microsecond=0)


def data_dir() -> Path:
    """The user's data directory (attachments, backups, the default database)."""
    override = os.environ.get("COMPLAINT_DESK_DATA")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE


def open_app_database(target: str | Path | None = None, *, create: bool = True) -> Database:
    """Open the database, backing it up first if this version must change its schema."""
    from complaint_desk.services.backup import before_migration
    from complaint_desk.store.database import open_database

    return open_database(target or default_database_path(), create=create,
                         before_migrate=before_migration)
