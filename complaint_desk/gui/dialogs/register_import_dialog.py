"""Import an older register: choose the file and its column mapping, check, read the report
(every bad row, the field, the reason), then import: all rows when clean, or only the good
ones when the user ticks it. The check imports nothing; the import is one transaction."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.dialogs.background_work import WorkDialog
from complaint_desk.gui.dialogs.work_messages import failure_text
from complaint_desk.i18n import _, error_text
from complaint_desk.services.exchange_service import SpreadsheetExchange
from complaint_desk.services.register_import import RegisterReport


class RegisterImportDialog(WorkDialog):
    def __init__(self, spreadsheets: SpreadsheetExchange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spreadsheets = spreadsheets
        self.checked: RegisterReport | None = None
        self.imported: RegisterReport | None = None
        self.setWindowTitle(_("Import complaints from an older register"))
        self.resize(760, 520)

        self.register_edit, register_row = self._file_row(_("Registers") + " (*.xlsx *.csv)")
        self.mapping_edit, mapping_row = self._file_row(_("Column mappings") + " (*.json)")
        form = QFormLayout()
        form.addRow(_("Register (CSV or XLSX):"), register_row)
        form.addRow(_("Column mapping (JSON):"), mapping_row)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Row"), _("Field"), _("Problem")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.good_only = QCheckBox(_("Import only the good rows"))
        self.good_only.setEnabled(False)
        self._init_work_area()

        self.buttons = QDialogButtonBox()
        self.check_button = self.buttons.addButton(_("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = self.buttons.addButton(_("Save report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.check_button.clicked.connect(lambda: self._run(dry_run=True))
        self.import_button.clicked.connect(lambda: self._run(dry_run=False))
        self.save_button.clicked.connect(self._choose_report_file)
        self.cancel_button.clicked.connect(self.cancel)
        self.good_only.toggled.connect(lambda _on: self._update_import_button())

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.good_only)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def _file_row(self, pattern: str) -> tuple[QLineEdit, QHBoxLayout]:
        edit = QLineEdit()
        browse = QPushButton(_("Choose…"))

        def choose() -> None:
            name, _filter = QFileDialog.getOpenFileName(self, _("Choose a file"), "", pattern)
            if name:
                edit.setText(name)
        browse.clicked.connect(choose)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        return edit, row

    def _run(self, *, dry_run: bool) -> None:
        register, mapping = self.register_edit.text().strip(), self.mapping_edit.text().strip()
        if not register or not mapping:
            self.status.setText(_("Choose the register and its column mapping."))
            return
        good_only = self.good_only.isChecked()
        self._start_work(lambda progress: self.spreadsheets.import_register(
            Path(register), Path(mapping), good_rows_only=good_only, dry_run=dry_run,
            progress=progress),
                         lambda report: self._done(report, dry_run),
                         _("Checking…") if dry_run else _("Importing…"))

    def _run_button(self) -> QAbstractButton:
        return self.check_button

    def _busy_buttons(self) -> list[QAbstractButton]:
        return [self.check_button, self.import_button]

    def _done(self, report: RegisterReport, dry_run: bool) -> None:
        self._finish()
        if dry_run:
            self.checked = report
        else:
            self.imported = report
            self.checked = None
        self._show(report)
        self.status.setText(_("{rows} rows read: {good} good, {bad} with problems; {imported} "
                              "complaints imported.").format(rows=report.rows, good=report.good,
                                                             bad=report.bad_rows,
                                                             imported=report.imported))
        self._update_import_button()

    def _show(self, report: RegisterReport) -> None:
        self.table.setRowCount(len(report.problems))
        for index, problem in enumerate(report.problems):
            reason = error_text(DomainError(problem.message, **problem.params))
            for column, text in enumerate((str(problem.row), _(problem.label), reason)):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.save_button.setEnabled(bool(report.problems))
        self.good_only.setEnabled(bool(report.problems) and report.good > 0)

    def _update_import_button(self) -> None:
        report = self.checked
        ready = report is not None and report.good > 0 and (
            not report.problems or self.good_only.isChecked())
        self.import_button.setEnabled(ready)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.status.setText(failure_text(error))
        self._update_import_button()

    def _finish(self) -> None:
        if self.work is not None:
            self.work.wait()
        self.check_button.setEnabled(True)
        self.progress.setVisible(False)

    def _choose_report_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Save the validation report"),
                                                    "register-report.csv", "*.csv")
        if name:
            self.save_report(Path(name))

    def save_report(self, path: Path) -> None:
        """The problems as shown (UTF-8 CSV with a BOM, for Excel)."""
        rows: list[list[Any]] = [[self.table.item(r, c).text() for c in range(3)]
                                 for r in range(self.table.rowCount())]
        with open(path, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow([_("Row"), _("Field"), _("Problem")])
            writer.writerows(rows)
        self.status.setText(_("Saved the report to {path}.").format(path=path))
