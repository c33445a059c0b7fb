"""Bulk writers suspend the search triggers and the index is rebuilt once (store/search.py)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from complaint_desk.services import demo
from complaint_desk.store import search
from complaint_desk.store.database import open_database
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.unit_of_work import UnitOfWork

# The FTS5 triggers being suspended are SQLite's; PostgreSQL indexes with pg_trgm (GIN).
pytestmark = pytest.mark.sqlite_only(reason="the FTS5 triggers suspended and rebuilt are SQLite's")

TODAY = date(2024, 9, 30)


def triggers(db) -> list[str]:
    with db.engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]


def matches(db, word: str) -> list[str]:
    with UnitOfWork(db, write=False) as uow:
        return sorted(uow.session.scalars(select(C.reference).where(C.id.in_(
            select(text("rowid")).select_from(text("complaints_fts")).where(
                text("complaints_fts MATCH :q").bindparams(q=f'"{word}"'))))))


def scanned(db, word: str) -> list[str]:
    with UnitOfWork(db, write=False) as uow:
        return sorted(uow.session.scalars(select(C.reference).where(
            C.subject.contains(word) | C.description.contains(word))))


def integrity_check(db) -> None:
    with db.engine.begin() as conn:  # raises if the index disagrees with the table
        conn.exec_driver_sql(
            "INSERT INTO complaints_fts(complaints_fts, rank) VALUES ('integrity-check', 1)")


def test_a_bulk_demo_builds_the_index_at_the_end_and_puts_the_triggers_back(db, monkeypatch):
    before = triggers(db)
    monkeypatch.setattr(demo, "BULK_SEARCH_INDEX", 1)
    demo.generate_demo(db, 400, seed=3, today=TODAY)
    assert triggers(db) == before and len(before) == 3
    assert scanned(db, "ลิฟต์") and matches(db, "ลิฟต์") == scanned(db, "ลิฟต์")
    integrity_check(db)
    with UnitOfWork(db, write=False) as uow:
        assert uow.setting(search.SUSPENDED_KEY) is None


def test_the_bulk_path_writes_the_same_cases_as_the_trigger_path(db, tmp_path, monkeypatch):
    from complaint_desk.services.offices import init_office

    other = open_database(tmp_path / "other.db")
    init_office(other, code="BKK1", name="x")
    demo.generate_demo(db, 300, seed=4, today=TODAY)
    monkeypatch.setattr(demo, "BULK_SEARCH_INDEX", 1)
    demo.generate_demo(other, 300, seed=4, today=TODAY)
    for word in ("ลิฟต์", "น้ำประปา", "อาคาร 1"):
        assert matches(other, word) == matches(db, word)
    other.dispose()


def test_a_writer_killed_while_the_triggers_are_suspended_is_resumed_at_the_next_open(
        db, tmp_path):
    demo.generate_demo(db, 200, seed=6, today=TODAY)
    raw = db.engine.raw_connection()
    try:  # what a killed bulk writer leaves: triggers dropped, the note kept, rows unindexed
        assert search.suspend_search_triggers(raw.cursor())
        raw.cursor().execute("UPDATE complaints SET subject = 'ประตูหนีไฟพัง' WHERE id = 7")
    finally:
        raw.close()
    assert triggers(db) == []
    db.dispose()
    reopened = open_database(tmp_path / "office.db")
    assert len(triggers(reopened)) == 3
    assert matches(reopened, "ประตูหนีไฟ") == scanned(reopened, "ประตูหนีไฟ") != []
    integrity_check(reopened)
    reopened.dispose()


def test_resuming_when_nothing_was_suspended_changes_nothing(db):
    raw = db.engine.raw_connection()
    try:
        assert search.resume_search_triggers(raw.cursor()) is False
    finally:
        raw.close()
    assert len(triggers(db)) == 3
