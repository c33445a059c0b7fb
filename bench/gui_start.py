"""Start to the first painted list, and memory, each in a fresh process (offscreen Qt).

``python -m bench.gui_start bare`` shows a bare PySide6 window with a 50-row QTableView;
``python -m bench.gui_start program DB`` opens DB as the program does and shows the main
window with the case list as a supervisor sees it. Each prints one JSON line when the window
has been painted: the seconds since the process started (by the clock the parent shares)
and the resident memory (VmRSS) then.
"""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = float(os.environ.get("BENCH_STARTED", time.time()))


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _bare() -> object:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView

    window = QMainWindow()
    model = QStandardItemModel(50, 10, window)
    for row in range(50):
        for column in range(10):
            model.setItem(row, column, QStandardItem(f"{row}-{column}"))
    view = QTableView(window)
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1500, 860)
    return window


def _program(path: str) -> object:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from complaint_desk.gui.app import apply_language
    from complaint_desk.gui.main_window import MainWindow
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    app = QApplication.instance()
    from complaint_desk.gui.fonts import use_application_font

    use_application_font(app)  # type: ignore[arg-type]
    apply_language(app, "th")  # type: ignore[arg-type]
    db = open_database(path)
    window = MainWindow(db, actor_for(db, "bkk1.supervisor"),
                        attachment_root=Path(os.environ.get("TMPDIR", "/tmp")))
    return window


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    window = _bare() if argv[0] == "bare" else _program(argv[1])
    window.show()  # type: ignore[attr-defined]
    app.processEvents()
    image = window.grab()  # type: ignore[attr-defined]  # paints the window, list included
    painted = time.time() - STARTED
    if argv[0] != "bare":  # then the whole list, scrolled to its end and back: memory
        from complaint_desk.domain.case_list import Queue

        window.show_queue(Queue.ALL)  # type: ignore[attr-defined]
        window.table.scrollToBottom()  # type: ignore[attr-defined]
        window.grab()  # type: ignore[attr-defined]
        window.table.scrollToTop()  # type: ignore[attr-defined]
        image = window.grab()  # type: ignore[attr-defined]
    if argv[-1].endswith(".png"):
        image.save(argv[-1])
    print(json.dumps({"seconds": painted, "rss_mb": _rss_mb()}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
