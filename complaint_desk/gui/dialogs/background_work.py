"""Long work off the GUI thread, with progress and cancel.

``BackgroundWork(job)`` runs ``job(progress)`` in a QThread. ``progress(done, total)`` emits
``progressed`` (queued to the GUI thread) and returns False once ``cancel()`` was asked, which
makes the job raise ``Cancelled`` inside its transaction or temporary file. The result comes
back as ``succeeded(result)``, a failure as ``failed(error)``: both in the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QProgressBar,
    QVBoxLayout,
)

from complaint_desk.i18n import _


class _Runner(QThread):
    def __init__(self, body: Callable[[], None]) -> None:
        super().__init__()
        self._body = body

    def run(self) -> None:
        self._body()


class BackgroundWork(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[Callable[[int, int], bool]], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancelled = threading.Event()
        self._thread = _Runner(self._run)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled.set()

    def wait(self, milliseconds: int = 30_000) -> bool:
        return self._thread.wait(milliseconds)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancelled.is_set()

    def _run(self) -> None:
        try:
            result = self._job(self._progress)
        except BaseException as error:
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class WorkDialog(QDialog):
    """A dialog that runs one job at a time with a progress bar and a status line.

    Subclasses call ``_init_work_area()`` in their constructor, usually ``_add_start_buttons``
    (a run button that calls ``start``, and Cancel), and name, in ``_run_button()``, the button
    that is disabled while the job runs (the start button unless they say otherwise). Cancel
    stops a running job (the job leaves nothing behind) or, when idle, closes the dialog.
    """

    def _init_work_area(self) -> None:
        self.work: BackgroundWork | None = None
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)

    def _add_start_buttons(self, start_text: str) -> None:
        """The dialog's buttons: ``start_text`` starts the job (``start``), Cancel cancels it
        or closes the dialog; more can be added to ``self.buttons``."""
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(start_text,
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(_("Cancel"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)

    def _lay_out_work(self, top: QLayout) -> None:
        """``top`` (the dialog's own fields), then the progress bar, the status line and the
        buttons."""
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        raise NotImplementedError

    def _run_button(self) -> QAbstractButton:
        return self.start_button

    def _busy_buttons(self) -> list[QAbstractButton]:
        """The buttons disabled while a job runs (the run button unless a subclass says more)."""
        return [self._run_button()]

    def _start_work(self, job: Callable[[Callable[[int, int], bool]], Any],
                    succeeded: Callable[[Any], None], busy_text: str) -> None:
        """Run ``job(progress)`` off the GUI thread: progress, ``succeeded(result)`` or
        ``_failed(error)`` come back here; the run buttons stay disabled meanwhile."""
        self.work = BackgroundWork(job, self)
        self.work.progressed.connect(self._progressed)
        self.work.succeeded.connect(succeeded)
        self.work.failed.connect(self._failed)
        for button in self._busy_buttons():
            button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText(busy_text)
        self.work.start()

    def _failed(self, error: BaseException) -> None:
        raise NotImplementedError

    def cancel(self) -> None:
        if self.work is not None and not self._run_button().isEnabled():
            self.work.cancel()
            self.status.setText(_("Cancelling…"))
        else:
            self.reject()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
