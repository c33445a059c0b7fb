"""Print preview: generate a document off the GUI thread, show it in Qt's PDF view, then print
it (the system dialog) or save it.

The dialog takes a ``generate(path, progress)`` callable (a service call bound to its
arguments), so it knows nothing about which document it shows; the ``*_preview`` functions at
the bottom bind the report services; gui/features.py opens them from the menus.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from complaint_desk.domain.errors import DomainError
from complaint_desk.gui.thai_font import install_thai_font
from complaint_desk.i18n import _, error_text

Progress = Callable[[int, int], None]
Generate = Callable[[Path, Progress], Any]


class _JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)


class ReportJob(QRunnable):
    """Runs ``generate`` on a pool thread; results come back to the GUI thread by signal."""

    def __init__(self, generate: Generate, path: Path) -> None:
        super().__init__()
        self.generate, self.path = generate, path
        self.signals = _JobSignals()
        self.setAutoDelete(False)  # the dialog owns the job and its signals

    def run(self) -> None:
        try:
            self.generate(self.path, self.signals.progress.emit)
        except DomainError as error:
            self.signals.failed.emit(error_text(error))
        except OSError as error:
            self.signals.failed.emit(_("Cannot use the file: {error}").format(error=error))
        except Exception as error:
            self.signals.failed.emit(_("The document could not be made: {error}").format(
                error=repr(error)))
        else:
            self.signals.finished.emit(str(self.path))


class PrintPreviewDialog(QDialog):
    """Shows ``generate``'s PDF; Print and Save once it is ready."""

    ready = Signal(str)  # the generated file, for tests and callers
    failed = Signal(str)

    def __init__(self, title: str, generate: Generate, *, suggested_name: str = "report.pdf",
                 parent: QWidget | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        install_thai_font()
        self.setWindowTitle(title)
        self.resize(900, 1000)
        self.suggested_name = suggested_name
        self._folder = tempfile.TemporaryDirectory(prefix="complaint-desk-")
        self.path = Path(self._folder.name) / suggested_name
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.status = QLabel(_("Making the document…"), self)
        self.progress = QProgressBar(self)
        self.print_button = QPushButton(_("Print…"), self)
        self.save_button = QPushButton(_("Save as PDF…"), self)
        close_button = QPushButton(_("Close"), self)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.job = ReportJob(generate, self.path)
        self.job.signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.job.signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.job.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        (pool or QThreadPool.globalInstance()).start(self.job)

    @Slot(int, int)
    def _on_progress(self, step: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(step)

    @Slot(str)
    def _on_finished(self, path: str) -> None:
        self.document.load(path)
        self.progress.setValue(self.progress.maximum())
        self.status.setText(_("{pages} pages").format(pages=self.document.pageCount()))
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.ready.emit(path)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        self.progress.hide()
        self.failed.emit(message)
        QMessageBox.warning(self, self.windowTitle(), message)

    def save_document(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"),
                                                      self.suggested_name, "PDF (*.pdf)")
        if target:
            try:
                shutil.copyfile(self.path, target)
            except OSError as error:
                QMessageBox.warning(self, self.windowTitle(),
                                    _("Cannot use the file: {error}").format(error=error))

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            render_to_printer(self.document, printer)

    def done(self, result: int) -> None:
        QThreadPool.globalInstance().waitForDone(30_000)  # never delete under a running job
        self.document.close()
        super().done(result)


def render_to_printer(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw the document's pages (or the range chosen) on the printer at its resolution;
    returns the number of pages sent."""
    first = max(printer.fromPage(), 1) - 1 if printer.fromPage() else 0
    last = (printer.toPage() or document.pageCount()) - 1
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    sent = 0
    try:
        for index in range(first, min(last, document.pageCount() - 1) + 1):
            if sent:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            points = document.pagePointSize(index)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            painter.drawImage(0, 0, document.render(index, size))
            sent += 1
    finally:
        painter.end()
    return sent


# --- the documents ------------------------------------------------------------------------


def monthly_report_preview(db: Any, actor: Any, year: int, month: int,
                           office_code: str | None = None,
                           parent: QWidget | None = None) -> PrintPreviewDialog:
    from complaint_desk.services import reports

    return PrintPreviewDialog(
        _("Monthly report"),
        lambda path, progress: reports.write_monthly_report(db, actor, year, month, path,
                                                            office_code, progress=progress),
        suggested_name=f"monthly-{year + 543}-{month:02d}.pdf", parent=parent)


def aar_preview(db: Any, actor: Any, year: int, parent: QWidget | None = None
                ) -> PrintPreviewDialog:
    from complaint_desk.services import aar

    return PrintPreviewDialog(
        _("AAR form"), lambda path, progress: aar.write_aar(db, actor, year, path,
                                                            progress=progress),
        suggested_name=f"aar-{year + 543}.pdf", parent=parent)


def letter_preview(db: Any, actor: Any, reference: str, parent: QWidget | None = None
                   ) -> PrintPreviewDialog:
    from complaint_desk.services import case_documents

    return PrintPreviewDialog(
        _("Acknowledgement letter"),
        lambda path, progress: case_documents.write_ack_letter(db, actor, reference, path),
        suggested_name=f"letter-{reference}.pdf", parent=parent)


def case_record_preview(db: Any, actor: Any, reference: str, parent: QWidget | None = None
                        ) -> PrintPreviewDialog:
    from complaint_desk.services import case_documents

    return PrintPreviewDialog(
        _("Complaint record"),
        lambda path, progress: case_documents.write_case_record(db, actor, reference, path),
        suggested_name=f"record-{reference}.pdf", parent=parent)
