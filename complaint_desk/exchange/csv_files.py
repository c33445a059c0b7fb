"""CSV for people and for headquarters: UTF-8 with a BOM (Excel opens Thai intact), ISO 8601
dates and times, written to a temporary file and renamed so a failed export leaves nothing."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any


def iso_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return value


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
              cell: Callable[[Any], Any] = iso_cell,
              progress: Callable[[int], bool | None] | None = None) -> int:
    """Write atomically; ``progress(count)`` may return False to cancel (nothing is left)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".export-", suffix=".csv", dir=path.parent)
    count = 0
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8-sig") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            for row in rows:
                writer.writerow([cell(v) for v in row])
                count += 1
                if progress is not None and count % 1000 == 0 and progress(count) is False:
                    raise InterruptedError("cancelled")
        os.replace(temp_name, path)
    except BaseException:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
        raise
    return count
