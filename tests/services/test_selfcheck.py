"""selfcheck finds every resource in the source tree and in a folder laid out as the frozen
build lays it out (complaint_desk/packaging/bundle.py), and names what is missing."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from complaint_desk import cli
from complaint_desk.services import selfcheck
from complaint_desk.services.check import Problem

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def frozen_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Our files copied where build.spec puts them, and the program told it is frozen."""
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "complaint_desk" / "packaging" / "bundle.py")
    bundle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bundle)
    root = tmp_path / "_internal"
    for source, dest in bundle.project_datas():
        (root / dest).mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, root / dest)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    return root


def names_of_failed(results) -> dict[str, list[str]]:
    return {r.name: [p.params.get("path", p.message) for p in r.problems] for r in results if not r.ok}


def test_everything_is_present_in_the_source_tree():
    assert names_of_failed(selfcheck.run_selfcheck()) == {}


def test_everything_is_present_in_the_frozen_layout_and_a_database_migrates_from_it(frozen_folder):
    assert names_of_failed(selfcheck.run_selfcheck()) == {}


def test_a_missing_thai_catalog_in_the_frozen_folder_is_named(frozen_folder: Path):
    mo = frozen_folder / "translations" / "th" / "LC_MESSAGES" / "messages.mo"
    mo.unlink()
    (mo.with_suffix(".po")).write_text("", encoding="utf-8")  # a .po does not count when frozen
    assert names_of_failed(selfcheck.run_selfcheck()) == {"Message catalogs": [str(mo)]}


def test_missing_migrations_fonts_and_holidays_are_each_named(frozen_folder: Path):
    shutil.rmtree(frozen_folder / "complaint_desk" / "store" / "migrations" / "versions")
    (frozen_folder / "resources" / "fonts" / "Sarabun-Bold.ttf").unlink()
    (frozen_folder / "resources" / "holidays" / "th.csv").unlink()
    failed = names_of_failed(selfcheck.run_selfcheck())
    assert set(failed) == {"Database migrations", "Fonts", "Holiday calendar"}
    assert failed["Fonts"] == [str(frozen_folder / "resources" / "fonts" / "Sarabun-Bold.ttf")]
    assert "versions" in failed["Database migrations"][0]


def test_a_check_that_raises_is_reported_and_the_others_still_run(monkeypatch: pytest.MonkeyPatch):
    def broken() -> list[Problem]:
        raise OSError("disk unreadable")

    monkeypatch.setattr(selfcheck, "CHECKS", (("Fonts", broken), ("Icons", selfcheck.check_icons)))
    results = selfcheck.run_selfcheck()
    assert [r.ok for r in results] == [False, True]
    assert "disk unreadable" in results[0].problems[0].params["error"]


def test_the_command_names_what_is_missing_in_thai_and_exits_non_zero(frozen_folder: Path, capsys):
    icon = frozen_folder / "resources" / "icons" / "complaint-desk.ico"
    icon.unlink()
    assert cli.main(["selfcheck", "--lang", "th"]) == cli.EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert f"ไม่พบไฟล์: {icon}" in out
    assert "✗ ไอคอน" in out and "ขาดหายหรือใช้งานไม่ได้: ไอคอน" in out


def test_the_command_passes_when_everything_is_there(capsys):
    assert cli.main(["selfcheck", "--lang", "en"]) == 0
    assert "Every file the program needs is present." in capsys.readouterr().out
