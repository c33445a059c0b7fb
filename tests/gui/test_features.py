"""Every menu item reaches its feature: each hook opens its dialog, the items a role may not
use are not shown, the dashboard's drill-down filters the list, the complainant's identity is
masked until revealed and the reveal is recorded, erasure asks twice."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from complaint_desk.domain.case_list import Queue
from complaint_desk.gui.dialogs.period_dialog import PeriodDialog
from complaint_desk.gui.features import install_features
from complaint_desk.gui.main_window import DASHBOARD_TAB, MainWindow
from complaint_desk.gui.models.complaint_table_model import RECORD_ROLE
from complaint_desk.services.complaints import record_complaint
from complaint_desk.services.privacy import audit_entries_for
from complaint_desk.services.users import actor_for
from complaint_desk.store.queries_analysis import count_matching
from complaint_desk.store.unit_of_work import UnitOfWork

NOW = datetime(2024, 9, 30, 10, 0)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """400 demo cases of one office (this module's own: these tests write audit rows)."""
    from complaint_desk.services.demo import generate_demo
    from complaint_desk.services.offices import init_office
    from complaint_desk.store.database import open_database

    database = open_database(tmp_path_factory.mktemp("features") / "office.db")
    init_office(database, code="BKK1", name="สำนักงานทดสอบ 1")
    generate_demo(database, 400, seed=5, today=NOW.date())
    yield database
    database.dispose()


def window_for(qtbot, db, username, tmp_path):
    made = MainWindow(db, actor_for(db, username), attachment_root=tmp_path, clock=lambda: NOW)
    install_features(made)
    qtbot.addWidget(made)
    return made


@pytest.fixture
def opened(monkeypatch):
    """Modal dialogs are recorded instead of shown; a PeriodDialog is answered OK."""
    seen: list[QDialog] = []

    def fake_exec(self):
        seen.append(self)
        if isinstance(self, PeriodDialog):
            return QDialog.DialogCode.Accepted
        self.done(0)  # a print preview waits here for its document
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return seen


def select_first(window, status=None):
    window.queues.select(Queue.ALL)
    model = window.model
    for row in range(model.rowCount()):
        record = model.data(model.index(row, 0), RECORD_ROLE)
        if status is None or record.status == status:
            window.table.selectRow(row)
            return record.reference
    raise AssertionError("no such case")


@pytest.mark.parametrize(("hook", "dialogs"), [
    ("print", ["PrintPreviewDialog"]),
    ("letter", ["PrintPreviewDialog"]),
    ("monthly_report", ["PeriodDialog", "PrintPreviewDialog"]),
    ("aar", ["PeriodDialog", "AarEditorDialog"]),
    ("policy", ["RecordsDialog"]), ("publications", ["RecordsDialog"]),
    ("cascade", ["RecordsDialog"]), ("root_causes", ["RecordsDialog"]),
    ("corrective_actions", ["RecordsDialog"]),
    ("change_password", ["ChangePasswordDialog"]), ("settings", ["SettingsDialog"]),
    ("audit_log", ["AuditLogDialog"]), ("about", ["AboutDialog"]),
])
def test_each_hook_opens_its_dialog(qtbot, office, tmp_path, opened, hook, dialogs):
    window = window_for(qtbot, office, "bkk1.supervisor", tmp_path)
    select_first(window)
    window.run_hook(hook)
    assert [type(d).__name__ for d in opened] == dialogs


def test_user_admin_opens_for_the_admin(qtbot, office, tmp_path, opened):
    window = window_for(qtbot, office, "admin", tmp_path)
    assert window.menu_actions["users"].isVisible()
    window.menu_actions["users"].trigger()
    assert [type(d).__name__ for d in opened] == ["UserAdminDialog"]


def test_the_case_record_preview_is_made_and_its_print_recorded(qtbot, office, tmp_path,
                                                                monkeypatch):
    window = window_for(qtbot, office, "bkk1.supervisor", tmp_path)
    reference = select_first(window)
    made = []
    monkeypatch.setattr(QDialog, "exec", lambda self: made.append(self) or 0)
    window.print_action.trigger()
    preview = made[0]
    with qtbot.waitSignal(preview.ready, timeout=60000):
        pass
    assert preview.document.pageCount() >= 1
    assert ("print_case_record", "bkk1.supervisor") in audit_entries_for(office, reference)
    preview.done(0)


def test_an_officer_sees_no_user_admin_audit_log_backup_nor_export(qtbot, office, tmp_path):
    window = window_for(qtbot, office, "bkk1.officer", tmp_path)
    hidden = ("users", "audit_log", "backup", "restore", "export_package", "erase")
    assert not any(window.menu_actions[name].isVisible() for name in hidden)
    assert window.menu_actions["letter"].isVisible() and window.menu_actions["reveal"].isVisible()
    assert window.new_action.isVisible()


def test_a_clerk_sees_export_and_import_but_no_letters_nor_new_complaints(qtbot, office,
                                                                          tmp_path):
    window = window_for(qtbot, office, "bkk1.clerk", tmp_path)
    assert window.menu_actions["export_package"].isVisible()
    assert window.menu_actions["import_package"].isVisible()
    assert window.menu_actions["backup"].isVisible()
    assert not window.menu_actions["letter"].isVisible()
    assert not window.menu_actions["reveal"].isVisible()
    assert not window.new_action.isVisible()


def test_management_records_are_read_only_for_an_officer(qtbot, office, tmp_path, opened):
    window = window_for(qtbot, office, "bkk1.officer", tmp_path)
    window.run_hook("corrective_actions")
    editor = opened[0].editor
    assert editor.add_button.isHidden() and editor.edit_button.isHidden()


def test_the_dashboard_drill_down_filters_the_list_to_what_the_bar_counted(qtbot, office,
                                                                          tmp_path):
    window = window_for(qtbot, office, "bkk1.supervisor", tmp_path)
    window.run_hook("dashboard")
    assert window.tabs.currentIndex() == DASHBOARD_TAB and window.dashboard is not None
    qtbot.waitUntil(lambda: not window.dashboard.busy, timeout=60_000)  # counted off-thread
    chosen = {"received_from": date(2024, 8, 1), "received_to": date(2024, 8, 31),
              "category": "repair"}
    window.dashboard.filter_requested.emit(chosen)
    with UnitOfWork(office, write=False) as uow:
        expected = count_matching(uow.session, chosen)
    assert expected > 0
    assert window.tabs.currentIndex() == 0
    assert window.model.rowCount() == expected
    assert window.filters.category.currentData() == "repair"  # shown in the bar
    assert not window.filters.drilldown_label.isVisibleTo(window)
    overdue = {"open_at_end_of": date(2024, 8, 31), "overdue": True, "level": None}
    window.dashboard.filter_requested.emit(overdue)
    with UnitOfWork(office, write=False) as uow:
        assert window.model.rowCount() == count_matching(uow.session, overdue)
    assert window.filters.category.currentData() == ""  # the earlier filter is gone
    assert "overdue" in window.filters.drilldown_label.text()
    window.filters.drilldown_clear.click()
    assert window.model.rowCount() == 400


def test_the_identity_is_masked_until_revealed_and_the_reveal_is_recorded(qtbot, db, actors,
                                                                         tmp_path, make_intake):
    officer = actors["officer"]
    reference = record_complaint(db, officer, make_intake(), clock=lambda: NOW)
    window = window_for(qtbot, db, officer.username, tmp_path)
    window.queues.select(Queue.ALL)
    window.select_reference(reference)
    fields = window.detail.fields.toPlainText()
    assert "นางสาวทดสอบ ตัวอย่างงาม" not in fields and "1101700230708" not in fields
    assert "***" in fields
    assert ("view_personal_data", officer.username) not in audit_entries_for(db, reference)
    assert window.detail.reveal_button.isVisibleTo(window)
    window.detail.reveal_button.click()
    assert "นางสาวทดสอบ ตัวอย่างงาม" in window.detail.fields.toPlainText()
    assert ("view_personal_data", officer.username) in audit_entries_for(db, reference)


def test_a_clerk_gets_no_reveal_button(qtbot, db, actors, tmp_path, make_intake):
    reference = record_complaint(db, actors["officer"], make_intake(), clock=lambda: NOW)
    window = window_for(qtbot, db, actors["clerk"].username, tmp_path)
    window.queues.select(Queue.ALL)
    window.select_reference(reference)
    assert not window.detail.reveal_button.isVisibleTo(window)


def test_erasure_asks_for_a_reason_and_confirmation_and_the_service_decides(
        qtbot, db, actors, tmp_path, make_intake, monkeypatch, answer_yes):
    reference = record_complaint(db, actors["officer"], make_intake(), clock=lambda: NOW)
    window = window_for(qtbot, db, actors["executive"].username, tmp_path)
    window.queues.select(Queue.ALL)
    window.select_reference(reference)
    shown = []

    def fill_and_accept(self):
        self.reason.setPlainText("คำขอของเจ้าของข้อมูล เลขที่ 1/2567")
        self.accept()
        shown.append(self.error.text())
        return self.result()

    monkeypatch.setattr(QDialog, "exec", fill_and_accept)
    window.run_hook("erase")
    assert answer_yes and "still open" in shown[0]  # an open case keeps its data


def test_verify_the_record_runs_off_the_gui_thread_and_reports_intact(qtbot, office, tmp_path,
                                                                     monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda parent, title, text: told.append(text)))
    window = window_for(qtbot, office, "bkk1.officer", tmp_path)
    window.run_hook("verify")
    assert window.last_check.ok and "400" in told[0]


def test_back_up_now_writes_a_backup_and_says_where(qtbot, db, actors, tmp_path):
    window = window_for(qtbot, db, actors["supervisor"].username, tmp_path)
    window.run_hook("backup")
    message = window.statusBar().currentMessage()
    assert "Backup written to" in message
    assert list((tmp_path / "backups").glob("office-*-manual.db"))


def test_after_acknowledging_the_letter_is_offered(qtbot, db, actors, tmp_path, make_intake,
                                                   monkeypatch, answer_no):
    from complaint_desk.domain.workflow import Action

    reference = record_complaint(db, actors["officer"], make_intake(), clock=lambda: NOW)
    window = window_for(qtbot, db, actors["officer"].username, tmp_path)
    window.step_saved.emit(Action.ACKNOWLEDGE, reference)
    assert answer_no and reference in answer_no[0]
