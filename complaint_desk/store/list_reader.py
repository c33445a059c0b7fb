"""The case list's read path: one read connection for a list's life, statements compiled once.

The list asks for a count when its filter changes and for a 200-row page whenever the view
paints rows it has not read. Through a Session each call paid ~1.5-2 ms before the query
itself (a Session and a transaction, SQLAlchemy's statement cache and row processing, the
pool's reset), against sub-millisecond queries (docs/bench.md). Here SQLAlchemy still builds
the SQL (store/case_list.py, the same statements the session path runs), but only once for
each list shape (filter, sort, direction, viewer, day); every page of it then runs the
compiled string on the DBAPI cursor with its offset and limit, and converts only the
columns the list shows (engine_features.result_readers).

The connection is its own (engine_features.open_read_connection): each statement is its own
read transaction, so a list kept open never holds a snapshot (WAL checkpoints go on; a
refresh sees what was written since) and never blocks a writer. Not thread-safe: one reader
per thread (the GUI's list model owns one).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, Select, event

from complaint_desk.domain.case_list import CaseFilter, Sort, Viewer
from complaint_desk.store import case_list, engine_features, search
from complaint_desk.store.case_list import BELOW, LIMIT, OFFSET, SINCE, CaseListRow

# Compiled statements kept per reader: a few filters, each with its count, sorts, directions.
CACHED_STATEMENTS = 64


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...] | None  # positional drivers (sqlite3): the parameters' order
    values: dict[str, Any]  # driver-ready values of every parameter but the page bounds

    def parameters(self, bounds: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        if self.names is None:
            return {**self.values, **bounds}
        return tuple(bounds[n] if n in bounds else self.values[n] for n in self.names)


def _close_held(held: list[Any]) -> None:
    while held:
        engine_features.close_read_connection(held.pop())


class CaseListReader:
    """Counts and pages of the case list on a read connection of its own (module doc)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name
        self._held: list[Any] = []  # the open connection, if any
        myself = weakref.ref(self)

        def disposed(_engine: Engine) -> None:
            reader = myself()
            if reader is not None:
                reader.close()

        event.listen(engine, "engine_disposed", disposed)
        # A reader dropped without close() still closes its connection and stops listening.
        weakref.finalize(self, event.remove, engine, "engine_disposed", disposed)
        weakref.finalize(self, _close_held, self._held)
        self._fts: bool | None = None
        self._compiled: OrderedDict[Hashable, tuple[_Compiled, ...]] = OrderedDict()
        self._to_datetime, self._to_date, self._to_bool = \
            engine_features.result_readers(self._dialect)

    def close(self) -> None:
        """Close the connection (the reader opens another if asked again). Done by itself
        when the engine is disposed: a restore replaces the file only when no connection
        holds it (gui/program.py), and the list then reads the restored file."""
        _close_held(self._held)

    def count(self, case_filter: CaseFilter, viewer: Viewer, today: date, *,
              cap: int | None = None) -> int:
        """The number of rows; with ``cap``, at most ``cap + 1`` (count_statement)."""
        compiled = self._statement(
            ("count", case_filter, viewer, today, cap),
            lambda fts: case_list.count_statement(case_filter, viewer, today, self._dialect,
                                                  fts, cap=cap))
        rows = self._run(compiled.sql, compiled.parameters({}))
        return int(rows[0][0] or 0)

    def page(self, case_filter: CaseFilter, sort: Sort, viewer: Viewer, today: date, *,
             offset: int, limit: int, total: int | None = None,
             after: CaseListRow | None = None,
             before: CaseListRow | None = None) -> list[CaseListRow]:
        """Rows [offset, offset + limit), as store.case_list.page reads them. ``after``: the
        row at offset - 1, ``before``: the row at offset + limit, when the caller holds one
        (the page before or after): then the rows are read from it by keyset, not by OFFSET
        (store.case_list, "keyset pages"); the same rows, found from the index."""
        if self._fts is None:
            self._fts = self._has_fts()
        if case_list.newest_first_applies(case_filter, sort, self._fts, offset=offset,
                                          limit=limit, total=total):
            newest = self._newest_matches(case_filter, viewer, offset + limit)
            if newest is not None:
                return newest[offset:offset + limit]
        if after is not None:
            return self._keyset(case_filter, sort, viewer, today, after, limit, backwards=False)
        if before is not None:
            return self._keyset(case_filter, sort, viewer, today, before, limit, backwards=True)
        backwards = case_list.reads_backwards(case_filter, offset, total)
        compiled = self._statement(
            ("page", case_filter, sort, viewer, today, backwards),
            lambda fts: case_list.page_statement(case_filter, sort, viewer, today,
                                                 self._dialect, fts, backwards=backwards))
        start, count = case_list.page_bounds(offset, limit, total, backwards)
        rows = self._run(compiled.sql, compiled.parameters({OFFSET: start, LIMIT: count}))
        if backwards:
            rows.reverse()
        return self._rows(rows)

    def _keyset(self, case_filter: CaseFilter, sort: Sort, viewer: Viewer, today: date,
                boundary: CaseListRow, limit: int, *, backwards: bool) -> list[CaseListRow]:
        """``limit`` rows after ``boundary`` in the list's order (before it when
        ``backwards``), in the list's order."""
        values = case_list.keyset_values(sort, boundary)
        null_key = values[case_list.KEY[0]] is None
        parts = self._statements(
            ("keyset", case_filter, sort, viewer, today, backwards, null_key),
            lambda fts: case_list.keyset_statements(case_filter, sort, viewer, today,
                                                    self._dialect, fts, backwards=backwards,
                                                    null_key=null_key))
        bounds = {name: engine_features.raw_value(value, self._dialect)
                  for name, value in values.items()}
        rows: list[Any] = []
        for part in parts:
            if len(rows) >= limit:
                break
            bounds[LIMIT] = limit - len(rows)
            rows.extend(self._run(part.sql, part.parameters(bounds)))
        if backwards:
            rows.reverse()
        return self._rows(rows)

    def _newest_matches(self, case_filter: CaseFilter, viewer: Viewer,
                        count: int) -> list[CaseListRow] | None:
        """The ``count`` newest matches of a text search from the FTS5 rowid order, or None
        when the check finds that ids do not follow the order received here (store.case_list,
        "a text search, newest first")."""
        candidates = self._statement(
            ("newest", case_filter, viewer),
            lambda _fts: case_list.newest_candidates_statement(case_filter, viewer))
        rows = self._rows(self._run(candidates.sql, candidates.parameters({LIMIT: count})))
        rows.sort(key=lambda r: (r.received_at, r.id), reverse=True)
        if len(rows) < count:
            return None  # fewer candidates than asked for: the count was out of date
        check = self._statement(("newest check",),
                                lambda _fts: case_list.newest_check_statement())
        since = engine_features.raw_value(rows[-1].received_at, self._dialect)
        below = min(r.id for r in rows)
        if self._run(check.sql, check.parameters({SINCE: since, BELOW: below})):
            return None
        return rows

    def _rows(self, rows: list[Any]) -> list[CaseListRow]:
        to_datetime, to_date, to_bool = self._to_datetime, self._to_date, self._to_bool
        new = tuple.__new__  # CaseListRow(*values) without its argument parsing
        return [new(CaseListRow, (r[0], r[1], to_datetime(r[2]), r[3], r[4], r[5], r[6], r[7],
                                  r[8], r[9], r[10], to_date(r[11]), r[12], to_bool(r[13]),
                                  r[14]))
                for r in rows]

    # --- the connection and the compiled statements ------------------------------------

    def _open(self) -> Any:
        if not self._held:
            self._held.append(engine_features.open_read_connection(self._engine))
        return self._held[0]

    def _run(self, sql: str, parameters: tuple[Any, ...] | dict[str, Any]) -> list[Any]:
        cursor = self._open().cursor()
        try:
            cursor.execute(sql, parameters)
            return list(cursor.fetchall())
        finally:
            cursor.close()  # the statement is reset: its read transaction ends here

    def _has_fts(self) -> bool:
        with self._engine.connect() as connection:
            return search.has_fts(connection)

    def _statement(self, key: Hashable, build: Any) -> _Compiled:
        return self._statements(key, lambda fts: [build(fts)])[0]

    def _statements(self, key: Hashable, build: Any) -> tuple[_Compiled, ...]:
        found = self._compiled.get(key)
        if found is not None:
            self._compiled.move_to_end(key)
            return found
        if self._fts is None:
            self._fts = self._has_fts()
        statements: list[Select[Any]] = build(self._fts)
        found = tuple(self._compile(statement) for statement in statements)
        self._compiled[key] = found
        while len(self._compiled) > CACHED_STATEMENTS:
            self._compiled.popitem(last=False)
        return found

    def _compile(self, statement: Select[Any]) -> _Compiled:
        compiled = statement.compile(dialect=self._engine.dialect,
                                     compile_kwargs={"render_postcompile": True})
        values = {name: engine_features.raw_value(value, self._dialect)
                  for name, value in compiled.construct_params().items()}
        names = tuple(compiled.positiontup or ()) if compiled.positional else None
        return _Compiled(compiled.string, names, values)
