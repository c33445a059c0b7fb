"""Settings of this computer's user: the interface language (Thai first, English second)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.gui.preferences import save_language
from complaint_desk.i18n import _, language

LANGUAGE_NAMES = (("th", "ไทย"), ("en", "English"))


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(language()))
        form = QFormLayout()
        form.addRow(_("Language"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("The window is rebuilt in the chosen language.")))
        layout.addWidget(buttons)
        self.language_changed = False

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        self.language_changed = self.chosen_language() != language()
        save_language(self.chosen_language())
        super().accept()
