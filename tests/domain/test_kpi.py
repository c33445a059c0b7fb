from datetime import date, datetime

from complaint_desk.domain.kpi import (
    KPI_KEYS,
    ClosedFacts,
    ReceivedFacts,
    is_open_at,
    monthly_kpis,
    target_met,
)


def received(ack_day, due_day, channel="line", category="repair", level=2):
    return ReceivedFacts(datetime(2024, 8, 1, 9), ack_day and datetime(2024, 8, ack_day, 10),
                         date(2024, 8, due_day), channel, category, level)


def closed(received_day, closed_day, due_day, score):
    return ClosedFacts(datetime(2024, 8, received_day, 9), datetime(2024, 8, closed_day, 15),
                       due_day and date(2024, 8, due_day), score)


def test_kpis_from_a_hand_computed_month():
    rec = [received(1, 2), received(2, 2), received(5, 2, channel="walk_in"), received(None, 2,
           category=None, level=None)]
    clo = [closed(1, 3, 5, 5), closed(1, 10, 5, 4), closed(2, 4, None, 2), closed(1, 21, 30, None)]
    k = monthly_kpis(rec, clo, open_at_month_end=7, overdue_at_month_end=2, reviewed=1)
    assert list(k) == list(KPI_KEYS)
    assert k["received"] == 4
    assert k["acknowledged_on_time_pct"] == 50.0           # 2 of 4 by 2 August
    assert k["closed"] == 4
    assert k["resolved_within_target_pct"] == 66.7         # 2 of the 3 that had a due date
    assert k["mean_days_to_close"] == 8.25                 # (2 + 9 + 2 + 20) / 4
    assert k["median_days_to_close"] == 5.5
    assert k["satisfaction_mean"] == 3.67 and k["satisfied_pct"] == 66.7
    assert k["by_channel"] == {"line": 3, "walk_in": 1}
    assert k["by_category"] == {"none": 1, "repair": 3}
    assert k["by_level"] == {"2": 3, "none": 1}
    assert (k["open_at_month_end"], k["overdue_at_month_end"], k["reviewed"]) == (7, 2, 1)


def test_an_empty_month_has_counts_of_zero_and_no_percentages():
    k = monthly_kpis([], [], open_at_month_end=0, overdue_at_month_end=0, reviewed=0)
    assert k["received"] == 0 and k["acknowledged_on_time_pct"] is None
    assert k["mean_days_to_close"] is None and k["by_channel"] == {}


def test_open_at_a_moment():
    moment = datetime(2024, 9, 1)
    assert is_open_at(datetime(2024, 8, 31, 23), None, moment)
    assert is_open_at(datetime(2024, 8, 1), datetime(2024, 9, 1), moment)
    assert not is_open_at(datetime(2024, 8, 1), datetime(2024, 8, 31, 23, 59), moment)
    assert not is_open_at(datetime(2024, 9, 1), None, moment)


def test_targets_know_which_direction_is_better():
    assert target_met("acknowledged_on_time_pct", 100.0) is True
    assert target_met("acknowledged_on_time_pct", 99.9) is False
    assert target_met("overdue_at_month_end", 0) is True
    assert target_met("received", 10) is None
