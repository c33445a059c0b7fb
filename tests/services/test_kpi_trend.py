"""The report's trend (``received_and_closed_by_month``: one index-range count a month) gives
each month exactly ``monthly_kpis``' received and closed, for all offices and for one, on both
engines."""

from datetime import date

import pytest

from complaint_desk.domain.errors import NotFound
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.kpi import monthly_kpis, received_and_closed_by_month

TODAY = date(2024, 12, 20)


@pytest.fixture
def demo(db):
    generate_demo(db, 1500, seed=11, offices=2, today=TODAY)
    return db


@pytest.mark.parametrize("office", [None, "BKK2"])
def test_each_month_of_the_trend_is_that_months_received_and_closed(demo, office):
    trend = received_and_closed_by_month(demo, 2024, 11, 13, office)
    months = [(2023 + (m > 12), (m - 1) % 12 + 1) for m in range(11, 24)]
    kpis = [monthly_kpis(demo, y, m, office) for y, m in months]
    assert trend == [(k["received"], k["closed"]) for k in kpis]
    assert sum(received for received, _closed in trend) > 0


def test_an_unknown_office_is_refused(demo):
    with pytest.raises(NotFound):
        received_and_closed_by_month(demo, 2024, 11, 13, "NOPE")
