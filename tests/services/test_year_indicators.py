"""year_indicators: the AAR's indicator table, the CLI's --year, computed from the data."""

import json
from datetime import date, datetime

import pytest

from complaint_desk.cli import main as cli_main
from complaint_desk.domain.intake import Intake
from complaint_desk.domain.policy import ELEMENT_CODES
from complaint_desk.i18n import set_language
from complaint_desk.services import complaints as svc
from complaint_desk.services import indicators, policy
from complaint_desk.services.kpi import period_kpis


def at(*args):
    return lambda: datetime(*args)


def case(db, actors, received):
    return svc.record_complaint(db, actors["officer"], Intake(
        channel="line", received_at=received, subject="น้ำรั่ว", description="น้ำรั่วจากเพดาน",
        complainant_anonymous=True), clock=at(2024, 3, 4, 9, 30))


@pytest.fixture
def year_2567(db, actors):
    """Two complaints and the system's records of 2024 (2567), computed by hand below."""
    a = case(db, actors, datetime(2024, 3, 4, 9, 0))
    svc.acknowledge(db, actors["officer"], a, clock=at(2024, 3, 4, 10, 0))
    svc.assess(db, actors["supervisor"], a, accepted=True, category_code="repair",
               clock=at(2024, 3, 4, 11, 0))
    svc.assign_level(db, actors["supervisor"], a, level=1, responsible_unit="กองซ่อมบำรุง",
                     clock=at(2024, 3, 4, 11, 5))
    svc.respond(db, actors["officer"], a, decision="ซ่อมแล้ว", reasons="ตรวจพบท่อแตก",
                clock=at(2024, 3, 5, 9, 0))
    svc.close_complaint(db, actors["officer"], a, complainant_accepts=True, satisfaction=5,
                        clock=at(2024, 3, 5, 10, 0))
    b = case(db, actors, datetime(2024, 3, 4, 9, 15))
    svc.acknowledge(db, actors["officer"], b, clock=at(2024, 3, 8, 9, 0))  # due 5 March: late
    admin, now = actors["admin"], at(2024, 12, 31, 12, 0)
    policy.save_policy_version(db, admin, policy.PolicyRecord(
        "นโยบาย", "2567.1", approved_on=date(2024, 5, 15),
        elements=dict.fromkeys(ELEMENT_CODES)), clock=now)
    indicators.set_target(db, admin, indicators.Target("policy_elements", 2024, 4.0,
                                                       date(2024, 9, 30)), clock=now)
    for channel, done in (("website", date(2024, 2, 3)), ("training", None)):
        policy.save_publication(db, admin, policy.Publication(
            channel, "เผยแพร่", date(2024, 2, 1), done_on=done), clock=now)
    indicators.save_cascade(db, admin, indicators.CascadeEntry(
        "satisfied_pct", 2024, "office", "ร้อยละ 80", "acknowledged", date(2024, 1, 9),
        office_code="BKK1"), clock=now)
    indicators.save_cascade(db, admin, indicators.CascadeEntry(
        "satisfied_pct", 2023, "office", "ร้อยละ 80", office_code="BKK1"), clock=now)
    return db


def by_code(rows):
    return {r.code: r for r in rows}


def test_the_seed_indicators_of_2567_are_computed_from_the_records(year_2567):
    rows = indicators.year_indicators(year_2567, 2567)
    assert [r.code for r in rows[:3]] == ["policy_elements", "policy_publication", "kpi_cascade"]
    found = by_code(rows)
    assert (found["policy_elements"].result_value, found["policy_elements"].met) == (4.0, True)
    assert (found["policy_publication"].result_value, found["policy_publication"].met) == \
        (50.0, False)
    assert (found["kpi_cascade"].result_value, found["kpi_cascade"].met) == (100.0, True)


def test_the_years_operational_kpis_are_hand_computed_and_equal_the_kpi_code(year_2567):
    found = by_code(indicators.year_indicators(year_2567, 2024))
    expected = {"received": 2, "acknowledged_on_time_pct": 50.0, "closed": 1,
                "resolved_within_target_pct": 100.0, "mean_days_to_close": 1.0,
                "open_at_month_end": 1, "overdue_at_month_end": 0, "satisfaction_mean": 5.0,
                "satisfied_pct": 100.0, "reviewed": 0}
    assert {k: found[k].result_value for k in expected} == expected
    figures = period_kpis(year_2567, date(2024, 1, 1), date(2025, 1, 1))
    assert all(found[k].result_value == figures[k] for k in expected)
    assert found["acknowledged_on_time_pct"].met is False
    assert found["received"].met is None


def test_an_office_target_overrides_the_organisations(year_2567, actors):
    indicators.set_target(year_2567, actors["admin"],
                          indicators.Target("acknowledged_on_time_pct", 2024, 40.0, None, "BKK1"))
    assert by_code(indicators.year_indicators(year_2567, 2024, "BKK1"))[
        "acknowledged_on_time_pct"].met is True
    assert by_code(indicators.year_indicators(year_2567, 2024))[
        "acknowledged_on_time_pct"].met is False


def test_the_texts_come_in_thai_with_buddhist_era_months(year_2567):
    set_language("th")
    found = by_code(indicators.year_indicators(year_2567, 2567))
    assert "กันยายน 2567" in found["policy_elements"].target_text
    assert found["policy_publication"].result_text == "ร้อยละ 50 (1 จาก 2)"


def test_the_cli_prints_the_year_as_json_and_keeps_month_and_year_apart(year_2567, signed_in_cli, db,
                                                                        capsys):
    database = db.url
    assert cli_main(["kpi", "--db", database, "--year", "2567", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["year"] == "2567"
    assert [r["code"] for r in printed["indicators"]][:4] == \
        ["policy_elements", "policy_publication", "kpi_cascade", "received"]
    assert printed["indicators"][1]["result_value"] == 50.0
    with pytest.raises(SystemExit):
        cli_main(["kpi", "--db", database, "--year", "2567", "--month", "2567-08"])
    assert cli_main(["kpi", "--db", database, "--year", "25x7"]) == 2
