"""The intake form: inline Thai-first validation, nothing saved while invalid, duplicates
shown with links before saving, attachments stored by content."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from complaint_desk.gui.dialogs.intake_dialog import IntakeDialog
from complaint_desk.gui.labels import CategoryNames
from complaint_desk.i18n import set_language
from complaint_desk.services import case_list
from complaint_desk.services import complaints as svc
from complaint_desk.store.models import Attachment, ComplaintRow, EventRow
from complaint_desk.store.unit_of_work import UnitOfWork


def counts(db):
    with UnitOfWork(db, write=False) as uow:
        return tuple(uow.session.execute(select(func.count()).select_from(t)).scalar()
                     for t in (ComplaintRow, EventRow, Attachment))


def form(qtbot, db, actor, clock, tmp_path):
    dialog = IntakeDialog(db, actor, CategoryNames(case_list.reference_data(db).categories),
                          attachment_root=tmp_path / "data", clock=clock)
    qtbot.addWidget(dialog)
    return dialog


def save(dialog):
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def test_an_empty_form_marks_every_required_field_in_thai_and_saves_nothing(
        qtbot, db, actors, clock, tmp_path):
    set_language("th")
    dialog = form(qtbot, db, actors["officer"], clock, tmp_path)
    before = counts(db)
    save(dialog)
    assert dialog.error_of("subject") == "กรุณากรอกเรื่อง"
    assert dialog.error_of("description") != ""
    assert dialog.error_of("complainant_name") != ""
    assert "3" in dialog.summary.text()
    assert dialog.reference is None and counts(db) == before


def test_bad_national_id_phone_email_and_a_future_date_are_named_under_their_fields(
        qtbot, db, actors, clock, tmp_path, typist):
    dialog = form(qtbot, db, actors["officer"], clock, tmp_path)
    typist(dialog.subject, "ไฟดับ")
    typist(dialog.description, "ไฟดับทั้งชั้น")
    typist(dialog.name, "นายทดสอบ")
    typist(dialog.national_id, "1101700230709")
    typist(dialog.phone, "12345")
    typist(dialog.email, "not-an-address")
    dialog.received_date.set_date(datetime(2024, 8, 6).date())
    save(dialog)
    assert dialog.error_of("complainant_national_id") == \
        "National ID must be 13 digits with a valid check digit."
    assert dialog.error_of("complainant_phone").startswith("Phone number must be")
    assert dialog.error_of("complainant_email") == "Not a valid e-mail address."
    assert dialog.error_of("received_at") == "The date received cannot be in the future."
    assert dialog.error_of("subject") == ""
    assert counts(db) == (0, 0, 0)
    assert dialog.name.text() == "นายทดสอบ"  # what was typed stays


def test_a_message_appears_when_the_field_is_left_and_goes_when_corrected(
        qtbot, db, actors, clock, tmp_path, typist):
    dialog = form(qtbot, db, actors["officer"], clock, tmp_path)
    typist(dialog.email, "a@b")
    dialog.email.editingFinished.emit()
    assert dialog.error_of("complainant_email") == \
        "Not a valid e-mail address."
    assert dialog.error_of("subject") == ""  # not touched yet
    typist(dialog.email, ".co.th")
    assert dialog.error_of("complainant_email") == ""


def test_a_possible_duplicate_is_listed_with_a_link_and_saving_asks_first(
        qtbot, db, actors, clock, tmp_path, typist, make_intake, answer_no):
    first = svc.record_complaint(db, actors["officer"], make_intake(), clock=clock)
    dialog = form(qtbot, db, actors["officer"], clock, tmp_path)
    typist(dialog.subject, "หลังคารั่วอีกแล้ว")
    typist(dialog.description, "น้ำหยดเหมือนเดิม")
    typist(dialog.name, "นางสาวทดสอบ ตัวอย่างงาม")
    hints = dialog.check_duplicates()
    assert [h.reference for h in hints] == [first] and hints[0].same_complainant
    assert f"case:{first}" in dialog.duplicate_panel.text()
    with qtbot.waitSignal(dialog.case_link_clicked) as clicked:
        dialog.duplicate_panel.linkActivated.emit(f"case:{first}")
    assert clicked.args == [first]
    save(dialog)
    assert answer_no and dialog.reference is None
    assert counts(db)[0] == 1


def test_attachments_are_copied_by_content_and_listed_on_the_case(
        qtbot, db, actors, clock, tmp_path, typist):
    letter = tmp_path / "จดหมาย.pdf"
    letter.write_bytes(b"%PDF-1.4 letter")
    dialog = form(qtbot, db, actors["officer"], clock, tmp_path)
    dialog.anonymous.setChecked(True)
    typist(dialog.subject, "ขยะไม่เก็บ")
    typist(dialog.description, "ขยะตกค้างสามวัน")
    assert dialog.add_attachment(letter)
    save(dialog)
    detail = case_list.case_detail(db, actors["officer"], dialog.reference)
    assert [a.filename for a in detail.attachments] == ["จดหมาย.pdf"]
    sha = detail.attachments[0].sha256
    assert (tmp_path / "data" / "attachments" / sha[:2] / sha).read_bytes() == b"%PDF-1.4 letter"
    assert [e.kind for e in detail.timeline] == ["attach", "record"]
