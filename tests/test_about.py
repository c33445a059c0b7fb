"""The About box's facts: the Thai name, the version from pyproject.toml, the icon, the notices."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PIL import Image

from complaint_desk import about
from complaint_desk.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_is_the_one_in_pyproject():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        assert about.version() == tomllib.load(handle)["project"]["version"]


def test_the_about_text_starts_with_the_thai_name_and_gives_the_version_in_thai():
    set_language("th")
    lines = about.about_lines()
    assert lines[:2] == ["ระบบจัดการข้อร้องเรียน", "Complaint Desk"]
    assert f"รุ่น {about.version()}" in lines
    assert any("SIL Open Font License 1.1" in line and "สารบรรณ" in line for line in lines)


def test_the_icon_is_a_square_png_and_a_windows_icon_with_the_small_sizes():
    assert Image.open(about.icon_path()).size == (256, 256)
    ico = Image.open(ROOT / "resources" / "icons" / "complaint-desk.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_the_font_licence_is_shipped_with_the_font():
    assert "SIL Open Font License" in about.font_licence_text()
