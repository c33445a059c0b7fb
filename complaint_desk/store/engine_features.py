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
- Copying whole tables (``complaint-desk migrate``): into PostgreSQL through ``COPY ... FROM
  STDIN`` (psycopg's copy, many times faster than row inserts) with the secondary indexes,
  unique and foreign-key constraints dropped during the load and made again once at its end,
  in the same transaction (what pg_restore does: building a GIN trigram index once is far
  cheaper than growing it row by row); into SQLite by ``executemany`` (see ``copy_into`` and
  ``bulk_load``).
- Calendar days in SQL (the KPIs' twins in store/queries.py): ``day_of(timestamp)``,
  ``month_of(timestamp)`` and ``days_between(later, earlier)``. SQLite stores a timestamp as
  ISO text, whose first ten (seven) characters are its day (month), and counts days with
  ``julianday``; PostgreSQL casts to ``date`` and subtracts (an integer), and formats the
  month with ``to_char``. (A month as ``substr`` costs SQLite half of two ``strftime`` calls
  per row: a year of cases is grouped by month for the dashboard.)
- Backups: SQLite files are copied by the program (services/backup.py); a PostgreSQL database
  is backed up by its server's tools (``pg_dump``), and the program says so.
"""

from __future__ import annotations

import contextvars
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, Integer, String, event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Date

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


# --- calendar days in SQL ------------------------------------------------------------------


class day_of(FunctionElement[Any]):
    """The calendar day of a timestamp column (Python's ``moment.date()``), comparable with a
    ``Date`` column on both engines."""

    type = Date()
    inherit_cache = True
    name = "day_of"


class month_of(FunctionElement[Any]):
    """The month of a timestamp column as text, ``YYYY-MM``, on both engines (for grouping;
    ``parse_month_of`` reads it back)."""

    type = String()
    inherit_cache = True
    name = "month_of"


def parse_month_of(text: str) -> tuple[int, int]:
    return int(text[:4]), int(text[5:7])


class days_between(FunctionElement[Any]):
    """Whole calendar days from the day of ``earlier`` to the day of ``later`` (two timestamps):
    Python's ``(later.date() - earlier.date()).days``, an integer."""

    type = Integer()
    inherit_cache = True
    name = "days_between"

    def __init__(self, later: Any, earlier: Any) -> None:
        super().__init__(later, earlier)


@compiles(day_of, "sqlite")
def _day_of_sqlite(element: day_of, compiler: SQLCompiler, **kw: Any) -> str:
    # "YYYY-MM-DD HH:MM:SS.ffffff" (raw_value, SQLAlchemy's SQLite DateTime): the first ten.
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 10)"


@compiles(day_of)
def _day_of_default(element: day_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(month_of, "sqlite")
def _month_of_sqlite(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 7)"


@compiles(month_of)
def _month_of_default(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return (f"CAST(julianday(substr({later}, 1, 10)) - julianday(substr({earlier}, 1, 10))"
            " AS INTEGER)")


@compiles(days_between)
def _days_between_default(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"


class filter_only(FunctionElement[Any]):
    """A column compared as a filter inside whichever index serves the rest of the condition,
    never as the key of an index search. SQLite: ``(office_code || '')``: its planner would
    otherwise pick the (office_code, received_at) index and walk an office's whole history for
    one month's closings or reviews (0.3 s → 10 ms at 1,000,000 cases). PostgreSQL: the
    column itself: its planner weighs the indexes by their statistics, and hiding the column
    from it made one office's KPIs 3× slower than the same query with the column plain."""

    type = String()
    inherit_cache = True
    name = "filter_only"


@compiles(filter_only, "sqlite")
def _filter_only_sqlite(element: filter_only, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} || '')"


@compiles(filter_only)
def _filter_only_default(element: filter_only, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


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


@contextmanager
def raw_write_transaction(raw: Any, cursor: Any, dialect: str) -> Iterator[None]:
    """A write transaction on a raw DBAPI connection: begun (the writers' lock), committed
    when the block ends, rolled back when it raises."""
    begin_raw_write(cursor, dialect)
    try:
        yield
        commit_raw(raw, cursor, dialect)
    except BaseException:  # a failed commit is rolled back too
        rollback_raw(raw, cursor, dialect)
        raise


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


_SECONDARY_INDEXES = """
SELECT ix.relname, pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ix ON ix.oid = i.indexrelid
WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(%(tables)s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY ix.relname
"""
# Unique and foreign-key constraints, the foreign keys first (they need the unique indexes).
_CONSTRAINTS = """
SELECT t.relname, c.conname, pg_get_constraintdef(c.oid), c.contype
FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(%(tables)s)
  AND c.contype IN ('f', 'u')
ORDER BY c.contype, t.relname, c.conname
"""


@contextmanager
def bulk_load(connection: Any, tables: Sequence[str]) -> Iterator[None]:
    """Around loading many rows into ``tables`` in ``connection``'s (SQLAlchemy) transaction.

    PostgreSQL: what pg_restore does. The tables' secondary indexes, unique constraints and
    foreign keys are dropped, and made again at the end, in one pass each instead of one
    check per row (a foreign key is validated by one join, a GIN trigram index built once
    rather than grown row by row). They still hold: a row that breaks one fails the
    ``ADD CONSTRAINT`` and the whole transaction rolls back, indexes and constraints
    included. Primary keys stay. SQLite: nothing."""
    if connection.dialect.name != "postgresql":
        yield
        return
    names = {"tables": list(tables)}
    indexes = connection.exec_driver_sql(_SECONDARY_INDEXES, names).all()
    constraints = connection.exec_driver_sql(_CONSTRAINTS, names).all()
    for table, name, _definition, _kind in constraints:
        connection.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    for _name, definition in indexes:
        connection.exec_driver_sql(definition)
    for table, name, definition, _kind in sorted(constraints, key=lambda c: c[3] != "u"):
        connection.exec_driver_sql(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')


def copy_into(connection: Any, table: Any, rows: Iterable[Sequence[Any]]) -> None:
    """Write ``rows`` (tuples in the order of ``table``'s columns, values as the ORM reads
    them) into ``table`` inside ``connection``'s (a SQLAlchemy Connection) transaction.

    PostgreSQL: one ``COPY ... FROM STDIN`` through psycopg, each value first through its
    column type's bind processor as an insert would. Others: ``executemany`` of an insert."""
    columns = list(table.columns)
    dialect = connection.dialect
    if dialect.name != "postgresql":
        from sqlalchemy import insert

        names = [c.key for c in columns]
        batch = [dict(zip(names, row, strict=True)) for row in rows]
        if batch:
            connection.execute(insert(table), batch)
        return
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    convert = [(i, p) for i, p in enumerate(processors) if p is not None]
    quoted = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {dialect.identifier_preparer.format_table(table)} ({quoted}) "
                     "FROM STDIN") as copy:
        for row in rows:
            if convert:
                row = list(row)
                for i, process in convert:
                    row[i] = process(row[i])
            copy.write_row(row)


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


def __getattr__(name: str) -> Any:
    """``INTEGRITY_ERRORS``: a raw write that contradicts a constraint (a unique key, a foreign
    key), from either driver. Made when first asked for, so opening a SQLite database does not
    import psycopg (~50 ms of every start)."""
    if name == "INTEGRITY_ERRORS":
        errors = _integrity_errors()
        globals()[name] = errors
        return errors
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def backup_note(dialect: str) -> str | None:
    """Why the program does not back this database up itself (None: it does)."""
    if dialect == "sqlite":
        return None
    return "pg_dump"


# --- a long-lived read connection (the case list) -------------------------------------------


def open_read_connection(engine: Engine) -> Any:
    """A DBAPI connection of its own (taken out of the pool) on which every statement is its
    own read transaction, so a reader may keep it open without holding a snapshot: SQLite's
    connections are already in autocommit mode (``isolation_level = None`` above: a SELECT's
    snapshot ends when its rows are read, so WAL checkpoints and writers are never held up);
    psycopg is put in autocommit (otherwise its first SELECT would open a transaction that
    stays open, idle). Close it with ``close_read_connection``."""
    proxied = engine.raw_connection()
    proxied.detach()  # closing it closes the connection; the pool never sees it again
    if engine.dialect.name == "postgresql":
        driver: Any = proxied.dbapi_connection
        driver.autocommit = True
    return proxied


def close_read_connection(connection: Any) -> None:
    connection.close()


def _datetime_from_text(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _date_from_text(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _bool_from_int(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _same(value: Any) -> Any:
    return value


def result_readers(dialect: str) -> tuple[Callable[[Any], datetime | None],
                                          Callable[[Any], date | None],
                                          Callable[[Any], bool | None]]:
    """How a raw DBAPI row's datetime, date and boolean values become Python's: SQLite gives
    the text and 0/1 the ORM wrote (``raw_value``), psycopg gives Python's own types."""
    if dialect == "sqlite":
        return _datetime_from_text, _date_from_text, _bool_from_int
    return _same, _same, _same


def nulls_sort_high(dialect: str) -> bool:
    """Where NULL falls in an ORDER BY without NULLS FIRST/LAST: PostgreSQL sorts it above
    every value (last ascending, first descending), SQLite below every value. A keyset read
    (store/case_list.py, keyset_statements) must follow the order the engine gives."""
    return dialect != "sqlite"
