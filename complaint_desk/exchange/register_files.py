"""An older complaint register (CSV or XLSX) and the column mapping that reads it.

The mapping is a JSON file the office writes once for its old register::

    {
      "sheet": "ทะเบียน",                          (XLSX only; default: the first sheet)
      "columns": {"วันที่รับ": "received_at", "เรื่อง": "subject", "ช่องทาง": "channel", ...},
      "values": {"channel": {"โทรศัพท์": "telephone", "จดหมาย": "letter"}},
      "defaults": {"channel": "other"},
      "legacy_reference": "เลขที่รับ"                (optional: kept in the case's record event)
    }

``columns`` maps a heading of the register to a field of the intake form (``FIELDS``);
``values`` translates the register's words into codes; ``defaults`` fill empty cells.
Rows come out as {field: text}, numbered as a person sees them in the file. The heading is the
first of the first 20 rows that holds every mapped column, so merged title rows above it are
skipped.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from complaint_desk.domain.errors import N_, ValidationError

# Intake fields a register may fill, with the label a person reads in the validation report.
FIELDS: dict[str, str] = {
    "received_at": N_("Date received"),
    "channel": N_("Channel"),
    "subject": N_("Subject"),
    "description": N_("Description"),
    "complainant_anonymous": N_("Anonymous"),
    "complainant_name": N_("Complainant"),
    "complainant_national_id": N_("National ID"),
    "complainant_phone": N_("Phone"),
    "complainant_email": N_("E-mail"),
    "complainant_address": N_("Address"),
    "project": N_("Housing project"),
    "building": N_("Building"),
    "unit": N_("Unit"),
    "request": N_("Request"),
    "category_code": N_("Category"),
    "about_staff": N_("About staff"),
    "closed_at": N_("Date closed"),
}

# Fields read from the register but not part of the intake form: checked against the
# receipt and kept in the case's record event (the step events are not replayed yet).
STEP_DATES = ("closed_at",)
# The heading is looked for in this many first rows (offices put merged title rows above it).
HEADING_SEARCH_ROWS = 20
# A totals row at the bottom ("รวม 5,000 เรื่อง", "Total"): skipped, not refused as a bad row.
_TOTALS = ("รวม", "ยอดรวม", "รวมทั้งสิ้น", "total")


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    sheet: str | None = None
    legacy_reference: str | None = None


def read_mapping(path: Path) -> Mapping:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except ValueError as error:
        raise ValidationError(N_("The mapping file {file} is not valid JSON: {error}"),
                              field="mapping", file=Path(path).name, error=str(error)) from None
    columns = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict) or not columns:
        raise ValidationError(N_("The mapping file {file} has no \"columns\"."),
                              field="mapping", file=Path(path).name)
    for heading, target in columns.items():
        if target not in FIELDS:
            raise ValidationError(N_("The mapping file {file} maps the column {column} to an "
                                     "unknown field: {value}"), field="mapping",
                                  file=Path(path).name, column=heading, value=str(target))
    values = data.get("values") or {}
    defaults = data.get("defaults") or {}
    if not isinstance(values, dict) or not isinstance(defaults, dict):
        raise ValidationError(N_("The mapping file {file} has no \"columns\"."),
                              field="mapping", file=Path(path).name)
    return Mapping(columns=dict(columns), values={k: dict(v) for k, v in values.items()},
                   defaults=dict(defaults), sheet=data.get("sheet"),
                   legacy_reference=data.get("legacy_reference"))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            if sheet is not None and sheet not in book.sheetnames:
                raise ValidationError(N_("The register has no sheet named {value}."),
                                      field="sheet", value=sheet)
            worksheet = book[sheet] if sheet else book.worksheets[0]
            for row in worksheet.iter_rows(values_only=True):
                yield list(row)
        finally:
            book.close()
        return
    with open(path, newline="", encoding="utf-8-sig") as handle:
        yield from csv.reader(handle)


def _is_totals(cells: list[str], where: dict[str, int], mapping: Mapping) -> bool:
    """A row whose first filled cell starts with a totals word and has no date received."""
    first = next((c for c in cells if c), "")
    if not first.lower().startswith(_TOTALS):
        return False
    received = [h for h, target in mapping.columns.items() if target == "received_at"]
    return all(where[h] >= len(cells) or not cells[where[h]] for h in received)


def read_register(path: Path, mapping: Mapping) -> Iterator[tuple[int, dict[str, str], str]]:
    """(row number, {field: text}, legacy reference) for every non-empty row."""
    rows = _table(Path(path), mapping.sheet)
    first: list[str] | None = None
    heading: list[str] | None = None
    start = 0
    for start, row in enumerate(rows, start=1):
        cells = [_text(v) for v in row]
        first = cells if first is None else first
        if all(h in cells for h in mapping.columns):
            heading = cells
            break
        if start >= HEADING_SEARCH_ROWS:
            break
    if first is None:
        return
    if heading is None:  # report the missing column as the first row sees it
        heading = first
    missing = [h for h in mapping.columns if h not in heading]
    if missing:
        raise ValidationError(N_("The register has no column {column}."), field="mapping",
                              column=missing[0])
    where = {h: heading.index(h) for h in mapping.columns}
    legacy_at = heading.index(mapping.legacy_reference) if (
        mapping.legacy_reference and mapping.legacy_reference in heading) else None
    for number, row in enumerate(rows, start=start + 1):
        cells = [_text(v) for v in row]
        if not any(cells) or _is_totals(cells, where, mapping):
            continue
        values: dict[str, str] = {}
        for heading_text, target in mapping.columns.items():
            index = where[heading_text]
            text = cells[index] if index < len(cells) else ""
            text = mapping.values.get(target, {}).get(text, text)
            if not text and target in mapping.defaults:
                text = _text(mapping.defaults[target])
            values[target] = text
        for target, default in mapping.defaults.items():
            values.setdefault(target, _text(default))
        legacy = cells[legacy_at] if legacy_at is not None and legacy_at < len(cells) else ""
        yield number, values, legacy
