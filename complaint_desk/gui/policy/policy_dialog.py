"""The policy version editor: its particulars and the checklist of required elements (the
four components of seed indicator 1), with where the document covers each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QWidget

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_
from complaint_desk.domain.policy import POLICY_COMPONENTS, complete_components
from complaint_desk.gui.policy.record_form import (
    FieldSpec,
    RecordFormDialog,
    RecordTableWidget,
    date_text,
)
from complaint_desk.i18n import _
from complaint_desk.services import policy
from complaint_desk.store.database import Database

FIELDS = (
    FieldSpec("title", N_("Title"), required=True),
    FieldSpec("version", N_("Version"), required=True),
    FieldSpec("approved_by", N_("Approved by")),
    FieldSpec("approved_on", N_("Approved on"), "date"),
    FieldSpec("effective_from", N_("Effective from"), "date"),
    FieldSpec("note", N_("Note"), "multiline"),
)


class PolicyVersionDialog(RecordFormDialog):
    def __init__(self, db: Database, actor: Actor, record: policy.PolicyRecord | None = None,
                 parent: QWidget | None = None) -> None:
        self.db, self.actor, self.record = db, actor, record
        super().__init__(_("Complaint-handling policy"), FIELDS,
                         {} if record is None else dict(record.__dict__), self._save, parent)
        present = {} if record is None else record.elements
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Required element"), _("Where in the document")])
        self.tree.setColumnWidth(0, 460)
        self.items: dict[str, QTreeWidgetItem] = {}
        for component in POLICY_COMPONENTS:
            parent_item = QTreeWidgetItem([f"{component.number} {_(component.label)}", ""])
            self.tree.addTopLevelItem(parent_item)
            for code, label in component.elements:
                item = QTreeWidgetItem([_(label), present.get(code) or ""])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsEditable)
                item.setCheckState(0, Qt.CheckState.Checked if code in present
                                   else Qt.CheckState.Unchecked)
                parent_item.addChild(item)
                self.items[code] = item
        self.tree.expandAll()
        self.tree.setMinimumSize(760, 420)
        self.completeness = QLabel()
        self.tree.itemChanged.connect(lambda *_args: self._show_completeness())
        layout = self.layout()
        layout.insertWidget(1, self.tree)  # type: ignore[attr-defined]
        layout.insertWidget(2, self.completeness)  # type: ignore[attr-defined]
        self._show_completeness()

    def elements(self) -> dict[str, str | None]:
        return {code: item.text(1).strip() or None for code, item in self.items.items()
                if item.checkState(0) == Qt.CheckState.Checked}

    def _show_completeness(self) -> None:
        done = len(complete_components(self.elements()))
        self.completeness.setText(_("Complete components: {done} of {total}").format(
            done=done, total=len(POLICY_COMPONENTS)))

    def _save(self, values: dict[str, object]) -> int:
        record = policy.PolicyRecord(elements=self.elements(),
                                     id=None if self.record is None else self.record.id,
                                     **values)  # type: ignore[arg-type]
        return policy.save_policy_version(self.db, self.actor, record)


class PolicyVersionsWidget(RecordTableWidget):
    """The policy's versions (drafts first, then the newest approval); a form per version."""

    title = N_("Complaint-handling policy")
    columns = (N_("Title"), N_("Version"), N_("Approved on"), N_("Effective from"),
               N_("Complete components"))

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        self.db, self.actor = db, actor
        super().__init__(parent)
        self.refresh()

    def load(self) -> list[Any]:
        return policy.list_policy_versions(self.db)

    def cells(self, r: policy.PolicyRecord) -> list[str]:
        return [r.title, r.version, date_text(r.approved_on), date_text(r.effective_from),
                f"{len(complete_components(r.elements))}/{len(POLICY_COMPONENTS)}"]

    def make_form(self, record: Any | None) -> RecordFormDialog:
        return PolicyVersionDialog(self.db, self.actor, record, self)
