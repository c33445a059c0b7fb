"""Import offices' packages at headquarters: progress, cancel, the report shown and saved.

Each package is its own transaction: cancelling stops the one being imported (it leaves
nothing behind) and the ones after it; those before it stay imported and are in the report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.exchange.import_report import report_lines
from complaint_desk.exchange.package_format import SUFFIX
from complaint_desk.gui.dialogs.background_work import WorkDialog
from complaint_desk.gui.dialogs.work_messages import failure_text
from complaint_desk.i18n import _
from complaint_desk.services.exchange_service import PackageExchange


class PackageImportDialog(WorkDialog):
    def __init__(self, exchange: PackageExchange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exchange = exchange
        self.reports: list[dict[str, Any]] = []
        self.setWindowTitle(_("Import packages from offices"))
        self.resize(720, 520)

        self.files = QListWidget()
        add = QPushButton(_("Add packages…"))
        add.clicked.connect(self._choose_files)
        files_row = QHBoxLayout()
        files_row.addWidget(QLabel(_("Packages to import, in this order:")), 1)
        files_row.addWidget(add)

        self._init_work_area()
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(_("The import report appears here."))
        self.report.setFont(QFont("Sarabun", 11))

        self._add_start_buttons(_("Import"))
        self.save_button = self.buttons.addButton(_("Save report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._choose_report_file)

        layout = QVBoxLayout(self)
        layout.addLayout(files_row)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.report, 2)
        layout.addWidget(self.buttons)

    def add_files(self, paths: list[str]) -> None:
        for path in paths:
            self.files.addItem(path)

    def _choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Choose packages"), "", _("Complaint Desk packages") + f" (*{SUFFIX})")
        self.add_files(names)

    def start(self) -> None:
        paths = [Path(self.files.item(i).text()) for i in range(self.files.count())]
        if not paths:
            self.status.setText(_("Add the packages to import first."))
            return
        self.reports = []
        self.report.clear()

        def job(progress: Any) -> list[dict[str, Any]]:
            for index, path in enumerate(paths):
                def step(done: int, total: int, index: int = index) -> bool:
                    return bool(progress(index * 1000 + done * 1000 // max(total, 1),
                                         len(paths) * 1000))
                self.reports.append(self.exchange.import_one(path, step).as_dict())
            return self.reports

        self._start_work(job, self._succeeded, _("Importing…"))

    def _succeeded(self, _reports: Any) -> None:
        self._finish()
        self.status.setText(_("Imported {count} packages.").format(count=len(self.reports)))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.status.setText(failure_text(error))
        self.report.appendPlainText("✗ " + failure_text(error))

    def _finish(self) -> None:
        if self.work is not None:
            self.work.wait()
        for report in self.reports:
            self.report.appendPlainText("\n".join(report_lines(report)))
        self.start_button.setEnabled(True)
        self.progress.setVisible(False)
        self.save_button.setEnabled(bool(self.report.toPlainText()))
        self.cancel_button.setText(_("Done"))

    def _choose_report_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Save the import report"),
                                                    "import-report.txt",
                                                    _("Text files") + " (*.txt)")
        if name:
            self.save_report(Path(name))

    def save_report(self, path: Path) -> None:
        """The text as shown, and beside it the same reports as JSON for tools."""
        path.write_text(self.report.toPlainText() + "\n", encoding="utf-8")
        path.with_suffix(".json").write_text(
            json.dumps(self.reports, ensure_ascii=False, indent=2, default=str) + "\n",
            encoding="utf-8")
        self.status.setText(_("Saved the report to {path}.").format(path=path))
