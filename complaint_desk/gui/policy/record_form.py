"""A small form dialog and a table of records with Add and Edit, shared by the editors of
the complaint-management records. Saving goes through a service; a domain error is shown in
the user's language, names the field, and leaves the dialog open with nothing changed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.calendar import format_be_date, parse_date
from complaint_desk.domain.errors import N_, DomainError, ValidationError
from complaint_desk.gui.thai_fonts import thai_font
from complaint_desk.i18n import _, error_text, language


@dataclass(frozen=True)
class FieldSpec:
    """``kind``: text, multiline, date (BE or ISO, optional unless required), choice, check."""

    name: str
    label: str
    kind: str = "text"
    choices: Sequence[tuple[Any, str]] = ()
    required: bool = False


class RecordFormDialog(QDialog):
    def __init__(self, title: str, fields: Sequence[FieldSpec], values: dict[str, Any],
                 save: Callable[[dict[str, Any]], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setFont(thai_font(10))
        self.fields = list(fields)
        self.save = save
        self.result_value: Any = None
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for spec in self.fields:
            editor = self._editor(spec, values.get(spec.name))
            self.editors[spec.name] = editor
            form.addRow(_(spec.label) + (" *" if spec.required else ""), editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _editor(self, spec: FieldSpec, value: Any) -> QWidget:
        if spec.kind == "multiline":
            text = QPlainTextEdit(value or "")
            text.setFixedHeight(70)
            return text
        if spec.kind == "choice":
            box = QComboBox()
            for code, label in spec.choices:
                box.addItem(_(label), code)
            box.setCurrentIndex(max(0, box.findData(value)))
            return box
        if spec.kind == "check":
            check = QCheckBox()
            check.setChecked(bool(value))
            return check
        line = QLineEdit(format_be_date(value, style="numeric") if spec.kind == "date"
                         else ("" if value is None else str(value)))
        if spec.kind == "date":
            line.setPlaceholderText("15/08/2567")
        return line

    def values(self) -> dict[str, Any]:
        """The form's values; a date that cannot be read is a ValidationError naming it."""
        found: dict[str, Any] = {}
        for spec in self.fields:
            editor = self.editors[spec.name]
            if isinstance(editor, QPlainTextEdit):
                found[spec.name] = editor.toPlainText()
            elif isinstance(editor, QComboBox):
                found[spec.name] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                found[spec.name] = editor.isChecked()
            elif isinstance(editor, QLineEdit):
                found[spec.name] = self._line_value(spec, editor.text().strip())
        return found

    def _line_value(self, spec: FieldSpec, text: str) -> Any:
        if spec.kind != "date":
            return text
        if not text:
            if spec.required:
                raise ValidationError(N_("{label} is required."), field=spec.name,
                                      label=spec.label)
            return None
        try:
            return parse_date(text)
        except ValidationError as error:
            raise ValidationError(N_("{label}: {problem}"), field=spec.name, label=spec.label,
                                  problem=error_text(error)) from None

    def accept(self) -> None:
        try:
            self.result_value = self.save(self.values())
        except DomainError as error:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))
            return
        super().accept()


class RecordTableWidget(QWidget):
    """Records in a table with Add and Edit. Subclasses name the columns and the form, read
    the records and turn a form's values into a saved record."""

    title = ""
    columns: Sequence[str] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(thai_font(10))
        self.records: list[Any] = []
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([_(c) for c in self.columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.add_button = QPushButton(_("Add"))
        self.edit_button = QPushButton(_("Edit"))
        self.add_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(self.edit_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    # --- for subclasses -----------------------------------------------------------------

    def load(self) -> list[Any]:
        raise NotImplementedError

    def cells(self, record: Any) -> list[str]:
        raise NotImplementedError

    def fields(self) -> list[FieldSpec]:
        raise NotImplementedError

    def form_values(self, record: Any | None) -> dict[str, Any]:
        raise NotImplementedError

    def save(self, record: Any | None, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------

    def refresh(self) -> None:
        self.records = self.load()
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            for column, text in enumerate(self.cells(record)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_form(self.records[rows[0].row()])

    def make_form(self, record: Any | None) -> RecordFormDialog:
        return RecordFormDialog(_(self.title), self.fields(), self.form_values(record),
                                lambda values: self.save(record, values), self)

    def open_form(self, record: Any | None) -> None:
        if self.make_form(record).exec() == QDialog.DialogCode.Accepted:
            self.refresh()


def date_text(day: date | None) -> str:
    return format_be_date(day, language=language())
