"""Assign the handling level: what the level means, who is responsible, and the due date the
level gives in working days (weekends and holidays skipped), shown in the Buddhist Era.
Significant cases suggest level 4."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from complaint_desk.domain.errors import DomainError
from complaint_desk.domain.levels import suggested_level
from complaint_desk.domain.workflow import ACTION_LABELS, Action
from complaint_desk.gui.dialogs.step_dialog import StepDialog
from complaint_desk.gui.labels import long_date_text
from complaint_desk.gui.widgets.be_date_edit import BeDateEdit
from complaint_desk.i18n import _, error_text, ngettext
from complaint_desk.services import complaints as svc


class AssignLevelDialog(StepDialog):
    title = ACTION_LABELS[Action.ASSIGN_LEVEL]

    def __init__(self, *args: object, levels: list[tuple[int, str, str, str, int]],
                 units: list[str], **kwargs: object) -> None:
        self.levels = levels
        self.units = units
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def build(self) -> None:
        self.level = QComboBox()
        for number, name, _handled_by, _typical, _days in self.levels:
            self.level.addItem(_(name), number)
        self.add_field("level", _("Level"), self.level)
        self.description = QLabel()
        self.description.setObjectName("levelDescription")
        self.description.setWordWrap(True)
        self.form.addRow("", self.description)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(self.units)
        self.unit.setCurrentText(self.complaint.responsible_unit or "")
        self.add_field("responsible_unit", _("Responsible unit"), self.unit)
        self.person = QLineEdit(self.complaint.responsible_person or "")
        self.add_field("responsible_person", _("Responsible person"), self.person)
        self.due = QLabel()
        self.due.setObjectName("dueDate")
        self.form.addRow(_("Due"), self.due)
        self.due_override = BeDateEdit(field="due_on")
        self.due_override.line.setPlaceholderText(_("Leave empty to use the level's target"))
        self.add_field("due_on", _("Other due date"), self.due_override)
        suggested = suggested_level(self.complaint.significant, self.complaint.level)
        self.level.setCurrentIndex(max(0, self.level.findData(suggested)))
        self.level.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        number = self.level.currentData()
        found = next((lv for lv in self.levels if lv[0] == number), None)
        if found is None:
            return
        _number, _name, handled_by, typical, days = found
        handled_label, typical_label = _("Handled by"), _("Typical cases")
        lines = [f"<b>{escape(handled_label)}:</b> {escape(_(handled_by))}",
                 f"<b>{escape(typical_label)}:</b> {escape(_(typical))}",
                 escape(ngettext("Resolve within {n} working day",
                                 "Resolve within {n} working days", days).format(n=days))]
        if self.complaint.significant and number != 4:
            lines.append("<span style='color:#b00020'>" +
                         escape(_("This is a significant complaint: level 4 is suggested.")) +
                         "</span>")
        self.description.setText("<br>".join(lines))
        try:
            due = svc.due_date_for(self.db, self.complaint.reference, number)
        except DomainError as error:
            self.due.setText(error_text(error))
            return
        self.due.setText(long_date_text(due))
        self.due_date = due

    def perform(self) -> str:
        return svc.assign_level(self.db, self.actor, self.complaint.reference,
                                level=self.level.currentData(),
                                responsible_unit=self.unit.currentText().strip(),
                                responsible_person=self.person.text().strip() or None,
                                due_on=self.due_override.value(), clock=self.clock,
                                expected_version=self.complaint.version)
