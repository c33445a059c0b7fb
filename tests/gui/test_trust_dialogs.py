"""The login, lock, change-password and user-admin dialogs over real services and a real
database. Set TRUST_SCREENSHOTS=DIR to keep PNGs of each dialog to look at."""

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from complaint_desk.domain.errors import PermissionDenied
from complaint_desk.gui.dialogs.change_password_dialog import ChangePasswordDialog
from complaint_desk.gui.dialogs.lock_screen import IdleWatcher, LockScreenDialog
from complaint_desk.gui.dialogs.login_dialog import LoginDialog
from complaint_desk.gui.dialogs.user_admin_dialog import AddUserDialog, UserAdminDialog
from complaint_desk.i18n import set_language
from complaint_desk.services import accounts

PASSWORD = "somchai-pass-1"


@pytest.fixture(autouse=True)
def thai(qapp):
    from PySide6.QtGui import QFont, QFontDatabase

    from complaint_desk.resources_path import resource_path

    QFontDatabase.addApplicationFont(str(resource_path("fonts", "Sarabun-Regular.ttf")))
    QFontDatabase.addApplicationFont(str(resource_path("fonts", "Sarabun-Bold.ttf")))
    qapp.setFont(QFont("Sarabun", 11))
    set_language("th")


def shot(widget, name):
    """Offscreen Qt warns when a window is shown; only when screenshots are asked for."""
    folder = os.environ.get("TRUST_SCREENSHOTS")
    if folder:
        widget.adjustSize()
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def somchai(db, actors):
    accounts.create_account(db, actors["admin"], username="somchai", display_name="สมชาย ใจดี",
                            role="officer", password="given-by-admin")
    accounts.change_password(db, accounts.sign_in(db, "somchai", "given-by-admin").actor,
                             "given-by-admin", PASSWORD)
    return accounts.sign_in(db, "somchai", PASSWORD).actor


def test_login_signs_in_and_a_wrong_password_shows_a_thai_message(qtbot, db, somchai):
    dialog = LoginDialog(db, office_name="สำนักงานทดสอบ 1", username="somchai")
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    dialog.accept()
    assert dialog.error.text() == "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
    assert dialog.password.text() == "" and dialog.actor is None
    shot(dialog, "login_wrong")
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor.username == "somchai"


def test_the_login_says_when_the_account_is_locked(qtbot, db, somchai):
    dialog = LoginDialog(db, username="somchai")
    qtbot.addWidget(dialog)
    for _ in range(5):
        dialog.password.setText("guess")
        dialog.accept()
    assert "ถูกล็อก" in dialog.error.text()
    shot(dialog, "login_locked")


def test_a_reset_password_must_be_changed_before_the_login_completes(qtbot, db, actors, somchai,
                                                                     monkeypatch):
    accounts.reset_password(db, actors["admin"], "somchai", "temporary-pass")
    seen = []

    def answer(dialog):
        seen.append(dialog)
        dialog.new.first.setText("brand-new-pass")
        dialog.new.again.setText("brand-new-pass")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ChangePasswordDialog, "exec", answer)
    dialog = LoginDialog(db, username="somchai")
    qtbot.addWidget(dialog)
    dialog.password.setText("temporary-pass")
    dialog.accept()
    assert seen and dialog.actor is not None
    assert not accounts.sign_in(db, "somchai", "brand-new-pass").must_change_password


def test_change_password_refuses_two_different_passwords(qtbot, db, somchai):
    dialog = ChangePasswordDialog(db, somchai)
    qtbot.addWidget(dialog)
    dialog.old.setText(PASSWORD)
    dialog.new.first.setText("another-pass-1")
    dialog.new.again.setText("another-pass-2")
    dialog.accept()
    assert dialog.error.text() == "รหัสผ่านทั้งสองครั้งไม่ตรงกัน"
    shot(dialog, "change_password")
    dialog.new.again.setText("another-pass-1")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert accounts.sign_in(db, "somchai", "another-pass-1").actor


def test_the_lock_screen_opens_only_for_the_right_password(qtbot, db, somchai):
    dialog = LockScreenDialog(db, somchai)
    qtbot.addWidget(dialog)
    dialog.password.setText("wrong")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text() == "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
    shot(dialog, "lock_screen")
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_idle_watcher_fires_after_the_idle_time_and_activity_restarts_it(qtbot, qapp, db):
    accounts.set_idle_lock_minutes(db, _admin(db), 7)
    assert IdleWatcher.for_database(qapp, db).timer.interval() == 7 * 60_000
    watcher = IdleWatcher(qapp, 200)
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass


def _admin(db):
    from complaint_desk.services.users import actor_for

    return actor_for(db, "admin")


def test_user_admin_lists_adds_disables_and_is_for_admins_only(qtbot, db, actors, somchai):
    with pytest.raises(PermissionDenied):
        UserAdminDialog(db, actors["supervisor"])
    dialog = UserAdminDialog(db, actors["admin"])
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "somchai" in names and "admin" in names
    add = AddUserDialog(db, actors["admin"], dialog)
    add.username.setText("malee")
    add.display_name.setText("มาลี ศรีสุข")
    add.password.first.setText("malee-pass-1")
    add.password.again.setText("malee-pass-1")
    add.accept()
    assert add.result() == QDialog.DialogCode.Accepted
    dialog.reload()
    dialog._select("somchai")
    dialog._toggle()
    assert not [a for a in accounts.list_accounts(db, actors["admin"])
                if a.username == "somchai"][0].active
    dialog._select("admin")
    dialog._toggle()  # the admin cannot disable themselves: a Thai message, nothing changed
    assert "ระงับบัญชีของตนเอง" in dialog.error.text()
    shot(dialog, "user_admin")
