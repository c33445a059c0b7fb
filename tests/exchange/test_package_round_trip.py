"""Two offices' packages merged at headquarters: every case and event arrives, once.

Headquarters runs on SQLite and on PostgreSQL (``sites``); the offices are SQLite files, as an
office's database is, except where a test says otherwise. Rows are compared as SQLAlchemy
reads them (typed values), so an office's file and headquarters' server compare equal.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import datetime

import pytest
from direct_sql import direct_sql
from sqlalchemy import or_, select, text

from complaint_desk.domain.complaint import PERSONAL_FIELDS
from complaint_desk.domain.errors import PermissionDenied
from complaint_desk.domain.intake import Intake
from complaint_desk.exchange.package_format import COMPLAINT_COLUMNS, redact_event_data
from complaint_desk.services import complaints as workflow
from complaint_desk.services.acknowledgements import apply_acknowledgement, write_acknowledgement
from complaint_desk.services.check import run_check
from complaint_desk.services.exchange_keys import export_public_key, trust_office
from complaint_desk.services.package_export import export_package
from complaint_desk.services.package_import import (
    import_package,
    offices_with_last_package,
    verify_origins,
)
from complaint_desk.services.users import actor_for
from complaint_desk.store.database import open_database
from complaint_desk.store.models import ComplaintRow, EventRow
from complaint_desk.store.unit_of_work import UnitOfWork

_CASE_COLUMNS = list(COMPLAINT_COLUMNS)


def at(day, hour=10):
    return datetime(2024, 12, day, hour, 0)


def cases(db, pseudonymised=True, keys=True):
    """{uuid: row} with the columns a package carries (personal ones emptied if asked; without
    complainant_key when the agency key changed it on the way)."""
    table = ComplaintRow.__table__
    with db.engine.connect() as conn:
        rows = conn.execute(select(*[table.c[name] for name in _CASE_COLUMNS])).all()
    found = {}
    for row in rows:
        values = dict(zip(_CASE_COLUMNS, row, strict=True))
        if pseudonymised:
            values.update({name: None for name in PERSONAL_FIELDS})
        if not keys:
            values.pop("complainant_key")
        found[values["uuid"]] = values
    return found


def events(db, redacted=True):
    e, c = EventRow.__table__, ComplaintRow.__table__
    with db.engine.connect() as conn:
        rows = conn.execute(select(e.c.uuid, c.c.uuid, e.c.at, e.c.actor_name, e.c.kind, e.c.data)
                            .join(c, c.c.id == e.c.complaint_id)).all()
    return {r[0]: (r[1], r[2], r[3], r[4], redact_event_data(r[5])[0] if redacted else r[5])
            for r in rows}


def open_case(db):
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT reference FROM complaints WHERE status != 'closed' "
                                 "ORDER BY id LIMIT 1")).scalar_one()


def test_two_offices_merge_into_headquarters_with_every_case_and_event(sites, tmp_path):
    # CNX1 is an office on a LAN with its own server: on PostgreSQL it exports from there too.
    bkk, cnx = sites.office("BKK1", seed=1), sites.office("CNX1", seed=2, on_engine=True)
    hq = sites.hq()
    for code, db in (("BKK1", bkk), ("CNX1", cnx)):
        export_package(db, sites.clerk(db, code), tmp_path / f"{code}.cdpkg")
        report = import_package(hq, sites.admin(hq), tmp_path / f"{code}.cdpkg")
        assert report.complaints["new"] == len(cases(db)) and report.conflict_count == 0
    assert cases(hq) == {**cases(bkk), **cases(cnx)}
    assert events(hq, redacted=False) == {**events(bkk), **events(cnx)}
    check = run_check(hq)
    assert check.ok, check.problems
    origins = verify_origins(hq)
    assert origins.events == check.events and not origins.altered
    assert origins.verified > 0 and origins.redacted > 0


def test_importing_the_same_package_again_changes_nothing(sites, tmp_path):
    bkk = sites.office("BKK1")
    hq = sites.hq()
    export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "p.cdpkg")
    import_package(hq, sites.admin(hq), tmp_path / "p.cdpkg")
    before = sites.dump(hq)
    again = import_package(hq, sites.admin(hq), tmp_path / "p.cdpkg")
    assert again.already_imported and sites.dump(hq) == before


def test_a_second_package_with_the_same_records_adds_no_case_or_event(sites, tmp_path):
    bkk = sites.office("BKK1")
    hq = sites.hq()
    for name in ("first", "second"):
        export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / f"{name}.cdpkg", full=True)
    import_package(hq, sites.admin(hq), tmp_path / "first.cdpkg")
    before = sites.dump(hq)
    report = import_package(hq, sites.admin(hq), tmp_path / "second.cdpkg")
    after = sites.dump(hq)
    assert report.complaints == {"new": 0, "updated": 0, "unchanged": len(cases(bkk))}
    assert report.events["new"] == 0
    for table in ("complaints", "events", "exchange_case_states", "exchange_event_origins"):
        assert after[table] == before[table], table


def _acknowledged_round(sites, office, hq, tmp_path, name):
    """Office exports, HQ imports and acknowledges, office takes the acknowledgement in."""
    export_package(office, sites.clerk(office, "BKK1"), tmp_path / f"{name}.cdpkg")
    import_package(hq, sites.admin(hq), tmp_path / f"{name}.cdpkg")
    write_acknowledgement(hq, sites.admin(hq), "BKK1", tmp_path / f"{name}.cdack")
    return apply_acknowledgement(office, sites.clerk(office, "BKK1"), tmp_path / f"{name}.cdack")


def _trust_hq(sites, office, hq, tmp_path):
    export_public_key(hq, tmp_path / "hq.key")
    trust_office(office, sites.admin(office), "HQ", tmp_path / "hq.key")


def test_an_acknowledged_package_makes_the_next_one_incremental(sites, tmp_path):
    bkk = sites.office("BKK1")
    hq = sites.hq()
    _trust_hq(sites, bkk, hq, tmp_path)
    assert _acknowledged_round(sites, bkk, hq, tmp_path, "p1") == 1
    reference = open_case(bkk)
    workflow.add_note(bkk, actor_for(bkk, "bkk1.handler"), reference, "ลงพื้นที่ตรวจสอบแล้ว")
    second = export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "p2.cdpkg")
    assert (second.kind, second.complaints, second.events) == ("incremental", 1, 1)
    report = import_package(hq, sites.admin(hq), tmp_path / "p2.cdpkg")
    assert report.complaints["updated"] == 1 and report.events["new"] == 1
    assert not report.warnings
    assert cases(hq, keys=False) == cases(bkk, keys=False)
    listed = {row["office"]: row for row in offices_with_last_package(hq)}
    assert listed["BKK1"]["packages"] == 2 and listed["BKK1"]["cases"] == len(cases(bkk))


def test_packages_imported_out_of_order_end_in_the_same_state(sites, tmp_path):
    bkk = sites.office("BKK1")
    hq_in_order, hq_reversed = sites.hq("hq1"), sites.hq("hq2")
    _trust_hq(sites, bkk, hq_in_order, tmp_path)
    _acknowledged_round(sites, bkk, hq_in_order, tmp_path, "p1")
    handler = actor_for(bkk, "bkk1.handler")
    reference = open_case(bkk)
    workflow.add_note(bkk, handler, reference, "บันทึกที่หนึ่ง")
    workflow.withdraw(bkk, actor_for(bkk, "bkk1.officer"), reference)  # changes the row
    export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "p2.cdpkg")
    import_package(hq_in_order, sites.admin(hq_in_order), tmp_path / "p2.cdpkg")

    newer = import_package(hq_reversed, sites.admin(hq_reversed), tmp_path / "p2.cdpkg")
    assert newer.warnings  # the earlier events are missing, and the report says so
    before = sites.dump(hq_reversed)
    older = import_package(hq_reversed, sites.admin(hq_reversed), tmp_path / "p1.cdpkg")
    assert older.complaints["updated"] == 0  # the older state does not overwrite the newer
    assert sites.dump(hq_reversed)["complaints"] != before["complaints"]  # but its other cases arrive
    assert cases(hq_reversed) == cases(hq_in_order)
    assert cases(hq_in_order, keys=False) == cases(bkk, keys=False)
    assert events(hq_reversed, redacted=False) == events(hq_in_order, redacted=False)
    assert run_check(hq_reversed).ok and not verify_origins(hq_reversed).altered


def _copy_as_office(source_db, path, code):
    """An office that took over a copy of another's database (a transfer): new code, new key."""
    with sqlite3.connect(source_db.path) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
        dst.execute("INSERT INTO offices (code, name, is_home, created_at) "
                    "VALUES (?, ?, 1, '2024-12-01 00:00:00.000000')", (code, f"สำนักงาน {code}"))
        dst.execute("UPDATE settings SET value = ? WHERE key = 'home_office'", (code,))
        dst.execute("DELETE FROM exchange_office_keys")
        dst.execute("DELETE FROM exchange_exports")
        dst.execute("UPDATE users SET username = replace(username, 'bkk1.', ?)",
                    (code.lower() + ".",))


