"""Opening a database: the engine, SQLite's pragmas, and migrations applied on open.

Pragmas (docs/decisions.md): WAL so readers never wait for the writer; foreign keys on;
a busy timeout so a second program on the same file waits instead of failing; and
``synchronous=FULL`` because a complaint register must survive a power cut: each commit
syncs the WAL. Commits here are few and small (a person's actions, or one whole import),
so the cost is a millisecond or two per commit.

Write transactions start with ``BEGIN IMMEDIATE`` (they take the write lock before they read,
so two writers queue instead of deadlocking); read transactions use a plain ``BEGIN``. On
PostgreSQL a write transaction takes the writers' advisory lock instead: store/engine_features.py
holds every difference between the two engines.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from complaint_desk.domain.errors import N_, DomainError
from complaint_desk.resources_path import migrations_root
from complaint_desk.store import engine_features
from complaint_desk.store.engine_features import BUSY_TIMEOUT_SECONDS


class DatabaseError(DomainError):
    """The database cannot be used as it is (newer version, not a database, corrupt)."""


def database_url(target: str | Path) -> str:
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _alembic_config(connection: Any | None = None) -> Any:
    # Alembic is imported only when a migration runs: importing it costs ~0.7 s at every
    # start (bench/results), and an up-to-date database needs none of it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_root()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)


def head_revision() -> str:
    """The newest migration, read from the scripts' text without loading Alembic (a test
    checks it against Alembic's own answer)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in migrations_root().joinpath("versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if found := _REVISION.search(source):
            revisions.add(found[1])
        if found := _DOWN_REVISION.search(source):
            parents.add(found[1])
    heads = revisions - parents
    if len(heads) != 1:
        from alembic.script import ScriptDirectory

        return str(ScriptDirectory.from_config(_alembic_config()).get_heads()[0])
    return heads.pop()


@dataclass
class Database:
    """An open, migrated database: the engine and a session factory."""

    url: str
    engine: Engine
    session_factory: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        database = self.engine.url.database
        return Path(database) if self.is_sqlite and database else None

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        token = engine_features.write_transactions(write)
        session = self.session_factory()
        try:
            yield session
        finally:
            session.close()
            engine_features.end_write_transactions(token)

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    if engine_features.is_sqlite_url(url):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    else:
        engine = create_engine(_with_driver(url), pool_pre_ping=True)
    engine_features.install_hooks(engine)
    return engine


def _with_driver(url: str) -> str:
    """``postgresql://`` means psycopg 3 (the optional ``postgres`` dependencies), not
    SQLAlchemy's default psycopg2."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database (Alembic's table), None for a new one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return str(found) if found is not None else None


def open_database(target: str | Path, *, create: bool = True, migrate: bool = True,
                  before_migrate: Callable[[Path], None] | None = None) -> Database:
    """Open (and when allowed create) a database and bring its schema to this version.

    A database written by a newer program version is refused before anything is written.
    ``before_migrate(path)`` is called before an existing SQLite file's schema is changed
    (services/backup.py passes a backup; the store does not know about backups).
    """
    url = database_url(target)
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            if not create:
                raise DatabaseError(N_("No database at {path}."), path=str(path))
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            _refuse_non_database(path)
    engine = make_engine(url)
    try:
        if migrate:
            _migrate(engine, before_migrate)
            if url.startswith("sqlite"):
                _resume_search_index(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))


def _resume_search_index(engine: Engine) -> None:
    """A bulk writer killed half-way left the search triggers suspended: resume them now."""
    from complaint_desk.store.search import SUSPENDED_KEY, resume_search_triggers

    with engine.connect() as connection:
        noted = connection.exec_driver_sql("SELECT 1 FROM settings WHERE key = ?",
                                           (SUSPENDED_KEY,)).first()
    if noted is None:
        return
    raw = engine.raw_connection()
    try:
        resume_search_triggers(raw.cursor())
    finally:
        raw.close()


def _refuse_non_database(path: Path) -> None:
    with open(path, "rb") as handle:
        header = handle.read(16)
    if header and header != b"SQLite format 3\x00":
        raise DatabaseError(N_("{path} is not a Complaint Desk database."), path=str(path))


def _migrate(engine: Engine, before_migrate: Callable[[Path], None] | None = None) -> None:
    try:
        current = current_revision(engine)
    except sqlite3.DatabaseError as exc:  # pragma: no cover - depends on the damage
        raise DatabaseError(N_("The database file is damaged: {error}"), error=str(exc)) from exc
    if current == head_revision():
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseError(
                N_("This database was made by a newer version of Complaint Desk "
                   "(schema {revision}). Install the newer version to open it."),
                revision=current,
            ) from None
        database = engine.url.database
        if before_migrate is not None and database and engine.dialect.name == "sqlite":
            before_migrate(Path(database))
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
