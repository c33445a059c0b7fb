"""A disk fault, for the tests of what the program does with a damaged database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from complaint_desk.store import backup_files


def damage_events_table(path: Path) -> None:
    """Overwrite the events table's root page (its b-tree) with garbage, as a disk fault would;
    the WAL is folded in first, so the damage is in the file SQLite reads."""
    backup_files.checkpoint(path)
    with sqlite3.connect(path) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'"
                            ).fetchone()[0]
    raw = bytearray(path.read_bytes())
    raw[(root - 1) * page:root * page] = b"\xab" * page
    path.write_bytes(bytes(raw))
