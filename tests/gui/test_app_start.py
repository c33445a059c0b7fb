"""The start stays lean: a fresh process that starts the program as an office does (the
database checked and opened, the day's backup, the sign-in, the main window painted with its
list) has not imported what only later features need. An import check, not a timing: each of
these modules costs a noticeable part of a start (docs/bench.md) and is imported when the
feature is first used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from conftest import TEST_PASSWORD

from complaint_desk.services.complaints import record_complaint

# What the first painted list does not need: migrations, PDFs and their images, charts, the
# spreadsheets and packages, Thai word breaking, the PostgreSQL driver, and the dialogs and
# tabs nobody has opened yet.
HEAVY = ("alembic", "reportlab", "PIL", "PySide6.QtCharts", "openpyxl", "pythainlp", "psycopg",
         "babel.dates", "complaint_desk.reports", "complaint_desk.exchange",
         "complaint_desk.gui.dashboard", "complaint_desk.gui.dialogs.first_start_dialog",
         "complaint_desk.gui.dialogs.steps", "complaint_desk.gui.dialogs.intake_dialog",
         "complaint_desk.services.package_import", "complaint_desk.services.analysis")

START = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication
    from complaint_desk.gui.app import apply_language, parse_arguments, start_program

    app = QApplication(["complaint-desk"])
    apply_language(app, "th")
    program = start_program(app, parse_arguments(["--db", sys.argv[1]]))
    program.window.grab()  # painted, list included
    program.daily_backup.done.wait(30)
    heavy = json.loads(sys.argv[2])
    loaded = sorted(name for name in heavy
                    if name in sys.modules or any(m.startswith(name + ".") for m in sys.modules))
    from complaint_desk.domain.case_list import Queue

    program.window.show_queue(Queue.ALL)
    print(json.dumps({"rows": program.window.model.rowCount(), "loaded": loaded}))
""")


def start_in_a_fresh_process(db_path, tmp_path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COMPLAINT_DESK_DATA": str(tmp_path),
           "COMPLAINT_DESK_USER": "t.supervisor", "COMPLAINT_DESK_PASSWORD": TEST_PASSWORD}
    done = subprocess.run([sys.executable, "-c", START, str(db_path), json.dumps(HEAVY)],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_painted_list_does_not_import_later_features(db, signed_in_cli, tmp_path,
                                                              make_intake):
    record_complaint(db, signed_in_cli["officer"], make_intake())
    started = start_in_a_fresh_process(db.path, tmp_path)
    assert started["rows"] == 1  # the program did start, sign in and show its list
    assert started["loaded"] == []


def test_the_check_itself_would_see_a_heavy_import(db, signed_in_cli, tmp_path, monkeypatch):
    """The check is not vacuous: the same process reports a module the start did import."""
    monkeypatch.setattr(sys.modules[__name__], "HEAVY", ("sqlalchemy", "alembic"))
    started = start_in_a_fresh_process(db.path, tmp_path)
    assert started["loaded"] == ["sqlalchemy"]


def test_the_integrity_check_starts_before_sqlalchemy_loads():
    """run_gui starts the check first; it overlaps the imports only if loading gui/app.py
    (what ``python -m complaint_desk`` loads before run_gui) has not imported them yet."""
    code = ("import json, sys; import complaint_desk.__main__, complaint_desk.gui.app; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' "
            "or m.startswith('complaint_desk.services'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
