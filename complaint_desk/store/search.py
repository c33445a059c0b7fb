"""Text search over cases: SQLite FTS5 with the trigram tokenizer (migration 0002_search).

Trigrams find any substring of three characters or more, which suits Thai (no spaces between
words) and English alike, case-insensitively. Searched: reference, subject, description,
project, building, unit and, only for roles that may see personal data, the complainant's
name. A query shorter than three characters cannot use trigrams: it falls back to LIKE over
the newest ``SHORT_QUERY_WINDOW`` cases only, so one or two typed letters never scan a
million rows. Other databases (PostgreSQL at headquarters) use LIKE everywhere for now.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, or_, true, select, text
from sqlalchemy.orm import Session

from complaint_desk.store.models import ComplaintRow as C

PUBLIC_COLUMNS = ("reference", "subject", "description", "project", "building", "unit")
PERSONAL_COLUMNS = ("complainant_name",)
SHORT_QUERY_WINDOW = 20_000
TRIGRAM = 3


def fts_query(words: str, columns: tuple[str, ...]) -> str:
    """An FTS5 query: each word a quoted phrase (so no character is FTS syntax), all words
    required, restricted to ``columns``."""
    phrases = " AND ".join('"' + w.replace('"', '""') + '"' for w in words.split())
    return "{" + " ".join(columns) + "} : (" + phrases + ")"


def _columns(include_personal: bool) -> tuple[str, ...]:
    return PUBLIC_COLUMNS + (PERSONAL_COLUMNS if include_personal else ())


def _has_fts(session: Session) -> bool:
    if session.get_bind().dialect.name != "sqlite":
        return False
    found = session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'complaints_fts'"))
    return found.first() is not None


def _like(word: str, columns: tuple[str, ...]) -> ColumnElement[bool]:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(*(getattr(C, name).ilike(pattern, escape="\\") for name in columns))


def text_condition(session: Session, query: str, *, include_personal: bool) -> ColumnElement[bool]:
    """A WHERE condition on ``complaints`` for the typed search text."""
    words = query.split()
    if not words:
        return true()
    columns = _columns(include_personal)
    if not _has_fts(session):
        return and_(*[_like(w, columns) for w in words])
    long_words = [w for w in words if len(w) >= TRIGRAM]
    short_words = [w for w in words if len(w) < TRIGRAM]
    found: list[ColumnElement[bool]] = []
    if long_words:
        ids = select(text("rowid")).select_from(text("complaints_fts")).where(
            text("complaints_fts MATCH :fts").bindparams(
                fts=fts_query(" ".join(long_words), columns)))
        found.append(C.id.in_(ids))
    if short_words:
        newest = select(func.coalesce(func.max(C.id), 0) - SHORT_QUERY_WINDOW).scalar_subquery()
        if not long_words:  # bound the scan; with a trigram word the FTS already bounds it
            found.append(C.id > newest)
        found.extend(_like(w, columns) for w in short_words)
    return and_(*found)
