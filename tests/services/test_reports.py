"""The monthly report from a demo database: its figures are the `kpi` command's, its Thai
text extracts as written, no word is cut at a line end, no .notdef glyph is drawn."""

from __future__ import annotations

import json

import pytest

from complaint_desk.cli import main
from complaint_desk.domain.errors import NotFound
from complaint_desk.reports.thai import thai_digits
from complaint_desk.services import reports
from complaint_desk.services.users import actor_for
from tests.reports.pdf_checks import assert_clean, page_count, squeeze, strings_in

MONTH = (2024, 8)


def kpi_json(db, capsys, office=None) -> dict:
    capsys.readouterr()
    args = ["kpi", "--db", db.url, "--month", "2567-08", "--format", "json"]
    assert main(args + (["--office", office] if office else [])) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def supervisor(report_db):
    return actor_for(report_db, "bkk1.supervisor")


def test_the_report_shows_the_figures_of_the_kpi_command(report_db, supervisor, tmp_path,
                                                         capsys, thai):
    figures = kpi_json(report_db, capsys)
    data = reports.monthly_report_data(report_db, supervisor, *MONTH)
    pdf = tmp_path / "monthly.pdf"
    reports.write_monthly_report(report_db, supervisor, *MONTH, pdf)
    text = assert_clean(pdf, strings_in(data))
    shown = {row.label: row.value for row in data.kpis}
    assert len(shown) == 11
    for key, decimals in reports.KPI_ROWS:
        value = figures[key]
        assert shown[reports._(reports.kpi.KPI_LABELS[key])] == value
        expected = "-" if value is None else f"{value:,.{decimals}f}"
        label = squeeze(reports._(reports.kpi.KPI_LABELS[key]))
        row = text[text.index(label) + len(label):][:40]  # target, result, met
        assert expected in row, (key, row)
    assert sum(r.count for r in data.by_channel) == figures["received"]
    assert {r.count for r in data.by_channel} == set(figures["by_channel"].values())
    assert data.trend_received[-1] == figures["received"]
    assert data.comparison[0].values[0] == figures["received"]
    assert data.comparison[1].values[0] == figures["closed"]
    for heading in ("รายงานผลการดำเนินงานด้านการจัดการข้อร้องเรียนประจำเดือนสิงหาคม2567",
                    "1.ผลการดำเนินงานตามตัวชี้วัดประจำเดือน", "3.แนวโน้ม13เดือน",
                    "จำแนกตามหน่วยงานผู้รับผิดชอบ", "ผู้รับรองรายงาน", "หน้า1/"):
        assert heading in text


def test_the_trend_ends_with_the_month_and_starts_with_the_same_month_last_year(
        report_db, supervisor, capsys, thai):
    data = reports.monthly_report_data(report_db, supervisor, *MONTH)
    assert data.trend_labels[0] == "ส.ค.\n2566" and data.trend_labels[-1] == "ส.ค.\n2567"
    capsys.readouterr()
    main(["kpi", "--db", report_db.url, "--month", "2566-08", "--format", "json"])
    last_year = json.loads(capsys.readouterr().out)
    assert data.trend_received[0] == last_year["received"]
    assert data.comparison[0].values[2] == last_year["received"]


def test_overdue_by_unit_adds_up_to_the_kpi_and_names_no_person(report_db, supervisor, capsys,
                                                                 thai):
    figures = kpi_json(report_db, capsys)
    data = reports.monthly_report_data(report_db, supervisor, *MONTH)
    assert sum(r.open for r in data.overdue_by_unit) == figures["open_at_month_end"]
    assert sum(r.overdue for r in data.overdue_by_unit) == figures["overdue_at_month_end"]
    names = {n for row in report_db.engine.connect().exec_driver_sql(
        "SELECT complainant_name FROM complaints WHERE complainant_name IS NOT NULL")
        for n in row}
    assert names and not names & set(strings_in(data))


def test_thai_digits_write_every_figure_in_thai_digits(report_db, supervisor, tmp_path, capsys,
                                                       thai):
    figures = kpi_json(report_db, capsys)
    pdf = tmp_path / "thai-digits.pdf"
    reports.write_monthly_report(report_db, supervisor, *MONTH, pdf, thai_digits=True)
    text = assert_clean(pdf)
    assert thai_digits(f"{figures['received']:,}") in text
    assert thai_digits(f"{figures['acknowledged_on_time_pct']:,.1f}") in text
    assert "หน้า๑/" in text
    assert page_count(pdf) <= 4


def test_an_unknown_office_is_refused(report_db, supervisor, tmp_path):
    with pytest.raises(NotFound):
        reports.write_monthly_report(report_db, supervisor, *MONTH, tmp_path / "x.pdf", "NOPE")
    assert not (tmp_path / "x.pdf").exists()


def test_an_administrator_without_a_reporting_role_may_still_print_reports(report_db,
                                                                           tmp_path):
    admin = actor_for(report_db, "admin")
    reports.write_monthly_report(report_db, admin, *MONTH, tmp_path / "a.pdf")
    assert (tmp_path / "a.pdf").stat().st_size > 10_000


def test_progress_is_reported_up_to_the_end(report_db, supervisor, tmp_path):
    seen = []
    reports.write_monthly_report(report_db, supervisor, *MONTH, tmp_path / "p.pdf",
                                 progress=lambda step, total: seen.append((step, total)))
    steps = reports.REPORT_STEPS
    assert seen[0] == (1, steps) and seen[-1] == (steps, steps)
    assert [s for s, _t in seen] == sorted(s for s, _t in seen)

