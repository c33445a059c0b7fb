"""The smoke watcher quits once the main window is painted, and refuses to pass when a dialog
is in the way or no window comes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from complaint_desk.gui.smoke import (
    EXIT_DIALOG,
    EXIT_NO_WINDOW,
    EXIT_PAINTED,
    SmokeWatcher,
    quit_after_first_paint,
)

# The offscreen platform says so for every window shown; it is about the platform, not us.
OFFSCREEN_NOTICE = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _watch(qapp, **kwargs) -> tuple[SmokeWatcher, list[tuple[int, str]]]:
    seen: list[tuple[int, str]] = []
    watcher = SmokeWatcher(qapp, finish=lambda code, message: seen.append((code, message)),
                           **kwargs)
    watcher.arm()
    return watcher, seen


@OFFSCREEN_NOTICE
def test_a_shown_main_window_ends_the_smoke_run_with_success_and_a_picture(qapp, qtbot,
                                                                           tmp_path: Path):
    window = QMainWindow()
    window.setCentralWidget(QLabel("ระบบจัดการข้อร้องเรียน"))
    window.resize(320, 200)
    qtbot.addWidget(window)
    watcher, seen = _watch(qapp, shot=tmp_path / "shot.png")
    window.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    code, message = seen[0]
    assert code == EXIT_PAINTED and "320x200" in message
    assert QImage(str(tmp_path / "shot.png")).width() == 320
    assert not watcher.timer.isActive()


@OFFSCREEN_NOTICE
def test_a_modal_dialog_fails_the_smoke_run_and_names_its_text(qapp, qtbot):
    box = QMessageBox(QMessageBox.Icon.Critical, "Complaint Desk", "ไม่พบฐานข้อมูล")
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    qtbot.addWidget(box)
    _watcher, seen = _watch(qapp)
    box.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0][0] == EXIT_DIALOG and "ไม่พบฐานข้อมูล" in seen[0][1]


def test_no_window_within_the_limit_fails_the_smoke_run(qapp, qtbot):
    _watcher, seen = _watch(qapp, limit_s=0.1)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0][0] == EXIT_NO_WINDOW


def test_arming_from_the_environment_reuses_the_running_application(qapp, tmp_path: Path):
    watcher = quit_after_first_paint({"COMPLAINT_DESK_SMOKE_SHOT": str(tmp_path / "x.png"),
                                      "COMPLAINT_DESK_SMOKE_LIMIT": "7"})
    try:
        assert watcher.app is qapp and watcher.limit_s == 7.0
        assert watcher.shot == tmp_path / "x.png" and watcher.timer.isActive()
    finally:
        watcher.timer.stop()


def test_every_qt_module_the_build_keeps_loads(qapp):
    import sys

    from complaint_desk.gui.smoke import import_kept_qt_modules
    from complaint_desk.services.selfcheck import QT_MODULES

    import_kept_qt_modules()
    assert {f"PySide6.{name}" for name in QT_MODULES} <= set(sys.modules)
