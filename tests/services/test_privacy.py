from datetime import datetime

import pytest
from direct_sql import direct_sql
from sqlalchemy import select

from complaint_desk.domain.errors import PermissionDenied, ValidationError
from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints as svc
from complaint_desk.services import privacy
from complaint_desk.services.check import run_check
from complaint_desk.services.kpi import monthly_kpis
from complaint_desk.store.models import AuditRow
from complaint_desk.store.unit_of_work import UnitOfWork

NAME = "นางสาวทดสอบ ตัวอย่างงาม"
NATIONAL_ID = "1101700230708"


def record(db, actors, clock, **kw):
    values = dict(channel="walk_in", received_at=clock.now, subject="ท่อแตก",
                  description="น้ำรั่วทั้งชั้น", complainant_name=NAME,
                  complainant_national_id=NATIONAL_ID, complainant_phone="0812345678",
                  complainant_address="99/1 ถนนพหลโยธิน")
    values.update(kw)
    return svc.record_complaint(db, actors["officer"], Intake(**values), clock=clock)


def walk_to_level(db, actors, clock, ref, level, **assess):
    ex = actors["executive"]
    svc.acknowledge(db, ex, ref, clock=clock)
    svc.assess(db, ex, ref, accepted=True, clock=clock, **{"category_code": "repair", **assess})
    svc.assign_level(db, ex, ref, level=level, responsible_unit="กอง", clock=clock)


def close(db, actors, clock, ref):
    svc.respond(db, actors["executive"], ref, decision="ก", reasons="ข", clock=clock)
    svc.close_complaint(db, actors["executive"], ref, complainant_accepts=True, satisfaction=4,
                        clock=clock)


def raw_dump(db):
    """Every row's text, as another tool would read it."""
    return "\n".join(str(r) for t in ("complaints", "events", "audit_log")
                     for r in direct_sql(db, f"SELECT * FROM {t}"))


def test_a_case_view_masks_the_complainant_in_the_case_and_its_timeline(db, actors, clock):
    ref = record(db, actors, clock)
    complaint, timeline = privacy.case_view(db, actors["supervisor"], ref)
    assert complaint.complainant_name == "น***บ ต***"
    assert NAME not in str(timeline) and NATIONAL_ID not in str(timeline)
    assert timeline[0]["data"]["changes"]["complainant_name"] == [None, "น***บ ต***"]


def test_revealing_the_identity_is_recorded_with_who_and_which_case(db, actors, clock):
    ref = record(db, actors, clock)
    identity = privacy.reveal_personal_data(db, actors["handler"], ref, clock=clock)
    assert identity["complainant_name"] == NAME
    privacy.personal_data_for_letter(db, actors["officer"], ref, "acknowledgement", clock=clock)
    assert privacy.audit_entries_for(db, ref) == [("view_personal_data", "t.handler"),
                                                  ("letter_printed", "t.officer")]


def test_a_complaint_about_staff_hides_its_complainant_from_the_staff_named(db, actors, clock):
    ref = record(db, actors, clock, about_staff=True)
    privacy.set_concerned_staff(db, actors["supervisor"], ref, ["t.handler"], clock=clock)
    assert privacy.concerned_staff(db, ref) == ["t.handler"]
    with pytest.raises(PermissionDenied):
        privacy.reveal_personal_data(db, actors["handler"], ref)
    assert privacy.may_see_identity(db, actors["officer"], ref)
    walk_to_level(db, actors, clock, ref, 3)
    with pytest.raises(PermissionDenied):  # below level 3 now
        privacy.reveal_personal_data(db, actors["officer"], ref)
    assert privacy.reveal_personal_data(db, actors["supervisor"], ref)["complainant_name"] == NAME
    assert run_check(db).ok  # naming staff is an event; the row still replays
    with pytest.raises(ValidationError):
        privacy.set_concerned_staff(db, actors["supervisor"], ref, ["nobody"])


def test_erasure_waits_for_the_retention_period_after_closing(db, actors, clock):
    ref = record(db, actors, clock)
    with pytest.raises(ValidationError) as still_open:
        privacy.erase_personal_data(db, actors["executive"], ref, reason="คำขอ 1/2567")
    assert "still open" in str(still_open.value)
    walk_to_level(db, actors, clock, ref, 2)
    close(db, actors, clock, ref)
    clock.now = datetime(2029, 8, 4, 9, 0)
    with pytest.raises(ValidationError) as early:
        privacy.erase_personal_data(db, actors["executive"], ref, reason="คำขอ 1/2567",
                                    clock=clock)
    assert "5 สิงหาคม 2572" in str(early.value)


