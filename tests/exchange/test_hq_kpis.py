"""Headquarters' KPIs over merged packages agree with the offices' own.

Counts add up across offices; per office, every figure equals the office's own; for the
percentages and means over all offices, the domain's arithmetic over the offices' facts pooled
gives headquarters' figures.
"""

from __future__ import annotations

import pytest

from complaint_desk.domain import kpi as domain_kpi
from complaint_desk.domain.calendar import month_bounds
from complaint_desk.services.kpi import monthly_kpis
from complaint_desk.services.package_export import export_package
from complaint_desk.services.package_import import import_package
from complaint_desk.store import queries
from complaint_desk.store.unit_of_work import UnitOfWork

MONTHS = [(2024, 3), (2024, 8), (2024, 11), (2024, 12)]
COUNTS = ("received", "closed", "open_at_month_end", "overdue_at_month_end", "reviewed")
SPLITS = ("by_channel", "by_category", "by_level")


@pytest.fixture(scope="module")
def merged(module_sites):
    sites = module_sites
    offices = {"BKK1": sites.office("BKK1", seed=11, cases=400),
               "CNX1": sites.office("CNX1", seed=12, cases=300)}
    hq = sites.hq()
    for code, db in offices.items():
        export_package(db, sites.clerk(db, code), sites.root / f"{code}.cdpkg")
        import_package(hq, sites.admin(hq), sites.root / f"{code}.cdpkg")
    return hq, offices


def pooled(offices, year, month):
    """The KPIs computed by the domain over both offices' facts together."""
    start, end = month_bounds(year, month)
    received, closed, open_total, overdue, reviewed = [], [], 0, 0, 0
    for db in offices.values():
        with UnitOfWork(db, write=False) as uow:
            received += queries.received_facts(uow.session, start, end, None)
            closed += queries.closed_facts(uow.session, start, end, None)
            counts = queries.open_and_overdue_at(uow.session, end, None)
            open_total, overdue = open_total + counts[0], overdue + counts[1]
            reviewed += queries.reviewed_count(uow.session, start, end, None)
    return domain_kpi.monthly_kpis(received, closed, open_at_month_end=open_total,
                                   overdue_at_month_end=overdue, reviewed=reviewed)


@pytest.mark.parametrize("year,month", MONTHS)
def test_headquarters_counts_are_the_sum_of_the_offices(merged, year, month):
    hq, offices = merged
    total = monthly_kpis(hq, year, month)
    own = [monthly_kpis(db, year, month) for db in offices.values()]
    assert total["received"] > 0
    for key in COUNTS:
        assert total[key] == sum(figures[key] for figures in own), key
    for key in SPLITS:
        summed: dict[str, int] = {}
        for figures in own:
            for name, count in figures[key].items():
                summed[str(name)] = summed.get(str(name), 0) + count
        assert {str(k): v for k, v in total[key].items()} == summed, key


@pytest.mark.parametrize("year,month", MONTHS)
def test_each_office_seen_from_headquarters_has_its_own_figures(merged, year, month):
    hq, offices = merged
    for code, db in offices.items():
        at_hq = monthly_kpis(hq, year, month, code)
        at_office = monthly_kpis(db, year, month, code)
        assert at_hq == at_office


@pytest.mark.parametrize("year,month", MONTHS)
def test_headquarters_percentages_are_the_offices_facts_recomputed(merged, year, month):
    hq, offices = merged
    total = monthly_kpis(hq, year, month)
    assert {k: total[k] for k in pooled(offices, year, month)} == pooled(offices, year, month)
