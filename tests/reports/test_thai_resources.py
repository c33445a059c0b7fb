"""Bundled fonts are found from source and frozen layouts; small helpers behave."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from complaint_desk.reports import thai_tounicode
from complaint_desk.reports.thai import (
    ThaiParagraph,
    UnsupportedReportLabError,
    escape,
    register_fonts,
    thai_digits,
    thai_style,
)
from complaint_desk.resources_path import (
    bundle_root,
    migrations_root,
    resource_path,
    translations_root,
)

REPO = Path(__file__).resolve().parents[2]


def test_resource_path_finds_the_fonts_in_the_source_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    path = resource_path("fonts", "Sarabun-Regular.ttf")
    assert path == REPO / "resources" / "fonts" / "Sarabun-Regular.ttf"
    assert path.is_file()


def test_resource_path_looks_inside_the_pyinstaller_folder_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fonts", "OFL.txt") == tmp_path / "resources" / "fonts" / "OFL.txt"


def test_translations_and_migrations_are_found_in_the_source_tree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert bundle_root() == REPO
    assert translations_root() == REPO / "translations"
    assert (translations_root() / "th" / "LC_MESSAGES" / "messages.po").is_file()
    assert migrations_root() == REPO / "complaint_desk" / "store" / "migrations"
    assert (migrations_root() / "env.py").is_file()


def test_translations_and_migrations_are_looked_up_inside_the_pyinstaller_folder_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert translations_root() == tmp_path / "translations"
    assert migrations_root() == tmp_path / "complaint_desk" / "store" / "migrations"


def test_a_frozen_flag_without_a_bundle_folder_still_means_the_source_tree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # other freezers (cx_Freeze, py2exe) set sys.frozen but not _MEIPASS
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert bundle_root() == REPO


def test_every_bundled_font_and_its_licence_are_present() -> None:
    for name in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert resource_path("fonts", f"Sarabun-{name}.ttf").stat().st_size > 50_000
    assert "SIL Open Font License" in resource_path("fonts", "OFL.txt").read_text()


def test_register_fonts_is_idempotent_and_maps_bold_and_italic() -> None:
    assert register_fonts() == register_fonts() == "Sarabun"
    fonts = {
        pdfmetrics.getFont(n).face.filename
        for n in ("Sarabun", "Sarabun-Bold", "Sarabun-Italic", "Sarabun-BoldItalic")
    }
    assert len(fonts) == 4 and all(str(REPO / "resources") in f for f in fonts)
    frags = Paragraph("ก<b>ข</b><i>ค</i><b><i>ง</i></b>", thai_style()).frags
    assert [f.fontName for f in frags] == [
        "Sarabun",
        "Sarabun-Bold",
        "Sarabun-Italic",
        "Sarabun-BoldItalic",
    ]


def test_thai_style_is_shaped_sarabun_with_room_for_stacked_marks() -> None:
    style = thai_style("Head", size=22, bold=True, alignment=1, spaceAfter=4)
    assert (style.name, style.fontName, style.fontSize, style.leading) == (
        "Head",
        "Sarabun-Bold",
        22,
        33,
    )
    assert (style.shaping, style.alignment, style.spaceAfter) == (1, 1, 4)
    assert thai_style(leading=20).leading == 20


def test_thai_digits_replaces_only_ascii_digits() -> None:
    assert thai_digits("ปี 2567 เลขที่ 0-9/10") == "ปี ๒๕๖๗ เลขที่ ๐-๙/๑๐"


def test_escape_makes_data_safe_inside_markup() -> None:
    p = ThaiParagraph(escape("A & B <b>ไม่หนา</b>"), thai_style())
    assert p.getPlainText() == "A & B <b>ไม่หนา</b>"


def test_an_unknown_reportlab_version_is_refused_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reportlab, "Version", "9.0.0")
    with pytest.raises(UnsupportedReportLabError, match="found 9.0.0"):
        thai_tounicode._check_reportlab()


def test_moved_reportlab_internals_are_named_in_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus import paragraph

    monkeypatch.delattr(paragraph, "shapeFragWord")
    with pytest.raises(UnsupportedReportLabError, match="paragraph.shapeFragWord"):
        thai_tounicode._check_reportlab()


def test_line_breaks_in_markup_are_kept_and_an_empty_paragraph_has_no_height() -> None:
    style = thai_style()
    assert ThaiParagraph("ผู้ร้องเรียน<br/><br/>น้ำ", style).wrap(300, 1000) == (300, 3 * style.leading)
    assert ThaiParagraph("", style).wrap(300, 1000) == (300, 0)


def test_min_width_is_the_widest_word_not_the_whole_text() -> None:
    style = thai_style()
    para = ThaiParagraph("ผู้อำนวยการกอง น้ำ", style)
    widest = pdfmetrics.stringWidth("ผู้อำนวยการ", "Sarabun", 14)
    assert abs(para.minWidth() - widest) < 0.5
    assert para.minWidth() < para.wrap(1000, 1000)[0]
