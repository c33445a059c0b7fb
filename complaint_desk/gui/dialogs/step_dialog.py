"""The base of every workflow dialog: a form, an error line, OK and Cancel.

OK calls ``perform()`` (one service call, one transaction). A DomainError is shown in the
user's language on the error line, the field it names gets the focus, and the dialog stays
open with everything the user typed. Steps that cannot be undone ask first (``confirm_text``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.complaint import Actor, Complaint
from complaint_desk.domain.errors import DomainError
from complaint_desk.i18n import _, error_text
from complaint_desk.store.database import Database

ERROR_STYLE = "color: #b00020;"
INVALID_STYLE = "border: 1px solid #b00020;"


class StepDialog(QDialog):
    title = ""  # message id
    confirm_text: str | None = None  # message id; asked before an irreversible step

    def __init__(self, db: Database, actor: Actor, complaint: Complaint, *,
                 clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.complaint, self.clock = db, actor, complaint, clock
        self.reference: str | None = None  # set when the step was saved
        self.setWindowTitle(f"{_(self.title)} · {complaint.reference}")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        header = QLabel(f"<b>{escape(complaint.reference)}</b> · {escape(complaint.subject)}", self)
        header.setObjectName("header")
        header.setTextFormat(Qt.TextFormat.RichText)
        header.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {}
        self.build()
        self.setMinimumWidth(520)

    # --- for subclasses ------------------------------------------------------------------

    def build(self) -> None:
        """Add the fields to ``self.form`` (register them in ``field_widgets`` by name)."""

    def perform(self) -> str:
        """Call the service; return the case reference."""
        raise NotImplementedError

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        self.field_widgets[name] = widget
        return widget

    # --- behaviour -----------------------------------------------------------------------

    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def needs_confirmation(self) -> str | None:
        return self.confirm_text

    def accept(self) -> None:
        question = self.needs_confirmation()
        if question is not None:
            answer = QMessageBox.question(
                self, _(self.title), _(question).format(reference=self.complaint.reference),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.reference = self.perform()
        except DomainError as error:
            self.show_error(error)
            return
        super().accept()

    def show_error(self, error: DomainError) -> None:
        for widget in self.field_widgets.values():
            widget.setStyleSheet("")
        self.error.setText(error_text(error))
        self.error.show()
        widget = self.field_widgets.get(error.field or "")
        if widget is not None:
            widget.setStyleSheet(INVALID_STYLE)
            widget.setFocus()
