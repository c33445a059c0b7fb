"""Backups: automatic (first start of the day, before a migration, on exit), on demand, and
restoring one. Retention: the newest backup of each of the last 7 days, 4 weeks and 12 months
that have one. The folder is a setting (an external drive), by default ``backups/`` next to
the database.

For the GUI: call ``open_at_start`` at start (it refuses a damaged database and names the
latest good backup), ``on_start`` once the database is open and ``on_exit`` when closing.

The program backs up SQLite files only. A PostgreSQL database (headquarters) is backed up by
its server's administrator with PostgreSQL's tools (``pg_dump``, or the server's own
continuous archiving): automatic backups do nothing there and a backup on demand says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, DomainError, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.services.access import require
from complaint_desk.store import backup_files
from complaint_desk.store.database import Database, database_url, open_database
from complaint_desk.store.engine_features import is_sqlite_url
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]
FOLDER_KEY = "backup_folder"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+)\.db$")


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def default_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_folder(db: Database) -> Path:
    assert db.path is not None, "backups are of SQLite files"
    with UnitOfWork(db, write=False) as uow:
        folder = uow.setting(FOLDER_KEY)
    return Path(folder) if folder else default_folder(db.path)


def _file_name(db_path: Path, at: datetime, reason: str) -> str:
    return f"{db_path.stem}-{at:%Y%m%d-%H%M%S}-{reason}.db"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    at: datetime
    reason: str


def list_backups(folder: Path, db_path: Path) -> list[BackupFile]:
    """This database's automatic backups in ``folder``, newest first."""
    found = []
    if folder.is_dir():
        for path in folder.glob(f"{db_path.stem}-*.db"):
            match = _NAME.match(path.name)
            if match and match["stem"] == db_path.stem:
                found.append(BackupFile(path, datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"),
                                        match["reason"]))
    return sorted(found, key=lambda b: b.at, reverse=True)


