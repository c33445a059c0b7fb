"""Register import: an office-shaped XLSX (title rows, Thai headings, BE dates as text and as
Excel date cells, blank rows, a totals row) of SIZE rows, checked (dry run) and imported.

    python -m bench.bench_register --size 5000
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HEADING = ["เลขที่", "วันที่รับ", "ช่องทาง", "เรื่อง", "รายละเอียด", "วันที่ปิด"]


def build(folder: Path, size: int) -> tuple[Path, Path]:
    from openpyxl import Workbook

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.append(["ทะเบียนรับเรื่องร้องเรียน ปีงบประมาณ 2566"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADING))
    sheet.append(HEADING)
    start = datetime(2023, 1, 3, 9, 0)
    for n in range(size):
        received = start + timedelta(hours=n)
        cell: object = received if n % 2 else received.strftime("%d/%m/") + str(
            received.year + 543)
        closed = (received + timedelta(days=5)).strftime("%d/%m/") + str(received.year + 543)
        sheet.append([f"66/{n + 1:05d}", cell, "โทรศัพท์", f"เรื่องที่ {n + 1}", "รายละเอียด",
                      closed if n % 3 else ""])
        if n % 500 == 499:
            sheet.append([])
    sheet.append([f"รวม {size} เรื่อง"])
    register = folder / "register.xlsx"
    book.save(register)
    mapping = folder / "map.json"
    mapping.write_text(json.dumps({
        "columns": {"วันที่รับ": "received_at", "ช่องทาง": "channel", "เรื่อง": "subject",
                    "รายละเอียด": "description", "วันที่ปิด": "closed_at"},
        "values": {"channel": {"โทรศัพท์": "telephone"}},
        "defaults": {"complainant_anonymous": "1"}, "legacy_reference": "เลขที่"},
        ensure_ascii=False), encoding="utf-8")
    return register, mapping


def main() -> None:
    from complaint_desk.services.offices import init_office
    from complaint_desk.services.register_import import import_register
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=5000)
    size = parser.parse_args().size
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        register, mapping = build(folder, size)
        db = open_database(folder / "office.db")
        init_office(db, code="BKK1", name="ทดสอบ")
        actor = actor_for(db, "admin")
        began = time.perf_counter()
        report = import_register(db, actor, register, mapping, dry_run=True)
        checked = time.perf_counter() - began
        began = time.perf_counter()
        report = import_register(db, actor, register, mapping)
        imported = time.perf_counter() - began
        print(f"rows {report.rows}, problems {len(report.problems)}, imported {report.imported}")
        print(f"dry run {checked:.2f} s, import {imported:.2f} s "
              f"({report.imported / imported:.0f} rows/s)")


if __name__ == "__main__":
    main()
