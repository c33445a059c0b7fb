"""Writing one package's records at headquarters, in bulk, inside the caller's transaction.

The service (services/package_import.py) has already checked every line's shape; this module
decides per record what changes and writes it with ``executemany`` on the session's own
connection (so it is part of the same write transaction and rolls back with it). The SQL is
the same on SQLite and PostgreSQL; placeholders, value formats and upserts come from
store/engine_features.py:

- reference rows: added when missing; headquarters' own rows are never overwritten;
- a case: added when new; otherwise its row takes the package's values only when the package's
  latest event for it is later than the one the row shows now, ordered by (time, office code,
  the office's own event order). Any import order thus ends in the same state;
- an event: added when its uuid is new (append-only), hashed into headquarters' own chain, its
  origin chain fields kept in ``exchange_event_origins``.

Ids are assigned here (max + 1, under the writers' lock) so events can point at new cases
without reading them back; ``finish`` then moves PostgreSQL's id sequences past them.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from complaint_desk.store import engine_features, search
from complaint_desk.store import events as event_chain

_IN_CHUNK = 900  # bound parameters per IN (...) query
_PLAIN = frozenset({str, int, float, type(None)})  # written as they are on both engines


StateKey = tuple[Any, str, int]  # (time as the engine stores it, office code, the office's event id)


@dataclass
class CaseOutcome:
    complaint_id: int
    new: bool
    updated: bool


@dataclass
class MergeCounts:
    complaints_new: int = 0
    complaints_updated: int = 0
    complaints_unchanged: int = 0
    events_new: int = 0
    events_known: int = 0
    reference_new: dict[str, int] = field(default_factory=dict)


def _as_text(moment: Any) -> str:
    """A stored time as SQLite's text (PostgreSQL returns a datetime): reports read the same."""
    if isinstance(moment, datetime):
        return moment.isoformat(sep=" ", timespec="microseconds")
    return str(moment)


