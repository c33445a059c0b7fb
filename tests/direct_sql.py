"""SQL run behind the program's back, over a connection of its own, on either engine: how
tests play "another tool edited the database"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from complaint_desk.store.database import Database, make_engine


def direct_sql(db: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Run one statement in its own committed transaction; the rows it returns, if any."""
    db.dispose()
    engine = make_engine(db.url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql), params)
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()
