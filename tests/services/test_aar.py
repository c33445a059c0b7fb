"""The AAR record: drafts are saved and audited, finals are kept as printed and never change;
the form follows the seed's sections in order with the year's figures."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from sqlalchemy import text

from complaint_desk.domain import aar as rules
from complaint_desk.domain.errors import (
    DomainError,
    PermissionDenied,
    TransitionError,
    ValidationError,
)
from complaint_desk.services import aar
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.kpi import period_kpis
from tests.reports.pdf_checks import assert_clean, strings_in

YEAR = 2024
SEED_HEADINGS = [
    "1.ชื่อองค์ความรู้", "2.ประเภทสินทรัพย์ทางความรู้", "3.วันที่บันทึกความรู้",
    "4.ผู้เข้าร่วมบันทึกความรู้", "5.วัตถุประสงค์ของการบันทึกความรู้เรื่องนี้",
    "6.รายละเอียดเกี่ยวกับกระบวนการ(ก่อนปรับปรุง)", "ชื่อกระบวนการ", "วัตถุประสงค์ของกระบวนการ",
    "7.แนวทางการปรับปรุงกระบวนการ(ใช้ในปี2567)", "8.รายละเอียดเกี่ยวกับกระบวนการ(หลังปรับปรุง)",
    "ตัวชี้วัดของกระบวนการประจำปี2567", "เป้าหมายตัวชี้วัดของกระบวนการประจำปี2567",
    "ผลการดำเนินงานประจำปี2567", "10.สิ่งที่ได้จากการดำเนินงานปี2567",
    "รายละเอียดประเด็นที่มีการพัฒนาปรับปรุง", "ปัญหา/อุปสรรค", "สาเหตุของปัญหา/อุปสรรค",
    "11.สาเหตุหรือที่มาในการพัฒนาปรับปรุงกระบวนการทำงานในปัจจุบัน(As-IsProcess)",
    "ข้อเสนอแนะของผู้ประเมิน", "แนวทางปฏิบัติที่ดีของหน่วยงานชั้นนำหรือหน่วยงานคู่เทียบ",
    "12.แนวทางการเรียนรู้/การจัดการความรู้เพื่อนำไปสู่การปรับปรุงกระบวนการในปีต่อไป(ปี2568)",
    "ผู้ประเมินและปรับปรุงกระบวนการเพื่อบันทึกความรู้",
]


@pytest.fixture
def office(db, actors):
    generate_demo(db, 400, seed=3, today=date(2024, 12, 20))
    return db


def fill(db, actor) -> rules.AarRecord:
    return aar.save_aar(
        db, actor, YEAR,
        texts={"objectives": "1. เพื่อนำข้อเสนอแนะจากผู้ประเมินมาพิจารณาพัฒนาปรับปรุงอย่างต่อเนื่อง",
               "improvement_approach": "1) ปรับปรุงเนื้อหาองค์ประกอบนโยบายตามมาตรฐาน ISO 10002",
               "learning_plan": "1. ทบทวนการจัดทำนโยบายและระเบียบวิธีปฏิบัติ",
               "signer_name": "นางสาวทดสอบ ตัวอย่าง", "signer_position": "ผู้อำนวยการสำนักงาน"},
        dates={"recorded_on": date(2024, 8, 1), "signed_on": date(2024, 9, 1)},
        participants=rules.parse_participants("นายหนึ่ง ทดสอบ | ผู้อำนวยการกอง\nนางสอง ทดสอบ|"),
        reasons=frozenset({rules.AarReason.ASSESSOR, rules.AarReason.STANDARDS}))


def audit_rows(db, kind):
    with db.engine.connect() as connection:
        return [json.loads(d) for (d,) in connection.execute(
            text("SELECT data FROM audit_log WHERE kind = :k ORDER BY id"), {"k": kind})]


def test_a_first_save_creates_the_draft_and_audits_each_change(office, actors):
    record = fill(office, actors["supervisor"])
    assert record.status is rules.AarStatus.DRAFT and record.version == 1
    assert aar.get_aar(office, YEAR).participants[1] == rules.Participant("นางสอง ทดสอบ", "")
    (entry,) = audit_rows(office, "aar_edit")
    assert entry["year"] == YEAR
    assert entry["changes"]["objectives"][0] is None
    assert entry["changes"]["recorded_on"] == [None, "2024-08-01"]


def test_officers_may_not_edit_and_nothing_is_written(office, actors):
    with pytest.raises(PermissionDenied):
        aar.save_aar(office, actors["officer"], YEAR, texts={"objectives": "x"})
    assert aar.get_aar(office, YEAR).version == 0 and audit_rows(office, "aar_edit") == []


def test_bad_input_names_the_field_and_changes_nothing(office, actors):
    with pytest.raises(ValidationError) as bad_section:
        aar.save_aar(office, actors["supervisor"], YEAR, texts={"nonsense": "x"})
    with pytest.raises(ValidationError) as bad_line:
        rules.parse_participants("นายหนึ่ง | ก\n | ตำแหน่งไม่มีชื่อ")
    assert bad_section.value.field == "section"
    assert bad_line.value.params["line"] == 2
    assert aar.get_aar(office, YEAR).version == 0


def test_a_stale_editor_is_refused(office, actors):
    fill(office, actors["supervisor"])
    with pytest.raises(DomainError):
        aar.save_aar(office, actors["executive"], YEAR, texts={"objectives": "y"},
                     expected_version=0)


def test_finalising_needs_a_signer_and_participants(office, actors):
    aar.save_aar(office, actors["supervisor"], YEAR, texts={"objectives": "x"})
    with pytest.raises(ValidationError) as missing:
        aar.finalise_aar(office, actors["supervisor"], YEAR)
    assert missing.value.field == "signer_name"


def test_a_final_aar_is_kept_as_printed_and_never_changes(office, actors, tmp_path, thai):
    fill(office, actors["supervisor"])
    digest = aar.finalise_aar(office, actors["supervisor"], YEAR)
    with pytest.raises(TransitionError):
        aar.save_aar(office, actors["supervisor"], YEAR, texts={"objectives": "ใหม่"})
    with pytest.raises(TransitionError):
        aar.finalise_aar(office, actors["supervisor"], YEAR)
    generate_demo(office, 50, seed=9, today=date(2024, 12, 30))  # the figures move on
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    assert aar.write_aar(office, actors["officer"], YEAR, first) is True
    aar.write_aar(office, actors["clerk"], YEAR, second)
    assert first.read_bytes() == second.read_bytes()
    assert hashlib.sha256(first.read_bytes()).hexdigest() == digest
    text = assert_clean(first)
    assert "ฉบับร่าง" not in text and "นางสาวทดสอบตัวอย่าง" in text
    assert audit_rows(office, "aar_finalise")[0]["sha256"] == digest


def test_a_tampered_final_print_is_refused(office, actors, tmp_path):
    fill(office, actors["supervisor"])
    aar.finalise_aar(office, actors["supervisor"], YEAR)
    with office.engine.begin() as connection:
        connection.execute(text("UPDATE aar_records SET final_pdf = :b"), {"b": b"%PDF-1.4 x"})
    with pytest.raises(DomainError):
        aar.write_aar(office, actors["supervisor"], YEAR, tmp_path / "x.pdf")


def test_the_draft_follows_the_seed_section_by_section(office, actors, tmp_path, thai):
    fill(office, actors["supervisor"])
    pdf = tmp_path / "draft.pdf"
    assert aar.write_aar(office, actors["supervisor"], YEAR, pdf) is False
    from complaint_desk.store.unit_of_work import UnitOfWork

    with UnitOfWork(office, write=False) as uow:
        data = aar.aar_form_data(uow, aar.get_aar(office, YEAR))
    text = assert_clean(pdf, strings_in(data))
    at = 0
    for heading in SEED_HEADINGS:  # present, and in the seed's order
        found = text.find(heading, at)
        assert found >= 0, heading
        at = found + len(heading)
    assert "ฉบับร่าง" in text and "1.นายหนึ่งทดสอบผู้อำนวยการกอง" in text


def test_section_8_shows_the_seed_indicators_then_the_years_kpis_and_section_10_the_closing_texts(
        office, actors, thai):
    from complaint_desk.i18n import _
    from complaint_desk.services.indicators import year_indicators

    figures = period_kpis(office, date(YEAR, 1, 1), date(YEAR + 1, 1, 1))
    results = [r for r in year_indicators(office, YEAR, None)
               if r.code in aar.SEED_INDICATORS or r.target_value is not None]
    assert [r.code for r in results[:3]] == ["policy_elements", "policy_publication", "kpi_cascade"]
    rows = aar.indicator_rows(office, YEAR, None)
    assert [(r.indicator, r.target, r.result, r.met) for r in rows] == \
        [(_(r.name), r.target_text, r.result_text, r.met) for r in results]
    ack = next(r for r in results if r.code == "acknowledged_on_time_pct")
    assert ack.result_value == figures["acknowledged_on_time_pct"]
    assert ack.met == (figures["acknowledged_on_time_pct"] >= 100)
    suggested = aar.suggestions(office, YEAR)
    with office.engine.connect() as connection:
        top_action, count = connection.execute(text(
            "SELECT corrective_action, count(*) FROM complaints WHERE closure = 'resolved' "
            "AND closed_at >= '2024-01-01' AND closed_at < '2025-01-01' "
            "GROUP BY corrective_action ORDER BY 2 DESC, 1 LIMIT 1")).one()
    assert suggested["improvements"].startswith(f"1. {top_action} ({count} เรื่อง)")
    assert suggested["causes"].startswith("1. ")
