"""Administration → Office: each particular typed into the real dialog prints on the next
letter (or report); the emblem chosen is previewed and lands in the PDF; a bad emblem file is
refused in Thai, naming the field, and nothing is stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from complaint_desk.bootstrap import wall_clock
from complaint_desk.gui.dialogs.office_dialog import OfficeDialog
from complaint_desk.i18n import set_language
from complaint_desk.services import case_documents, reports
from tests.gui.conftest import type_text
from tests.reports.pdf_checks import pypdf_text, squeeze
from tests.services.test_case_documents import case  # noqa: F401  (the fixture)
from tests.services.test_office_settings import images_in, png, settings_rows

# key, what is typed, where it prints, what the PDF's text shows (spaces squeezed out)
PRINTED = [
    ("office_name", "สำนักงานเคหะชุมชนขอนแก่น", "letter", "สำนักงานเคหะชุมชนขอนแก่น"),
    ("office_name_en", "Khon Kaen Housing Office", "letter-en", "KhonKaenHousingOffice"),
    ("office_address", "99 ถนนมิตรภาพ\nขอนแก่น 40000", "letter", "99ถนนมิตรภาพขอนแก่น40000"),
    ("office_phone", "043 123 456", "letter", "043123456"),
    ("office_email", "kkn@example.org", "letter", "kkn@example.org"),
    ("letter_number_prefix", "กคช 1234/", "letter", "กคช1234/"),
    ("letter_signer_name", "นายสมชาย ใจดี", "letter", "(นายสมชายใจดี)"),
    ("letter_signer_position", "ผู้อำนวยการสำนักงาน", "letter", "ผู้อำนวยการสำนักงาน"),
    ("report_signer_name", "นางสาวมาลี รักงาน", "report", "(นางสาวมาลีรักงาน)"),
    ("report_signer_position", "หัวหน้างานบริการ", "report", "หัวหน้างานบริการ"),
    ("letter_contact", "งานรับเรื่องร้องเรียน โทร 1234", "letter", "งานรับเรื่องร้องเรียนโทร1234"),
]


def typed_into(dialog: OfficeDialog, key: str, value: str) -> None:
    widget = dialog.fields[key]
    if isinstance(widget, QPlainTextEdit):
        widget.setFocus()
        for number, line in enumerate(value.split("\n")):
            if number:
                widget.insertPlainText("\n")
            widget.insertPlainText(line)
    else:
        widget.clear()
        type_text(widget, value)


@pytest.mark.parametrize(("key", "value", "where", "shown"), PRINTED,
                         ids=[row[0] for row in PRINTED])
def test_a_particular_set_in_the_dialog_prints_on_the_next_document(
        qtbot, db, actors, case, tmp_path, thai, key, value, where, shown):  # noqa: F811
    dialog = OfficeDialog(db, actors["admin"])
    qtbot.addWidget(dialog)
    typed_into(dialog, key, value)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == OfficeDialog.DialogCode.Accepted, dialog.error.text()
    pdf = tmp_path / "out.pdf"
    if where == "report":
        reports.write_monthly_report(db, actors["supervisor"], 2024, 8, pdf)
    else:
        if where == "letter-en":
            set_language("en")
        case_documents.write_ack_letter(db, actors["officer"], case, pdf)
    assert shown in squeeze(pypdf_text(pdf))


def test_the_emblem_chosen_is_previewed_and_printed_on_the_letter(qtbot, db, actors, case,  # noqa: F811
                                                                   tmp_path):
    image = tmp_path / "emblem.png"
    image.write_bytes(png((120, 80)))
    dialog = OfficeDialog(db, actors["admin"])
    qtbot.addWidget(dialog)
    assert dialog.preview.pixmap().isNull()
    assert dialog.load_logo(str(image))
    assert not dialog.preview.pixmap().isNull()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "letter.pdf"
    case_documents.write_ack_letter(db, actors["officer"], case, pdf)
    assert len(images_in(pdf)) == 1


@pytest.mark.parametrize(("content", "words"), [
    (b"not a picture at all", "ตราสัญลักษณ์"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * (20 * 1024 * 1024), "ตราสัญลักษณ์"),
], ids=["not-an-image", "20-MB"])
def test_a_bad_emblem_file_is_refused_in_thai_and_nothing_is_stored(qtbot, db, actors,
                                                                     tmp_path, thai, content,
                                                                     words):
    before = settings_rows(db)
    bad = tmp_path / "emblem.png"
    bad.write_bytes(content)
    dialog = OfficeDialog(db, actors["admin"])
    qtbot.addWidget(dialog)
    assert not dialog.load_logo(str(bad))
    assert words in dialog.error.text() and not dialog.error.isHidden()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert settings_rows(db) == before


def test_a_bad_value_keeps_the_dialog_open_with_a_thai_message(qtbot, db, actors, thai):
    before = settings_rows(db)
    dialog = OfficeDialog(db, actors["admin"])
    qtbot.addWidget(dialog)
    typed_into(dialog, "office_address", "ที่อยู่ใหม่")
    typed_into(dialog, "office_email", "ไม่ใช่อีเมล")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != OfficeDialog.DialogCode.Accepted
    assert "อีเมล" in dialog.error.text()
    assert settings_rows(db) == before


def test_a_supervisor_sees_the_particulars_but_cannot_change_them(qtbot, db, actors):
    dialog = OfficeDialog(db, actors["supervisor"])
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert not any(widget.isEnabled() for widget in dialog.fields.values())


def first_day_dialogs(qtbot, db, actor, tmp_path, monkeypatch) -> list:
    from PySide6.QtWidgets import QDialog

    from complaint_desk.gui.features import first_day, install_features
    from complaint_desk.gui.main_window import MainWindow

    seen: list[QDialog] = []

    def fake_exec(self):
        seen.append(self)
        self.done(0)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    window = MainWindow(db, actor, attachment_root=tmp_path, clock=wall_clock)
    install_features(window)
    qtbot.addWidget(window)
    first_day(window)
    return seen


def test_the_first_day_asks_for_the_office_then_offers_the_register_import(
        qtbot, db, actors, tmp_path, monkeypatch, answer_yes):
    from complaint_desk.gui.dialogs.register_import_dialog import RegisterImportDialog

    seen = first_day_dialogs(qtbot, db, actors["admin"], tmp_path, monkeypatch)
    assert [type(d) for d in seen] == [OfficeDialog, RegisterImportDialog]
    assert len(answer_yes) == 1


def test_the_first_day_import_can_be_declined(qtbot, db, actors, tmp_path, monkeypatch,
                                              answer_no):
    seen = first_day_dialogs(qtbot, db, actors["admin"], tmp_path, monkeypatch)
    assert [type(d) for d in seen] == [OfficeDialog]
