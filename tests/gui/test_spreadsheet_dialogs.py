"""The list export and register import dialogs over a real database."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook

from complaint_desk.gui.dialogs.list_export_dialog import ListExportDialog
from complaint_desk.gui.dialogs.register_import_dialog import RegisterImportDialog
from complaint_desk.i18n import set_language
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.exchange_service import SpreadsheetExchange
from complaint_desk.services.list_export import ListFilters
from complaint_desk.services.offices import init_office
from complaint_desk.services.users import actor_for
from complaint_desk.store.database import open_database


@pytest.fixture
def office(tmp_path):
    db = open_database(tmp_path / "office.db")
    init_office(db, code="BKK1", name="สำนักงานทดสอบ")
    generate_demo(db, 120, seed=4, today=date(2024, 12, 20))
    set_language("th")
    yield db
    db.dispose()


def wait(qtbot, button):
    qtbot.waitUntil(button.isEnabled, timeout=20000)


def test_the_list_is_saved_with_the_filters_the_window_passes(qtbot, office, tmp_path):
    dialog = ListExportDialog(SpreadsheetExchange(office, actor_for(office, "bkk1.clerk")),
                              ListFilters(statuses=("closed",)))
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(tmp_path / "list.xlsx"))
    dialog.start()
    wait(qtbot, dialog.start_button)
    with sqlite3.connect(office.path) as conn:
        closed = conn.execute("SELECT count(*) FROM complaints WHERE status = 'closed'").fetchone()
    assert dialog.written == closed[0]
    assert load_workbook(tmp_path / "list.xlsx").active.max_row == closed[0] + 1
    dialog.format.setCurrentIndex(1)
    assert dialog.file_edit.text().endswith("list.csv")


HEADING = "วันที่รับ,ช่องทาง,เรื่อง,รายละเอียด,ชื่อผู้ร้อง\n"


def register(tmp_path, lines):
    (tmp_path / "old.csv").write_text(HEADING + "".join(lines), encoding="utf-8-sig")
    (tmp_path / "map.json").write_text(json.dumps({"columns": {
        "วันที่รับ": "received_at", "ช่องทาง": "channel", "เรื่อง": "subject",
        "รายละเอียด": "description", "ชื่อผู้ร้อง": "complainant_name"}}, ensure_ascii=False),
        encoding="utf-8")


def test_a_register_is_checked_then_only_the_good_rows_imported_when_ticked(
        qtbot, office, tmp_path):
    register(tmp_path, ["1/08/2566,letter,น้ำรั่ว,น้ำรั่วจากฝ้า,นายหนึ่ง ทดสอบ\n",
                        "2/08/2566,pigeon,ไฟดับ,ไฟดับทั้งชั้น,นายสอง ทดสอบ\n"])
    dialog = RegisterImportDialog(SpreadsheetExchange(office, actor_for(office, "bkk1.officer")))
    qtbot.addWidget(dialog)
    dialog.register_edit.setText(str(tmp_path / "old.csv"))
    dialog.mapping_edit.setText(str(tmp_path / "map.json"))
    dialog.check_button.click()
    wait(qtbot, dialog.check_button)
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in range(3)] == [
        "3", "ช่องทาง", "ไม่รู้จักช่องทาง: pigeon"]
    assert not dialog.import_button.isEnabled()  # not clean: the user must choose
    dialog.save_report(tmp_path / "report.csv")
    assert "ไม่รู้จักช่องทาง" in (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    dialog.good_only.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    wait(qtbot, dialog.check_button)
    assert dialog.imported.imported == 1
    with sqlite3.connect(office.path) as conn:
        assert conn.execute("SELECT count(*) FROM complaints WHERE subject = 'น้ำรั่ว'"
                            ).fetchone()[0] == 1