def test_a_case_changed_at_two_offices_keeps_both_histories_and_shows_the_latest(
        sites, tmp_path):
    bkk = sites.office("BKK1")
    _copy_as_office(bkk, tmp_path / "trt1.db", "TRT1")
    trt = open_database(tmp_path / "trt1.db")
    sites.opened.append(trt)
    sites.offices["TRT1"] = trt
    hq = sites.hq()
    reference = open_case(bkk)
    workflow.add_note(trt, actor_for(trt, "trt1.handler"), reference, "รับเรื่องต่อจาก กทม.",
                      clock=lambda: at(21))
    workflow.add_note(bkk, actor_for(bkk, "bkk1.handler"), reference, "ส่งเรื่องให้ ตราด แล้ว",
                      clock=lambda: at(22))
    export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "bkk.cdpkg")
    export_package(trt, actor_for(trt, "trt1.clerk"), tmp_path / "trt.cdpkg")
    import_package(hq, sites.admin(hq), tmp_path / "bkk.cdpkg")
    report = import_package(hq, sites.admin(hq), tmp_path / "trt.cdpkg")
    assert report.events["new"] == 1 and report.complaints["updated"] == 0
    assert [(c["reference"], c["offices"], c["state_office"]) for c in report.conflicts] == [
        (reference, ["BKK1", "TRT1"], "BKK1")]
    merged = events(hq, redacted=False)
    assert set(events(bkk)) | set(events(trt)) == set(merged)
    uuid = next(u for u, c in cases(bkk).items() if c["reference"] == reference)
    assert cases(hq)[uuid] == cases(bkk)[uuid]  # BKK1's note is the later one
    assert run_check(hq).ok


