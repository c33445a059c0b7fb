"""The AAR editor saves the draft through the service, shows errors, and locks a final AAR."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox

from complaint_desk.domain import aar as rules
from complaint_desk.gui.dialogs.aar_editor_dialog import AarEditorDialog
from complaint_desk.services import aar
from complaint_desk.services.demo import generate_demo


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
def test_typing_and_saving_writes_the_draft(qtbot, db, actors, tmp_path):
    dialog = AarEditorDialog(db, actors["supervisor"], 2024)
    qtbot.addWidget(dialog)
    dialog.texts["objectives"].setPlainText("1. เพื่อปรับปรุงกระบวนการ")
    dialog.participants.setPlainText("นายหนึ่ง ทดสอบ | ผู้อำนวยการกอง")
    dialog.dates["recorded_on"].setText("1 ส.ค. 2567")
    dialog.reasons[rules.AarReason.LAW].setChecked(True)
    assert dialog.save()
    record = aar.get_aar(db, 2024)
    assert record.text("objectives") == "1. เพื่อปรับปรุงกระบวนการ"
    assert record.participants == (rules.Participant("นายหนึ่ง ทดสอบ", "ผู้อำนวยการกอง"),)
    assert record.dates["recorded_on"] == date(2024, 8, 1)
    assert record.reasons == frozenset({rules.AarReason.LAW})
    assert dialog.state.text() == "Draft"
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "aar-editor.png"))


def test_a_bad_date_is_shown_and_nothing_is_saved(qtbot, db, actors, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    dialog = AarEditorDialog(db, actors["supervisor"], 2024)
    qtbot.addWidget(dialog)
    dialog.dates["signed_on"].setText("31/02/2567")
    assert not dialog.save()
    assert shown == ["Not a valid date: 31/02/2567"]
    assert aar.get_aar(db, 2024).version == 0


def test_suggestions_fill_only_the_empty_parts_of_section_10(qtbot, db, actors):
    generate_demo(db, 300, seed=2, today=date(2024, 12, 20))
    dialog = AarEditorDialog(db, actors["supervisor"], 2024)
    qtbot.addWidget(dialog)
    dialog.texts["problems"].setPlainText("ของเรา")
    dialog.fill_suggestions()
    assert dialog.texts["improvements"].toPlainText().startswith("1. ")
    assert dialog.texts["problems"].toPlainText() == "ของเรา"


def test_finalising_locks_the_editor(qtbot, db, actors, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    dialog = AarEditorDialog(db, actors["supervisor"], 2024)
    qtbot.addWidget(dialog)
    dialog.texts["signer_name"].setText("นางสาวทดสอบ ตัวอย่าง")
    dialog.participants.setPlainText("นายหนึ่ง ทดสอบ")
    dialog.finalise()
    assert aar.get_aar(db, 2024).is_final
    assert dialog.texts["objectives"].isReadOnly() and not dialog.save_button.isEnabled()
