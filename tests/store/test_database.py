import sqlite3

import pytest
from sqlalchemy import text

from complaint_desk.store.database import DatabaseError, head_revision, open_database


def test_a_new_file_is_migrated_to_the_head_revision(tmp_path):
    db = open_database(tmp_path / "new.db")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            head_revision()
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master "
                                                  "WHERE type = 'table'"))}
    assert {"complaints", "events", "holidays", "levels", "categories", "users"} <= tables
    db.dispose()


def test_pragmas_are_set_on_every_connection(tmp_path):
    db = open_database(tmp_path / "p.db")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.dispose()


def test_reopening_a_migrated_database_changes_nothing(tmp_path):
    path = tmp_path / "again.db"
    open_database(path).dispose()
    before = path.read_bytes()
    open_database(path).dispose()
    assert path.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "newer.db"
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert "newer version" in str(caught.value)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("hello")
    with pytest.raises(DatabaseError):
        open_database(path)
    assert path.read_text() == "hello"


def test_a_missing_file_is_refused_when_creation_is_not_allowed(tmp_path):
    with pytest.raises(DatabaseError):
        open_database(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()