def to_keep(backups: list[BackupFile]) -> set[Path]:
    """Grandfather-father-son: the newest backup of each of the latest 7 days, 4 ISO weeks and
    12 months that have backups (``backups`` newest first)."""
    keep: set[Path] = set()
    for period, count in ((lambda d: d, KEEP_DAILY),
                          (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
                          (lambda d: (d.year, d.month), KEEP_MONTHLY)):
        seen: list[object] = []
        for backup in backups:
            key = period(backup.at.date())
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                keep.add(backup.path)
    return keep


def prune(folder: Path, db_path: Path) -> list[Path]:
    backups = list_backups(folder, db_path)
    keep = to_keep(backups)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def automatic_backup(db_path: Path, folder: Path, reason: str, *, clock: Clock = now) -> Path:
    target = folder / _file_name(db_path, clock(), reason)
    backup_files.copy_database(db_path, target)
    prune(folder, db_path)
    return target


def before_migration(db_path: Path) -> None:
    """The hook open_database calls before changing an existing schema."""
    automatic_backup(db_path, default_folder(db_path), "migration")


def open_at_start(target: Path | str, *, create: bool = True,
                  problems: list[str] | None = None) -> Database:
    """Open the office's database as the program starts: refuse a damaged file (without writing
    to it, naming the latest good backup) and back up before any migration. ``problems``: the
    answer of the integrity check when the caller already made it (the GUI starts it first,
    in the background: store/integrity_check.py); else it is made here. A server's database
    (a ``postgresql://`` URL) is just opened: its server checks it and its administrator backs
    it up (pg_dump)."""
    url = database_url(target)
    if not is_sqlite_url(url):
        return open_database(url, create=create)
    path = Path(url.removeprefix("sqlite:///"))
    try:
        backup_files.refuse_if_damaged(path, problems)
    except backup_files.DamagedDatabase as error:
        good = latest_good_backup(path)
        if good is not None:
            error.params["backup"] = str(good)
            error.message = N_("The database {path} is damaged ({detail}). Nothing was written "
                               "to it. The latest good backup is {backup}: restore it "
                               "(complaint-desk restore).")
        raise
    return open_database(path, create=create, before_migrate=before_migration)


def latest_good_backup(db_path: Path, folder: Path | None = None) -> Path | None:
    """The newest backup that passes the checks, looking in the setting's folder when the
    database can still tell it, and in the default folder."""
    folders = [folder] if folder else []
    if not folders:
        try:
            db = open_database(db_path, create=False, migrate=False)
            try:
                folders.append(backup_folder(db))
            finally:
                db.dispose()
        except (DomainError, OSError, SQLAlchemyError):
            pass  # the damaged file may not even say where its backups are
        folders.append(default_folder(db_path))
    candidates = sorted({b.path: b for f in folders for b in list_backups(f, db_path)}.values(),
                        key=lambda b: b.at, reverse=True)
    for backup in candidates:
        if backup_files.check_backup_file(backup.path).ok:
            return backup.path
    return None


def _refuse_server_database(db: Database) -> Path:
    if db.path is None:
        raise ValidationError(N_("This database is on a PostgreSQL server: back it up with the "
                                 "server's tools (pg_dump). The program backs up SQLite files "
                                 "only."), field="database")
    return db.path


def on_start(db: Database, *, clock: Clock = now) -> Path | None:
    """The first start of each day makes a backup; later starts do nothing."""
    if db.path is None:  # a server database: its administrator backs it up (pg_dump)
        return None
    folder = backup_folder(db)
    today: date = clock().date()
    if any(b.at.date() == today for b in list_backups(folder, db.path)):
        return None
    return automatic_backup(db.path, folder, "daily", clock=clock)


def on_exit(db: Database, *, clock: Clock = now) -> Path | None:
    if db.path is None:  # a server database: its administrator backs it up (pg_dump)
        return None
    return automatic_backup(db.path, backup_folder(db), "exit", clock=clock)


def backup_now(db: Database, actor: Actor, out: Path | None = None, *,
               clock: Clock = now) -> Path:
    """A backup on demand (menu or ``complaint-desk backup``), recorded in the audit log."""
    require(actor, Permission.BACKUP)
    path = _refuse_server_database(db)
    at = clock()
    target = out or backup_folder(db) / _file_name(path, at, "manual")
    if target.resolve() == path.resolve():
        raise ValidationError(N_("The backup cannot overwrite the database itself."),
                              field="out")
    backup_files.copy_database(path, target)
    with UnitOfWork(db) as uow:
        uow.audit(actor=actor, at=at, kind="backup", data={"file": str(target)})
        uow.commit()
    return target


# --- restoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    kept_aside: Path | None


def restore(target: Path, source: Path, username: str, password: str, *,
            clock: Clock = now) -> Restored:
    """Replace the database at ``target`` with the backup ``source``.

    The backup is checked first (integrity, our schema, not from a newer version). The user
    signs in against the current database, or against the backup when the current one is
    damaged or missing, and must hold the RESTORE permission. The current database is kept
    aside as ``<name>.replaced-<time>.db``; the restore is recorded in the restored database.
    """
    from complaint_desk.services.accounts import sign_in

    checked = backup_files.check_backup_file(source)
    if not checked.ok:
        raise ValidationError(checked.problem or "", field="file", **checked.params)
    at = clock()
    restoring = target.with_name(target.name + ".restoring")
    backup_files.copy_database(source, restoring)
    try:
        incoming = open_database(restoring, create=False)  # migrates an older backup
        try:
            current_ok = target.exists() and not backup_files.integrity_problems(target)
            if current_ok:
                current = open_database(target, create=False, migrate=False)
                try:
                    actor = sign_in(current, username, password).actor
                finally:
                    current.dispose()
            else:
                actor = sign_in(incoming, username, password).actor
            require(actor, Permission.RESTORE)
        finally:
            incoming.dispose()
        aside = None
        if target.exists():
            if current_ok:
                backup_files.checkpoint(target)
            aside = target.with_name(f"{target.stem}.replaced-{at:%Y%m%d-%H%M%S}.db")
            backup_files.move_aside(target, aside)
        backup_files.move_aside(restoring, target)
    except BaseException:
        restoring.unlink(missing_ok=True)
        raise
    db = open_database(target, create=False)
    try:
        with UnitOfWork(db) as uow:
            uow.audit(actor=actor, at=at, kind="restore",
                      data={"file": str(source), "kept_aside": str(aside) if aside else None})
            uow.commit()
    finally:
        db.dispose()
    return Restored(aside)
