"""The SQL twins of the KPI predicates (store/queries.py) count what domain/kpi.py's Python
definitions count, on generated cases, on both engines: the tallies the store makes in SQL
equal kpi.tally_received / kpi.tally_closed of the facts, per month and handling level."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from complaint_desk.domain import kpi
from complaint_desk.store import queries
from complaint_desk.store.models import Category
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.unit_of_work import UnitOfWork

START, END = date(2024, 8, 1), date(2024, 10, 1)  # the period asked for: August, September
FIRST_DAY = date(2024, 7, 20)  # cases are received from here, some before the period
CHANNELS = ("line", "walk_in", "telephone")

# Moments at the edges of a day matter most: a case acknowledged or closed at 23:59:59.999999
# of its due day is on time, at 00:00 of the next day it is not.
TIMES = st.sampled_from([time(0, 0), time(0, 0, 0, 1), time(9, 30), time(12, 0, 0, 500000),
                         time(23, 59, 59), time(23, 59, 59, 999999)])


@st.composite
def cases(draw, categories):
    received = datetime.combine(FIRST_DAY + timedelta(days=draw(st.integers(0, 75))),
                                draw(TIMES))

    def later(most_days):
        days = draw(st.integers(0, most_days))
        return max(datetime.combine(received.date() + timedelta(days=days), draw(TIMES)),
                   received)

    def near_day():
        return received.date() + timedelta(days=draw(st.integers(-1, 20)))

    return {
        "received_at": received,
        "acknowledged_at": later(3) if draw(st.booleans()) else None,
        "ack_due_on": near_day() if draw(st.booleans()) else None,
        "closed_at": later(60) if draw(st.booleans()) else None,
        "due_on": near_day() if draw(st.booleans()) else None,
        "satisfaction": draw(st.none() | st.integers(1, 5)),
        "channel": draw(st.sampled_from(CHANNELS)),
        "category_code": draw(st.none() | st.sampled_from(categories)),
        "level": draw(st.none() | st.integers(1, 4)),
    }


def _row(fields):
    return C(uuid=str(uuid.uuid4()), reference=uuid.uuid4().hex[:12], office_code="BKK1",
             subject="ทดสอบ", description="ทดสอบ", status="closed" if fields["closed_at"]
             else "received", created_at=fields["received_at"],
             updated_at=fields["received_at"], **fields)


def _month(moment):
    return moment.year, moment.month


def _in_period(moment):
    return moment is not None and datetime.combine(START, time()) <= moment < \
        datetime.combine(END, time())


def _python_tallies(generated):
    """kpi.tally_received / tally_closed of the facts, per (month, level), as the domain
    defines them."""
    received, closed = defaultdict(list), defaultdict(list)
    for f in generated:
        if _in_period(f["received_at"]):
            received[(_month(f["received_at"]), f["level"])].append(kpi.ReceivedFacts(
                f["received_at"], f["acknowledged_at"], f["ack_due_on"], f["channel"],
                f["category_code"], f["level"]))
        if _in_period(f["closed_at"]):
            closed[(_month(f["closed_at"]), f["level"])].append(kpi.ClosedFacts(
                f["received_at"], f["closed_at"], f["due_on"], f["satisfaction"]))
    return ({k: kpi.tally_received(v) for k, v in received.items()},
            {k: kpi.tally_closed(v) for k, v in closed.items()})


def _normal(tallies):
    """Tallies compared as plain values (Counter and dict of the same counts are equal)."""
    return {key: tuple(dict(v) if isinstance(v, dict) else v for v in vars(t).values())
            for key, t in tallies.items()}


def test_the_sql_twins_count_what_the_python_definitions_count(db):
    with UnitOfWork(db, write=False) as uow:
        categories = sorted(uow.session.scalars(select(Category.code)))[:4]

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(st.lists(cases(categories), min_size=0, max_size=40))
    def check(generated):
        with UnitOfWork(db) as uow:
            session = uow.session
            session.add_all(_row(f) for f in generated)
            session.flush()
            by = ("month", "level")
            received = queries.received_tallies(session, START, END, None, by)
            closed = queries.closed_tallies(session, START, END, None, by)
            whole_received = queries.received_tallies(session, START, END, "BKK1")
            whole_closed = queries.closed_tallies(session, START, END, "BKK1")
            no_days = queries.closed_tallies(session, START, END, None, by, days=False)
            whole_no_days = queries.closed_tallies(session, START, END, None, days=False)
            uow.session.rollback()
        want_received, want_closed = _python_tallies(generated)
        assert _normal(received) == _normal(want_received)
        assert _normal(closed) == _normal(want_closed)
        # ungrouped, with the office filter: the sum of the groups
        assert _normal(whole_received) == _normal(
            {(): sum(want_received.values(), kpi.ReceivedTally())} if want_received else {})
        assert _normal(whole_closed) == _normal(
            {(): sum(want_closed.values(), kpi.ClosedTally())} if want_closed else {})
        # without the days histogram: the same tallies, the histogram left empty
        assert _normal(no_days) == _normal(
            {k: replace(t, days={}) for k, t in want_closed.items()})
        assert _normal(whole_no_days) == _normal(
            {(): replace(sum(want_closed.values(), kpi.ClosedTally()), days={})}
            if want_closed else {})

    check()
