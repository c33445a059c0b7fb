"""Text extracted from our PDFs equals the Thai source, and no .notdef glyph is drawn."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table

from complaint_desk.reports.thai import (
    ThaiParagraph,
    escape,
    register_fonts,
    thai_style,
)

HARD = (
    "ที่ น้ำ ป้า ญู ปั่น ฟ้า ฐู ผู้ร้องเรียน กำหนด เจ้าหน้าที่รับเรื่อง ผู้อำนวยการ "
    "ทำ ฤๅษี ป่ำ นั้น ญี่ปุ่น ปิ่น ฝั่ง ปู่ ฎีกา น้ำใจ การเคหะแห่งชาติ"
)
SENTENCES = [
    HARD,
    "ผู้ร้องเรียนแจ้งว่าน้ำประปาไม่ไหลที่อาคาร 3 ชั้น 2 ห้อง 215 ตั้งแต่วันที่ 1 สิงหาคม 2567",
    "เจ้าหน้าที่รับเรื่องได้ตอบรับข้อร้องเรียนและกำหนดให้ผู้อำนวยการกองพิจารณาภายใน 15 วัน",
    "ป้าข้างห้องปั่นจักรยานไปซื้อน้ำปลาที่ตลาดฟ้าใส ส่วนฐู่และญูอยู่บ้าน (ทดสอบ & <แท็ก>)",
]


def squeeze(s: str) -> str:
    return "".join(s.split())


def build(path: Path, paragraphs: list[str], bold: bool = False, size: float = 14) -> Path:
    register_fonts()
    style = thai_style(size=size, bold=bold)
    story = [ThaiParagraph(escape(s), style) for s in paragraphs]
    story.append(Table([[ThaiParagraph(escape(s), style)] for s in paragraphs], colWidths=[200]))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def pypdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def pdftotext_raw(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def odd_characters(text: str) -> set[str]:
    return {c for c in text if 0xE000 <= ord(c) <= 0xF8FF or c == "\ufffd"}


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_pypdf_extracts_the_source_text_ignoring_whitespace(tmp_path: Path, bold: bool) -> None:
    pdf = build(tmp_path / "t.pdf", SENTENCES, bold=bold)
    expected = squeeze("".join(SENTENCES * 2))
    text = pypdf_text(pdf)
    assert odd_characters(text) == set()
    assert squeeze(text) == expected


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_pdftotext_raw_extracts_the_source_text_ignoring_whitespace(
    tmp_path: Path, bold: bool
) -> None:
    pdf = build(tmp_path / "t.pdf", SENTENCES, bold=bold)
    text = pdftotext_raw(pdf)
    assert odd_characters(text) == set()
    assert squeeze(text) == squeeze("".join(SENTENCES * 2))


def test_bold_markup_inside_a_word_still_extracts_the_source(tmp_path: Path) -> None:
    register_fonts()
    path = tmp_path / "b.pdf"
    SimpleDocTemplate(str(path)).build(
        [ThaiParagraph("ผู้<b>ร้องเรียน</b>แจ้ง<b>น้ำ</b>ไม่ไหล <i>ที่</i>ป้า", thai_style())]
    )
    assert squeeze(pdftotext_raw(path)) == squeeze(pypdf_text(path)) == "ผู้ร้องเรียนแจ้งน้ำไม่ไหลที่ป้า"


# --- .notdef ---------------------------------------------------------------------------
def subset_glyph_ids(font_file: bytes) -> list[int]:
    """The code -> glyph id array of a ReportLab subset (cmap format 6, codes from 0)."""
    num_tables = struct.unpack(">H", font_file[4:6])[0]
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack(">4sIII", font_file[12 + 16 * i : 28 + 16 * i])
        if tag == b"cmap":
            sub = offset + struct.unpack(">I", font_file[offset + 8 : offset + 12])[0]
            fmt, _, _, first, count = struct.unpack(">5H", font_file[sub : sub + 10])
            assert (fmt, first) == (6, 0)
            return list(struct.unpack(f">{count}H", font_file[sub + 10 : sub + 10 + 2 * count]))
    raise AssertionError("no cmap in embedded font")


def drawn_glyph_ids(path: Path) -> list[tuple[str, int]]:
    """(font, glyph id) of every character code shown by Tj/TJ on every page."""
    reader = PdfReader(str(path))
    out = []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        glyphs = {}
        for name, ref in fonts.items():
            descriptor = ref.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor:
                glyphs[name] = subset_glyph_ids(descriptor["/FontFile2"].get_data())
        current = None
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                current = operands[0]
            elif op in (b"Tj", b"TJ"):
                strings = operands[0] if op == b"TJ" else operands
                for s in strings:
                    if isinstance(s, (bytes, str)) and current in glyphs:
                        data = s if isinstance(s, bytes) else s.get_original_bytes()
                        out.extend((current, glyphs[current][b]) for b in data)
    return out


def test_no_notdef_glyph_is_drawn_for_the_hard_words(tmp_path: Path) -> None:
    pdf = build(tmp_path / "t.pdf", SENTENCES)
    pdf_bold = build(tmp_path / "b.pdf", SENTENCES, bold=True, size=22)
    for path in (pdf, pdf_bold):
        drawn = drawn_glyph_ids(path)
        assert len(drawn) > 200
        assert [d for d in drawn if d[1] == 0] == []


def test_the_notdef_check_sees_a_missing_glyph(tmp_path: Path) -> None:
    # Sarabun has no glyph for U+200B nor for CJK: the check must catch them.
    pdf = build(tmp_path / "t.pdf", ["ก\u200bข 中文"])
    assert any(gid == 0 for _, gid in drawn_glyph_ids(pdf))


# --- the fix itself ----------------------------------------------------------------------
UNFIXED = """
import sys
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Paragraph
from complaint_desk.resources_path import resource_path
pdfmetrics.registerFont(TTFont("Sarabun", str(resource_path("fonts", "Sarabun-Regular.ttf"))))
if sys.argv[2] == "fixed":
    from complaint_desk.reports.thai import install_tounicode_fix
    install_tounicode_fix()
style = ParagraphStyle("b", fontName="Sarabun", fontSize=22, leading=33, shaping=1)
SimpleDocTemplate(sys.argv[1], invariant=1).build([Paragraph(sys.argv[3], style)])
"""


def test_the_fix_changes_extracted_text_but_not_the_drawn_page(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    pngs = {}
    for kind in ("plain", "fixed"):
        pdf = tmp_path / f"{kind}.pdf"
        subprocess.run(
            [sys.executable, "-c", UNFIXED, str(pdf), kind, HARD],
            check=True,
            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        )
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(tmp_path / kind)],
            check=True,
        )
        pngs[kind] = (tmp_path / f"{kind}.png").read_bytes()
        if kind == "plain":
            assert odd_characters(pypdf_text(pdf)), "ReportLab alone now extracts Thai right?"
        else:
            assert squeeze(pypdf_text(pdf)) == squeeze(HARD)
    assert pngs["plain"] == pngs["fixed"]
