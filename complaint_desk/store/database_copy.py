"""Copying every row of one database into another of the same schema, engine to engine.

Rows are read through SQLAlchemy Core, so each value is read as its column's type (SQLite's
text datetimes become datetimes), and written by ``engine_features.copy_into``: PostgreSQL's
``COPY`` on a PostgreSQL target, an ``executemany`` insert on SQLite. Tables are copied parents
first, streamed in batches, inside the caller's one write transaction on the target.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Table, func, select

from complaint_desk.store import engine_features
from complaint_desk.store.models import Base

BATCH = 5_000


def tables() -> list[Table]:
    """Every mapped table, each after the tables its foreign keys point to."""
    return list(Base.metadata.sorted_tables)


def row_counts(connection: Connection) -> dict[str, int]:
    return {t.name: int(connection.execute(select(func.count()).select_from(t)).scalar() or 0)
            for t in tables()}


def copy_rows(source: Connection, target: Connection,
              progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy every table's rows from ``source`` to ``target`` (which must be empty); the number
    copied per table. The caller commits or rolls back ``target``."""
    copied: dict[str, int] = {}
    with engine_features.bulk_load(target, [t.name for t in tables()]):
        for table in tables():
            count = 0
            order = list(table.primary_key.columns)
            result = source.execution_options(stream_results=True, yield_per=BATCH).execute(
                select(table).order_by(*order))
            for batch in result.partitions(BATCH):
                engine_features.copy_into(target, table, batch)
                count += len(batch)
                if progress is not None:
                    progress(table.name, count)
            copied[table.name] = count
    with_ids = [t.name for t in tables() if "id" in t.c and t.c.id.primary_key]
    engine_features.move_id_sequences(_Cursor(target), target.dialect.name, with_ids)
    return copied


class _Cursor:
    """What ``move_id_sequences`` needs of a cursor, over a SQLAlchemy connection."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def execute(self, sql: str) -> None:
        self.connection.exec_driver_sql(sql)
