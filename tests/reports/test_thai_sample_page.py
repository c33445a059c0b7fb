"""A sample page of hard Thai words, rendered to PNG for a human to look at.

Set THAI_SAMPLE_DIR to keep sample.pdf and sample.png: marks must sit on their
consonants (no floating or colliding tone marks) and no box may appear.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from complaint_desk.reports.thai import (
    ThaiParagraph,
    escape,
    register_fonts,
    thai_digits,
    thai_style,
)

WORDS = "ที่ น้ำ ป้า ญู ปั่น ฟ้า ฐู ผู้ร้องเรียน กำหนด เจ้าหน้าที่รับเรื่อง ผู้อำนวยการ ฤๅษี ปิ่น ญี่ปุ่น นั้น ฎีกา"


def build_sample(path: Path) -> Path:
    register_fonts()
    body, big = thai_style(size=14), thai_style("Big", size=22)
    head = thai_style("Head", size=22, bold=True)
    cells = [
        [ThaiParagraph("<b>ตัวชี้วัด</b>", body), ThaiParagraph("<b>ผลการดำเนินงาน</b>", body)],
        [
            ThaiParagraph("ร้อยละของข้อร้องเรียนที่ตอบรับภายใน 1 วันทำการ", body),
            ThaiParagraph(escape(thai_digits("98.5 % (เป้าหมาย 100)")), body),
        ],
        [ThaiParagraph(WORDS, body), ThaiParagraph(WORDS, big)],
    ]
    table = Table(cells, colWidths=[170, 280])
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story = [
        ThaiParagraph("แบบบันทึกข้อร้องเรียน การเคหะแห่งชาติ", head),
        ThaiParagraph(WORDS, body),
        ThaiParagraph(f"<b>{WORDS}</b>", body),
        ThaiParagraph(WORDS, big),
        ThaiParagraph(f"<b>{WORDS}</b>", big),
        table,
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_the_sample_page_renders_to_png(tmp_path: Path) -> None:
    out = Path(os.environ.get("THAI_SAMPLE_DIR", tmp_path))
    pdf = build_sample(out / "sample.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(out / "sample")], check=True
    )
    assert (out / "sample.png").stat().st_size > 20_000
