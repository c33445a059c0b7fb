"""The audit log (supervisors, executives, admins): who did what outside the case record
(sign-ins, views of personal data, prints, exports, settings, users, backups), newest first.

Read a page at a time from services/privacy.audit_log (500 rows; "load more" reads the next
page by id, so a long log never loads whole). Sorting and the filter work on the rows loaded.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.complaint import Actor
from complaint_desk.gui.labels import datetime_text
from complaint_desk.i18n import N_, _
from complaint_desk.services import privacy
from complaint_desk.store.database import Database

PAGE = 500
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {
    "sign_in": N_("Signed in"), "sign_in_failed": N_("Wrong password"),
    "account_locked": N_("Account locked"), "sign_in_disabled": N_("Disabled account tried"),
    "password_changed": N_("Password changed"), "password_reset": N_("Password reset"),
    "user_added": N_("User added"), "user_enabled": N_("User enabled"),
    "user_disabled": N_("User disabled"), "role_changed": N_("Role changed"),
    "setting_changed": N_("Setting changed"),
    "level_target_changed": N_("Handling level's target changed"),
    "view_personal_data": N_("Personal data viewed"),
    "letter_printed": N_("Letter printed"), "print_ack_letter": N_("Letter printed"),
    "print_case_record": N_("Case record printed"), "export": N_("Export"),
    "export_personal_data": N_("Export with personal data"), "backup": N_("Backup"),
    "restore": N_("Restore"), "aar_edit": N_("AAR edited"), "aar_finalise": N_("AAR finalised"),
    "holiday_added": N_("Holiday added"), "holiday_removed": N_("Holiday removed"),
}
COLUMNS = (N_("Time"), N_("User"), N_("What"), N_("Case"), N_("Details"))


def kind_text(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return _(label) if label else kind


def details_text(data: Any) -> str:
    if not data:
        return ""
    try:
        parsed = json.loads(data) if isinstance(data, str) else data
    except ValueError:
        return str(data)
    if isinstance(parsed, dict):
        parsed.pop("reference", None)
        return ", ".join(f"{k}: {v}" for k, v in parsed.items())
    return str(parsed)


class AuditLogDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(_("Audit log"))
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # any column
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((170, 130, 200, 150)):
            self.table.setColumnWidth(column, width)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("auditFilter")
        self.filter.setPlaceholderText(_("Filter: user, action, case…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.more = QPushButton(_("Load older entries"), self)
        self.more.clicked.connect(self.load_more)
        self.count = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.more)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1000, 640)
        self.oldest_id: int | None = None
        self.load_more()

    def load_more(self) -> None:
        rows = privacy.audit_log(self.db, self.actor, limit=PAGE, before_id=self.oldest_id)
        for entry in rows:
            at = datetime.fromisoformat(entry["at"])
            cells = [datetime_text(at), entry["actor"] or "", kind_text(entry["kind"]),
                     entry["reference"] or "", details_text(entry["data"])]
            items = [QStandardItem(text) for text in cells]
            for item, key in zip(items, [entry["at"], *cells[1:]], strict=True):
                item.setData(key, SORT_ROLE)  # the time sorts by the moment, not its text
            self.model.appendRow(items)
        if rows:
            self.oldest_id = rows[-1]["id"]
        self.more.setEnabled(len(rows) == PAGE)
        self.count.setText(_("{count} entries loaded").format(count=self.model.rowCount()))
