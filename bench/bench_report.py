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
TREND_MONTHS = 13


def _months_back(count: int) -> list[tuple[int, int]]:
    year, month = MONTH
    out = []
    for k in range(count):
        m = month - k
        out.append((year + (m - 1) // 12, (m - 1) % 12 + 1))
    return out[::-1]


def hand_report_figures(path: Path | str) -> None:
    """What ``monthly_report_data`` asks of the database, written by hand on the engine's
    own driver: the KPIs of the month, the month before and the same month last year
    (bench_kpi's hand query), the received and closed counts of 13 months grouped by month,
    and the open and overdue cases by responsible unit at the month's end."""
    from bench.bench_kpi import _hand
    from bench.harness import raw_connection

    months = _months_back(TREND_MONTHS)
    for month_of in (months[-1], months[-2], months[0]):
        _hand(path, None, month_of)
    (y0, m0), (y1, m1) = months[0], MONTH
    start = f"{y0}-{m0:02d}-01 00:00:00.000000"
    end = f"{y1 + (m1 == 12)}-{m1 % 12 + 1:02d}-01 00:00:00.000000"
    last = f"{y1}-{m1:02d}-31"
    conn = raw_connection(path)
    postgres = isinstance(path, str)
    for column in ("received_at", "closed_at"):
        month = f"to_char({column}, 'YYYY-MM')" if postgres else f"substr({column}, 1, 7)"
        conn.execute(f"SELECT {month}, count(*) FROM complaints WHERE {column} >= ? AND "
                     f"{column} < ? GROUP BY 1", (start, end)).fetchall()
    conn.execute(
        "SELECT responsible_unit, count(*), sum(CASE WHEN due_on IS NOT NULL AND due_on < ? "
        "THEN 1 ELSE 0 END) FROM (SELECT responsible_unit, due_on FROM complaints "
        "WHERE closed_at IS NULL AND received_at < ? UNION ALL SELECT responsible_unit, due_on "
        "FROM complaints WHERE closed_at >= ? AND received_at < ?) AS open_cases "
        "GROUP BY responsible_unit ORDER BY 3 DESC, 2 DESC, 1",
        (last, end, end, end)).fetchall()


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


def run(path: Path | str, size: int) -> list[Result]:
    from complaint_desk.i18n import set_language
    from complaint_desk.reports.monthly_report import build_monthly_report
    from complaint_desk.services.reports import monthly_report_data
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    set_language("th")
    db = open_database(path)
    actor = actor_for(db, "bkk1.supervisor")
    figures = compare("monthly report figures (KPIs, 13-month trend, by unit)", size,
                      lambda: monthly_report_data(db, actor, *MONTH),
                      lambda: hand_report_figures(path), max_ratio=1.5, repeats=3,
                      note="baseline: the same figures by hand SQL (3 months' KPIs, 13 months' "
                           "counts, open/overdue by unit)")
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
