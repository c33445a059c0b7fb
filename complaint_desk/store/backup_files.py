"""SQLite file operations for backups: copy a live database, check a file, check at start.

The copy uses SQLite's online backup API: it reads a consistent snapshot while the program
keeps working (it restarts if another connection writes meanwhile), and the copy is written to
a temporary name and renamed, so a backup file is either whole or absent.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from complaint_desk.domain.errors import N_
from complaint_desk.store.database import DatabaseError, _alembic_config
from complaint_desk.store.engine_features import BUSY_TIMEOUT_SECONDS
from complaint_desk.store.integrity_check import integrity_problems as integrity_problems

REQUIRED_TABLES = frozenset({"alembic_version", "complaints", "events", "users", "settings"})


class DamagedDatabase(DatabaseError):
    """The file fails SQLite's integrity check: it must not be written to."""


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)


def copy_database(source: Path, target: Path) -> Path:
    """Copy the database at ``source`` (with its WAL) to ``target`` atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target


def refuse_if_damaged(path: Path, problems: list[str] | None = None) -> None:
    """Raise DamagedDatabase, before anything opens the file for writing, if it is damaged.
    ``problems``: the answer of a check already made (integrity_check.BackgroundCheck)."""
    if problems is None:
        problems = integrity_problems(path) if path.exists() else []
    if problems:
        raise DamagedDatabase(N_("The database {path} is damaged ({detail}). Nothing was "
                                 "written to it. Restore the latest good backup."),
                              path=str(path), detail="; ".join(problems[:3]))


@dataclass(frozen=True)
class FileCheck:
    ok: bool
    problem: str | None = None  # a message id, formatted with ``params``
    params: dict[str, str] = field(default_factory=dict)
    revision: str | None = None


def check_backup_file(path: Path) -> FileCheck:
    """Whether ``path`` is a sound Complaint Desk database this program can open."""
    where = {"path": str(path)}
    if not path.is_file():
        return FileCheck(False, N_("There is no file {path}."), where)
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            return FileCheck(False, N_("{path} is not a Complaint Desk database."), where)
    problems = integrity_problems(path, quick=False)
    if problems:
        return FileCheck(False, N_("The backup {path} is damaged: {detail}"),
                         {**where, "detail": "; ".join(problems[:3])})
    conn = _read_only(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not REQUIRED_TABLES <= tables:
            return FileCheck(False, N_("{path} is not a Complaint Desk database."), where)
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    revision_id = str(revision[0]) if revision else None
    if revision_id is None:
        return FileCheck(False, N_("{path} is not a Complaint Desk database."), where)
    # Alembic only here (checking a backup), not at every start: importing it costs ~0.7 s
    from alembic.script import ScriptDirectory
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(_alembic_config()).get_revision(revision_id)
    except (RevisionError, CommandError):
        return FileCheck(False, N_("The backup {path} was made by a newer version of "
                                   "Complaint Desk."), where, revision_id)
    return FileCheck(True, revision=revision_id)


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so the file alone holds every commit."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def move_aside(path: Path, aside: Path) -> None:
    """Rename the database and its -wal/-shm companions to ``aside`` (same folder)."""
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(path, aside)
