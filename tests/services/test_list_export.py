"""The list to XLSX and to CSV for people: Thai headings, BE dates, the filters applied."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from complaint_desk.domain.errors import PermissionDenied
from complaint_desk.i18n import set_language
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.list_export import ListFilters, export_list


@pytest.fixture
def filled(db):
    generate_demo(db, 400, seed=5, today=date(2024, 12, 20))
    set_language("th")
    return db


def rows(db, sql):
    """Read behind the program's back, on either engine."""
    with db.engine.connect() as conn:
        return conn.execute(text(sql)).all()


def count(db, where):
    return rows(db, f"SELECT count(*) FROM complaints WHERE {where}")[0][0]


def test_the_workbook_has_thai_headings_be_dates_a_frozen_header_and_widths(
        filled, actors, tmp_path):
    out = tmp_path / "list.xlsx"
    filters = ListFilters(statuses=("closed",), levels=(2, 3), received_from=date(2024, 1, 1),
                          received_to=date(2024, 6, 30))
    written = export_list(filled, actors["clerk"], out, filters=filters)
    assert written == count(filled, "status = 'closed' AND level IN (2, 3) AND received_at >= "
                                    "'2024-01-01' AND received_at < '2024-07-01'") > 0
    sheet = load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    heading = [c.value for c in sheet[1]]
    assert heading[:3] == ["เลขที่อ้างอิง", "สำนักงาน", "วันที่รับเรื่อง"]
    assert sheet.column_dimensions["E"].width == 40
    first = [c.value for c in sheet[2]]
    assert first[2].split()[2] == "2567" and first[8] == "ปิดเรื่องแล้ว"
    assert sheet.max_row == written + 1


def test_the_csv_for_people_opens_in_excel_with_thai_intact(filled, actors, tmp_path):
    out = tmp_path / "list.csv"
    written = export_list(filled, actors["clerk"], out, kind="csv",
                          filters=ListFilters(channels=("line",)))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == written == count(filled, "channel = 'line'")
    assert {r["ช่องทาง"] for r in rows} == {"LINE"}
    assert all(r["วันที่รับเรื่อง"].split()[2] in ("2564", "2565", "2566", "2567") for r in rows)


def test_personal_columns_need_a_role_that_may_export_them(filled, actors, tmp_path):
    with pytest.raises(PermissionDenied):
        export_list(filled, actors["clerk"], tmp_path / "p.xlsx", include_personal=True)
    assert not (tmp_path / "p.xlsx").exists()
    export_list(filled, actors["supervisor"], tmp_path / "p.xlsx", include_personal=True)
    heading = [c.value for c in load_workbook(tmp_path / "p.xlsx").active[1]]
    assert "เลขประจำตัวประชาชน" in heading
    assert count(filled, "1 = 1") and rows(
        filled, "SELECT count(*) FROM audit_log WHERE kind = 'export_personal_data'")[0][0] == 1


def test_a_cancelled_export_leaves_no_file(filled, actors, tmp_path):
    from complaint_desk.exchange.progress import Cancelled

    generate_demo(filled, 800, seed=6, today=date(2024, 12, 20))  # past the first progress tick
    for kind in ("csv", "xlsx"):
        with pytest.raises(Cancelled):
            export_list(filled, actors["clerk"], tmp_path / f"c.{kind}", kind=kind,
                        progress=lambda done, total: False)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("office.db")) == []


def test_protected_complainants_stay_hidden_from_a_supervisor_below_their_level(
        filled, actors, tmp_path):
    hidden = {r[0] for r in rows(
        filled, "SELECT reference FROM complaints WHERE (about_staff = TRUE OR category_code IN "
        "('corruption', 'staff_conduct')) AND level = 4 AND complainant_name IS NOT NULL")}
    assert hidden
    export_list(filled, actors["supervisor"], tmp_path / "p.xlsx", include_personal=True)
    sheet = load_workbook(tmp_path / "p.xlsx").active
    heading = [c.value for c in sheet[1]]
    name_at = heading.index("ผู้ร้องเรียน")
    names = {row[0]: row[name_at] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert all(not names[reference] for reference in hidden)
    assert any(names.values())  # the others are there