def test_a_default_package_holds_no_personal_data(sites, tmp_path):
    bkk = sites.office("BKK1")
    with sqlite3.connect(bkk.path) as conn:
        personal = [v for row in conn.execute(
            "SELECT complainant_name, complainant_national_id, complainant_phone, "
            "complainant_email FROM complaints") for v in row if v]
    assert personal
    export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "p.cdpkg")
    with zipfile.ZipFile(tmp_path / "p.cdpkg") as archive:
        text = b"".join(archive.read(n) for n in archive.namelist()).decode("utf-8", "replace")
    assert [v for v in personal if v in text] == []


def test_personal_data_needs_a_role_that_may_and_is_recorded(sites, tmp_path):
    bkk = sites.office("BKK1")
    hq = sites.hq()
    with pytest.raises(PermissionDenied):
        export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "p.cdpkg", include_personal=True)
    assert not (tmp_path / "p.cdpkg").exists()
    export_package(bkk, actor_for(bkk, "bkk1.supervisor"), tmp_path / "p.cdpkg",
                   include_personal=True)
    with zipfile.ZipFile(tmp_path / "p.cdpkg") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["personal_data"]["included"] is True
    assert manifest["personal_data"]["included_by"] == "bkk1.supervisor"
    with sqlite3.connect(bkk.path) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log WHERE kind = "
                            "'export_personal_data'").fetchone()[0] == 1
    import_package(hq, sites.admin(hq), tmp_path / "p.cdpkg")
    at_hq, at_office = cases(hq, pseudonymised=False), cases(bkk, pseudonymised=False)
    withheld = {u for u, c in at_office.items() if c != at_hq[u]}
    assert len(withheld) == manifest["personal_data"]["withheld_cases"]
    for uuid in withheld:  # protected cases above a supervisor's rank: identity left out
        assert at_hq[uuid] == cases(bkk)[uuid] and at_office[uuid]["level"] == 4


