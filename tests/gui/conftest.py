"""GUI fixtures: widgets over real services and a temporary database; QSettings in tmp_path;
Thai typed as an input method does (qtbot.keyClicks with Thai aborts inside QTest)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from complaint_desk.domain.intake import Intake
from complaint_desk.gui.fonts import use_application_font


@pytest.fixture(autouse=True)
def _temporary_settings(tmp_path, qapp):
    """Remembered window state goes to tmp_path, never to the user's real settings."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    use_application_font(qapp)
    yield


def type_text(widget: QWidget, text: str) -> None:
    """Type text into a widget by key events that carry it, one character at a time."""
    widget.setFocus()
    for character in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0,
                                                 Qt.KeyboardModifier.NoModifier, character))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, 0,
                                                 Qt.KeyboardModifier.NoModifier, character))


@pytest.fixture
def answer_yes(monkeypatch):
    """Every QMessageBox.question is answered Yes; the questions asked are recorded."""
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def answer_no(monkeypatch):
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def typist():
    return type_text


@pytest.fixture
def make_intake():
    return an_intake


def an_intake(**changes) -> Intake:
    values = dict(channel="walk_in", received_at=datetime(2024, 8, 5, 9, 0),
                  subject="หลังคารั่วซึม", description="ฝนตกแล้วน้ำหยดในห้องนอน",
                  complainant_name="นางสาวทดสอบ ตัวอย่างงาม",
                  complainant_national_id="1101700230708", project="เคหะชุมชนตัวอย่าง",
                  building="อาคาร 3", unit="305", request="ขอให้ซ่อม")
    values.update(changes)
    return Intake(**values)


DEMO_TODAY = datetime(2024, 9, 30, 10, 0)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """1,500 demo cases over three offices, ending on DEMO_TODAY; shared, never written to."""
    from complaint_desk.services.demo import generate_demo
    from complaint_desk.services.offices import init_office
    from complaint_desk.store.database import open_database

    database = open_database(tmp_path_factory.mktemp("demo") / "demo.db")
    init_office(database, code="BKK1", name="สำนักงานทดสอบ 1")
    generate_demo(database, 1500, seed=7, offices=3, today=DEMO_TODAY.date())
    yield database
    database.dispose()
