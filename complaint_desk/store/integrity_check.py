"""SQLite's integrity check of a database file, read-only, with nothing but ``sqlite3``.

The program checks its database before anything is written to it (services/backup.py
``open_at_start``). The check reads the whole file (~0.5 s at 100,000 cases), and SQLite does
it without Python's lock, so the desktop program starts it first, in a thread
(``BackgroundCheck``), and loads its modules and Qt meanwhile; it waits for the answer before
opening the database. This module imports neither SQLAlchemy nor the rest of store/, which
is what lets the check start before them.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

# The same as engine_features.BUSY_TIMEOUT_SECONDS (a test keeps them equal); engine_features
# imports SQLAlchemy, which this module must not.
BUSY_TIMEOUT_SECONDS = 10


def integrity_problems(path: Path, *, quick: bool = True) -> list[str]:
    """SQLite's quick (or full) integrity check, read-only; [] when the file is sound."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            pragma = "quick_check" if quick else "integrity_check"
            results = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if results == ["ok"] else results


class BackgroundCheck:
    """The quick check of ``path`` in a thread, started at once; ``problems()`` waits for it.
    A file that does not exist (yet) has none."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._problems: list[str] = []
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if self.path.exists():
            self._problems = integrity_problems(self.path)

    def problems(self) -> list[str]:
        self._thread.join()
        return list(self._problems)
