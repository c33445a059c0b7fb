"""The seed's three indicators and the operational KPIs as indicators, computed by hand."""

from datetime import date, datetime

import pytest

from complaint_desk.domain import indicators as ind
from complaint_desk.domain.errors import ValidationError
from complaint_desk.domain.kpi import ClosedFacts, ReceivedFacts
from complaint_desk.domain.policy import (
    ELEMENT_CODES,
    CascadeItem,
    PlannedPublication,
    complete_components,
    missing_elements,
    validate_elements,
)

ALL = frozenset(ELEMENT_CODES)


def policy(elements=ALL, approved_on=date(2023, 5, 10)):
    return ind.PolicyFacts("นโยบายการจัดการข้อร้องเรียน", "2566.1", approved_on, elements)


def test_a_policy_with_every_element_reviewed_before_the_deadline_meets_indicator_1():
    result = ind.policy_elements_indicator(policy(), review_due=date(2023, 9, 30), language="en")
    assert (result.code, result.result_value, result.target_value, result.met) == \
        ("policy_elements", 4.0, 4.0, True)
    assert result.result_text == "4 of 4 components, version 2566.1 approved May 2566"


def test_a_missing_privacy_element_leaves_three_components_and_misses_the_target():
    result = ind.policy_elements_indicator(policy(ALL - {"complainant_privacy"}))
    assert result.result_value == 3.0
    assert result.met is False
    assert [c.number for c in complete_components(ALL - {"complainant_privacy"})] == \
        ["1.1", "1.2", "1.3"]
    assert missing_elements(ALL - {"complainant_privacy"}) == ["complainant_privacy"]


def test_every_component_needs_all_its_elements_so_one_missing_element_each_gives_zero():
    one_missing_each = ALL - {"scope", "terms_definitions", "respond", "monitoring"}
    assert ind.policy_elements_indicator(policy(one_missing_each)).result_value == 0.0


def test_a_review_approved_after_the_deadline_or_a_year_before_it_does_not_count():
    due = date(2023, 9, 30)
    late = ind.policy_elements_indicator(policy(approved_on=date(2023, 10, 2)), review_due=due,
                                         language="en")
    stale = ind.policy_elements_indicator(policy(approved_on=date(2022, 9, 30)), review_due=due)
    on_time = ind.policy_elements_indicator(policy(approved_on=date(2022, 10, 1)), review_due=due)
    assert (late.met, stale.met, on_time.met) == (False, False, True)
    assert late.target_text == "4 of 4 components, reviewed by Sep 2566"


def test_no_policy_recorded_is_zero_components_and_not_met():
    result = ind.policy_elements_indicator(None)
    assert (result.result_value, result.met, result.result_text) == \
        (0.0, False, "No policy recorded")


def test_unknown_elements_are_refused_by_name():
    with pytest.raises(ValidationError) as caught:
        validate_elements(["purpose", "colour"])
    assert caught.value.params["value"] == "colour"


def test_indicator_2_counts_publications_done_by_the_year_end_late_ones_included():
    as_of = date(2024, 12, 31)
    plan = [PlannedPublication("website", "outside", date(2024, 2, 1), date(2024, 2, 1)),
            PlannedPublication("intranet", "inside", date(2024, 2, 1), date(2024, 6, 30)),
            PlannedPublication("training", "inside", date(2024, 3, 1), None),
            PlannedPublication("meeting", "inside", date(2024, 11, 1), date(2025, 1, 5))]
    result = ind.publication_indicator(plan, as_of)
    assert (result.result_value, result.target_value, result.met) == (50.0, 100.0, False)
    assert result.result_text == "50% (2 of 4)"
    assert result.target_text == "100%"


def test_indicator_2_without_a_plan_has_nothing_to_measure():
    result = ind.publication_indicator([], date(2024, 12, 31))
    assert (result.result_value, result.met) == (None, None)


def test_indicator_3_leaves_cancelled_rows_out_and_counts_cascaded_and_acknowledged():
    as_of = date(2024, 12, 31)
    items = [CascadeItem("office", "cascaded", date(2024, 1, 10)),
             CascadeItem("division", "acknowledged", date(2024, 1, 20)),
             CascadeItem("person", "planned", None),
             CascadeItem("person", "cancelled", date(2024, 2, 1)),
             CascadeItem("person", "cascaded", date(2024, 3, 1))]
    result = ind.cascade_indicator(items, as_of)
    assert (result.result_value, result.result_text, result.met) == (75.0, "75% (3 of 4)", False)
    assert ind.cascade_indicator(items[:2], as_of).met is True


def test_operational_kpis_become_indicators_with_their_default_or_given_targets():
    figures = {"received": 120, "acknowledged_on_time_pct": 100.0, "closed": 110,
               "resolved_within_target_pct": 88.5, "mean_days_to_close": 9.25,
               "median_days_to_close": 7.0, "open_at_month_end": 12, "overdue_at_month_end": 2,
               "satisfaction_mean": 4.1, "satisfied_pct": 79.9, "reviewed": 3}
    rows = {r.code: r for r in ind.operational_indicators(figures, {"satisfied_pct": 75.0})}
    assert rows["received"].met is None and rows["received"].result_text == "120"
    assert rows["acknowledged_on_time_pct"].met is True
    assert rows["resolved_within_target_pct"].met is False  # default target 90
    assert rows["resolved_within_target_pct"].target_text == "at least 90%"
    assert rows["overdue_at_month_end"].met is False
    assert rows["overdue_at_month_end"].target_text == "at most 0"
    assert rows["satisfied_pct"].met is True  # target lowered to 75
    assert rows["mean_days_to_close"].result_text == "9.25 days"
    assert rows["satisfaction_mean"].result_text == "4.1 of 5"


def test_a_kpi_without_data_reads_no_data_and_is_neither_met_nor_missed():
    rows = {r.code: r for r in ind.operational_indicators({"satisfied_pct": None}, {})}
    assert (rows["satisfied_pct"].result_text, rows["satisfied_pct"].met) == ("no data", None)


def test_facts_kpis_of_a_subset_use_the_monthly_definitions():
    received = [ReceivedFacts(datetime(2024, 8, 5, 9), datetime(2024, 8, 5, 15),
                              date(2024, 8, 6), "line", "repair", 2),
                ReceivedFacts(datetime(2024, 8, 5, 9), datetime(2024, 8, 8, 9),
                              date(2024, 8, 6), "walk_in", "repair", 2)]
    closed = [ClosedFacts(datetime(2024, 8, 1), datetime(2024, 8, 20), date(2024, 8, 22), 5),
              ClosedFacts(datetime(2024, 7, 1), datetime(2024, 8, 21), date(2024, 7, 22), 3),
              ClosedFacts(datetime(2024, 7, 1), datetime(2024, 8, 21), None, None)]
    figures = ind.facts_kpis(received, closed)
    assert figures["acknowledged_on_time_pct"] == 50.0
    assert figures["resolved_within_target_pct"] == 50.0  # the case without a due date is out
    assert figures["satisfied_pct"] == 50.0
    assert figures["mean_days_to_close"] == round((19 + 51 + 51) / 3, 2)
    assert "open_at_month_end" not in figures
