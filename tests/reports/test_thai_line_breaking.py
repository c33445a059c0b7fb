"""Lines break between Thai words only; cells and pages get the right heights."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader
from pythainlp.tokenize import word_tokenize
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from complaint_desk.reports.thai import (
    ThaiParagraph,
    escape,
    register_fonts,
    thai_style,
)

LONG = (
    "ผู้ร้องเรียนแจ้งว่าน้ำประปาไม่ไหลมาสามวันแล้ว เจ้าหน้าที่รับเรื่องได้ตอบรับข้อร้องเรียนทันที "
    "และกำหนดให้ผู้อำนวยการกองพิจารณาภายในสิบห้าวันทำการ ป้าที่อาศัยอยู่ชั้นสองบอกว่าฟ้าผ่าที่ปั่นไฟ "
    "ทำให้ไฟดับทั้งอาคาร การเคหะแห่งชาติจึงส่งช่างไปตรวจสอบและแก้ไขโดยเร็วที่สุด "
    "ผลการดำเนินงานเป็นไปตามเป้าหมายของตัวชี้วัดที่กำหนดไว้ในนโยบายการจัดการข้อร้องเรียน"
)
THAI_MARKS = {
    "\u0e31",
    "\u0e33",
    *map(chr, range(0x0E34, 0x0E3B)),
    *map(chr, range(0x0E47, 0x0E4F)),
}


def extracted_lines(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [line for line in out.replace("\f", "\n").splitlines() if line.strip()]


def break_positions(source: str, lines: list[str]) -> list[int]:
    """Offsets in ``source`` just after the last visible character of each line but the last."""
    visible = [i for i, c in enumerate(source) if not c.isspace()]
    assert "".join(source[i] for i in visible) == "".join("".join(lines).split())
    out, seen = [], 0
    for line in lines[:-1]:
        seen += len("".join(line.split()))
        out.append(visible[seen - 1] + 1)
    return out


def word_boundaries(text: str) -> set[int]:
    offsets, at = {0}, 0
    for w in word_tokenize(text, engine="newmm", keep_whitespace=True):
        at += len(w)
        offsets.add(at)
    return offsets


def column_pdf(path: Path, text: str, widths: list[float], size: float = 14) -> Path:
    """One single-cell table per width, stacked, so pdftotext reads each column in order."""
    register_fonts()
    style = thai_style(size=size)
    story = [Table([[ThaiParagraph(escape(text), style)]], colWidths=[w]) for w in widths]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_no_line_ends_inside_a_thai_word_in_a_narrow_column(tmp_path: Path) -> None:
    lines = extracted_lines(column_pdf(tmp_path / "n.pdf", LONG, [110]))
    assert len(lines) > 12
    breaks = break_positions(LONG, lines)
    assert [b for b in breaks if b not in word_boundaries(LONG)] == []


def test_lines_break_between_words_at_every_column_width(tmp_path: Path) -> None:
    text = LONG[:160]
    widths = [95.0 + 23 * k for k in range(12)]  # the widest word, ผู้อำนวยการ, fits in 95 - 12
    path = column_pdf(tmp_path / "w.pdf", text, widths)
    lines = extracted_lines(path)
    boundaries = word_boundaries(text)
    n_visible = len("".join(text.split()))
    start = 0
    for width in widths:  # cut the extracted lines back into the columns they came from
        seen, stop = 0, start
        while seen < n_visible:
            seen += len("".join(lines[stop].split()))
            stop += 1
        assert seen == n_visible, f"column {width} does not end on a line end"
        assert [b for b in break_positions(text, lines[start:stop]) if b not in boundaries] == []
        start = stop


def test_a_word_longer_than_the_line_breaks_only_between_grapheme_clusters(tmp_path: Path) -> None:
    word = "ผู้อำนวยการ"
    assert word_tokenize(word, engine="newmm") == [word]
    text = f"{word} {word}น้ำ"
    lines = extracted_lines(column_pdf(tmp_path / "c.pdf", text, [40], size=22))
    assert len(lines) >= 4
    breaks = break_positions(text, lines)
    assert [b for b in breaks if text[b] in THAI_MARKS] == []
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_more_lines_make_a_taller_table_row(tmp_path: Path) -> None:
    register_fonts()
    style = thai_style()
    texts = ["ผู้ร้องเรียน", LONG[:80], LONG]
    table = Table([[ThaiParagraph(escape(t), style)] for t in texts], colWidths=[150])
    table.setStyle(
        TableStyle([("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
    )
    path = tmp_path / "rows.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    lines = extracted_lines(path)
    counts, at = [], 0
    for t in texts:
        n, seen = 0, 0
        while seen < len("".join(t.split())):
            seen += len("".join(lines[at + n].split()))
            n += 1
        counts.append(n)
        at += n
    assert counts[0] == 1 and counts[0] < counts[1] < counts[2]
    assert table._rowHeights == [n * style.leading + 6 for n in counts]


def test_a_long_paragraph_splits_across_pages_and_keeps_every_word(tmp_path: Path) -> None:
    register_fonts()
    text = " ".join([LONG] * 12)
    path = tmp_path / "pages.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([ThaiParagraph(escape(text), thai_style())])
    assert len(PdfReader(str(path)).pages) >= 2
    lines = extracted_lines(path)
    assert [b for b in break_positions(text, lines) if b not in word_boundaries(text)] == []


def test_a_table_cell_too_tall_for_the_page_splits_inside_the_row(tmp_path: Path) -> None:
    register_fonts()
    text = " ".join([LONG] * 10)
    style = thai_style()
    table = Table(
        [[ThaiParagraph("เรื่อง", style), ThaiParagraph(escape(text), style)]],
        colWidths=[60, 300],
        splitInRow=1,
    )
    path = tmp_path / "cell.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    assert len(PdfReader(str(path)).pages) >= 2
    lines = extracted_lines(path)
    assert "".join("".join(lines).split()) == "เรื่อง" + "".join(text.split())
    lines[0] = lines[0].removeprefix("เรื่อง")
    assert [b for b in break_positions(text, lines) if b not in word_boundaries(text)] == []


def test_many_table_rows_flow_onto_the_next_page_with_correct_heights(tmp_path: Path) -> None:
    register_fonts()
    style = thai_style(size=12)
    rows = [[str(i), ThaiParagraph(escape(LONG[: 40 + 7 * i]), style)] for i in range(40)]
    table = Table(rows, colWidths=[30, 250], repeatRows=0)
    path = tmp_path / "many.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    assert len(PdfReader(str(path)).pages) >= 2
    text = "".join("".join(extracted_lines(path)).split())
    assert text == "".join(f"{i}{''.join(LONG[: 40 + 7 * i].split())}" for i in range(40))


def test_a_split_keeps_every_line_once_and_adds_no_empty_line() -> None:
    style = thai_style(firstLineIndent=20)
    lines = [f"บรรทัดที่ {i} น้ำไม่ไหล" for i in range(30)]
    para = ThaiParagraph("<br/>".join(lines[:10]) + "<br/><br/>" + "<br/>".join(lines[10:]), style)
    assert style.leading == 21 and para.wrap(300, 10_000)[1] == 31 * 21
    head, rest = para.split(300, 5.5 * style.leading)
    assert (head.wrap(300, 10_000)[1], rest.wrap(300, 10_000)[1]) == (5 * 21, 26 * 21)
    assert head.getPlainText() + rest.getPlainText() == "".join(lines)
    assert rest.style.firstLineIndent == 0 and head.style.firstLineIndent == 20
    for room in (10.5, 11.5):  # a split next to the blank line drops it
        head, rest = para.split(300, room * style.leading)
        assert (head.wrap(300, 10_000)[1], rest.wrap(300, 10_000)[1]) == (10 * 21, 20 * 21)
        assert rest.getPlainText().startswith("บรรทัดที่ 10")
