"""Spreadsheets for people: the list as XLSX or CSV with Thai headings and Buddhist Era dates.

Plain data in: column specs and rows of raw values; this module translates headings and codes
and formats dates (``15 ส.ค. 2567``). XLSX is written in openpyxl's write-only mode (rows
stream to disk; memory stays flat at any size) with the widths set and the header row frozen.
CSV is UTF-8 with a byte-order mark so Excel opens the Thai intact. Both are written to a
temporary file and renamed: a failed or cancelled export leaves nothing.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from complaint_desk.domain.calendar import format_be_date, format_be_datetime
from complaint_desk.exchange.csv_files import write_csv
from complaint_desk.exchange.progress import Progress, tick
from complaint_desk.i18n import _, language

XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header row


@dataclass(frozen=True)
class Column:
    """One column: the complaints column it shows, its heading (a message id), its width in
    characters, and how a value is shown (``labels`` maps codes to message ids or names)."""

    name: str
    heading: str
    width: int = 14
    labels: dict[str, str] | None = None


def cell_text(value: Any, column: Column) -> Any:
    """A raw value as a person reads it: BE dates, translated codes, ใช่/ไม่ใช่."""
    if value is None:
        return ""
    lang = language()
    if isinstance(value, datetime):
        return format_be_datetime(value, language=lang)
    if isinstance(value, date):
        return format_be_date(value, language=lang)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if column.labels is not None:
        label = column.labels.get(str(value))
        return _(label) if label else value
    return value


def write_xlsx(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *,
               title: str, total: int = 0, progress: Progress | None = None) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".export-", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    count = 0
    try:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title=_(title)[:31])
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="DDE6F0")
        wrap = Alignment(vertical="top", wrap_text=True)
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=_(column.heading))
            cell.font, cell.fill, cell.alignment = bold, fill, wrap
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append([cell_text(v, c) for v, c in zip(row, columns, strict=True)])
            count += 1
            if count % 500 == 0:
                tick(progress, count, total)
        if count:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
        book.save(temp)
        os.replace(temp, path)
    except BaseException:
        _discard_sheet(locals().get("sheet"))
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return count


def _discard_sheet(sheet: Any) -> None:
    """A write-only sheet streams rows to its own temporary file until the book is saved;
    after a failure or cancel, close it and remove that file (openpyxl has no public way)."""
    if sheet is None:
        return
    try:
        sheet.close()
        sheet._writer.cleanup()
    except Exception:
        pass


def write_people_csv(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *,
                     total: int = 0, progress: Progress | None = None) -> int:
    formatted = ([cell_text(v, c) for v, c in zip(row, columns, strict=True)] for row in rows)
    callback: Callable[[int], bool | None] | None = None
    if progress is not None:
        def callback(count: int) -> bool | None:
            tick(progress, count, total)  # raises Cancelled; write_csv then removes its file
            return True
    return write_csv(Path(path), [_(c.heading) for c in columns], formatted, cell=_plain,
                     progress=callback)


def _plain(value: Any) -> Any:
    return value
