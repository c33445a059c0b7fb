"""Thai public holidays: generated from the ``holidays`` package, never typed by hand.

``resources/holidays/th.csv`` is written by ``complaint-desk holidays generate`` (official
public holidays with substitution days and the cabinet's special days, plus the government
holidays such as the Royal Ploughing Ceremony) and loaded into each new database, where an
admin may add or remove days.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.resources_path import resource_path
from complaint_desk.store.database import Database
from complaint_desk.store.models import Holiday
from complaint_desk.store.unit_of_work import UnitOfWork

SEED_YEARS = range(2023, 2028)
CATEGORIES = ("public", "government")
SHIPPED_FILE = ("holidays", "th.csv")


def official_holidays(years: range = SEED_YEARS) -> list[tuple[date, str]]:
    import holidays as holidays_package  # heavy import: only when generating

    table = holidays_package.country_holidays("TH", years=list(years), language="th",
                                              categories=CATEGORIES)
    return sorted(table.items())


def write_csv(rows: list[tuple[date, str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "name"])
        for day, name in rows:
            writer.writerow([day.isoformat(), name])


def read_csv(path: Path | None = None) -> list[tuple[date, str]]:
    path = path or resource_path(*SHIPPED_FILE)
    with open(path, newline="", encoding="utf-8") as handle:
        return [(date.fromisoformat(r["date"]), r["name"]) for r in csv.DictReader(handle)]


def seed(uow: UnitOfWork) -> int:
    rows = read_csv()
    for day, name in rows:
        uow.session.merge(Holiday(day=day, name=name, source="official"))
    return len(rows)


def list_holidays(db: Database, year: int | None = None) -> list[tuple[date, str, str]]:
    with UnitOfWork(db, write=False) as uow:
        query = select(Holiday.day, Holiday.name, Holiday.source).order_by(Holiday.day)
        if year:
            query = query.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
        return [tuple(r) for r in uow.session.execute(query).all()]  # type: ignore[misc]


def add_holiday(db: Database, actor: Actor, day: date, name: str) -> None:
    from complaint_desk.domain.permissions import Permission
    from complaint_desk.services.access import require

    require(actor, Permission.MANAGE_HOLIDAYS)
    if not name.strip():
        raise ValidationError(N_("Give the holiday a name."), field="name")
    with UnitOfWork(db) as uow:
        uow.session.merge(Holiday(day=day, name=name.strip(), source="admin"))
        uow.audit(actor=actor, at=_now(), kind="holiday_added",
                  data={"day": day.isoformat(), "name": name.strip()})
        uow.commit()


def remove_holiday(db: Database, actor: Actor, day: date) -> None:
    from complaint_desk.domain.permissions import Permission
    from complaint_desk.services.access import require

    require(actor, Permission.MANAGE_HOLIDAYS)
    with UnitOfWork(db) as uow:
        if uow.session.get(Holiday, day) is None:
            raise ValidationError(N_("{value} is not in the holiday table."), field="date",
                                  value=day.isoformat())
        uow.session.execute(delete(Holiday).where(Holiday.day == day))
        uow.audit(actor=actor, at=_now(), kind="holiday_removed", data={"day": day.isoformat()})
        uow.commit()


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)
