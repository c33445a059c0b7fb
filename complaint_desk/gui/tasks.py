"""Long work off the GUI thread, with progress and cancel; results come back by signal.

``Task(work)`` runs ``work(progress)`` on Qt's thread pool. ``progress(done, total)`` reports
to the GUI (queued signal) and returns False once the user cancelled, so the work can stop at
a safe point (between batches, each its own transaction). Exactly one of ``finished`` or
``failed`` is emitted, on the GUI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

Work = Callable[[Callable[[int, int], bool]], Any]


class TaskSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)  # the exception, and the traceback text for the log


class Task(QRunnable):
    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the caller keeps it until a signal arrives
        self.signals = TaskSignals()
        self._work = work
        self._cancelled = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancelled.is_set()

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as error:  # reported to the GUI, which decides how to show it
            self.signals.failed.emit(error, traceback.format_exc())
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()


def start(task: Task, pool: QThreadPool | None = None) -> Task:
    (pool or QThreadPool.globalInstance()).start(task)
    return task


class Cancelled(Exception):
    """The user stopped the work before it finished."""


_running: set[Task] = set()  # tasks whose dialog is gone but whose thread still runs


def run_with_progress(parent: QWidget | None, title: str, label: str, work: Work, *,
                      cancellable: bool = True) -> Any:
    """Run ``work`` on the thread pool behind a modal progress dialog (busy until the work
    reports progress) and return its result; its exception is raised here, on the GUI
    thread. Cancel asks the work to stop at its next progress report and raises Cancelled
    (work that cannot stop finishes in the background; its result is dropped)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    from complaint_desk.i18n import _

    progress = QProgressDialog(label, _("Cancel") if cancellable else "", 0, 0, parent)
    if not cancellable:
        progress.setCancelButton(None)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.setAutoReset(False)
    outcome: dict[str, Any] = {}
    task = Task(work)
    _running.add(task)

    def step(done: int, total: int) -> None:
        progress.setMaximum(max(total, 0))
        progress.setValue(done)

    def finished(result: object) -> None:
        outcome["result"] = result
        _running.discard(task)
        progress.reset()

    def failed(error: object, trace: str) -> None:
        outcome["error"] = error
        _running.discard(task)
        progress.reset()

    task.signals.progress.connect(step)
    task.signals.finished.connect(finished)
    task.signals.failed.connect(failed)
    progress.canceled.connect(task.cancel)
    start(task)
    progress.exec()
    if not outcome:  # cancelled: the thread may still run; forget its answers
        for signal in (task.signals.progress, task.signals.finished, task.signals.failed):
            signal.disconnect()
        task.signals.finished.connect(lambda _result: _running.discard(task))
        task.signals.failed.connect(lambda _error, _trace: _running.discard(task))
    progress.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    if "result" not in outcome:
        raise Cancelled()
    return outcome["result"]
