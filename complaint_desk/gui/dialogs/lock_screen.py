"""The idle screen lock: ``IdleWatcher`` notices that no key or mouse event reached the
application for the admin's idle time (services/accounts.idle_lock_minutes) and emits
``idle``; the main window then shows ``LockScreenDialog`` over itself. Unlocking goes through
sign_in, so wrong passwords count towards the lockout like at the login screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.dialogs.login_dialog import error_label
from complaint_desk.i18n import _, error_text
from complaint_desk.services import accounts
from complaint_desk.store.database import Database

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, app: QApplication, interval_ms: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle)
        app.installEventFilter(self)
        self.timer.start()

    @classmethod
    def for_database(cls, app: QApplication, db: Database) -> IdleWatcher:
        return cls(app, accounts.idle_lock_minutes(db) * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() in _ACTIVITY:
            self.timer.start()  # restarts the countdown
        return False

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        self.timer.start()


class LockScreenDialog(QDialog):
    """Accepted when the same user types their password; rejected for "sign out" (the
    program then shows the login screen, which lets another user in)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(_("Screen locked"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        heading = QLabel(_("The screen is locked"))
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        who = QLabel(_("Signed in as {name} ({username}). Type your password to continue.")
                     .format(name=actor.display_name or actor.username, username=actor.username))
        who.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("Password"))
        self.error = error_label()
        buttons = QDialogButtonBox()
        unlock = buttons.addButton(_("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        unlock.setDefault(True)
        self.sign_out = QPushButton(_("Sign out"))
        buttons.addButton(self.sign_out, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(who)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.password.setFocus()
        self.setMinimumWidth(480)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # Qt's name
        if event.key() == Qt.Key.Key_Escape:  # Esc must not unlock nor sign out
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        try:
            accounts.unlock_screen(self.db, self.actor, self.password.text())
        except DomainError as error:
            self.error.setText(error_text(error))
            self.error.show()
            self.password.clear()
            return
        super().accept()
