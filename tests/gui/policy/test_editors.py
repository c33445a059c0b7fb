"""The management-record editors with real services over a temporary database."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from complaint_desk.gui.policy.editors import (
    CascadeWidget,
    CorrectiveActionsWidget,
    PublicationPlanWidget,
    RootCausesWidget,
)
from complaint_desk.gui.policy.policy_dialog import PolicyVersionDialog
from complaint_desk.services import improvement, indicators, policy


def fill(form, **texts):
    for name, text in texts.items():
        form.editors[name].setText(text)


def test_a_policy_checked_in_the_dialog_is_saved_with_its_elements(qtbot, db, actors):
    dialog = PolicyVersionDialog(db, actors["supervisor"])
    qtbot.addWidget(dialog)
    fill(dialog, title="นโยบายการจัดการข้อร้องเรียน", version="2567.1", approved_on="15/05/2567")
    for code in ("purpose", "scope", "commitment"):
        dialog.items[code].setCheckState(0, Qt.CheckState.Checked)
    dialog.items["purpose"].setText(1, "ข้อ 1")
    assert dialog.completeness.text() == "Complete components: 1 of 4"
    dialog.accept()
    saved = policy.list_policy_versions(db)[0]
    assert saved.approved_on == date(2024, 5, 15)
    assert saved.elements == {"purpose": "ข้อ 1", "scope": None, "commitment": None}


def test_a_bad_date_is_named_and_nothing_is_saved(qtbot, db, actors, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    dialog = PolicyVersionDialog(db, actors["supervisor"])
    qtbot.addWidget(dialog)
    fill(dialog, title="นโยบาย", version="1", approved_on="31/02/2567")
    dialog.accept()
    assert shown == ["Approved on: Not a valid date: 31/02/2567"]
    assert policy.list_policy_versions(db) == []
    assert dialog.result() == 0


def test_a_role_that_may_not_change_the_plan_is_told_so(qtbot, db, actors, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    widget = PublicationPlanWidget(db, actors["officer"], 2024)
    qtbot.addWidget(widget)
    form = widget.make_form(None)
    fill(form, description="เว็บไซต์", planned_on="01/02/2567")
    form.accept()
    assert shown and "officer" in shown[0]
    assert policy.list_publications(db) == []


def test_the_plan_table_lists_what_was_saved_through_its_form(qtbot, db, actors):
    widget = PublicationPlanWidget(db, actors["supervisor"], 2024)
    qtbot.addWidget(widget)
    form = widget.make_form(None)
    form.editors["channel"].setCurrentIndex(form.editors["channel"].findData("website"))
    form.editors["audience"].setCurrentIndex(form.editors["audience"].findData("outside"))
    fill(form, description="เผยแพร่บนเว็บไซต์", planned_on="01/02/2567", done_on="2024-02-03")
    form.accept()
    widget.refresh()
    assert [widget.table.item(0, c).text() for c in (0, 2, 3, 4)] == \
        ["Website", "เผยแพร่บนเว็บไซต์", "1 Feb 2567", "3 Feb 2567"]


def test_cascade_root_causes_and_actions_show_their_records(qtbot, db, actors):
    admin = actors["admin"]
    indicators.save_cascade(db, admin, indicators.CascadeEntry(
        "satisfied_pct", 2024, "office", "ร้อยละ 80", office_code="BKK1"))
    cause = improvement.save_root_cause(db, admin, improvement.RootCauseItem("ท่อเก่า"))
    improvement.save_corrective_action(db, admin, improvement.CorrectiveAction(
        "เปลี่ยนท่อ", "กองซ่อมบำรุง", date(2024, 2, 1), root_cause_id=cause))
    cascade = CascadeWidget(db, admin, 2024)
    causes = RootCausesWidget(db, admin)
    actions = CorrectiveActionsWidget(db, admin)
    for widget in (cascade, causes, actions):
        qtbot.addWidget(widget)
    assert cascade.table.item(0, 2).text() == "BKK1"
    assert causes.table.item(0, 0).text() == "ท่อเก่า"
    assert [actions.table.item(0, c).text() for c in (0, 1, 4)] == \
        ["เปลี่ยนท่อ", "ท่อเก่า", "Planned"]