def test_erasure_removes_the_values_everywhere_keeps_statistics_and_the_chain(db, actors, clock,
                                                                              tmp_path):
    ref = record(db, actors, clock)
    other = record(db, actors, clock, complainant_name="สมชาย ใจดี", complainant_national_id="",
                   complainant_phone="0899999999", complainant_address="1 ซอยหนึ่ง")
    walk_to_level(db, actors, clock, ref, 2)
    close(db, actors, clock, ref)
    kpis = monthly_kpis(db, 2024, 8)
    clock.now = datetime(2030, 1, 1, 9, 0)
    erased = privacy.erase_personal_data(db, actors["admin"], ref, reason="คำขอ 1/2573",
                                         clock=clock)
    assert erased == ["complainant_name", "complainant_national_id", "complainant_phone",
                      "complainant_address", "complainant_key"]
    dump = raw_dump(db)
    assert NAME not in dump and NATIONAL_ID not in dump and "0812345678" not in dump
    assert "สมชาย ใจดี" in dump  # the other case is untouched
    c = svc.get_complaint(db, ref)
    assert (c.complainant_name, c.status.value, c.satisfaction) == (None, "closed", 4)
    assert monthly_kpis(db, 2024, 8) == kpis
    report = run_check(db)
    assert report.ok, report.problems
    _, timeline = privacy.case_view(db, actors["supervisor"], ref)
    erasure = timeline[0]
    assert erasure["kind"] == "erase_personal_data" and erasure["actor"] == "admin"
    assert erasure["data"]["erased_fields"] == erased
    assert other


def test_tampering_with_a_redacted_event_or_forging_a_redaction_is_detected(db, actors, clock,
                                                                            tmp_path):
    ref = record(db, actors, clock)
    walk_to_level(db, actors, clock, ref, 2)
    close(db, actors, clock, ref)
    clock.now = datetime(2030, 1, 1, 9, 0)
    privacy.erase_personal_data(db, actors["admin"], ref, reason="คำขอ", clock=clock)
    direct_sql(db, "UPDATE events SET actor_name = 'someone' WHERE id = 1")
    broken = [p.params for p in run_check(db).problems if "event_id" in p.params]
    assert broken == [{"event_id": 1, "reason": "redacted content does not match its seal"}]
    direct_sql(db, "UPDATE events SET actor_name = 't.officer' WHERE id = 1")
    # forge: pretend event 2 was redacted by the erasure, after changing its content
    direct_sql(db, "UPDATE events SET data = '{}' WHERE id = 2")
    last = direct_sql(db, "SELECT max(id) FROM events")[0][0]
    direct_sql(db, "INSERT INTO event_redactions VALUES (2, :last, 'x')", last=last)
    broken = [p for p in run_check(db).problems if "event_id" in p.params]
    assert broken and broken[0].params["event_id"] == 2


def test_only_auditors_read_the_audit_log_newest_first(db, actors, clock):
    ref = record(db, actors, clock)
    privacy.reveal_personal_data(db, actors["supervisor"], ref, clock=clock)
    entries = privacy.audit_log(db, actors["admin"])
    assert entries[0]["kind"] == "view_personal_data" and entries[0]["reference"] == ref
    with pytest.raises(PermissionDenied):
        privacy.audit_log(db, actors["officer"])
    with UnitOfWork(db, write=False) as uow:
        data = uow.session.scalars(select(AuditRow.data)).all()
    assert all(NAME not in d for d in data)  # the log says who saw which case, not what


def test_an_export_with_personal_data_blanks_the_protected_complainants_the_exporter_may_not_see(
        db, actors, clock, tmp_path):
    import csv

    from complaint_desk.services.export import export_csv

    ordinary = record(db, actors, clock)
    about_staff = record(db, actors, clock, about_staff=True)
    walk_to_level(db, actors, clock, about_staff, 4)
    out = tmp_path / "p.csv"
    export_csv(db, actors["supervisor"], out, include_personal=True)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        names = {r["reference"]: r["complainant_name"] for r in csv.DictReader(handle)}
    assert names == {ordinary: NAME, about_staff: ""}
    export_csv(db, actors["executive"], out, include_personal=True)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        assert {r["complainant_name"] for r in csv.DictReader(handle)} == {NAME}
