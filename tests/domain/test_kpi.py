import statistics
from collections import Counter
from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from complaint_desk.domain.kpi import (
    KPI_KEYS,
    ClosedFacts,
    ReceivedFacts,
    acknowledged_on_time,
    closed_within_target,
    days_to_close,
    is_open_at,
    kpis_from_tallies,
    monthly_kpis,
    tally_closed,
    tally_received,
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


# --- the figures from tallies equal the figures computed case by case ----------------------

def _case_by_case(rec, clo):
    """The KPI arithmetic as it was written before tallies: over the list of facts."""
    with_due = [c for c in clo if c.due_on is not None]
    days = [days_to_close(c) for c in clo]
    scores = [c.satisfaction for c in clo if c.satisfaction is not None]

    def pct(part, whole):
        return round(100.0 * part / whole, 1) if whole else None

    def counts(values):
        return dict(sorted(Counter("none" if v is None else str(v) for v in values).items()))

    return {
        "received": len(rec),
        "acknowledged_on_time_pct": pct(sum(map(acknowledged_on_time, rec)), len(rec)),
        "closed": len(clo),
        "resolved_within_target_pct": pct(sum(map(closed_within_target, with_due)),
                                          len(with_due)),
        "mean_days_to_close": round(statistics.fmean(days), 2) if days else None,
        "median_days_to_close": float(statistics.median(days)) if days else None,
        "satisfaction_mean": round(statistics.fmean(scores), 2) if scores else None,
        "satisfied_pct": pct(sum(1 for s in scores if s >= 4), len(scores)),
        "by_channel": counts(r.channel for r in rec),
        "by_category": counts(r.category_code for r in rec),
        "by_level": counts(r.level for r in rec),
    }


DAY0 = datetime(2024, 8, 1, 9)
received_facts = st.builds(
    lambda ack, due, channel, category, level: ReceivedFacts(
        DAY0, None if ack is None else DAY0 + timedelta(hours=ack),
        None if due is None else DAY0.date() + timedelta(days=due), channel, category, level),
    st.none() | st.integers(0, 24 * 5), st.none() | st.integers(0, 3),
    st.sampled_from(["line", "walk_in"]), st.none() | st.sampled_from(["repair", "other"]),
    st.none() | st.integers(1, 4))
closed_facts = st.builds(
    lambda took, due, score: ClosedFacts(DAY0, DAY0 + timedelta(hours=took),
                                         None if due is None else DAY0.date() + timedelta(due),
                                         score),
    st.integers(0, 24 * 400), st.none() | st.integers(0, 90), st.none() | st.integers(1, 5))


@given(st.lists(received_facts, max_size=60), st.lists(closed_facts, max_size=60))
def test_figures_from_tallies_equal_the_figures_case_by_case(rec, clo):
    figures = kpis_from_tallies(tally_received(rec), tally_closed(clo), open_at_month_end=3,
                                overdue_at_month_end=1, reviewed=2)
    assert list(figures) == list(KPI_KEYS)
    assert {k: figures[k] for k in _case_by_case(rec, clo)} == _case_by_case(rec, clo)


@given(st.lists(closed_facts, max_size=30), st.lists(closed_facts, max_size=30))
def test_tallies_add_up_like_the_facts_they_count(a, b):
    assert tally_closed(a) + tally_closed(b) == tally_closed(a + b)
