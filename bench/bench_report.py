"""The monthly KPI report as a PDF, with Thai shaping (as printed) against the same report
built without shaping.

Both build from the same ``MonthlyReportData``, collected once (the figures are the KPI
suite's business); only the typography differs. "Without shaping" is every Thai paragraph
style with ``shaping=0`` (reports/thai_fonts.thai_style is the one place styles are made):
the same fonts, line breaking and tables, marks left unplaced. The target: the shaped build
runs at no less than half the unshaped one's speed (time ratio ≤ 2).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.harness import Result, compare

MONTH = (2026, 5)


@contextmanager
def unshaped() -> Iterator[None]:
    """Every Thai style made while inside is built with shaping off."""
    from complaint_desk.reports import charts, page_furniture, thai, thai_fonts

    original = thai_fonts.thai_style

    def plain_style(*args, **kwargs):  # type: ignore[no-untyped-def]
        style = original(*args, **kwargs)
        style.shaping = 0
        return style

    modules = [m for m in (thai, thai_fonts, charts, page_furniture)
               if getattr(m, "thai_style", None) is original]
    for module in modules:
        module.thai_style = plain_style  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module in modules:
            module.thai_style = original  # type: ignore[attr-defined]


def run(path: Path, size: int) -> list[Result]:
    from complaint_desk.i18n import set_language
    from complaint_desk.reports.monthly_report import build_monthly_report
    from complaint_desk.services.reports import monthly_report_data
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    set_language("th")
    db = open_database(path)
    actor = actor_for(db, "bkk1.supervisor")
    figures = compare("monthly report figures (KPIs, 13-month trend, by unit)", size,
                      lambda: monthly_report_data(db, actor, *MONTH), None, max_seconds=2.0,
                      repeats=3, note="no raw baseline; the trend: one index-range count a month")
    data = monthly_report_data(db, actor, *MONTH)
    db.dispose()

    def shaped() -> None:
        build_monthly_report(data, io.BytesIO())

    def plain() -> None:
        with unshaped():
            build_monthly_report(data, io.BytesIO())

    return [figures, compare("monthly KPI PDF, all offices (build)", size, shaped, plain, max_ratio=2,
                    repeats=3, note="baseline: the same report unshaped; target: shaped "
                                    "≥ 50 % of its speed")]
