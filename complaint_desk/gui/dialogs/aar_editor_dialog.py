"""The AAR editor: the supervisor writes the year's free-text sections, participants and the
reasons for improving, saves the draft, previews the form, and finalises it.

Takes the database and the acting user (the services are called with them). Domain errors
are shown in a message box and change nothing; a final AAR opens read-only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain import aar as rules
from complaint_desk.domain.calendar import format_be_date, parse_date
from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.thai_font import install_thai_font
from complaint_desk.i18n import _, error_text

ONE_LINE = frozenset({"knowledge_title", "asset_type", "process_name", "signer_name",
                      "signer_position", "reason_other"})


class AarEditorDialog(QDialog):
    def __init__(self, db: Any, actor: Any, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from complaint_desk.services import aar

        install_thai_font()
        self.aar, self.db, self.actor, self.year = aar, db, actor, year
        self.setWindowTitle(_("AAR form") + f" {year + 543}")
        self.resize(820, 900)
        self.texts: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.dates: dict[str, QLineEdit] = {}
        self.reasons: dict[rules.AarReason, QCheckBox] = {}
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        for key, label in rules.TEXT_SECTIONS.items():
            if key == "reason_other":
                continue
            editor: QLineEdit | QPlainTextEdit = (QLineEdit() if key in ONE_LINE
                                                  else QPlainTextEdit())
            if isinstance(editor, QPlainTextEdit):
                editor.setMinimumHeight(90)
            default = rules.DEFAULT_TEXT.get(key)
            if default:
                editor.setPlaceholderText(_(default))
            self.texts[key] = editor
            form.addRow(_(label), editor)
            if key == "asset_type":
                self._add_dates_and_participants(form)
            if key == "signer_position":
                self.dates["signed_on"] = QLineEdit()
                form.addRow(_(rules.DATE_FIELDS.get("signed_on", "")), self.dates["signed_on"])
        for n, (reason, label) in enumerate(rules.REASON_LABELS.items()):
            box = QCheckBox(_(label))
            box.setToolTip(_(label))
            self.reasons[reason] = box
            form.addRow(_("11. Reasons for improving") if n == 0 else "", box)
        self.texts["reason_other"] = QLineEdit()
        other = rules.TEXT_SECTIONS.get("reason_other", "")
        form.addRow(_(other), self.texts["reason_other"])
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self.state = QLabel()
        self.suggest_button = QPushButton(_("Fill section 10 from the database"))
        self.save_button = QPushButton(_("Save draft"))
        self.preview_button = QPushButton(_("Preview…"))
        self.finalise_button = QPushButton(_("Finalise…"))
        self.suggest_button.clicked.connect(self.fill_suggestions)
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(self.preview)
        self.finalise_button.clicked.connect(self.finalise)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        for button in (self.suggest_button, self.save_button, self.preview_button,
                       self.finalise_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.load()

    def _add_dates_and_participants(self, form: QFormLayout) -> None:
        self.dates["recorded_on"] = QLineEdit()
        self.dates["recorded_on"].setPlaceholderText("1 ส.ค. 2567")
        form.addRow(_(rules.DATE_FIELDS.get("recorded_on", "")), self.dates["recorded_on"])
        self.participants = QPlainTextEdit()
        self.participants.setPlaceholderText(_("One a line: name | position"))
        self.participants.setMinimumHeight(80)
        form.addRow(_("4. Participants in the knowledge record"), self.participants)

    # --- between the widgets and the record -------------------------------------------
    def load(self) -> None:
        self.record = self.aar.get_aar(self.db, self.year)
        for key, editor in self.texts.items():
            _set_text(editor, self.record.text(key))
        for key, editor in self.dates.items():
            editor.setText(format_be_date(self.record.dates.get(key), style="long"))
        self.participants.setPlainText("\n".join(
            f"{p.name} | {p.position}" if p.position else p.name
            for p in self.record.participants))
        for reason, box in self.reasons.items():
            box.setChecked(reason in self.record.reasons)
        final = self.record.is_final
        for widget in [*self.texts.values(), *self.dates.values(), self.participants]:
            widget.setReadOnly(final)
        for box in self.reasons.values():
            box.setEnabled(not final)
        for button in (self.suggest_button, self.save_button, self.finalise_button):
            button.setEnabled(not final)
        self.state.setText(_("Final: kept as printed") if final else _("Draft"))

    def fill_suggestions(self) -> None:
        """Put the database's suggestions into the empty parts of section 10."""
        for key, text in self.aar.suggestions(self.db, self.year).items():
            if not _text(self.texts[key]).strip():
                _set_text(self.texts[key], text)

    def save(self) -> bool:
        try:
            dates = {k: parse_date(e.text()) if e.text().strip() else None
                     for k, e in self.dates.items()}
            self.aar.save_aar(
                self.db, self.actor, self.year,
                texts={k: _text(e) for k, e in self.texts.items()}, dates=dates,
                participants=rules.parse_participants(self.participants.toPlainText()),
                reasons=frozenset(r for r, box in self.reasons.items() if box.isChecked()),
                expected_version=self.record.version)
        except DomainError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return False
        self.load()
        return True

    def finalise(self) -> None:
        answer = QMessageBox.question(
            self, self.windowTitle(),
            _("Make the AAR of {year} final? It is printed once and kept as it is; it can no "
              "longer be changed.").format(year=self.year + 543))
        if answer != QMessageBox.StandardButton.Yes or not self.save():
            return
        try:
            self.aar.finalise_aar(self.db, self.actor, self.year)
        except DomainError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
        self.load()

    def preview(self) -> None:
        from complaint_desk.gui.dialogs.print_preview_dialog import aar_preview

        if not self.record.is_final and not self.save():
            return
        self.preview_dialog = aar_preview(self.db, self.actor, self.year, parent=self)
        self.preview_dialog.show()


def _text(editor: QLineEdit | QPlainTextEdit) -> str:
    return editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()


def _set_text(editor: QLineEdit | QPlainTextEdit, text: str) -> None:
    if isinstance(editor, QLineEdit):
        editor.setText(text)
    else:
        editor.setPlainText(text)
