import sqlite3
from datetime import datetime, timedelta

import pytest

from complaint_desk.domain.errors import PermissionDenied, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.services import backup
from complaint_desk.services import complaints as svc
from complaint_desk.services.accounts import SignInRefused, reset_password
from complaint_desk.services.check import run_check
from complaint_desk.store import backup_files
from complaint_desk.store.database import open_database
from tests.damage import damage_events_table

PASSWORD = "admin-pass-123"


def add_case(db, actors, clock):
    return svc.record_complaint(db, actors["officer"], Intake(
        channel="line", received_at=clock.now, subject="ไฟดับ", description="ทั้งชั้น",
        complainant_anonymous=True), clock=clock)


def count(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM complaints").fetchone()[0]


@pytest.mark.sqlite_only(reason="the program's own backup copies the SQLite file; a server is pg_dump's (the test below)")
def test_a_backup_is_a_whole_sound_database_and_is_recorded(db, actors, clock, tmp_path):
    add_case(db, actors, clock)
    out = backup.backup_now(db, actors["clerk"], tmp_path / "copy.db")
    assert backup_files.check_backup_file(out).ok
    assert count(out) == 1
    copy = open_database(out)
    assert run_check(copy).ok
    copy.dispose()
    with pytest.raises(PermissionDenied):
        backup.backup_now(db, actors["officer"], tmp_path / "no.db")


def test_retention_keeps_seven_days_four_weeks_and_twelve_months(tmp_path):
    db_path = tmp_path / "office.db"
    start = datetime(2023, 1, 1, 17, 0)
    names = []
    for day in range(600):  # one backup a day for 600 days, two on some days
        for hour in (9, 17) if day % 10 == 0 else (17,):
            at = start + timedelta(days=day) - timedelta(hours=17 - hour)
            path = tmp_path / "b" / f"office-{at:%Y%m%d-%H%M%S}-daily.db"
            names.append(path)
    files = [backup.BackupFile(p, datetime.strptime(p.name[7:22], "%Y%m%d-%H%M%S"), "daily")
             for p in names]
    files.sort(key=lambda b: b.at, reverse=True)
    keep = backup.to_keep(files)
    kept = sorted(b.at for b in files if b.path in keep)
    newest = files[0].at
    assert all(b.path in keep for b in files[:7])  # the last 7 days
    assert len(kept) <= 7 + 4 + 12
    assert kept[0] > newest - timedelta(days=400)  # nothing older than 12 months
    months = {(k.year, k.month) for k in kept}
    assert len(months) == 12
    assert db_path  # (the names only matter for the real prune, tested below)


@pytest.mark.sqlite_only(reason="daily and exit backups are file copies; a server's are left to pg_dump")
def test_the_first_start_of_a_day_backs_up_once_and_exit_always_does(db, tmp_path):
    day = datetime(2024, 8, 5, 8, 0)
    first = backup.on_start(db, clock=lambda: day)
    assert first is not None and first.parent == tmp_path / "backups"
    assert backup.on_start(db, clock=lambda: day + timedelta(hours=3)) is None
    exit_copy = backup.on_exit(db, clock=lambda: day + timedelta(days=1))
    assert {b.reason for b in backup.list_backups(tmp_path / "backups", db.path)} == \
        {"daily", "exit"}
    assert backup_files.check_backup_file(exit_copy).ok


def test_a_migration_is_preceded_by_a_backup(tmp_path):
    from alembic import command

    from complaint_desk.store.database import _alembic_config

    path = tmp_path / "old.db"
    old = open_database(path, migrate=False)  # a file made by the first version
    with old.engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
    old.dispose()
    from complaint_desk.bootstrap import open_app_database

    open_app_database(path).dispose()
    made = backup.list_backups(tmp_path / "backups", path)
    assert [b.reason for b in made] == ["migration"]
    with sqlite3.connect(made[0].path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


@pytest.mark.sqlite_only(reason="restore replaces the SQLite file with a backup file")
def test_restore_checks_the_file_keeps_the_current_database_aside_and_is_recorded(
        db, actors, clock, tmp_path):
    reset_password(db, actors["admin"], "admin", PASSWORD)
    add_case(db, actors, clock)
    saved = backup.backup_now(db, actors["admin"], tmp_path / "saved.db")
    add_case(db, actors, clock)
    db.dispose()
    target = tmp_path / "office.db"
    (tmp_path / "junk.db").write_text("not a database")
    with pytest.raises(ValidationError):
        backup.restore(target, tmp_path / "junk.db", "admin", PASSWORD)
    with pytest.raises(SignInRefused):
        backup.restore(target, saved, "admin", "wrong-password")
    assert count(target) == 2
    done = backup.restore(target, saved, "admin", PASSWORD)
    assert count(target) == 1 and count(done.kept_aside) == 2
    restored = open_database(target)
    assert run_check(restored).ok
    restored.dispose()
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT kind FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == \
            ("restore",)


@pytest.mark.sqlite_only(reason="a damaged file and SQLite's integrity_check")
def test_a_damaged_database_is_not_written_to_and_the_latest_good_backup_is_offered(
        db, actors, clock, tmp_path):
    add_case(db, actors, clock)
    good = backup.on_exit(db)
    db.dispose()
    path = tmp_path / "office.db"
    damage_events_table(path)
    before = path.read_bytes()
    with pytest.raises(backup_files.DamagedDatabase) as caught:
        backup.open_at_start(path)
    assert caught.value.params["backup"] == str(good)
    assert path.read_bytes() == before
    from complaint_desk.i18n import error_text, set_language

    set_language("th")
    assert "สำรอง" in error_text(caught.value)


def test_a_server_database_is_left_to_pg_dump_and_the_program_says_so(pg_cluster):
    from complaint_desk.services.offices import init_office
    from complaint_desk.services.users import actor_for

    url = pg_cluster.new_database()
    db = open_database(url)
    try:
        init_office(db, code="BKK1", name="สำนักงานทดสอบ 1")
        assert backup.on_start(db) is None and backup.on_exit(db) is None
        with pytest.raises(ValidationError) as refused:
            backup.backup_now(db, actor_for(db, "admin"))
        assert "pg_dump" in refused.value.message
    finally:
        db.dispose()
        pg_cluster.drop_database(url)
