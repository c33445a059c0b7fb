"""Save the current list (with the filters the list shows) as XLSX or CSV for people.

The main window passes its filters; this dialog only asks where, which format and whether to
include personal data (for the roles that may). Progress and cancel; cancel leaves no file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from complaint_desk.domain.case_list import CaseFilter
from complaint_desk.gui.dialogs.background_work import WorkDialog
from complaint_desk.gui.dialogs.work_messages import failure_text
from complaint_desk.i18n import _
from complaint_desk.services.exchange_service import SpreadsheetExchange
from complaint_desk.services.list_export import NO_FILTERS, ListFilters

FORMATS = (("xlsx", ".xlsx"), ("csv", ".csv"))


class ListExportDialog(WorkDialog):
    def __init__(self, spreadsheets: SpreadsheetExchange, filters: ListFilters | CaseFilter = NO_FILTERS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spreadsheets = spreadsheets
        self.filters = filters
        self.written: int | None = None
        self.setWindowTitle(_("Save the list as a spreadsheet"))
        self.setMinimumWidth(520)

        self.format = QComboBox()
        self.format.addItem(_("Excel workbook (.xlsx)"), "xlsx")
        self.format.addItem(_("CSV for Excel (.csv)"), "csv")
        self.format.currentIndexChanged.connect(self._suffix_follows_format)
        self.file_edit = QLineEdit()
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.personal = QCheckBox(_("Include personal data"))
        self.personal.setEnabled(spreadsheets.may_include_personal)
        self.personal.setToolTip(_("Recorded in the audit trail."))

        form = QFormLayout()
        form.addRow(_("Format:"), self.format)
        form.addRow(_("File:"), file_row)
        form.addRow("", self.personal)
        self._init_work_area()
        self._add_start_buttons(_("Save"))
        self._lay_out_work(form)

    def _kind(self) -> str:
        return str(self.format.currentData())

    def _suffix_follows_format(self) -> None:
        text = self.file_edit.text().strip()
        if text:
            self.file_edit.setText(str(Path(text).with_suffix(dict(FORMATS)[self._kind()])))

    def _choose_file(self) -> None:
        suffix = dict(FORMATS)[self._kind()]
        name, _filter = QFileDialog.getSaveFileName(self, _("Save the list as"),
                                                    self.file_edit.text(), f"*{suffix}")
        if name:
            self.file_edit.setText(str(Path(name).with_suffix(suffix)))

    def start(self) -> None:
        path = self.file_edit.text().strip()
        if not path:
            self.status.setText(_("Choose where to save the file."))
            return
        kind, personal = self._kind(), self.personal.isChecked()
        self._start_work(lambda progress: self.spreadsheets.export_list(
            Path(path), kind=kind, filters=self.filters, include_personal=personal,
            progress=progress),
                         self._succeeded, _("Writing the file…"))

    def _succeeded(self, written: Any) -> None:
        self._finish()
        self.written = int(written)
        self.status.setText(_("Exported {count} complaints to {path}.").format(
            count=written, path=Path(self.file_edit.text()).name))
        self.cancel_button.setText(_("Done"))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.status.setText(failure_text(error))

    def _finish(self) -> None:
        if self.work is not None:
            self.work.wait()
        self.start_button.setEnabled(True)
        self.progress.setVisible(False)
