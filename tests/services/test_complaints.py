import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from complaint_desk.domain.complaint import Closure, Status
from complaint_desk.domain.errors import (
    ConcurrentChange,
    NotFound,
    PermissionDenied,
    TransitionError,
    ValidationError,
)
from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints as svc
from complaint_desk.store.models import ComplaintRow, EventRow
from complaint_desk.store.unit_of_work import UnitOfWork


def intake(**kw):
    values = dict(channel="walk_in", received_at=datetime(2024, 8, 5, 9, 0),
                  subject="หลังคารั่วซึม", description="ฝนตกแล้วน้ำหยดในห้องนอน",
                  complainant_name="นางสาวทดสอบ ตัวอย่างงาม",
                  complainant_national_id="1101700230708", project="เคหะชุมชนตัวอย่าง",
                  building="อาคาร 3", unit="305", request="ขอให้ซ่อม")
    values.update(kw)
    return Intake(**values)


def snapshot(db):
    with UnitOfWork(db, write=False) as uow:
        rows = uow.session.execute(select(ComplaintRow)).scalars().all()
        state = sorted((r.reference, r.status, r.version, r.level, r.due_on) for r in rows)
        events = uow.session.execute(select(func.count()).select_from(EventRow)).scalar()
    return state, events


def kinds(db, reference):
    with UnitOfWork(db, write=False) as uow:
        row = uow.complaint_row(reference)
        return [e.kind for e in uow.session.scalars(
            select(EventRow).where(EventRow.complaint_id == row.id).order_by(EventRow.id))]


def test_recording_numbers_by_office_and_buddhist_year_and_sets_the_due_dates(db, actors, clock):
    first = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    second = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    assert (first, second) == ("BKK1-2567-00001", "BKK1-2567-00002")
    c = svc.get_complaint(db, first)
    assert c.status is Status.RECEIVED
    assert c.ack_due_on == date(2024, 8, 6)
    assert c.notice_due_on == date(2024, 8, 20)
    with UnitOfWork(db, write=False) as uow:
        row = uow.complaint_row(first)
        assert row.complainant_key and len(row.complainant_key) == 64
        assert row.complainant_key != "1101700230708"


def test_a_full_case_with_a_review_writes_one_event_per_step(db, actors, clock):
    officer, supervisor, handler = actors["officer"], actors["supervisor"], actors["handler"]
    ref = svc.record_complaint(db, officer, intake(), clock=clock)
    svc.acknowledge(db, officer, ref, clock=clock)
    svc.assess(db, officer, ref, accepted=True, category_code="repair", severity="medium",
               clock=clock)
    svc.assign_level(db, supervisor, ref, level=2, responsible_unit="กองซ่อมบำรุง", clock=clock)
    assert svc.get_complaint(db, ref).due_on == date(2024, 8, 27)  # 15 working days, 12 Aug off
    svc.add_note(db, handler, ref, "ลงพื้นที่ตรวจสอบแล้ว", clock=clock)
    svc.respond(db, handler, ref, decision="ซ่อมหลังคาแล้ว", reasons="ตรวจพบรอยรั่วจริง",
                redress="ซ่อมโดยไม่คิดค่าใช้จ่าย", clock=clock)
    svc.close_complaint(db, supervisor, ref, complainant_accepts=False, satisfaction=2,
                        root_cause="วัสดุเสื่อม", corrective_action="แผนบำรุงรักษา", clock=clock)
    clock.now = datetime(2024, 9, 2, 10, 0)
    svc.start_review(db, officer, ref, route="internal", clock=clock)
    c = svc.get_complaint(db, ref)
    assert (c.status, c.level, c.review_count, c.closed_at) == (Status.UNDER_REVIEW, 3, 1, None)
    assert c.due_on == date(2024, 10, 15)  # 30 working days from 2 September (13 Oct holiday)
    svc.respond(db, supervisor, ref, decision="ยืนยันผลเดิม", reasons="ตรวจซ้ำแล้ว",
                review_outcome="ยืนยัน", clock=clock)
    svc.close_complaint(db, supervisor, ref, complainant_accepts=True, satisfaction=4, clock=clock)
    c = svc.get_complaint(db, ref)
    assert (c.status, c.closure, c.satisfaction, c.version) == (Status.CLOSED, Closure.RESOLVED, 4, 10)
    assert kinds(db, ref) == ["record", "acknowledge", "assess", "assign_level", "add_note",
                              "respond", "close", "start_review", "respond", "close"]


def test_events_keep_the_values_before_and_after(db, actors, clock):
    ref = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    svc.acknowledge(db, actors["officer"], ref, clock=clock)
    with UnitOfWork(db, write=False) as uow:
        event = uow.session.scalars(select(EventRow).order_by(EventRow.id.desc())).first()
        data, actor_name = json.loads(event.data), event.actor_name
    assert data["changes"]["status"] == ["received", "acknowledged"]
    assert data["changes"]["acknowledged_at"] == [None, "2024-08-05T09:30:00"]
    assert actor_name == "t.officer"


@pytest.mark.parametrize("attempt,error", [
    (lambda db, a, ref, clock: svc.respond(db, a["handler"], ref, decision="x", reasons="y",
                                           clock=clock), TransitionError),
    (lambda db, a, ref, clock: svc.acknowledge(db, a["clerk"], ref, clock=clock), PermissionDenied),
    (lambda db, a, ref, clock: svc.acknowledge(db, a["officer"], "BKK1-2567-99999", clock=clock),
     NotFound),
    (lambda db, a, ref, clock: svc.add_note(db, a["officer"], ref, "  ", clock=clock),
     ValidationError),
])
def test_a_refused_step_changes_nothing(db, actors, clock, attempt, error):
    ref = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    before = snapshot(db)
    with pytest.raises(error):
        attempt(db, actors, ref, clock)
    assert snapshot(db) == before


def test_invalid_intake_is_refused_before_anything_is_numbered(db, actors, clock):
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught:
        svc.record_complaint(db, actors["officer"], intake(complainant_national_id="123"),
                             clock=clock)
    assert caught.value.field == "complainant_national_id"
    with pytest.raises(ValidationError):
        svc.record_complaint(db, actors["officer"], intake(category_code="nonsense"), clock=clock)
    assert snapshot(db) == before
    assert svc.record_complaint(db, actors["officer"], intake(), clock=clock) == "BKK1-2567-00001"


def test_a_stale_screen_gets_a_concurrent_change_error_not_an_overwrite(db, actors, clock):
    ref = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    seen = svc.get_complaint(db, ref).version
    svc.acknowledge(db, actors["officer"], ref, clock=clock, expected_version=seen)
    with pytest.raises(ConcurrentChange):
        svc.withdraw(db, actors["officer"], ref, clock=clock, expected_version=seen)
    assert svc.get_complaint(db, ref).status is Status.ACKNOWLEDGED


def test_a_duplicate_links_an_existing_original(db, actors, clock):
    original = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    dup = svc.record_complaint(db, actors["officer"], intake(), clock=clock)
    svc.acknowledge(db, actors["officer"], dup, clock=clock)
    with pytest.raises(ValidationError):
        svc.assess(db, actors["officer"], dup, accepted=False, not_accepted_reason="duplicate",
                   duplicate_of="BKK1-2567-00099", clock=clock)
    svc.assess(db, actors["officer"], dup, accepted=False, not_accepted_reason="duplicate",
               duplicate_of=original, clock=clock)
    c = svc.get_complaint(db, dup)
    assert (c.status, c.closure, c.duplicate_of) == (Status.CLOSED, Closure.NOT_ACCEPTED, original)
