"""The timing document of docs/thai-typography.md, and a check that it is what it claims.

Measure (each kind in a fresh process, as a report run would be):
    PYTHONPATH=. python tests/reports/test_thai_timing.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

KINDS = ("unshaped", "shaped-no-fix", "shaped", "thai")
PHRASES = [
    "ผู้ร้องเรียนแจ้งว่าน้ำประปาไม่ไหล",
    "เจ้าหน้าที่รับเรื่องตอบรับแล้ว",
    "ป้าข้างห้องปั่นไฟเสียงดัง",
    "กำหนดให้ผู้อำนวยการกองพิจารณา",
    "หลังคารั่วเมื่อฝนตกหนักที่อาคาร 3",
    "ขอให้ซ่อมลิฟต์โดยเร็ว",
    "ค่าเช่าค้างชำระไม่ถูกต้อง",
    "ฟ้าผ่าที่เสาไฟหน้าโครงการ",
    "ญาติผู้สูงอายุขอทางลาด",
]
COLUMNS = ["เลขที่", "วันที่รับ", "ช่องทาง", "เรื่องที่ร้องเรียน", "สถานะ"]


def rows(n: int) -> list[list[str]]:
    return [
        [
            f"ร{i:05d}",
            f"{1 + i % 28} ส.ค. 2567",
            PHRASES[i % 4][:12],
            " ".join(PHRASES[(i + k) % len(PHRASES)] for k in range(1 + i % 4)),
            "ปิดเรื่อง" if i % 3 else "อยู่ระหว่างดำเนินการ",
        ]
        for i in range(n)
    ]


def build(kind: str, path: Path, n_rows: int = 255) -> float:
    """Build the document with ``kind`` paragraphs; return the seconds spent building."""
    from complaint_desk.reports.thai import ThaiParagraph, register_fonts, thai_style
    from complaint_desk.reports.thai_fonts import FONT_FILES
    from complaint_desk.resources_path import resource_path

    if kind == "shaped-no-fix":  # ReportLab alone, no ToUnicode fix
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        style = ParagraphStyle("b", fontName="Sarabun", fontSize=12, leading=18, shaping=1)
    else:
        register_fonts()
        style = thai_style(size=12, leading=18)
    if kind == "unshaped":
        style.shaping = 0

    def cell(text: str) -> Flowable:
        return ThaiParagraph(text, style) if kind == "thai" else Paragraph(text, style)

    start = time.perf_counter()
    data = [[cell(f"<b>{c}</b>") for c in COLUMNS]] + [[cell(c) for c in r] for r in rows(n_rows)]
    table = Table(data, colWidths=[55, 70, 60, 230, 80], repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    return time.perf_counter() - start


def test_every_kind_of_timing_document_holds_all_its_rows(tmp_path: Path) -> None:
    for kind in ("unshaped", "shaped", "thai"):
        path = tmp_path / f"{kind}.pdf"
        build(kind, path, n_rows=12)
        text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
        assert "ร00011" in text and "ร00012" not in text


if __name__ == "__main__":
    if len(sys.argv) == 3:
        first = build(sys.argv[1], Path(sys.argv[2]))
        again = build(sys.argv[1], Path(sys.argv[2]))
        pages = len(PdfReader(sys.argv[2]).pages)
        print(f"{sys.argv[1]:14s} pages={pages} first={first:.2f}s again={again:.2f}s")
    else:
        for kind in KINDS:
            subprocess.run(
                [sys.executable, __file__, kind, f"/tmp/thai-timing-{kind}.pdf"], check=True
            )
