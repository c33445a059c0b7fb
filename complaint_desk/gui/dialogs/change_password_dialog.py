"""Changing one's own password; and the pair of fields (new, again) other dialogs reuse."""

from __future__ import annotations

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
from complaint_desk.domain.errors import N_, DomainError, ValidationError
from complaint_desk.gui.dialogs.login_dialog import error_label
from complaint_desk.i18n import _, error_text
from complaint_desk.services import accounts
from complaint_desk.store.database import Database


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class NewPasswordFields:
    """A new password typed twice; ``value()`` raises ValidationError if they differ."""

    def __init__(self, form: QFormLayout) -> None:
        self.first = password_field()
        self.again = password_field()
        form.addRow(_("New password"), self.first)
        form.addRow(_("New password again"), self.again)

    def value(self) -> str:
        if self.first.text() != self.again.text():
            raise ValidationError(N_("The two passwords differ."), field="new_password")
        return self.first.text()


class ChangePasswordDialog(QDialog):
    """``forced``: after an admin's reset; the old password is the one just typed at sign-in."""

    def __init__(self, db: Database, actor: Actor, *, forced: bool = False,
                 old_password: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(_("Change password"))
        self.old = password_field()
        self.old.setText(old_password)
        form = QFormLayout()
        if not forced:
            form.addRow(_("Current password"), self.old)
        self.new = NewPasswordFields(form)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if forced:
            layout.addWidget(QLabel(_("The administrator set your password. Choose your own "
                                      "before you continue.")))
        layout.addLayout(form)
        layout.addWidget(QLabel(_("At least 8 characters, not your username.")))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        try:
            accounts.change_password(self.db, self.actor, self.old.text(), self.new.value())
        except DomainError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        super().accept()
