"""Export this office's package for headquarters: what to send, progress, cancel.

Standalone: it receives a ``PackageExchange`` (services/exchange_service.py); the main window
decides where it lives in the menus. Cancel stops the work and leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.calendar import parse_date
from complaint_desk.domain.errors import DomainError
from complaint_desk.exchange.package_format import SUFFIX
from complaint_desk.gui.dialogs.background_work import WorkDialog
from complaint_desk.gui.dialogs.work_messages import failure_text
from complaint_desk.i18n import _
from complaint_desk.services.exchange_service import PackageExchange


class PackageExportDialog(WorkDialog):
    def __init__(self, exchange: PackageExchange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exchange = exchange
        self.result: Any = None
        self.setWindowTitle(_("Send records to headquarters"))
        self.setMinimumWidth(560)

        self.file_edit = QLineEdit()
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)

        self.incremental = QRadioButton(_("What is new since the last package headquarters "
                                          "acknowledged"))
        self.since = QRadioButton(_("Everything from this day on:"))
        self.full = QRadioButton(_("Everything (a full package)"))
        self.incremental.setChecked(True)
        self.since_edit = QLineEdit()
        self.since_edit.setPlaceholderText(_("e.g. 1/08/2567"))
        self.since_edit.setEnabled(False)
        self.since.toggled.connect(self.since_edit.setEnabled)
        group = QButtonGroup(self)
        since_row = QHBoxLayout()
        since_row.addWidget(self.since)
        since_row.addWidget(self.since_edit, 1)
        choices = QVBoxLayout()
        for button in (self.incremental, self.since, self.full):
            group.addButton(button)
        choices.addWidget(self.incremental)
        choices.addLayout(since_row)
        choices.addWidget(self.full)

        self.personal = QCheckBox(_("Include personal data"))
        self.personal.setEnabled(exchange.may_include_personal)
        personal_note = QLabel(_("Names, contacts and national IDs go to headquarters as they "
                                 "are; the choice is recorded in the audit trail and in the "
                                 "package. Without it, national IDs are replaced by a keyed "
                                 "hash.") if exchange.may_include_personal else
                               _("Your role may not send personal data: names and contacts "
                                 "are left out and national IDs replaced by a keyed hash."))
        personal_note.setWordWrap(True)
        personal_note.setStyleSheet("color: #555;")

        form = QFormLayout()
        form.addRow(_("Package file:"), file_row)
        form.addRow(_("Send:"), choices)
        form.addRow("", self.personal)
        form.addRow("", personal_note)

        self._init_work_area()
        self._add_start_buttons(_("Export"))
        self._lay_out_work(form)

    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the package as"), self.file_edit.text(),
            _("Complaint Desk packages") + f" (*{SUFFIX})")
        if name:
            self.file_edit.setText(name if name.endswith(SUFFIX) else name + SUFFIX)

    def start(self) -> None:
        path = self.file_edit.text().strip()
        if not path:
            self.status.setText(_("Choose where to save the package."))
            return
        try:
            since = parse_date(self.since_edit.text()) if self.since.isChecked() else None
        except DomainError as error:
            self.status.setText(failure_text(error))
            return
        full, personal = self.full.isChecked(), self.personal.isChecked()
        self._start_work(lambda progress: self.exchange.export(
            Path(path), since=since, full=full, include_personal=personal, progress=progress),
                         self._succeeded, _("Writing the package…"))

    def _succeeded(self, result: Any) -> None:
        self.result = result
        self._finish()
        self.status.setText(_("Wrote package {path}: {complaints} complaints, {events} "
                              "events.").format(path=result.path.name,
                                                complaints=result.complaints,
                                                events=result.events))
        self.cancel_button.setText(_("Done"))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.status.setText(failure_text(error))

    def _finish(self) -> None:
        if self.work is not None:
            self.work.wait()
        self.start_button.setEnabled(True)
        self.progress.setVisible(False)
