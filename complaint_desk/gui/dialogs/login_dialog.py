"""The sign-in screen (Thai first). Turns a username and password into an Actor through
services/accounts.sign_in; five wrong tries lock the account for a few minutes there, so this
dialog only shows the service's message. A password the admin set must be changed at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.i18n import _, error_text
from complaint_desk.services import accounts
from complaint_desk.store.database import Database


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


class LoginDialog(QDialog):
    """``exec()`` then ``actor``: the signed-in user, or None if the dialog was cancelled."""

    def __init__(self, db: Database, office_name: str = "", username: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(_("Sign in to Complaint Desk"))
        title = QLabel(_("Complaint Desk"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(office_name)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Username"), self.username)
        form.addRow(_("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(420)

    def accept(self) -> None:
        try:
            signed = accounts.sign_in(self.db, self.username.text(), self.password.text())
        except DomainError as error:
            self.error.setText(error_text(error))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        if signed.must_change_password:
            from complaint_desk.gui.dialogs.change_password_dialog import ChangePasswordDialog

            change = ChangePasswordDialog(self.db, signed.actor, forced=True,
                                          old_password=self.password.text(), parent=self)
            if change.exec() != QDialog.DialogCode.Accepted:
                self.password.clear()
                return
        self.actor = signed.actor
        super().accept()
