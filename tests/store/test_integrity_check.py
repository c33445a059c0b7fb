"""The integrity check the desktop program starts in the background at start: the same
answer as the check made in line, for a sound, a damaged and a missing file; and it imports
nothing of SQLAlchemy, which is what lets it start before the rest of the program loads."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from complaint_desk.store import backup_files, engine_features, integrity_check
from complaint_desk.store.integrity_check import BackgroundCheck
from tests.damage import damage_events_table

pytestmark = pytest.mark.sqlite_only(reason="SQLite's quick_check of a database file")


def test_a_sound_file_has_no_problems_in_the_background_either(db):
    assert BackgroundCheck(db.path).problems() == [] == backup_files.integrity_problems(db.path)


def test_a_damaged_file_gives_the_same_problems_in_the_background(db):
    db.dispose()
    damage_events_table(db.path)
    found = BackgroundCheck(db.path).problems()
    assert found and found == backup_files.integrity_problems(db.path)
    with pytest.raises(backup_files.DamagedDatabase):
        backup_files.refuse_if_damaged(db.path, found)


def test_a_file_not_yet_made_has_no_problems(tmp_path):
    assert BackgroundCheck(tmp_path / "new.db").problems() == []
    assert not (tmp_path / "new.db").exists()  # the check did not create it


def test_the_check_waits_for_a_busy_file_as_long_as_the_program_does():
    assert integrity_check.BUSY_TIMEOUT_SECONDS == engine_features.BUSY_TIMEOUT_SECONDS


def test_the_check_loads_without_sqlalchemy():
    code = ("import json, sys; import complaint_desk.store.integrity_check; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'alembic'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert json.loads(done.stdout) == []
