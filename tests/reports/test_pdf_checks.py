"""The shared document checks catch what they are meant to catch."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from complaint_desk.reports.thai import ThaiParagraph, register_fonts, thai_style
from tests.reports.pdf_checks import words_cut_at_line_ends

TEXT = "เจ้าหน้าที่รับเรื่องได้ตอบรับข้อร้องเรียนและกำหนดให้ผู้อำนวยการกองพิจารณาภายในสิบห้าวันทำการ"


def column(path: Path, paragraph) -> Path:
    SimpleDocTemplate(str(path)).build([Table([[paragraph]], colWidths=[90])])
    return path


def test_a_word_cut_anywhere_is_caught(tmp_path: Path) -> None:
    register_fonts()
    cutting = thai_style("Cut")
    cutting.splitLongWords = 1  # ReportLab's own cut: anywhere in the Thai run
    pdf = column(tmp_path / "cut.pdf", Paragraph(TEXT, cutting))
    assert words_cut_at_line_ends(pdf, [TEXT]) != []


def test_lines_broken_between_words_pass(tmp_path: Path) -> None:
    pdf = column(tmp_path / "ok.pdf", ThaiParagraph(TEXT, thai_style()))
    assert words_cut_at_line_ends(pdf, [TEXT]) == []
