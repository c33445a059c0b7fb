"""An older register in CSV or XLSX: every bad row reported, nothing imported until clean."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from complaint_desk.domain.errors import DomainError
from complaint_desk.i18n import error_text, set_language
from complaint_desk.services.check import run_check
from complaint_desk.services.register_import import import_register

HEADING = ["เลขที่", "วันที่รับ", "ช่องทาง", "เรื่อง", "รายละเอียด", "ชื่อผู้ร้อง", "เลขบัตร",
           "ประเภท"]
GOOD = [["66/001", "15/08/2566 09:30", "โทรศัพท์", "ไฟทางเดินดับ", "ไฟชั้น 3 ดับ",
         "นายทดสอบ หนึ่ง", "1101700230708", "repair"],
        ["66/004", "21 ส.ค. 2566", "line", "ขยะล้น", "ขยะล้นถัง", "นางทดสอบ สี่", "", ""]]
BAD = [["66/002", "32/08/2566", "จดหมาย", "น้ำรั่ว", "น้ำรั่วจากฝ้า", "นางทดสอบ สอง", "", ""],
       ["66/003", "20/08/2566", "นกพิราบ", "", "รายละเอียด", "", "1234567890123", "nosuch"]]


@pytest.fixture
def mapping(tmp_path):
    path = tmp_path / "map.json"
    path.write_text(json.dumps({
        "columns": {"วันที่รับ": "received_at", "ช่องทาง": "channel", "เรื่อง": "subject",
                    "รายละเอียด": "description", "ชื่อผู้ร้อง": "complainant_name",
                    "เลขบัตร": "complainant_national_id", "ประเภท": "category_code"},
        "values": {"channel": {"โทรศัพท์": "telephone", "จดหมาย": "letter"}},
        "legacy_reference": "เลขที่"}, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(path, rows):
    import csv

    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows([HEADING, *rows])
    return path


def cases(db):
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM complaints")).scalar()


def test_every_bad_row_is_reported_with_its_field_and_nothing_is_imported(
        db, actors, tmp_path, mapping):
    register = write_csv(tmp_path / "old.csv", [GOOD[0], BAD[0], GOOD[1], BAD[1]])
    report = import_register(db, actors["officer"], register, mapping)
    assert (report.rows, report.good, report.bad_rows, report.imported) == (4, 2, 2, 0)
    found = {(p.row, p.field) for p in report.problems}
    assert found == {(3, "received_at"), (5, "channel"), (5, "subject"),
                     (5, "complainant_name"), (5, "complainant_national_id"),
                     (5, "category_code")}
    assert cases(db) == 0
    set_language("th")
    reasons = {p.field: error_text(DomainError(p.message, **p.params)) for p in report.problems}
    assert reasons["received_at"] == "วันที่ไม่ถูกต้อง: 32/08/2566"


def test_the_good_rows_only_are_imported_when_asked_each_with_its_event(
        db, actors, tmp_path, mapping):
    register = write_csv(tmp_path / "old.csv", [GOOD[0], BAD[0], GOOD[1]])
    report = import_register(db, actors["officer"], register, mapping, good_rows_only=True)
    assert report.imported == 2 and len(report.references) == 2 and cases(db) == 2
    with db.engine.connect() as conn:
        data = [json.loads(r[0]) for r in conn.execute(
            text("SELECT data FROM events WHERE kind = 'record' ORDER BY id"))]
        channel = [tuple(r) for r in conn.execute(text("SELECT channel FROM complaints ORDER BY id"))]
    assert [(d["row"], d["legacy_reference"]) for d in data] == [(2, "66/001"), (4, "66/004")]
    assert channel == [("telephone",), ("line",)]
    assert run_check(db).ok


def test_an_xlsx_register_reads_like_a_csv(db, actors, tmp_path, mapping):
    book = Workbook()
    sheet = book.active
    for row in [HEADING, *GOOD]:
        sheet.append(row)
    book.save(tmp_path / "old.xlsx")
    report = import_register(db, actors["officer"], tmp_path / "old.xlsx", mapping)
    assert (report.problems, report.imported) == ([], 2)


def test_a_register_without_a_mapped_column_is_refused(db, actors, tmp_path, mapping):
    from complaint_desk.domain.errors import ValidationError

    path = tmp_path / "old.csv"
    path.write_text("วันที่,เรื่อง\n2567-01-01,x\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        import_register(db, actors["officer"], path, mapping)
    assert caught.value.params["column"] == "วันที่รับ"


def test_merged_title_rows_above_the_heading_are_skipped_and_rows_keep_their_sheet_numbers(
        db, actors, tmp_path, mapping):
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(["ทะเบียนรับเรื่องร้องเรียน ปีงบประมาณ 2566"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADING))
    sheet.append(["สำนักงานเคหะชุมชนทดสอบ"])
    sheet.append(HEADING)
    sheet.append(GOOD[0])
    sheet.append([])
    excel_date = list(GOOD[1])
    excel_date[1] = datetime(2023, 8, 21, 10, 0)  # an Excel date cell
    sheet.append(excel_date)
    book.save(tmp_path / "old.xlsx")
    report = import_register(db, actors["officer"], tmp_path / "old.xlsx", mapping)
    assert (report.problems, report.imported) == ([], 2)
    with db.engine.connect() as conn:
        rows = [json.loads(r[0])["row"] for r in conn.execute(
            text("SELECT data FROM events WHERE kind = 'record' ORDER BY id"))]
    assert rows == [4, 6]


def test_a_row_closed_before_it_was_received_is_refused_by_line_and_field_in_thai(
        db, actors, tmp_path, mapping):
    data = json.loads(mapping.read_text(encoding="utf-8"))
    data["columns"]["วันที่ปิด"] = "closed_at"
    mapping.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "old.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        import csv

        csv.writer(handle).writerows([[*HEADING, "วันที่ปิด"], [*GOOD[0], "20/08/2566"],
                                      [*GOOD[1], "1 สิงหาคม 2566"]])
    report = import_register(db, actors["officer"], path, mapping)
    assert [(p.row, p.field) for p in report.problems] == [(3, "closed_at")]
    assert report.imported == 0 and cases(db) == 0
    set_language("th")
    problem = report.problems[0]
    assert error_text(DomainError(problem.label)) == "วันที่ปิดเรื่อง"
    assert error_text(DomainError(problem.message, **problem.params)) == (
        "ปิดเรื่องก่อนวันที่รับเรื่อง: ปิด 1 สิงหาคม 2566 รับ 21 ส.ค. 2566")


def test_a_totals_row_at_the_bottom_is_skipped_not_refused(db, actors, tmp_path, mapping):
    register = write_csv(tmp_path / "old.csv", [GOOD[0], GOOD[1], ["รวม 2 เรื่อง"]])
    report = import_register(db, actors["officer"], register, mapping)
    assert (report.rows, report.problems, report.imported) == (2, [], 2)
