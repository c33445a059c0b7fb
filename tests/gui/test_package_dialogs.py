"""The export and import dialogs over real databases: work off the GUI thread, progress,
cancel leaving nothing behind, the report shown and saved."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from complaint_desk.gui.dialogs.package_export_dialog import PackageExportDialog
from complaint_desk.gui.dialogs.package_import_dialog import PackageImportDialog
from complaint_desk.i18n import set_language
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.exchange_keys import export_public_key, trust_office
from complaint_desk.services.exchange_service import PackageExchange
from complaint_desk.services.offices import init_office
from complaint_desk.services.users import actor_for
from complaint_desk.store.database import open_database


@pytest.fixture
def office_and_hq(tmp_path):
    office = open_database(tmp_path / "office.db")
    init_office(office, code="BKK1", name="สำนักงานทดสอบ")
    generate_demo(office, 150, seed=3, today=date(2024, 12, 20))
    hq = open_database(tmp_path / "hq.db")
    init_office(hq, code="HQ", name="สำนักงานใหญ่", hq=True)
    export_public_key(office, tmp_path / "bkk1.key")
    trust_office(hq, actor_for(hq, "admin"), "BKK1", tmp_path / "bkk1.key")
    set_language("th")
    yield office, hq
    office.dispose()
    hq.dispose()


def rows(db, table):
    with sqlite3.connect(db.path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()


def test_the_export_dialog_writes_the_package_off_the_gui_thread(qtbot, office_and_hq, tmp_path):
    office, _hq = office_and_hq
    dialog = PackageExportDialog(PackageExchange(office, actor_for(office, "bkk1.clerk")))
    qtbot.addWidget(dialog)
    assert not dialog.personal.isEnabled()  # a clerk may not include personal data
    dialog.file_edit.setText(str(tmp_path / "out.cdpkg"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=20000)
    assert (tmp_path / "out.cdpkg").exists()
    assert dialog.result.complaints == 150
    assert "out.cdpkg" in dialog.status.text() and "150" in dialog.status.text()


def test_cancelling_an_export_leaves_no_file_and_no_log(qtbot, office_and_hq, tmp_path):
    office, _hq = office_and_hq
    dialog = PackageExportDialog(PackageExchange(office, actor_for(office, "bkk1.clerk")))
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(tmp_path / "out.cdpkg"))
    dialog.start()
    dialog.cancel()  # before the first progress report: the job stops at its first check
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=20000)
    assert not (tmp_path / "out.cdpkg").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
    assert rows(office, "exchange_exports") == []
    assert dialog.status.text() == "ยกเลิกแล้ว: ไม่มีการเปลี่ยนแปลงข้อมูล"


def test_a_bad_starting_date_is_named_in_thai(qtbot, office_and_hq, tmp_path):
    office, _hq = office_and_hq
    dialog = PackageExportDialog(PackageExchange(office, actor_for(office, "bkk1.clerk")))
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(tmp_path / "out.cdpkg"))
    dialog.since.setChecked(True)
    dialog.since_edit.setText("31/02/2567")
    dialog.start()
    assert dialog.start_button.isEnabled() and "วันที่ไม่ถูกต้อง" in dialog.status.text()


def test_the_import_dialog_shows_and_saves_the_report(qtbot, office_and_hq, tmp_path):
    office, hq = office_and_hq
    PackageExchange(office, actor_for(office, "bkk1.clerk")).export(tmp_path / "p.cdpkg")
    dialog = PackageImportDialog(PackageExchange(hq, actor_for(hq, "admin")))
    qtbot.addWidget(dialog)
    dialog.add_files([str(tmp_path / "p.cdpkg"), str(tmp_path / "p.cdpkg")])
    dialog.start()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=20000)
    text = dialog.report.toPlainText()
    assert "ใหม่ 150 เรื่อง" in text and "นำเข้าแล้วก่อนหน้านี้" in text
    dialog.save_report(tmp_path / "report.txt")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").strip() == text.strip()
    assert (tmp_path / "report.json").exists()


class CancellingExchange(PackageExchange):
    """Asks the dialog to cancel at the import's first progress report (a boundary fake)."""

    dialog: PackageImportDialog

    def import_one(self, path, progress=None):
        def first_cancels(done, total):
            self.dialog.work.cancel()
            return progress(done, total)
        return super().import_one(path, first_cancels)


def test_cancelling_an_import_leaves_the_database_unchanged(qtbot, office_and_hq, tmp_path):
    office, hq = office_and_hq
    PackageExchange(office, actor_for(office, "bkk1.clerk")).export(tmp_path / "p.cdpkg")
    before = {t: rows(hq, t) for t in ("complaints", "events", "exchange_imports", "audit_log")}
    exchange = CancellingExchange(hq, actor_for(hq, "admin"))
    dialog = PackageImportDialog(exchange)
    exchange.dialog = dialog
    qtbot.addWidget(dialog)
    dialog.add_files([str(tmp_path / "p.cdpkg")])
    dialog.start()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=20000)
    assert {t: rows(hq, t) for t in before} == before
    assert "ยกเลิกแล้ว" in dialog.status.text()
