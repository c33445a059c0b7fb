"""The KPI JSON of a demo database agrees with KPIs recomputed independently from its CSV."""

import csv
import json
import statistics
from datetime import date, datetime

import pytest

from complaint_desk.cli import main as cli_main
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.export import export_csv
from complaint_desk.services.kpi import monthly_kpis

TODAY = date(2024, 12, 20)


def recompute(rows, year, month, office=None):
    """Written from the definitions in docs/kpi.md, reading only the CSV."""
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    last = date.fromordinal(end.date().toordinal() - 1)

    def ts(v):
        return datetime.fromisoformat(v) if v else None

    def day(v):
        return date.fromisoformat(v) if v else None

    rows = [r for r in rows if office is None or r["office_code"] == office]
    rec = [r for r in rows if start <= ts(r["received_at"]) < end]
    clo = [r for r in rows if r["closed_at"] and start <= ts(r["closed_at"]) < end]
    on_time = [r for r in rec if r["acknowledged_at"]
               and ts(r["acknowledged_at"]).date() <= day(r["ack_due_at"])]
    with_due = [r for r in clo if r["due_at"]]
    within = [r for r in with_due if ts(r["closed_at"]).date() <= day(r["due_at"])]
    days = [(ts(r["closed_at"]).date() - ts(r["received_at"]).date()).days for r in clo]
    scores = [int(r["satisfaction"]) for r in clo if r["satisfaction"]]
    open_ = [r for r in rows if ts(r["received_at"]) < end
             and (not r["closed_at"] or ts(r["closed_at"]) >= end)]
    overdue = [r for r in open_ if r["due_at"] and day(r["due_at"]) < last]

    def pct(a, b):
        return round(100 * a / b, 1) if b else None

    def counts(key):
        out = {}
        for r in rec:
            out[r[key] or "none"] = out.get(r[key] or "none", 0) + 1
        return dict(sorted(out.items()))

    return {
        "received": len(rec), "acknowledged_on_time_pct": pct(len(on_time), len(rec)),
        "closed": len(clo), "resolved_within_target_pct": pct(len(within), len(with_due)),
        "mean_days_to_close": round(sum(days) / len(days), 2) if days else None,
        "median_days_to_close": float(statistics.median(days)) if days else None,
        "open_at_month_end": len(open_), "overdue_at_month_end": len(overdue),
        "satisfaction_mean": round(sum(scores) / len(scores), 2) if scores else None,
        "satisfied_pct": pct(sum(s >= 4 for s in scores), len(scores)),
        "reviewed": sum(1 for r in rows if r["reviewed_at"] and start <= ts(r["reviewed_at"]) < end),
        "by_channel": counts("channel"), "by_category": counts("category"),
        "by_level": counts("level"),
    }


@pytest.fixture
def demo_rows(db, actors, tmp_path):
    generate_demo(db, 3000, seed=7, offices=3, today=TODAY)
    out = tmp_path / "all.csv"
    export_csv(db, actors["clerk"], out)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("year,month,office", [(2024, 8, None), (2024, 11, None), (2023, 3, "BKK2"),
                                               (2024, 12, "CNX")])
def test_kpis_equal_an_independent_recomputation_from_the_csv(db, demo_rows, year, month, office):
    figures = monthly_kpis(db, year, month, office)
    expected = recompute(demo_rows, year, month, office)
    assert figures["received"] > 0
    assert {k: figures[k] for k in expected} == expected


def test_the_cli_json_is_the_same_figures(db, demo_rows, tmp_path, capsys):
    assert cli_main(["kpi", "--db", db.url, "--month", "2567-08",
                     "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["month"] == "2567-08"
    assert {k: printed[k] for k in recompute(demo_rows, 2024, 8)} == recompute(demo_rows, 2024, 8)
