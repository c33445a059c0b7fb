"""First start: the office is asked for, a bad code is named, demo data is made off the GUI
thread with progress."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressDialog

from complaint_desk.gui.dialogs.first_start_dialog import FirstStartDialog
from complaint_desk.services.offices import is_initialised
from complaint_desk.store.database import open_database


def test_a_bad_office_code_is_named_and_the_database_stays_empty(qtbot, tmp_path):
    db = open_database(tmp_path / "new.db")
    dialog = FirstStartDialog(db)
    qtbot.addWidget(dialog)
    dialog.code.setText("1X")
    dialog.name.setText("สำนักงานทดสอบ")
    dialog.accept()
    assert "Office code must be" in dialog.error.text()
    assert not is_initialised(db)
    db.dispose()


def test_the_office_is_created_and_demo_cases_are_generated_in_the_background(
        qtbot, tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(QProgressDialog, "exec", lambda self: seen.append(self.maximum()))
    db = open_database(tmp_path / "new.db")
    dialog = FirstStartDialog(db)
    qtbot.addWidget(dialog)
    dialog.code.setText("bkk9")
    dialog.name.setText("สำนักงานทดสอบ 9")
    dialog.password.first.setText("ปลอดภัยดี-2567")
    dialog.password.again.setText("ปลอดภัยดี-2567")
    dialog.demo.setChecked(True)
    dialog.demo_count.setValue(300)
    with qtbot.waitSignal(dialog.finished, timeout=30000):
        dialog.accept()
    assert dialog.task is not None and dialog.task.done.is_set()
    assert seen == [300]
    from complaint_desk.services import case_list

    assert case_list.reference_data(db).offices == [("BKK9", "สำนักงานทดสอบ 9")]
    from sqlalchemy import text

    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM complaints")).scalar() == 300
    db.dispose()
