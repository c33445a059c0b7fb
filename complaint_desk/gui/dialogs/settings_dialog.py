"""Settings: the interface language of this computer's user (Thai first, English second) and,
for the roles that may see them, the office's security settings (idle lock, backup folder,
retention of personal data), which only an admin may change (services/settings.py checks and
records each change)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.accounts import IDLE_LOCK_RANGE
from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import DomainError
from complaint_desk.domain.permissions import Permission, has_permission
from complaint_desk.gui.dialogs.login_dialog import error_label
from complaint_desk.gui.preferences import save_language
from complaint_desk.i18n import _, error_text, language
from complaint_desk.services import settings
from complaint_desk.services.accounts import IDLE_LOCK_KEY
from complaint_desk.services.backup import FOLDER_KEY
from complaint_desk.services.privacy import RETENTION_KEY
from complaint_desk.store.database import Database

LANGUAGE_NAMES = (("th", "ไทย"), ("en", "English"))


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, db: Database | None = None,
                 actor: Actor | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(_("Settings"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(language()))
        form = QFormLayout()
        form.addRow(_("Language"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("The window is rebuilt in the chosen language.")))
        self.security: QGroupBox | None = None
        self.saved: dict[str, str] = {}
        if db is not None and actor is not None and \
                has_permission(actor.role, Permission.SEE_SETTINGS):
            layout.addWidget(self._security_box(db, actor))
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.language_changed = False
        self.setMinimumWidth(560)

    def _security_box(self, db: Database, actor: Actor) -> QGroupBox:
        self.saved = settings.security_settings(db, actor)
        box = QGroupBox(_("Security of this office's database"))
        self.security = box
        self.idle = QSpinBox()
        self.idle.setRange(IDLE_LOCK_RANGE.start, IDLE_LOCK_RANGE.stop - 1)
        self.idle.setSuffix(" " + _("minutes"))
        self.idle.setValue(int(self.saved[IDLE_LOCK_KEY]))
        self.folder = QLineEdit(self.saved[FOLDER_KEY])
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.retention = QSpinBox()
        self.retention.setRange(1, 50)
        self.retention.setSuffix(" " + _("years"))
        self.retention.setValue(int(self.saved[RETENTION_KEY]))
        form = QFormLayout(box)
        form.addRow(_("Lock the screen after no use for"), self.idle)
        form.addRow(_("Backup folder"), folder_row)
        form.addRow(_("Keep personal data after closing for"), self.retention)
        may_change = has_permission(actor.role, Permission.CHANGE_SETTINGS)
        for widget in (self.idle, self.folder, browse, self.retention):
            widget.setEnabled(may_change)
        if not may_change:
            form.addRow(QLabel(_("Only the administrator may change these.")))
        return box

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Backup folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def security_values(self) -> dict[str, str]:
        return {IDLE_LOCK_KEY: str(self.idle.value()), FOLDER_KEY: self.folder.text().strip(),
                RETENTION_KEY: str(self.retention.value())}

    def accept(self) -> None:
        if self.security is not None and self.actor is not None and self.db is not None and \
                has_permission(self.actor.role, Permission.CHANGE_SETTINGS):
            try:
                for key, value in self.security_values().items():
                    if value != self.saved.get(key):  # each change is its own audit row
                        self.saved[key] = settings.change_setting(self.db, self.actor, key,
                                                                  value)
            except DomainError as error:
                self.error.setText(error_text(error))
                self.error.show()
                return
        self.language_changed = self.chosen_language() != language()
        save_language(self.chosen_language())
        super().accept()
