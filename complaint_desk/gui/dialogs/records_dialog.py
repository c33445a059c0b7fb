"""A window around one of the management editors (gui/policy/): the policy versions, the
publication plan, the cascade, root causes, corrective actions. Editors of a year get a year
chooser (BE) that rebuilds them. Everyone may read; only the roles that may change the
records (services/management_records.MANAGER_ROLES) get Add and Edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.gui.policy.record_form import RecordTableWidget
from complaint_desk.i18n import _

YEARS_OFFERED = 6
MakeEditor = Callable[[int | None], RecordTableWidget]


class RecordsDialog(QDialog):
    def __init__(self, title: str, make: MakeEditor, *, year: int | None, may_change: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.make, self.may_change = make, may_change
        layout = QVBoxLayout(self)
        self.year_box: QComboBox | None = None
        if year is not None:
            self.year_box = QComboBox()
            self.year_box.setObjectName("year")
            for back in range(-1, YEARS_OFFERED):
                self.year_box.addItem(str(year - back + 543), year - back)
            self.year_box.setCurrentIndex(1)
            self.year_box.currentIndexChanged.connect(lambda _i: self._rebuild())
            row = QHBoxLayout()
            row.addWidget(QLabel(_("Year")))
            row.addWidget(self.year_box)
            row.addStretch(1)
            layout.addLayout(row)
        self.editor = self._editor()
        layout.addWidget(self.editor, 1)
        if not may_change:
            layout.addWidget(QLabel(_("You may read these records; supervisors, executives "
                                      "and the administrator change them.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 560)

    def _editor(self) -> RecordTableWidget:
        year = int(self.year_box.currentData()) if self.year_box is not None else None
        editor = self.make(year)
        editor.add_button.setVisible(self.may_change)
        editor.edit_button.setVisible(self.may_change)
        if not self.may_change:
            editor.table.doubleClicked.disconnect()
        return editor

    def _rebuild(self) -> None:
        old = self.editor
        self.editor = self._editor()
        self.layout().replaceWidget(old, self.editor)
        old.deleteLater()
