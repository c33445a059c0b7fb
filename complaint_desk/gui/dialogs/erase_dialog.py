"""Erasing a complainant's personal data on a lawful request (executives and admins), after
the retention period: the reason is required, the user confirms once more, and
services/privacy.erase_personal_data does it in one transaction (the case and its statistics
stay; the values go from the row and every event, under a seal)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.dialogs.login_dialog import error_label
from complaint_desk.gui.field_labels import field_label
from complaint_desk.i18n import _, error_text
from complaint_desk.services import privacy
from complaint_desk.store.database import Database


class EraseDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, reference: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.reference = db, actor, reference
        self.erased: list[str] = []
        self.setWindowTitle(_("Erase the complainant's personal data"))
        warning = QLabel(_("The name, national ID, phone, e-mail and address of the complainant "
                           "of {reference} will be erased for good, from the case and its "
                           "history. The case and its statistics stay. This cannot be undone.")
                         .format(reference=reference))
        warning.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(_("The lawful request: who asked, when, document number"))
        self.reason.setMaximumHeight(100)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Erase"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(QLabel(_("Reason for the erasure")))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        sure = QMessageBox.question(
            self, self.windowTitle(),
            _("Erase the personal data of {reference} now?").format(reference=self.reference))
        if sure != QMessageBox.StandardButton.Yes:
            return
        try:
            self.erased = privacy.erase_personal_data(self.db, self.actor, self.reference,
                                                      reason=self.reason.toPlainText())
        except DomainError as error:
            self.error.setText(error_text(error))
            self.error.show()
            return
        super().accept()

    def erased_text(self) -> str:
        return ", ".join(field_label(name) for name in self.erased)
