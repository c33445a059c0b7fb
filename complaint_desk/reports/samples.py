"""``python -m complaint_desk.reports.samples DIR``: every document from a fresh demo database,
with a PNG of each first page (``pdftoppm -r 80``), for people to look at (``make samples``).

The demo data is fictitious and fixed (seed 1, data up to 15 Sep 2024), so the samples only
change when the documents do. Runs the same services as the CLI, in Thai.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path


def make_samples(folder: Path) -> list[Path]:
    from complaint_desk.domain import aar as rules
    from complaint_desk.i18n import set_language
    from complaint_desk.services import aar, case_documents, reports
    from complaint_desk.services.demo import generate_demo
    from complaint_desk.services.demo_policy import generate_policy_demo
    from complaint_desk.services.offices import init_office
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database
    from complaint_desk.store.unit_of_work import UnitOfWork

    set_language("th")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        db = open_database(Path(scratch) / "samples.db")
        init_office(db, code="BKK1", name="สำนักงานเคหะชุมชนกรุงเทพฯ 1")
        generate_demo(db, 3000, seed=1, today=date(2024, 12, 20))
        generate_policy_demo(db, today=date(2024, 12, 20))  # the AAR's seed indicators
        with UnitOfWork(db) as uow:
            uow.set_setting(reports.ADDRESS_SETTING, "905 ถนนนวมินทร์ แขวงคลองจั่น\n"
                                                     "เขตบางกะปิ กรุงเทพฯ 10240")
            uow.set_setting(reports.PHONE_SETTING, "0 2351 7777")
            uow.set_setting(reports.LETTER_PREFIX_SETTING, "กคช")
            uow.set_setting(reports.LETTER_CONTACT_SETTING,
                            "กองลูกค้าสัมพันธ์ สำนักงานเคหะชุมชนกรุงเทพฯ 1\n"
                            "โทร. 0 2351 7777 หรือศูนย์บริการข้อมูล 1615")
            uow.commit()
        supervisor = actor_for(db, "bkk1.supervisor")
        officer = actor_for(db, "bkk1.officer")
        aar.save_aar(db, supervisor, 2024, texts=SAMPLE_AAR, dates={
            "recorded_on": date(2024, 8, 1), "signed_on": date(2024, 9, 1)},
            participants=rules.parse_participants(SAMPLE_PARTICIPANTS),
            reasons=frozenset(rules.AarReason) - {rules.AarReason.OTHER})
        with db.engine.connect() as connection:
            (reference,) = connection.exec_driver_sql(
                "SELECT reference FROM complaints WHERE level = 2 AND complainant_anonymous = 0 "
                "AND review_count = 1 AND closed_at IS NOT NULL ORDER BY id DESC LIMIT 1").one()
        written = []
        for name, write in (
            ("monthly-report", lambda out: reports.write_monthly_report(db, supervisor, 2024, 8,
                                                                         out)),
            ("monthly-report-thai-digits", lambda out: reports.write_monthly_report(
                db, supervisor, 2024, 8, out, thai_digits=True)),
            ("aar-form", lambda out: aar.write_aar(db, supervisor, 2024, out)),
            ("ack-letter", lambda out: case_documents.write_ack_letter(db, officer, reference,
                                                                       out)),
            ("case-record", lambda out: case_documents.write_case_record(db, officer, reference,
                                                                         out)),
        ):
            pdf = folder / f"{name}.pdf"
            write(pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf),
                            str(folder / name)], check=True)
            written.append(pdf)
        db.dispose()
    return written


SAMPLE_PARTICIPANTS = """นางกนกพร ตัวอย่าง | ผู้อำนวยการสำนักงานเคหะชุมชนกรุงเทพฯ 1
นางสาวพัชรี ทดสอบ | ผู้อำนวยการกองลูกค้าสัมพันธ์
นายสมชาย ใจดี | พนักงานบริหารงานทั่วไป 3"""
SAMPLE_AAR = {
    "objectives": "1. เพื่อนำข้อเสนอแนะจากผู้ประเมินผลการดำเนินงานรัฐวิสาหกิจ/ปัญหาอุปสรรคที่พบจาก"
                  "กระบวนการจัดการข้อร้องเรียนมาพิจารณาพัฒนาปรับปรุงอย่างต่อเนื่อง\n"
                  "2. เพื่อสรุปองค์ความรู้ที่ได้จากการปรับปรุงกระบวนการจัดการข้อร้องเรียน "
                  "ซึ่งสอดคล้องกับเกณฑ์ประเมินผลด้านการมุ่งเน้นผู้มีส่วนได้ส่วนเสีย\n"
                  "3. เพื่อเป็นส่วนหนึ่งขององค์ความรู้ของการเคหะแห่งชาติ",
    "improvement_approach": "1) ปรับปรุงเนื้อหาองค์ประกอบนโยบายและระเบียบวิธีปฏิบัติในการจัดการ"
                            "ข้อร้องเรียน โดยศึกษาตามมาตรฐาน ISO 10002\n"
                            "2) ศึกษาและนำเทคโนโลยีดิจิทัลมาปรับใช้ในการจัดการ ติดตาม รายงานสถานะ "
                            "และสรุปผลการจัดการข้อร้องเรียน",
    "learning_plan": "1. เพิ่มมาตรฐาน เครื่องมือ กฎหมาย ระเบียบที่มีการเปลี่ยนแปลง\n"
                     "2. ทบทวนการจัดทำนโยบายและระเบียบวิธีปฏิบัติเกี่ยวกับการจัดการข้อร้องเรียน\n"
                     "3. นำระบบเทคโนโลยีสารสนเทศมาช่วยการรายงานผลการปฏิบัติงานตามแผน",
    "signer_name": "นางกนกพร ตัวอย่าง",
    "signer_position": "ผู้อำนวยการสำนักงานเคหะชุมชนกรุงเทพฯ 1",
}

if __name__ == "__main__":  # pragma: no cover - a maintenance command
    for path in make_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/samples")):
        print(path)
