"""The main window's exchange menu items open their dialogs; the spreadsheet export takes
exactly the cases the window lists (its queue and filters)."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog

from complaint_desk.domain.case_list import Queue
from complaint_desk.gui.features import install_features
from complaint_desk.gui.main_window import MainWindow
from complaint_desk.services.case_list import count_cases
from complaint_desk.services.users import actor_for

NOW = datetime(2024, 9, 30, 10, 0)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from complaint_desk.services.demo import generate_demo
    from complaint_desk.services.offices import init_office
    from complaint_desk.store.database import open_database

    database = open_database(tmp_path_factory.mktemp("exchange-hooks") / "office.db")
    init_office(database, code="BKK1", name="สำนักงานทดสอบ 1")
    generate_demo(database, 200, seed=8, today=NOW.date())
    yield database
    database.dispose()


@pytest.fixture
def opened(monkeypatch):
    seen: list[QDialog] = []

    def fake_exec(self):
        seen.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return seen


def window_for(qtbot, db, username, tmp_path):
    made = MainWindow(db, actor_for(db, username), attachment_root=tmp_path, clock=lambda: NOW)
    install_features(made)
    qtbot.addWidget(made)
    return made


@pytest.mark.parametrize(("hook", "dialog"), [
    ("export_package", "PackageExportDialog"), ("import_package", "PackageImportDialog"),
    ("export_xlsx", "ListExportDialog"), ("import_register", "RegisterImportDialog"),
])
def test_each_exchange_menu_item_opens_its_dialog(qtbot, office, tmp_path, opened, hook,
                                                   dialog):
    window = window_for(qtbot, office, "admin", tmp_path)
    window.run_hook(hook)
    assert [type(d).__name__ for d in opened] == [dialog]


def test_the_spreadsheet_holds_the_cases_the_window_lists(qtbot, office, tmp_path, opened):
    window = window_for(qtbot, office, "bkk1.supervisor", tmp_path)
    window.queues.select(Queue.ALL_OPEN)
    window.run_hook("export_xlsx")
    dialog = opened[0]
    dialog.file_edit.setText(str(tmp_path / "due.xlsx"))
    dialog.start()
    qtbot.waitUntil(dialog.start_button.isEnabled, timeout=20000)
    assert dialog.written is not None, dialog.status.text()
    listed = count_cases(office, window.actor, window.model.case_filter, NOW.date())
    assert 0 < listed < 200
    assert load_workbook(tmp_path / "due.xlsx").active.max_row == listed + 1
