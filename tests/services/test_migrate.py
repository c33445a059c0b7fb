"""Moving an office's SQLite file onto PostgreSQL: every row, verified, or nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from direct_sql import direct_sql
from sqlalchemy.engine import make_url

from complaint_desk.cli import main as cli_main
from complaint_desk.domain.case_list import CaseFilter, Queue, Sort, Viewer
from complaint_desk.domain.errors import PermissionDenied, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints as svc
from complaint_desk.services.check import run_check
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.kpi import monthly_kpis
from complaint_desk.services.migrate import migrate_database, shown_url
from complaint_desk.services.offices import init_office
from complaint_desk.services.users import actor_for
from complaint_desk.store import case_list, database_copy
from complaint_desk.store.database import open_database
from complaint_desk.store.unit_of_work import UnitOfWork


@pytest.fixture
def office_file(tmp_path):
    database = open_database(tmp_path / "office.db")
    init_office(database, code="BKK1", name="สำนักงานทดสอบ 1")
    generate_demo(database, 400, seed=3, today=date(2024, 9, 30))
    yield database
    database.dispose()


@pytest.fixture
def server(pg_cluster):
    url = pg_cluster.new_database()
    database = open_database(url)
    yield database
    database.dispose()
    pg_cluster.drop_database(url)


def counts(db):
    with db.session() as session:
        return database_copy.row_counts(session.connection())


def test_a_whole_office_moves_to_the_server_and_works_the_same_there(office_file, server):
    admin = actor_for(office_file, "admin")
    before = counts(office_file)
    result = migrate_database(office_file, server, admin)
    after = counts(server)
    assert after.pop("audit_log") == before.pop("audit_log") + 1  # the copy is recorded
    assert after == before and result.events_verified == before["events"] > 400
    assert run_check(server).ok
    assert monthly_kpis(server, 2024, 8) == monthly_kpis(office_file, 2024, 8)
    viewer = Viewer(role="officer", sees_personal_data=True)
    with UnitOfWork(server, write=False) as uow:
        found = case_list.page(uow.session, CaseFilter(queue=Queue.ALL, text="ลิฟต์"), Sort(),
                               viewer, date(2024, 9, 30), offset=0, limit=5000)
    assert found
    # New work continues the numbering: ids, references and the chain carry on.
    officer = actor_for(server, "bkk1.officer")
    reference = svc.record_complaint(server, officer, Intake(
        channel="line", received_at=datetime(2024, 9, 30, 9, 0), subject="ไฟดับ",
        description="ทั้งชั้น", complainant_anonymous=True),
        clock=lambda: datetime(2024, 9, 30, 9, 5))
    assert reference.startswith("BKK1-2567-") and run_check(server).ok


def test_a_target_that_is_not_empty_is_refused_and_left_as_it_was(office_file, server):
    init_office(server, code="CNX", name="เชียงใหม่")
    before = counts(server)
    with pytest.raises(ValidationError) as refused:
        migrate_database(office_file, server, actor_for(office_file, "admin"))
    assert refused.value.field == "to" and counts(server) == before


def test_a_broken_source_record_is_refused_and_nothing_is_copied(office_file, server):
    direct_sql(office_file, "UPDATE events SET actor_name = 'someone' WHERE id = 5")
    with pytest.raises(ValidationError) as refused:
        migrate_database(office_file, server, actor_for(office_file, "admin"))
    assert refused.value.params["event_id"] == 5
    assert sum(counts(server).values()) == 0


def test_only_who_may_restore_may_copy_a_database(office_file, server):
    from complaint_desk.services.users import actor_from_row, add_user

    with UnitOfWork(office_file) as uow:
        clerk = actor_from_row(add_user(uow, username="c", display_name="ธุรการ", role="clerk"))
        uow.commit()
    with pytest.raises(PermissionDenied):
        migrate_database(office_file, server, clerk)


def test_the_command_copies_a_file_to_the_server_and_hides_the_password(
        office_file, server, pg_cluster, tmp_path, capsys, monkeypatch):
    from complaint_desk.services.accounts import _set_password

    with UnitOfWork(office_file) as uow:
        _set_password(uow, actor_for(office_file, "admin").user_id, "pass-for-tests-1",
                      datetime(2024, 1, 1), must_change=False)
        uow.commit()
    office_file.dispose()
    target = make_url(server.url).set(drivername="postgresql", password="secret") \
        .render_as_string(hide_password=False)
    server.dispose()
    code = cli_main(["migrate", "--from", f"sqlite:///{tmp_path / 'office.db'}", "--to", target,
                     "--user", "admin", "--lang", "en"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "secret" not in printed and "***" in printed and "verify" in printed
    assert shown_url(target) in printed
    assert run_check(server).ok


def indexes(db):
    with db.engine.connect() as conn:
        return sorted(conn.exec_driver_sql(
            "SELECT tablename, indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema()").all()) + sorted(conn.exec_driver_sql(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace").all())


def test_the_copy_leaves_every_index_of_the_schema_in_place(office_file, server, pg_cluster):
    """The load drops the secondary indexes and constraints and makes them again at its end
    (store/engine_features.bulk_load): afterwards the server has exactly the indexes and
    constraints a new database has, the search's GIN trigram indexes among them."""
    fresh_url = pg_cluster.new_database()
    fresh = open_database(fresh_url)
    try:
        expected = indexes(fresh)
    finally:
        fresh.dispose()
        pg_cluster.drop_database(fresh_url)
    migrate_database(office_file, server, actor_for(office_file, "admin"))
    found = indexes(server)
    assert found == expected
    assert any("gin_trgm_ops" in definition for _t, _n, definition in found)
    assert any("FOREIGN KEY" in definition for _t, _n, definition in found)


def test_a_copy_that_breaks_a_constraint_is_rolled_back_whole(office_file, server):
    """The constraints made again at the end of the load still refuse what they refuse: an
    event of a case that does not exist (possible only behind the program's back, with
    SQLite's foreign keys off) fails the foreign key, and nothing is copied."""
    import sqlite3

    before = indexes(server)
    office_file.dispose()
    with sqlite3.connect(office_file.path) as conn:
        conn.execute("UPDATE events SET complaint_id = 999999 WHERE id = 5")
    with pytest.raises(ValidationError) as refused:
        migrate_database(office_file, server, actor_for(office_file, "admin"))
    assert refused.value.field == "from" and "events" in refused.value.params["detail"]
    assert sum(counts(server).values()) == 0 and indexes(server) == before
