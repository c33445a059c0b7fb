"""Start-and-quit for the smoke test of a built program (``make dist-test``).

With ``COMPLAINT_DESK_SMOKE=1`` the desktop program starts as usual and quits as soon as its
main window has been painted once, printing how long that took. A modal dialog (an error,
the first-start questions) or no window within the time limit ends it with a non-zero code
and the dialog's text, so a missing resource cannot hide behind a window nobody looks at.
``COMPLAINT_DESK_SMOKE_SHOT=file.png`` also saves what was painted, to look at.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

POLL_MS = 50
EXIT_PAINTED = 0
EXIT_DIALOG = 3
EXIT_NO_WINDOW = 4
EXIT_QT_MODULE = 5
_armed: list[SmokeWatcher] = []  # the timer's slot is a bound method: keep its owner alive


class SmokeWatcher:
    """Polls the running application until its main window is on screen (or something else
    is), then calls ``finish(code, message)``. Arm it before the event loop starts."""

    def __init__(self, app: QApplication, *, shot: Path | None = None, limit_s: float = 60.0,
                 finish: Callable[[int, str], None] | None = None) -> None:
        self.app, self.shot, self.limit_s = app, shot, limit_s
        self.finish = finish or _finish_process
        self.started = time.perf_counter()
        self.timer = QTimer(app)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def arm(self) -> None:
        self.timer.start()

    def poll(self) -> None:
        elapsed = time.perf_counter() - self.started
        modal = self.app.activeModalWidget()
        if modal is not None and modal.isVisible():
            self._done(EXIT_DIALOG, f"smoke: a dialog is in the way after {elapsed:.2f} s: "
                                    f"{_dialog_text(modal)}")
            return
        window = next((w for w in self.app.topLevelWidgets()
                       if isinstance(w, QMainWindow) and w.isVisible()), None)
        handle = window.windowHandle() if window is not None else None
        if window is not None and handle is not None and handle.isExposed():
            picture = window.grab()  # paints the whole window now
            if self.shot is not None:
                picture.save(str(self.shot))
            self._done(EXIT_PAINTED, f"smoke: main window painted after {elapsed:.2f} s "
                                     f"({picture.width()}x{picture.height()})")
        elif elapsed > self.limit_s:
            self._done(EXIT_NO_WINDOW, f"smoke: no main window after {elapsed:.0f} s")

    def _done(self, code: int, message: str) -> None:
        self.timer.stop()
        self.finish(code, message)


def _dialog_text(widget: QWidget) -> str:
    if isinstance(widget, QMessageBox):
        return f"{widget.windowTitle()}: {widget.text()}"
    return f"{type(widget).__name__} {widget.windowTitle()}"


def _finish_process(code: int, message: str) -> None:
    (sys.stdout if code == EXIT_PAINTED else sys.stderr).write(message + "\n")
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    # Leave at once: a dialog's nested event loop would swallow app.exit(), and the smoke test
    # is about starting, not about closing the database politely.
    os._exit(code)


def import_kept_qt_modules() -> None:
    """Load every Qt module the build keeps (selfcheck.QT_MODULES), used yet or not: a module
    whose libraries the build left out fails here rather than in an office."""
    from complaint_desk.services.selfcheck import QT_MODULES

    for name in QT_MODULES:
        try:
            importlib.import_module(f"PySide6.{name}")
        except ImportError as error:
            _finish_process(EXIT_QT_MODULE, f"smoke: PySide6.{name} does not load: {error}")


def quit_after_first_paint(environ: dict[str, str] | None = None) -> SmokeWatcher:
    """Load the Qt modules, create the application (``run_gui`` reuses it), arm the watcher."""
    env = os.environ if environ is None else environ
    import_kept_qt_modules()
    app = QApplication.instance() or QApplication(sys.argv[:1] or ["complaint-desk"])
    assert isinstance(app, QApplication)
    shot = env.get("COMPLAINT_DESK_SMOKE_SHOT")
    watcher = SmokeWatcher(app, shot=Path(shot) if shot else None,
                           limit_s=float(env.get("COMPLAINT_DESK_SMOKE_LIMIT", "60")))
    watcher.arm()
    _armed.append(watcher)
    return watcher
