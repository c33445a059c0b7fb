"""Restoring a backup (admin): which file, and the administrator's username and password
(services/backup.restore signs in against the current database, or against the backup when
the current one is damaged). ``perform(source, username, password)`` does the work; a refusal
is shown here and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.dialogs.login_dialog import error_label
from complaint_desk.i18n import _, error_text

Perform = Callable[[Path, str, str], object]


class RestoreDialog(QDialog):
    def __init__(self, perform: Perform, *, source: Path | None = None,
                 folder: Path | None = None, username: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.perform, self.folder = perform, folder
        self.setWindowTitle(_("Restore a backup"))
        self.file = QLineEdit(str(source) if source else "")
        self.file.setObjectName("backupFile")
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(_("Backup file"), file_row)
        form.addRow(_("Administrator"), self.username)
        form.addRow(_("Password"), self.password)
        note = QLabel(_("The backup is checked first. The current database is kept aside "
                        "under another name, and the restore is recorded."))
        note.setWordWrap(True)
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Restore"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(560)

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Restore a backup"), str(self.folder or ""), _("Databases (*.db)"))
        if name:
            self.file.setText(name)

    def accept(self) -> None:
        if not self.file.text().strip():
            self.error.setText(_("Choose the backup file."))
            self.error.show()
            return
        try:
            self.perform(Path(self.file.text().strip()), self.username.text(),
                         self.password.text())
        except DomainError as error:
            self.error.setText(error_text(error))
            self.error.show()
            self.password.clear()
            return
        except OSError as error:
            self.error.setText(_("Cannot use the file: {error}").format(error=error))
            self.error.show()
            return
        super().accept()
