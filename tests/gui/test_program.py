"""Starting the program: first start (office and the administrator's password) → login →
main window; a wrong password and a locked account end at the login; a damaged database is
refused without a write and its latest good backup restored on request; lock and sign out."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from complaint_desk.gui.app import open_database_or_explain, parse_arguments, start_program
from complaint_desk.gui.dialogs.first_start_dialog import FirstStartDialog
from complaint_desk.gui.dialogs.lock_screen import LockScreenDialog
from complaint_desk.gui.dialogs.login_dialog import LoginDialog
from complaint_desk.gui.dialogs.restore_dialog import RestoreDialog
from complaint_desk.services import backup
from complaint_desk.services.offices import init_office
from complaint_desk.services.privacy import audit_log
from complaint_desk.store import backup_files
from complaint_desk.store.database import open_database
from complaint_desk.store.integrity_check import BackgroundCheck
from tests.damage import damage_events_table

ADMIN_PASSWORD = "ปลอดภัยดี-2567"


@pytest.fixture(autouse=True)
def _interactive(monkeypatch, tmp_path):
    """A person at the keyboard: no scripted user or password; data in tmp_path."""
    monkeypatch.delenv("COMPLAINT_DESK_PASSWORD", raising=False)
    monkeypatch.delenv("COMPLAINT_DESK_USER", raising=False)
    monkeypatch.setenv("COMPLAINT_DESK_DATA", str(tmp_path / "data"))


def answer_login(monkeypatch, *attempts: tuple[str, str]):
    """The login dialog gets each (username, password) in turn; it gives up after the last."""
    seen: list[str] = []

    def fake_exec(self):
        for username, password in attempts:
            self.username.setText(username)
            self.password.setText(password)
            self.accept()
            if self.result() == QDialog.DialogCode.Accepted:
                return self.result()
            seen.append(self.error.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    return seen


def close(program):
    program.window.close()
    program.daily_backup.done.wait(30)
    program.db.dispose()


def test_first_start_sets_the_admin_password_then_the_admin_signs_in(qtbot, qapp, tmp_path,
                                                                     monkeypatch):
    def first_start(self):
        self.code.setText("bkk1")
        self.name.setText("สำนักงานเคหะชุมชนกรุงเทพฯ 1")
        self.password.first.setText(ADMIN_PASSWORD)
        self.password.again.setText(ADMIN_PASSWORD)
        self.accept()
        return self.result()

    monkeypatch.setattr(FirstStartDialog, "exec", first_start)
    answer_login(monkeypatch, ("admin", ADMIN_PASSWORD))
    from complaint_desk.gui import features

    first_day_for = []  # the office's first-day questions (tests/gui/dialogs/test_office_dialog.py)
    monkeypatch.setattr(features, "first_day", first_day_for.append)
    program = start_program(qapp, parse_arguments(["--db", str(tmp_path / "new.db")]))
    assert program is not None and program.window is not None
    qtbot.waitUntil(lambda: first_day_for == [program.window])
    assert program.window.actor.username == "admin" and program.window.isVisible()
    assert program.window.hooks["print"] and program.window.hooks["lock"]
    kinds = [e["kind"] for e in audit_log(program.db, program.window.actor)]
    assert kinds == ["sign_in"]
    program.daily_backup.done.wait(30)
    assert backup.list_backups(tmp_path / "backups", tmp_path / "new.db")  # the day's first
    close(program)


def test_first_start_refuses_two_different_passwords_and_creates_nothing(qtbot, tmp_path):
    db = open_database(tmp_path / "new.db")
    dialog = FirstStartDialog(db)
    qtbot.addWidget(dialog)
    dialog.code.setText("BKK1")
    dialog.name.setText("สำนักงาน")
    dialog.password.first.setText(ADMIN_PASSWORD)
    dialog.password.again.setText(ADMIN_PASSWORD + "x")
    dialog.accept()
    assert "differ" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted
    from complaint_desk.services.offices import is_initialised

    assert not is_initialised(db)
    db.dispose()


@pytest.fixture
def office_db(tmp_path):
    path = tmp_path / "office.db"
    db = open_database(path)
    init_office(db, code="BKK1", name="สำนักงานทดสอบ", admin_password=ADMIN_PASSWORD)
    db.dispose()
    return path


def test_a_wrong_password_is_named_and_the_program_does_not_open(qtbot, qapp, office_db,
                                                                 monkeypatch):
    messages = answer_login(monkeypatch, ("admin", "wrong-password"))
    assert start_program(qapp, parse_arguments(["--db", str(office_db)])) is None
    assert messages == ["Wrong username or password."]


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(qtbot, qapp, office_db,
                                                                     monkeypatch):
    messages = answer_login(monkeypatch, *[("admin", "wrong-password")] * 5,
                            ("admin", ADMIN_PASSWORD))
    assert start_program(qapp, parse_arguments(["--db", str(office_db)])) is None
    assert "locked until" in messages[4] and "locked until" in messages[5]


def test_user_on_the_command_line_still_asks_for_the_password(qtbot, qapp, office_db,
                                                              monkeypatch):
    asked = []

    def fake_exec(self):
        asked.append(self.username.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)
    assert start_program(qapp, parse_arguments(["--db", str(office_db), "--user", "admin"])) \
        is None
    assert asked == ["admin"]


def test_a_damaged_database_is_refused_unwritten_and_its_latest_good_backup_restored(
        qtbot, qapp, office_db, monkeypatch, thai):
    db = open_database(office_db)
    good = backup.on_exit(db)
    db.dispose()
    damage_events_table(office_db)
    before = office_db.read_bytes()
    shown = []

    def refuse(self):
        shown.append(self.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    assert open_database_or_explain(str(office_db)) is None
    assert office_db.read_bytes() == before
    assert "เสียหาย" in shown[0] and str(good) in shown[0]

    def restore_chosen(self):
        shown.append(self.text())
        self.buttons()[0].click()  # "restore the latest good backup"
        return 0

    def sign_in_as_admin(self):
        assert self.file.text() == str(good)
        self.username.setText("admin")
        self.password.setText(ADMIN_PASSWORD)
        self.accept()
        return self.result()

    monkeypatch.setattr(QMessageBox, "exec", restore_chosen)
    monkeypatch.setattr(RestoreDialog, "exec", sign_in_as_admin)
    restored = open_database_or_explain(str(office_db))
    assert restored is not None
    assert not backup_files.integrity_problems(office_db)
    restored.dispose()


def test_a_damage_found_by_the_check_started_in_the_background_is_refused_unwritten(
        qtbot, qapp, office_db, monkeypatch, thai):
    """run_gui starts the check before loading the program; opening waits for its answer."""
    damage_events_table(office_db)
    before = office_db.read_bytes()
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    assert open_database_or_explain(str(office_db), BackgroundCheck(office_db)) is None
    assert office_db.read_bytes() == before
    assert "เสียหาย" in shown[0]


def test_the_lock_screen_signs_out_to_the_login_and_another_user_gets_a_new_window(
        qtbot, qapp, office_db, monkeypatch):
    answer_login(monkeypatch, ("admin", ADMIN_PASSWORD))
    program = start_program(qapp, parse_arguments(["--db", str(office_db)]))
    assert program is not None
    first = program.window
    monkeypatch.setattr(LockScreenDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    program.idle.idle.emit()  # the idle time has passed
    assert program.window is not first and program.window.isVisible()
    assert not first.isVisible()
    kinds = [e["kind"] for e in audit_log(program.db, program.window.actor)]
    assert kinds.count("sign_in") == 2
    close(program)


@pytest.fixture
def server_url(pg_cluster):
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.mark.parametrize("how", ["--db", "environment", "settings file"])
def test_headquarters_opens_its_postgresql_database_by_option_environment_or_settings(
        server_url, monkeypatch, tmp_path, how):
    """`--db postgresql://...`, $COMPLAINT_DESK_DB or ``database=`` in the user's settings
    file: the program opens the server's database (no file is made in the data folder)."""
    from complaint_desk.gui.preferences import app_settings

    monkeypatch.delenv("COMPLAINT_DESK_DB", raising=False)
    argument = None
    if how == "--db":
        argument = parse_arguments(["--db", server_url]).db
    elif how == "environment":
        monkeypatch.setenv("COMPLAINT_DESK_DB", server_url)
    else:
        settings = app_settings()
        settings.setValue("database", server_url)
        settings.sync()
    db = open_database_or_explain(argument)
    assert db is not None
    try:
        assert db.engine.dialect.name == "postgresql" and db.url == server_url
        assert db.path is None and backup.on_start(db) is None  # pg_dump's, not ours
        init_office(db, code="HQ", name="สำนักงานใหญ่", hq=True)
    finally:
        db.dispose()
    assert not (tmp_path / "data").exists()


def test_the_settings_file_names_the_database_only_when_no_option_does(office_db, server_url,
                                                                       monkeypatch):
    from complaint_desk.gui.preferences import app_settings

    monkeypatch.delenv("COMPLAINT_DESK_DB", raising=False)
    settings = app_settings()
    settings.setValue("database", server_url)
    settings.sync()
    db = open_database_or_explain(str(office_db))
    assert db is not None and db.engine.dialect.name == "sqlite"
    db.dispose()
