"""Text search over cases: SQLite FTS5 with the trigram tokenizer, PostgreSQL pg_trgm GIN
indexes (both made by migration 0002_search).

Trigrams find any substring of three characters or more, which suits Thai (no spaces between
words) and English alike, case-insensitively. Searched: reference, subject, description,
project, building, unit and, only for roles that may see personal data, the complainant's
name. A query shorter than three characters cannot use trigrams: it falls back to LIKE over
the newest ``SHORT_QUERY_WINDOW`` cases only, so one or two typed letters never scan a
million rows. On PostgreSQL each word is an ILIKE over the same text expression the GIN
index is built on (``PUBLIC_TEXT_SQL``), and over the name column for those who may see it;
the trigram index finds the candidate rows and PostgreSQL rechecks them.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    func,
    literal_column,
    or_,
    select,
    text,
    true,
)
from sqlalchemy.orm import Session

from complaint_desk.store.models import ComplaintRow as C

PUBLIC_COLUMNS = ("reference", "subject", "description", "project", "building", "unit")
PERSONAL_COLUMNS = ("complainant_name",)
SHORT_QUERY_WINDOW = 20_000
TRIGRAM = 3
# The indexed expression of migration 0002_search (PG_PUBLIC_TEXT); must stay identical.
PUBLIC_TEXT_SQL = ("(coalesce(reference, '') || ' ' || coalesce(subject, '') || ' ' || "
                   "coalesce(description, '') || ' ' || coalesce(project, '') || ' ' || "
                   "coalesce(building, '') || ' ' || coalesce(unit, ''))")


def fts_query(words: str, columns: tuple[str, ...]) -> str:
    """An FTS5 query: each word a quoted phrase (so no character is FTS syntax), all words
    required, restricted to ``columns``."""
    phrases = " AND ".join('"' + w.replace('"', '""') + '"' for w in words.split())
    return "{" + " ".join(columns) + "} : (" + phrases + ")"


def _columns(include_personal: bool) -> tuple[str, ...]:
    return PUBLIC_COLUMNS + (PERSONAL_COLUMNS if include_personal else ())


def has_fts(connection: Session | Connection) -> bool:
    """Whether the SQLite FTS5 index exists (a session or a connection; False on PostgreSQL)."""
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    if bind.dialect.name != "sqlite":
        return False
    found = connection.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'complaints_fts'"))
    return found.first() is not None


def _pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _like(word: str, columns: tuple[str, ...]) -> ColumnElement[bool]:
    pattern = _pattern(word)
    return or_(*(getattr(C, name).ilike(pattern, escape="\\") for name in columns))


def _trigram_like(word: str, include_personal: bool) -> ColumnElement[bool]:
    """One word on PostgreSQL: the public text (one GIN index) or the name (another).
    A word has no spaces, so it never matches across the columns joined by spaces."""
    pattern = _pattern(word)
    found = literal_column(PUBLIC_TEXT_SQL).ilike(pattern, escape="\\")
    if include_personal:
        return or_(found, C.complainant_name.ilike(pattern, escape="\\"))
    return found


def text_condition(session: Session, query: str, *, include_personal: bool) -> ColumnElement[bool]:
    """A WHERE condition on ``complaints`` for the typed search text."""
    return text_condition_for(session.get_bind().dialect.name, has_fts(session), query,
                              include_personal=include_personal)


def text_condition_for(dialect: str, fts: bool, query: str, *,
                       include_personal: bool) -> ColumnElement[bool]:
    """The same, for an engine named ``dialect`` with (``fts``) or without the FTS5 index
    (a reader that compiles its statements once asks the database only once)."""
    words = query.split()
    if not words:
        return true()
    columns = _columns(include_personal)
    if dialect == "postgresql":
        return _postgresql_condition(words, include_personal)
    if not fts:
        return and_(*[_like(w, columns) for w in words])
    long_words = [w for w in words if len(w) >= TRIGRAM]
    short_words = [w for w in words if len(w) < TRIGRAM]
    found: list[ColumnElement[bool]] = []
    if long_words:
        found.append(C.id.in_(fts_rowids(" ".join(long_words),
                                         include_personal=include_personal)))
    if short_words:
        newest = select(func.coalesce(func.max(C.id), 0) - SHORT_QUERY_WINDOW).scalar_subquery()
        if not long_words:  # bound the scan; with a trigram word the FTS already bounds it
            found.append(C.id > newest)
        found.extend(_like(w, columns) for w in short_words)
    return and_(*found)


def fts_rowids(query: str, *, include_personal: bool) -> Select[Any]:
    """The ids of the cases matching every word of ``query`` (each of 3+ characters)."""
    return select(text("rowid")).select_from(text("complaints_fts")).where(
        text("complaints_fts MATCH :fts").bindparams(
            fts=fts_query(query, _columns(include_personal))))


def fts_rowids_if_indexed(query: str, *, include_personal: bool) -> Select[Any] | None:
    """The matching ids from the FTS5 index alone, when every word is long enough for it
    (None otherwise). Its rowids are the cases' ids (an external-content index kept by
    triggers), so when the text is the list's only condition this counts the list without
    looking up every matching case (3,437 of them at 100,000 cases: 1 ms, not 3)."""
    words = query.split()
    if not words or any(len(w) < TRIGRAM for w in words):
        return None
    return fts_rowids(" ".join(words), include_personal=include_personal)


def _postgresql_condition(words: list[str], include_personal: bool) -> ColumnElement[bool]:
    found = [_trigram_like(w, include_personal) for w in words]
    if all(len(w) < TRIGRAM for w in words):  # no trigram to look up: bound the scan
        newest = select(func.coalesce(func.max(C.id), 0) - SHORT_QUERY_WINDOW).scalar_subquery()
        found.append(C.id > newest)
    return and_(*found)


# --- bulk writes ----------------------------------------------------------------------------
# The triggers index every row as it is written; for a million demo rows that costs more than
# indexing them all at the end with one 'rebuild'. A bulk writer suspends the triggers and
# resumes them when done. The trigger SQL is kept in the settings table in the same
# transaction as the DROP, so a writer killed half-way leaves a note: the next open_database
# resumes (rebuilds the index and recreates the triggers) before anyone searches.

SUSPENDED_KEY = "search_triggers_suspended"
_TRIGGERS = ("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
             "AND name LIKE 'complaints\\_fts\\_%' ESCAPE '\\' ORDER BY name")


def suspend_search_triggers(cursor: Any) -> bool:
    """Drop the FTS triggers, noting their SQL (a DB-API cursor on SQLite, in autocommit
    mode: this commits). False when there is nothing to suspend."""
    cursor.execute("BEGIN IMMEDIATE")
    try:
        triggers = cursor.execute(_TRIGGERS).fetchall()
        if triggers:
            cursor.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                           (SUSPENDED_KEY, json.dumps([sql for _, sql in triggers],
                                                      ensure_ascii=False)))
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
        cursor.execute("COMMIT")
    except BaseException:
        cursor.execute("ROLLBACK")
        raise
    return bool(triggers)


def resume_search_triggers(cursor: Any) -> bool:
    """Rebuild the FTS index from the rows and recreate the noted triggers, in one
    transaction. False when nothing was suspended."""
    cursor.execute("BEGIN IMMEDIATE")
    try:
        found = cursor.execute("SELECT value FROM settings WHERE key = ?",
                               (SUSPENDED_KEY,)).fetchone()
        if found:
            cursor.execute("INSERT INTO complaints_fts(complaints_fts) VALUES ('rebuild')")
            for statement in json.loads(found[0]):
                cursor.execute(statement)
            cursor.execute("DELETE FROM settings WHERE key = ?", (SUSPENDED_KEY,))
        cursor.execute("COMMIT")
    except BaseException:
        cursor.execute("ROLLBACK")
        raise
    return bool(found)



# Inside one import's transaction (store/exchange_merge.py) the insert trigger is dropped and
# the new cases are indexed with one INSERT ... SELECT at the end: at 100,000 cases the
# trigger, row by row, cost 16 s of the 26 s a raw executemany took, the one statement ~2 s.
# The DROP and the CREATE are part of the import's transaction: a refused or interrupted
# import rolls them back with the rows, so no note is needed. Updates keep their trigger
# (they change rows indexed earlier). PostgreSQL's trigram indexes need nothing of this.

_INSERT_TRIGGER = "complaints_fts_insert"
_INDEXED = ", ".join(PUBLIC_COLUMNS + PERSONAL_COLUMNS)


def defer_insert_indexing(cursor: Any, dialect: str) -> str | None:
    """Drop the search index's insert trigger inside the caller's write transaction; return
    its SQL for ``index_inserted`` (None when there is none to defer)."""
    if dialect != "sqlite":
        return None
    found = cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                           (_INSERT_TRIGGER,)).fetchone()
    if found is None:
        return None
    cursor.execute(f'DROP TRIGGER "{_INSERT_TRIGGER}"')
    return str(found[0])


def index_inserted(cursor: Any, trigger_sql: str | None, first_id: int) -> None:
    """Index the cases inserted since ``defer_insert_indexing`` (ids from ``first_id`` on) and
    recreate the trigger, in the same transaction."""
    if trigger_sql is None:
        return
    cursor.execute(f"INSERT INTO complaints_fts (rowid, {_INDEXED}) "
                   f"SELECT id, {_INDEXED} FROM complaints WHERE id >= ?", (first_id,))
    cursor.execute(trigger_sql)
