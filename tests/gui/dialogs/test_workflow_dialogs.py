"""A whole case through the real dialogs over real services: record → acknowledge → assess →
assign level → note → respond → close → review reopens → respond → close. After each step the
database and the timeline shown in the detail pane are checked."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QTime

from complaint_desk.domain.complaint import Status
from complaint_desk.gui.dialogs import steps
from complaint_desk.gui.dialogs.assign_level_dialog import AssignLevelDialog
from complaint_desk.gui.dialogs.intake_dialog import IntakeDialog
from complaint_desk.gui.labels import CategoryNames
from complaint_desk.gui.widgets.detail_pane import DetailPane
from complaint_desk.services import case_list
from complaint_desk.services import complaints as svc
from complaint_desk.store.models import EventRow
from complaint_desk.store.unit_of_work import UnitOfWork


def event_kinds(db, reference):
    with UnitOfWork(db, write=False) as uow:
        row = uow.complaint_row(reference)
        return [e.kind for e in uow.session.query(EventRow).filter_by(complaint_id=row.id)
                .order_by(EventRow.id)]


def test_a_case_goes_through_every_step_and_a_review_by_the_dialogs(
        qtbot, db, actors, clock, typist, answer_yes, tmp_path):
    refdata = case_list.reference_data(db)
    categories = CategoryNames(refdata.categories)
    pane = DetailPane(categories)
    qtbot.addWidget(pane)

    def shown(reference, actor):
        pane.show_case(case_list.case_detail(db, actor, reference), actor.role)
        return pane.timeline.toPlainText()

    def step(kind, actor, reference, fill, **extra):
        complaint = svc.get_complaint(db, reference)
        dialog = kind(db, actor, complaint, clock=clock, **extra)
        qtbot.addWidget(dialog)
        fill(dialog)
        dialog.ok_button().click()
        assert dialog.error.isHidden(), dialog.error.text()
        assert dialog.result() == dialog.DialogCode.Accepted
        return svc.get_complaint(db, reference)

    # Record, typing Thai as an input method would.
    intake = IntakeDialog(db, actors["officer"], categories, attachment_root=tmp_path / "data",
                          clock=clock)
    qtbot.addWidget(intake)
    intake.received_time.setTime(QTime(9, 0))
    typist(intake.subject, "หลังคารั่วซึม")
    typist(intake.description, "ฝนตกแล้วน้ำหยดในห้องนอน")
    typist(intake.name, "นางสาวทดสอบ ตัวอย่างงาม")
    typist(intake.national_id, "1101700230708")
    typist(intake.project, "เคหะชุมชนทดสอบ")
    intake.buttons.button(intake.buttons.StandardButton.Save).click()
    reference = intake.reference
    assert reference == "BKK1-2567-00001"
    c = svc.get_complaint(db, reference)
    assert (c.status, c.subject, c.complainant_name) == (
        Status.RECEIVED, "หลังคารั่วซึม", "นางสาวทดสอบ ตัวอย่างงาม")
    assert "Record complaint" in shown(reference, actors["officer"])
    assert pane.buttons[steps.Action.ACKNOWLEDGE].isEnabled()
    assert not pane.buttons[steps.Action.RESPOND].isEnabled()

    clock.now += timedelta(hours=1)
    c = step(steps.AcknowledgeDialog, actors["officer"], reference, lambda d: None)
    assert c.status is Status.ACKNOWLEDGED and c.acknowledged_at == clock.now
    assert shown(reference, actors["officer"]).startswith("5 Aug 2567 10:30 · Acknowledge")

    def accept_as_repair(d):
        d.category.setCurrentIndex(d.category.findData("repair"))
        d.severity.setCurrentIndex(d.severity.findData("high"))
    c = step(steps.AssessDialog, actors["officer"], reference, accept_as_repair,
             categories=categories)
    assert (c.status, c.category_code, c.severity.value) == (Status.ASSESSED, "repair", "high")
    assert "Assess" in shown(reference, actors["officer"]).splitlines()[0]

    def level_two(d):
        d.level.setCurrentIndex(d.level.findData(2))
        d.unit.setCurrentText("กองซ่อมบำรุง")
        d.person.setText("นายช่าง ซ่อมดี")
        assert d.due.text() == "27 Aug 2567"  # 15 working days; 12 Aug is a holiday
    c = step(AssignLevelDialog, actors["supervisor"], reference, level_two,
             levels=case_list.reference_data(db).levels, units=refdata.units)
    assert (c.status, c.level, c.due_on, c.responsible_person) == (
        Status.INVESTIGATING, 2, date(2024, 8, 27), "นายช่าง ซ่อมดี")
    assert "Assign level" in shown(reference, actors["supervisor"]).splitlines()[0]

    c = step(steps.NoteDialog, actors["handler"], reference,
             lambda d: typist(d.text, "ลงพื้นที่ตรวจสอบแล้ว พบรอยรั่วที่หลังคา"))
    assert "ลงพื้นที่ตรวจสอบแล้ว" in shown(reference, actors["handler"])

    def answer(d):
        typist(d.decision, "ซ่อมหลังคา")
        typist(d.reasons, "ตรวจพบความเสียหายจริง")
        typist(d.redress, "ซ่อมฟรี")
    c = step(steps.RespondDialog, actors["handler"], reference, answer)
    assert (c.status, c.decision, c.redress) == (Status.RESPONDED, "ซ่อมหลังคา", "ซ่อมฟรี")

    def not_satisfied(d):
        d.accepts.setCurrentIndex(d.accepts.findData(False))
        d.satisfaction.setCurrentIndex(d.satisfaction.findData(2))
    answer_yes.clear()
    c = step(steps.CloseDialog, actors["supervisor"], reference, not_satisfied)
    assert answer_yes, "closing asks first"
    assert (c.status, c.satisfaction, c.complainant_accepts) == (Status.CLOSED, 2, False)
    assert pane.buttons[steps.Action.START_REVIEW].isEnabled() is False  # pane not refreshed
    shown(reference, actors["officer"])
    assert pane.buttons[steps.Action.START_REVIEW].isEnabled()

    clock.now = datetime(2024, 8, 20, 9, 0)
    c = step(steps.StartReviewDialog, actors["officer"], reference, lambda d: None)
    assert (c.status, c.level, c.review_count) == (Status.UNDER_REVIEW, 3, 1)
    assert c.closed_at is None
    assert "Start review" in shown(reference, actors["officer"]).splitlines()[0]

    def review_answer(d):
        typist(d.decision, "เปลี่ยนหลังคาทั้งหมด")
        typist(d.reasons, "ผลการทบทวน")
        typist(d.outcome, "รับข้อทบทวน")
    c = step(steps.RespondDialog, actors["supervisor"], reference, review_answer)
    assert (c.status, c.review_outcome) == (Status.RESPONDED, "รับข้อทบทวน")

    c = step(steps.CloseDialog, actors["supervisor"], reference,
             lambda d: d.satisfaction.setCurrentIndex(d.satisfaction.findData(5)))
    assert (c.status, c.satisfaction) == (Status.CLOSED, 5)
    assert event_kinds(db, reference) == [
        "record", "acknowledge", "assess", "assign_level", "add_note", "respond", "close",
        "start_review", "respond", "close"]
    timeline = shown(reference, actors["officer"])
    assert timeline.index("Close") < timeline.index("Start review") < timeline.index("Record")


def test_a_refused_step_shows_the_reason_keeps_the_form_and_changes_nothing(
        qtbot, db, actors, clock, typist):
    reference = svc.record_complaint(db, actors["officer"], _intake(), clock=clock)
    svc.acknowledge(db, actors["officer"], reference, clock=clock)
    svc.assess(db, actors["officer"], reference, accepted=True, category_code="repair",
               clock=clock)
    complaint = svc.assign_level(db, actors["supervisor"], reference, level=2,
                                 responsible_unit="กองซ่อมบำรุง", clock=clock)
    complaint = svc.get_complaint(db, reference)
    dialog = steps.RespondDialog(db, actors["handler"], complaint, clock=clock)
    qtbot.addWidget(dialog)
    typist(dialog.decision, "ซ่อมให้")  # no reasons: required
    dialog.ok_button().click()
    assert dialog.error.text() == "Reasons for the decision is required."
    assert dialog.decision.toPlainText() == "ซ่อมให้"
    assert dialog.result() != dialog.DialogCode.Accepted
    assert svc.get_complaint(db, reference).status is Status.INVESTIGATING


def test_a_step_on_a_case_changed_meanwhile_is_refused_and_nothing_is_written(
        qtbot, db, actors, clock, answer_yes):
    reference = svc.record_complaint(db, actors["officer"], _intake(), clock=clock)
    stale = svc.get_complaint(db, reference)
    svc.acknowledge(db, actors["officer"], reference, clock=clock)
    dialog = steps.WithdrawDialog(db, actors["officer"], stale, clock=clock)
    qtbot.addWidget(dialog)
    dialog.ok_button().click()
    assert answer_yes, "withdrawing asks first"
    assert "was changed by someone else" in dialog.error.text()
    assert svc.get_complaint(db, reference).status is Status.ACKNOWLEDGED


def test_answering_no_to_the_confirmation_leaves_the_case_open(qtbot, db, actors, clock,
                                                               answer_no):
    reference = svc.record_complaint(db, actors["officer"], _intake(), clock=clock)
    dialog = steps.WithdrawDialog(db, actors["officer"], svc.get_complaint(db, reference),
                                  clock=clock)
    qtbot.addWidget(dialog)
    dialog.ok_button().click()
    assert answer_no and dialog.result() != dialog.DialogCode.Accepted
    assert svc.get_complaint(db, reference).status is Status.RECEIVED


def _intake():
    from complaint_desk.domain.intake import Intake

    return Intake(channel="line", received_at=datetime(2024, 8, 5, 9, 0), subject="ไฟดับ",
                  description="ไฟดับทั้งชั้น", complainant_anonymous=True)
