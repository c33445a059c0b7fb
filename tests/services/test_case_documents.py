"""The letter and the record sheet: personal data only for the roles allowed, every print of
it audited, the Thai official letter's parts in place, the text extracting as written."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import text

from complaint_desk.domain.calendar import format_be_date
from complaint_desk.domain.errors import NotFound, PermissionDenied
from complaint_desk.domain.intake import Intake
from complaint_desk.services import case_documents, complaints
from complaint_desk.store.unit_of_work import UnitOfWork
from tests.reports.pdf_checks import assert_clean, page_count, strings_in


@pytest.fixture
def case(db, actors, clock):
    intake = Intake(channel="line", received_at=datetime(2024, 8, 5, 9, 0),
                    subject="น้ำประปาไม่ไหลที่อาคาร 3", description="ไม่มีน้ำใช้ตั้งแต่เช้า",
                    complainant_name="นางสมศรี ทดสอบ", complainant_phone="0812345678",
                    complainant_address="99/1 ถนนทดสอบ", project="เคหะชุมชนทดสอบ")
    ref = complaints.record_complaint(db, actors["officer"], intake, clock=clock)
    complaints.acknowledge(db, actors["officer"], ref, clock=clock)
    complaints.assess(db, actors["officer"], ref, accepted=True, category_code="utilities",
                      clock=clock)
    complaints.assign_level(db, actors["supervisor"], ref, level=2,
                            responsible_unit="กองซ่อมบำรุง", clock=clock)
    complaints.add_note(db, actors["handler"], ref, "ลงพื้นที่ตรวจสอบท่อประปาแล้ว", clock=clock)
    return ref


def audits(db, kind):
    with db.engine.connect() as connection:
        return [json.loads(d) for (d,) in connection.execute(
            text("SELECT data FROM audit_log WHERE kind = :k"), {"k": kind})]


def test_the_letter_has_the_parts_of_a_thai_official_letter(db, actors, case, tmp_path, thai):
    pdf = tmp_path / "letter.pdf"
    case_documents.write_ack_letter(db, actors["officer"], case, pdf)
    with UnitOfWork(db, write=False) as uow:
        complaint = uow.get(case)[1]
        data = case_documents.ack_letter_data(uow, actors["officer"], complaint)
    body = assert_clean(pdf, strings_in(data))
    parts = ["ที่" + case, "สำนักงานทดสอบ1", "เรื่องตอบรับเรื่องร้องเรียน", "เรียนนางสมศรีทดสอบ",
             "อ้างถึง", "ตามที่ท่านได้ร้องเรียน", "น้ำประปาไม่ไหลที่อาคาร3", "กองซ่อมบำรุง",
             "".join(format_be_date(complaint.due_on, style="long").split()), "ขอแสดงความนับถือ", "(ผู้ทดสอบofficer)"]
    at = 0
    for part in parts:  # in the order of the official layout
        assert part in body[at:], (part, body)
        at = body.index(part, at) + len(part)
    assert page_count(pdf) == 1
    assert "0812345678" not in body  # the letter names the complainant, nothing more
    assert audits(db, "print_ack_letter") == [{"reference": case, "file": str(pdf)}]


def test_a_clerk_may_not_print_a_letter_and_nothing_is_audited(db, actors, case, tmp_path):
    with pytest.raises(PermissionDenied):
        case_documents.write_ack_letter(db, actors["clerk"], case, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists() and audits(db, "print_ack_letter") == []


def test_an_unknown_reference_writes_no_file(db, actors, tmp_path):
    with pytest.raises(NotFound):
        case_documents.write_ack_letter(db, actors["officer"], "BKK1-2567-99999",
                                        tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_record_shows_the_case_and_its_timeline_to_an_officer(db, actors, case, tmp_path,
                                                                   thai):
    pdf = tmp_path / "record.pdf"
    assert case_documents.write_case_record(db, actors["officer"], case, pdf) is True
    with UnitOfWork(db, write=False) as uow:
        data, _ = case_documents.case_record_data(uow, actors["officer"], case)
    body = assert_clean(pdf, strings_in(data))
    for part in ("แบบบันทึกข้อร้องเรียน", case, "นางสมศรีทดสอบ", "0812345678",
                 "ลำดับการดำเนินการ", "ลงพื้นที่ตรวจสอบท่อประปาแล้ว", "กำหนดระดับการจัดการ",
                 "กองซ่อมบำรุง", "มีข้อมูลส่วนบุคคล"):
        assert part in body, part
    assert [a["reference"] for a in audits(db, "print_case_record")] == [case]


def test_the_record_masks_the_complainant_for_a_clerk(db, actors, case, tmp_path, thai):
    pdf = tmp_path / "masked.pdf"
    assert case_documents.write_case_record(db, actors["clerk"], case, pdf) is False
    body = assert_clean(pdf)
    assert "นางสมศรี" not in body and "0812345678" not in body and "99/1" not in body
    assert "(ปกปิด:ข้อมูลส่วนบุคคล)" in body
    assert audits(db, "print_case_record") == []