class Merger:
    def __init__(self, session: Session, *, import_id: int, office: str, columns: Sequence[str],
                 now: datetime, keep_on_update: Sequence[str] = ()) -> None:
        connection = session.connection()
        self.dialect = connection.dialect.name
        self.cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        self.import_id = import_id
        self.office = office
        self.columns = tuple(columns)
        self._getter = operator.itemgetter(*self.columns)
        # Columns a newer row does not overwrite: personal data a pseudonymised package lacks
        # stays as an earlier package that included it left it (and as its events say).
        self.update_columns = tuple(c for c in self.columns if c not in keep_on_update)
        self.now = self.value(now)
        self.counts = MergeCounts()
        self.next_complaint_id = self._scalar("SELECT coalesce(max(id), 0) FROM complaints") + 1
        self.next_event_id = self._scalar("SELECT coalesce(max(id), 0) FROM events") + 1
        # New cases are indexed for search in one statement by finish(), not row by row.
        self.first_new_complaint_id = self.next_complaint_id
        self.search_trigger = search.defer_insert_indexing(self.cursor, self.dialect)
        found = self._execute("SELECT hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
        self.prev_hash = found[0] if found else event_chain.GENESIS
        self.touched: set[int] = set()  # cases that received new events from this package

    def value(self, value: Any) -> Any:
        """A value as the ORM stores it on this engine, so it reads imported rows unchanged."""
        return engine_features.raw_value(value, self.dialect)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """``sql`` is written with ``?`` placeholders."""
        return self.cursor.execute(engine_features.paramstyle_sql(sql, self.dialect), params)

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.cursor.executemany(engine_features.paramstyle_sql(sql, self.dialect), rows)

    def _scalar(self, sql: str) -> int:
        return int(self._execute(sql).fetchone()[0])

    def _lookup(self, sql: str, keys: Sequence[Any]) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = []
        for start in range(0, len(keys), _IN_CHUNK):
            part = keys[start:start + _IN_CHUNK]
            marks = ",".join("?" * len(part))
            found.extend(self._execute(sql.format(marks=marks), part).fetchall())
        return found

    # --- reference data ----------------------------------------------------------------

    def reference(self, table: str, rows: Iterable[dict[str, Any]]) -> int:
        """Insert the rows headquarters lacks; returns how many were new."""
        added = 0
        for row in rows:
            values = dict(row)
            if table == "offices":
                values.update(is_home=False, created_at=self.now)
            names = list(values)
            sql = engine_features.upsert_sql(self.dialect, table, names)  # missing rows only
            added += self.cursor.execute(sql, [self.value(values[n]) for n in names]).rowcount
        self.counts.reference_new[table] = added
        return added

    # --- cases -------------------------------------------------------------------------

    def complaints(self, records: Sequence[dict[str, Any]],
                   refresh: Sequence[str] = ()) -> dict[str, CaseOutcome]:
        """Add or update a batch of cases; returns the outcome per case uuid.

        ``refresh`` names columns taken from the package even when it shows the same latest
        event as the row here: how it was sent (the agency-wide pseudonym, personal data
        included) can improve a row without any new event.
        """
        uuids = [r["uuid"] for r in records]
        extra = "".join(f", c.{name}" for name in refresh)
        existing = {row[0]: row[1:] for row in self._lookup(
            "SELECT c.uuid, c.id, s.state_at, s.state_office, s.state_seq, c.updated_at, "
            f"s.state_event_uuid{extra} "
            "FROM complaints c LEFT JOIN exchange_case_states s ON s.complaint_id = c.id "
            "WHERE c.uuid IN ({marks})", uuids)}
        inserts, states, updates, state_updates, refreshes = [], [], [], [], []
        outcomes: dict[str, CaseOutcome] = {}
        raw_value, dialect = engine_features.raw_value, self.dialect
        plain, row_of = _PLAIN, self._getter  # 60 columns a case: most need no conversion
        for record in records:
            key = (raw_value(record["last_event_at"], dialect), self.office,
                   record["last_event_seq"])
            values = [v if type(v) in plain else raw_value(v, dialect) for v in row_of(record)]
            state = [key[0], self.office, key[2], record["last_event_uuid"]]
            found = existing.get(record["uuid"])
            if found is None:
                complaint_id = self.next_complaint_id
                self.next_complaint_id += 1
                inserts.append([complaint_id, *values])
                states.append([complaint_id, *state, ""])
                outcomes[record["uuid"]] = CaseOutcome(complaint_id, True, False)
                self.counts.complaints_new += 1
                continue
            complaint_id, state_at, state_office, state_seq, updated_at, state_uuid = found[:6]
            # A case headquarters holds without a state (recorded here) shows its own row.
            current: StateKey = ((state_at, state_office, state_seq) if state_at is not None
                                 else (updated_at, "", 0))
            # The same latest event sent by another office (a copy of the case) changes nothing.
            newer = key > current and record["last_event_uuid"] != state_uuid
            fresher = [self.value(record[name]) for name in refresh]
            improved = (not newer and record["last_event_uuid"] == state_uuid
                        and fresher != list(found[6:]))
            if newer:
                updates.append([self.value(record[name]) for name in self.update_columns]
                               + [complaint_id])
            elif improved:
                refreshes.append([*fresher, complaint_id])
            if newer or improved:
                self.counts.complaints_updated += 1
            else:
                self.counts.complaints_unchanged += 1
            outcomes[record["uuid"]] = CaseOutcome(complaint_id, False, newer or improved)
            if state_at is None:
                states.append([complaint_id, *(state if newer else [*current, ""]), ""])
            elif newer:
                state_updates.append([*state, complaint_id])
        columns = ", ".join(self.columns)
        if inserts:
            self._executemany(
                f"INSERT INTO complaints (id, {columns}) "
                f"VALUES ({', '.join('?' * (len(self.columns) + 1))})", inserts)
        if updates:
            assignments = ", ".join(f"{name} = ?" for name in self.update_columns)
            self._executemany(f"UPDATE complaints SET {assignments} WHERE id = ?", updates)
        if refreshes:
            assignments = ", ".join(f"{name} = ?" for name in refresh)
            self._executemany(f"UPDATE complaints SET {assignments} WHERE id = ?", refreshes)
        if states:
            names = ("complaint_id", "state_at", "state_office", "state_seq", "state_event_uuid",
                     "offices")
            self.cursor.executemany(engine_features.upsert_sql(
                self.dialect, "exchange_case_states", names, conflict=names[:1],
                update=names[1:]), states)
        if state_updates:
            self._executemany(
                "UPDATE exchange_case_states SET state_at = ?, state_office = ?, state_seq = ?, "
                "state_event_uuid = ? WHERE complaint_id = ?", state_updates)
        return outcomes

    # --- events ------------------------------------------------------------------------

    def events(self, records: Sequence[dict[str, Any]], contents: Sequence[str],
               complaint_ids: dict[str, int]) -> None:
        """Append the events headquarters lacks (by uuid) to its chain, keeping their origin.
        ``contents``: each record's ``event_chain.event_content`` (the caller spelled it to
        check the office's chain; headquarters' chain hashes the same text)."""
        known = {row[0] for row in self._lookup(
            "SELECT uuid FROM events WHERE uuid IN ({marks})", [r["uuid"] for r in records])}
        rows, origins = [], []
        for record, content in zip(records, contents, strict=True):
            if record["uuid"] in known:
                self.counts.events_known += 1
                continue
            event_id = self.next_event_id
            self.next_event_id += 1
            complaint_id = complaint_ids[record["complaint_uuid"]]
            digest = event_chain.chain_hash(self.prev_hash, content)
            rows.append((event_id, record["uuid"], complaint_id, self.value(record["at"]),
                         record["actor_name"], record["kind"], record["data"], self.prev_hash,
                         digest))
            origins.append((event_id, self.office, self.import_id, record["prev_hash"],
                            record["hash"], record["seq"], self.value(bool(record["redacted"]))))
            self.prev_hash = digest
            self.touched.add(complaint_id)
            self.counts.events_new += 1
        if rows:
            self._executemany(
                "INSERT INTO events (id, uuid, complaint_id, at, actor_id, actor_name, kind, "
                "data, prev_hash, hash) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)", rows)
            self._executemany(
                "INSERT INTO exchange_event_origins (event_id, office_code, import_id, "
                "origin_prev_hash, origin_hash, origin_seq, redacted) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", origins)

    def record_offices(self) -> list[dict[str, Any]]:
        """Add this office to the senders of every case it brought new events for; return the
        cases that now have events from more than one office (the conflicts)."""
        conflicts: list[dict[str, Any]] = []
        changes = []
        ids = sorted(self.touched)
        for complaint_id, reference, uuid, offices, state_office, state_at in self._lookup(
                "SELECT c.id, c.reference, c.uuid, s.offices, s.state_office, s.state_at "
                "FROM complaints c JOIN exchange_case_states s ON s.complaint_id = c.id "
                "WHERE c.id IN ({marks})", ids):
            senders = set(filter(None, offices.split(",")))
            if self.office not in senders:
                senders.add(self.office)
                changes.append((",".join(sorted(senders)), complaint_id))
            if len(senders) > 1:
                conflicts.append({"reference": reference, "uuid": uuid,
                                  "offices": sorted(senders), "state_office": state_office,
                                  "state_at": _as_text(state_at)})
        if changes:
            self._executemany(
                "UPDATE exchange_case_states SET offices = ? WHERE complaint_id = ?", changes)
        return conflicts

    def event_known_by_origin(self, origin_hash: str) -> bool:
        return self._execute(
            "SELECT 1 FROM exchange_event_origins WHERE origin_hash = ? AND office_code = ? "
            "LIMIT 1", (origin_hash, self.office)).fetchone() is not None

    def finish(self) -> None:
        """Index the new cases for search (store/search.py). After the explicit-id inserts:
        the next case or event recorded here through the ORM takes a new id (PostgreSQL's
        sequences do not see explicit ids; SQLite needs nothing)."""
        search.index_inserted(self.cursor, self.search_trigger, self.first_new_complaint_id)
        engine_features.move_id_sequences(self.cursor, self.dialect, ("complaints", "events"))
