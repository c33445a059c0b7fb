"""Everything that differs between SQLite (an office's file) and PostgreSQL (headquarters).

The models, migrations, services and reports are the same code on both; what is not lives
here (text search keeps its two forms side by side in store/search.py, and the migrations ask
``op.get_bind().dialect.name``):

- Opening a connection: SQLite's pragmas (docs/decisions.md). PostgreSQL needs none.
- Write transactions are serialised on both. SQLite's ``BEGIN IMMEDIATE`` takes the file's
  write lock before the transaction reads anything. On PostgreSQL a write transaction first
  takes one transaction-scoped advisory lock (``WRITER_LOCK``), released at commit or
  rollback. Reads never wait for it (MVCC). Why one lock, not row locks: the event log is one
  hash chain (store/events.py: each event names the previous event's hash), reference numbers
  come from a counter per office and year, and the demo generator numbers its rows from
  ``max(id)``. Each of these assumes the writers take turns, as they do on SQLite. The version
  compare-and-set in ``UnitOfWork.save_change`` still refuses a change made from a stale copy
  (two clerks with the same case open), on both engines.
- Raw DBAPI access for bulk writes (services/demo.py, the ``migrate`` copy): placeholders and
  value formats differ (sqlite3 ``?`` and ISO text, psycopg ``%s`` and native values), and
  rows written with explicit ids must move PostgreSQL's id sequences past them.
- The headquarters merge (store/exchange_merge.py) writes through the same raw DBAPI
  cursor: upserts are ``INSERT ... ON CONFLICT ... DO UPDATE/NOTHING`` (SQLite >= 3.24 and
  PostgreSQL alike, see ``upsert_sql``), and a contradiction is either driver's
  IntegrityError (``INTEGRITY_ERRORS``).
- Backups: SQLite files are copied by the program (services/backup.py); a PostgreSQL database
  is backed up by its server's tools (``pg_dump``), and the program says so.
"""

from __future__ import annotations

import contextvars
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, event

BUSY_TIMEOUT_SECONDS = 10
# Any fixed 64-bit number; the same in every program that writes to the database.
WRITER_LOCK = 10002_0001
WRITER_LOCK_SQL = f"SELECT pg_advisory_xact_lock({WRITER_LOCK})"

_write_transaction: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "cd_write_transaction", default=False)


def is_sqlite_url(url: str) -> bool:
    return url.startswith("sqlite")


def write_transactions(flag: bool) -> contextvars.Token[bool]:
    """Mark the transactions begun from here on (in this thread/context) as writes."""
    return _write_transaction.set(flag)


def end_write_transactions(token: contextvars.Token[bool]) -> None:
    _write_transaction.reset(token)


def install_hooks(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _install_sqlite_hooks(engine)
    elif engine.dialect.name == "postgresql":
        _install_postgresql_hooks(engine)


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN (below) control transactions, not the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_transaction.get() else "BEGIN")


def _install_postgresql_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if _write_transaction.get():
            connection.exec_driver_sql(WRITER_LOCK_SQL)


def secure_delete_sql(dialect: str) -> str | None:
    """Statement that makes the engine overwrite freed bytes (erasure), if it has one.
    PostgreSQL has none: VACUUM reclaims dead rows later (docs/postgresql.md)."""
    return "PRAGMA secure_delete=ON" if dialect == "sqlite" else None


# --- raw DBAPI access (bulk writes) ---------------------------------------------------------


def begin_raw_write(cursor: Any, dialect: str) -> None:
    """Start a write transaction on a raw DBAPI connection (autocommit off for psycopg)."""
    cursor.execute("BEGIN IMMEDIATE" if dialect == "sqlite" else WRITER_LOCK_SQL)


def commit_raw(raw: Any, cursor: Any, dialect: str) -> None:
    if dialect == "sqlite":
        cursor.execute("COMMIT")
    else:
        raw.commit()


def rollback_raw(raw: Any, cursor: Any, dialect: str) -> None:
    if dialect == "sqlite":
        cursor.execute("ROLLBACK")
    else:
        raw.rollback()


def placeholders(dialect: str, count: int) -> str:
    mark = "?" if dialect == "sqlite" else "%s"
    return ", ".join(mark for _ in range(count))


def paramstyle_sql(sql: str, dialect: str) -> str:
    """SQL written with ``?`` placeholders, for this engine's driver."""
    return sql if dialect == "sqlite" else sql.replace("?", "%s")


_STORED_AS_IS = frozenset({str, int, float, type(None)})


def raw_value(value: Any, dialect: str, *, boolean: bool = False) -> Any:
    """A value as the ORM would have written it, for a raw DBAPI insert.

    SQLite stores datetimes as text (``YYYY-MM-DD HH:MM:SS.ffffff``) and booleans as 0/1, and
    the ORM reads them back only in that form; psycopg takes Python's own types.
    """
    if type(value) in _STORED_AS_IS and not boolean:  # most values: bulk writers pass millions
        return value
    if dialect != "sqlite":
        return bool(value) if boolean and value is not None else value
    if isinstance(value, datetime):
        if value.tzinfo is None and value.year >= 1000:  # the same text, several times faster
            return value.isoformat(" ", "microseconds")
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def move_id_sequences(cursor: Any, dialect: str, tables: Iterable[str]) -> None:
    """After rows were written with explicit ids, let the next ORM insert take a new id.
    (SQLite takes max(id) + 1 by itself; PostgreSQL's sequence does not see explicit ids.)"""
    if dialect != "postgresql":
        return
    for table in tables:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")


def upsert_sql(dialect: str, table: str, columns: Sequence[str], *,
               conflict: Sequence[str] = (), update: Sequence[str] = ()) -> str:
    """One row's insert that, when ``conflict`` (a unique key) is taken, updates ``update``
    from the new row instead, or does nothing when ``update`` is empty (then any unique key
    counts). The same statement on SQLite (>= 3.24) and PostgreSQL; ``rowcount`` is 0 when
    nothing was written."""
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
           f"VALUES ({placeholders(dialect, len(columns))}) ON CONFLICT")
    if not update:
        return f"{sql} DO NOTHING"
    assignments = ", ".join(f"{name} = excluded.{name}" for name in update)
    return f"{sql} ({', '.join(conflict)}) DO UPDATE SET {assignments}"


def _integrity_errors() -> tuple[type[Exception], ...]:
    found: list[type[Exception]] = [sqlite3.IntegrityError]
    try:
        import psycopg
    except ImportError:  # an office's install without the [postgres] extra
        return tuple(found)
    found.append(psycopg.IntegrityError)
    return tuple(found)


# A raw write that contradicts a constraint (a unique key, a foreign key), from either driver.
INTEGRITY_ERRORS = _integrity_errors()


def backup_note(dialect: str) -> str | None:
    """Why the program does not back this database up itself (None: it does)."""
    if dialect == "sqlite":
        return None
    return "pg_dump"