def test_after_the_agency_key_arrives_one_complainant_has_one_key_across_offices(
        sites, tmp_path):
    bkk, cnx = sites.office("BKK1", cases=0), sites.office("CNX1", cases=0)
    hq = sites.hq()
    for code, db in (("BKK1", bkk), ("CNX1", cnx)):
        _trust_hq(sites, db, hq, tmp_path)
        workflow.record_complaint(db, actor_for(db, f"{code.lower()}.officer"),
                                  Intake(channel="letter", received_at=at(2), subject="น้ำรั่ว",
                                         description="น้ำรั่วจากชั้นบน",
                                         complainant_name="นางสาวทดสอบ ใจดี",
                                         complainant_national_id="1101700230708"))
        export_package(db, sites.clerk(db, code), tmp_path / f"{code}-1.cdpkg")
        import_package(hq, sites.admin(hq), tmp_path / f"{code}-1.cdpkg")
        write_acknowledgement(hq, sites.admin(hq), code, tmp_path / f"{code}.cdack")
        apply_acknowledgement(db, sites.clerk(db, code), tmp_path / f"{code}.cdack")
        export_package(db, sites.clerk(db, code), tmp_path / f"{code}-2.cdpkg", full=True)
    keys_before = {c["complainant_key"] for c in cases(hq).values()}
    assert len(keys_before) == 2  # each office's own key: no link yet
    for code in ("BKK1", "CNX1"):
        import_package(hq, sites.admin(hq), tmp_path / f"{code}-2.cdpkg")
    assert len({c["complainant_key"] for c in cases(hq).values()}) == 1


def test_check_names_an_imported_event_altered_after_the_import(sites, tmp_path):
    bkk = sites.office("BKK1")
    hq = sites.hq()
    export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "p.cdpkg")
    import_package(hq, sites.admin(hq), tmp_path / "p.cdpkg")
    # someone edits an origin hash behind the program
    direct_sql(hq, "UPDATE exchange_event_origins SET origin_hash = :digest WHERE event_id = "
               "(SELECT min(event_id) FROM exchange_event_origins WHERE NOT redacted)",
               digest="f" * 64)
    problems = run_check(hq).problems
    assert [p.message for p in problems] == [
        "{count} imported events no longer match their office's chain (first: event "
        "{event_id})."]


def test_a_package_with_personal_data_still_withholds_protected_complainants(sites, tmp_path):
    bkk = sites.office("BKK1", cases=300)
    with sqlite3.connect(bkk.path) as conn:
        protected = {r[0]: r[1] for r in conn.execute(
            "SELECT uuid, complainant_name FROM complaints WHERE (about_staff = 1 OR "
            "category_code IN ('corruption', 'staff_conduct')) AND level = 4 "
            "AND complainant_name IS NOT NULL")}
    assert protected
    export_package(bkk, actor_for(bkk, "bkk1.supervisor"), tmp_path / "p.cdpkg",
                   include_personal=True)
    with zipfile.ZipFile(tmp_path / "p.cdpkg") as archive:
        text = b"".join(archive.read(n) for n in archive.namelist()
                        if n.endswith((".json", ".jsonl"))).decode("utf-8")
        manifest = json.loads(archive.read("manifest.json"))
    assert [name for name in protected.values() if name in text] == []
    assert manifest["personal_data"]["withheld_cases"] == len(protected)


def test_imported_cases_are_found_by_text_search_as_a_scan_finds_them(sites, tmp_path):
    """The merge indexes a package's new cases for search in one statement at the end and
    puts the row-by-row trigger back in the same transaction (store/search.py): the index
    then answers as a scan of the text does, for the imported cases and for a second office's
    cases imported after them."""
    from complaint_desk.store.search import PERSONAL_COLUMNS, PUBLIC_COLUMNS, text_condition

    bkk, cnx = sites.office("BKK1", seed=1), sites.office("CNX1", seed=2)
    hq = sites.hq()
    for code, db in (("BKK1", bkk), ("CNX1", cnx)):
        export_package(db, sites.clerk(db, code), tmp_path / f"{code}.cdpkg")
        import_package(hq, sites.admin(hq), tmp_path / f"{code}.cdpkg")
    with UnitOfWork(hq, write=False) as uow:
        words = {subject.split()[0] for subject in uow.session.scalars(
            select(ComplaintRow.subject).order_by(ComplaintRow.id))}
        words |= {reference for reference in uow.session.scalars(
            select(ComplaintRow.reference).order_by(ComplaintRow.id.desc()).limit(3))}
        assert len(words) > 5
        for word in sorted(words):
            found = set(uow.session.scalars(select(ComplaintRow.id).where(
                text_condition(uow.session, word, include_personal=True))))
            scan = set(uow.session.scalars(select(ComplaintRow.id).where(
                or_(*(getattr(ComplaintRow, name).contains(word)
                      for name in PUBLIC_COLUMNS + PERSONAL_COLUMNS)))))
            assert found == scan and found, word
    if sites.engine == "sqlite":
        with hq.engine.connect() as conn:
            triggers = set(conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
        assert triggers == {"complaints_fts_insert", "complaints_fts_update",
                            "complaints_fts_delete"}
