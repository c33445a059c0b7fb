"""The report's trend (``monthly_series``: all its months counted at once) gives each month
exactly ``monthly_kpis`` of that month, for all offices and for one, on both engines."""

from datetime import date

import pytest

from complaint_desk.domain.errors import NotFound
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.kpi import monthly_kpis, monthly_series

TODAY = date(2024, 12, 20)


@pytest.fixture
def demo(db):
    generate_demo(db, 1500, seed=11, offices=2, today=TODAY)
    return db


@pytest.mark.parametrize("office", [None, "BKK2"])
def test_each_month_of_the_series_is_that_months_kpis(demo, office):
    series = monthly_series(demo, 2024, 11, 13, office)
    months = [(2023 + (m > 12), (m - 1) % 12 + 1) for m in range(11, 24)]
    assert [monthly_kpis(demo, y, m, office) for y, m in months] == series
    assert sum(point["received"] for point in series) > 0


def test_without_breakdowns_the_same_figures_less_the_breakdowns(demo):
    full = monthly_series(demo, 2024, 11, 13)
    short = monthly_series(demo, 2024, 11, 13, breakdowns=False)
    dropped = ("by_channel", "by_category", "by_level")
    assert short == [{k: v for k, v in point.items() if k not in dropped} for point in full]


def test_an_unknown_office_is_refused(demo):
    with pytest.raises(NotFound):
        monthly_series(demo, 2024, 11, 13, "NOPE")
