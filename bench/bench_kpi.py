"""Monthly KPIs for one office and for all, against a hand-written SQL query doing the same
(SQLite's or PostgreSQL's dialect, over the engine's own driver)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.data import TODAY
from bench.harness import Result, compare, raw_connection

MONTH = (2026, 5)

HAND_SQL = """
WITH m AS (SELECT :start AS s, :end AS e, :last AS l)
SELECT
  (SELECT count(*) FROM complaints, m WHERE received_at >= s AND received_at < e {o}),
  (SELECT sum(acknowledged_at IS NOT NULL AND date(acknowledged_at) <= ack_due_on)
     FROM complaints, m WHERE received_at >= s AND received_at < e {o}),
  (SELECT count(*) FROM complaints, m WHERE closed_at >= s AND closed_at < e {o}),
  (SELECT sum(date(closed_at) <= due_on) FROM complaints, m
     WHERE closed_at >= s AND closed_at < e AND due_on IS NOT NULL {o}),
  (SELECT avg(julianday(date(closed_at)) - julianday(date(received_at)))
     FROM complaints, m WHERE closed_at >= s AND closed_at < e {o}),
  (SELECT count(*) FROM complaints, m WHERE received_at < e AND (closed_at IS NULL OR closed_at >= e) {o}),
  (SELECT count(*) FROM complaints, m WHERE received_at < e AND (closed_at IS NULL OR closed_at >= e)
     AND due_on < l {o}),
  (SELECT avg(satisfaction) FROM complaints, m WHERE closed_at >= s AND closed_at < e {o}),
  (SELECT count(*) FROM complaints, m WHERE reviewed_at >= s AND reviewed_at < e {o})
"""
GROUPS = ("SELECT {col}, count(*) FROM complaints WHERE received_at >= :start "
          "AND received_at < :end {o} GROUP BY {col}")


# The same in PostgreSQL's dialect: dates by ::date, booleans counted by FILTER.
HAND_SQL_PG = """
SELECT
  (SELECT count(*) FROM complaints WHERE received_at >= %(start)s AND received_at < %(end)s {o}),
  (SELECT count(*) FILTER (WHERE acknowledged_at::date <= ack_due_on)
     FROM complaints WHERE received_at >= %(start)s AND received_at < %(end)s {o}),
  (SELECT count(*) FROM complaints WHERE closed_at >= %(start)s AND closed_at < %(end)s {o}),
  (SELECT count(*) FILTER (WHERE closed_at::date <= due_on) FROM complaints
     WHERE closed_at >= %(start)s AND closed_at < %(end)s AND due_on IS NOT NULL {o}),
  (SELECT avg(closed_at::date - received_at::date)
     FROM complaints WHERE closed_at >= %(start)s AND closed_at < %(end)s {o}),
  (SELECT count(*) FROM complaints WHERE received_at < %(end)s
     AND (closed_at IS NULL OR closed_at >= %(end)s) {o}),
  (SELECT count(*) FROM complaints WHERE received_at < %(end)s
     AND (closed_at IS NULL OR closed_at >= %(end)s) AND due_on < %(last)s {o}),
  (SELECT avg(satisfaction) FROM complaints WHERE closed_at >= %(start)s AND closed_at < %(end)s {o}),
  (SELECT count(*) FROM complaints WHERE reviewed_at >= %(start)s AND reviewed_at < %(end)s {o})
"""


def _params(office: str | None, month_of: tuple[int, int] = MONTH) -> dict[str, Any]:
    year, month = month_of
    return {"start": f"{year}-{month:02d}-01 00:00:00.000000",
            "end": f"{year + (month == 12)}-{month % 12 + 1:02d}-01 00:00:00.000000",
            "last": f"{year}-{month:02d}-31", "office": office}


def _hand_postgres(url: str, office: str | None, month_of: tuple[int, int]) -> None:
    params = _params(office, month_of)
    o = "AND office_code = %(office)s" if office else ""
    conn = raw_connection(url)  # opened once, as for SQLite (connecting is not the query)
    conn.execute(HAND_SQL_PG.format(o=o), params).fetchone()
    for col in ("channel", "category_code", "level"):
        conn.execute(f"SELECT {col}, count(*) FROM complaints WHERE received_at >= "
                     f"%(start)s AND received_at < %(end)s {o} GROUP BY {col}",
                     params).fetchall()
    conn.execute("SELECT closed_at::date - received_at::date FROM complaints "
                 "WHERE closed_at >= %(start)s AND closed_at < %(end)s " + o,
                 params).fetchall()


def _hand(path: Path | str, office: str | None, month_of: tuple[int, int] = MONTH) -> None:
    """The month's KPIs by hand, as a competent SQL writer would spell them. On SQLite the
    office filter is written ``+office_code`` (SQLite's documented way to keep a column's
    index out of the plan): with a plain ``office_code = ?`` the planner walks the
    (office_code, …) index over every case of the office and reads each row, 1.85 s against
    78 ms for all offices; ours avoids the same trap (engine_features.filter_only), so the
    baseline must too, or the ratio compares a trap with its avoidance (issue 20)."""
    if isinstance(path, str):
        _hand_postgres(path, office, month_of)
        return
    params = _params(office, month_of)
    o = "AND +office_code = :office" if office else ""
    conn = raw_connection(path)
    conn.execute(HAND_SQL.format(o=o), params).fetchone()
    for col in ("channel", "category_code", "level"):
        conn.execute(GROUPS.format(col=col, o=o), params).fetchall()
    # the median needs the values
    conn.execute("SELECT julianday(date(closed_at)) - julianday(date(received_at)) FROM "
                 "complaints WHERE closed_at >= :start AND closed_at < :end " + o,
                 params).fetchall()


def run(path: Path | str, size: int) -> list[Result]:
    from complaint_desk.services.kpi import monthly_kpis
    from complaint_desk.store.database import open_database

    db = open_database(path)
    results = []
    for office, label in ((None, "all offices"), ("BKK1", "one office")):
        results.append(compare(
            f"monthly KPIs, {label}", size,
            lambda office=office: monthly_kpis(db, *MONTH, office),
            lambda office=office: _hand(path, office),
            max_ratio=1.5, max_seconds=0.5))
    from complaint_desk.services.analysis import dashboard

    results.append(compare(
        "dashboard, 12 months, all offices", size,
        lambda: dashboard(db, *MONTH, today=TODAY), None, max_seconds=1.0, repeats=3,
        note="no raw baseline: until the tab shows it (counted off the GUI thread)"))
    db.dispose()
    return results
