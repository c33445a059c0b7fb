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
