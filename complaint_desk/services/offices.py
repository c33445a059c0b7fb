"""Creating an office's database and its reference data (levels, categories, units, holidays)."""

from __future__ import annotations

import csv
import re
from datetime import datetime

from sqlalchemy import select

from complaint_desk.domain.errors import N_, NotFound, ValidationError
from complaint_desk.domain.levels import DEFAULT_LEVELS
from complaint_desk.resources_path import resource_path
from complaint_desk.services import holidays
from complaint_desk.services.users import add_user
from complaint_desk.store.database import Database
from complaint_desk.store.models import Category, Level, Office, Unit
from complaint_desk.store.unit_of_work import UnitOfWork

OFFICE_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
HOME_OFFICE_KEY = "home_office"
MODE_KEY = "mode"  # "office" or "hq"


def validate_office_code(code: str) -> str:
    code = code.strip().upper()
    if not OFFICE_CODE.match(code):
        raise ValidationError(
            N_("Office code must be 2-10 letters or digits starting with a letter: {value}"),
            field="office", value=code)
    return code


def is_initialised(db: Database) -> bool:
    with UnitOfWork(db, write=False) as uow:
        return uow.setting(HOME_OFFICE_KEY) is not None


def init_office(db: Database, *, code: str, name: str, admin_username: str = "admin",
                admin_name: str = "ผู้ดูแลระบบ", hq: bool = False,
                admin_password: str | None = None) -> None:
    """Seed a new database for one office (or headquarters) in one transaction.

    The first start: ``admin_password`` is the administrator's (the CLI and the GUI ask for
    it). Without one the admin cannot sign in (services/accounts.py) except on a demo
    database; tests that act through Actors need none.
    """
    code = validate_office_code(code)
    if admin_password is not None:
        from complaint_desk.domain.accounts import check_new_password

        check_new_password(admin_password, admin_username, "admin_password")
    if not name.strip():
        raise ValidationError(N_("Office name is required."), field="office_name")
    now = datetime.now().replace(microsecond=0)
    with UnitOfWork(db) as uow:
        if uow.setting(HOME_OFFICE_KEY) is not None:
            raise ValidationError(N_("This database already belongs to office {value}."),
                                  field="office", value=uow.setting(HOME_OFFICE_KEY))
        uow.session.add(Office(code=code, name=name.strip(), is_home=True, created_at=now))
        seed_reference_data(uow)
        admin = add_user(uow, username=admin_username, display_name=admin_name, role="admin",
                         office_code=code)
        if admin_password is not None:
            from complaint_desk.services.accounts import hash_password

            admin.password_hash = hash_password(admin_password)
        uow.set_setting(HOME_OFFICE_KEY, code)
        uow.set_setting(MODE_KEY, "hq" if hq else "office")
        from complaint_desk.services.exchange_keys import ensure_own_key  # (imports this module)

        ensure_own_key(uow, audit=False)  # part of making the database
        uow.commit()


def seed_reference_data(uow: UnitOfWork) -> None:
    for level in DEFAULT_LEVELS:
        uow.session.merge(Level(number=level.number, name=level.name, handled_by=level.handled_by,
                                typical_cases=level.typical_cases,
                                target_working_days=level.target_working_days,
                                owner_role=level.owner_role))
    with open(resource_path("seed", "categories.csv"), newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            uow.session.merge(Category(code=row["code"], name_th=row["name_th"],
                                       name_en=row["name_en"], active=True))
    with open(resource_path("seed", "units.csv"), newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            uow.session.merge(Unit(code=row["code"], name=row["name"]))
    holidays.seed(uow)


def home_office(db: Database) -> str:
    with UnitOfWork(db, write=False) as uow:
        code = uow.setting(HOME_OFFICE_KEY)
    if code is None:
        raise NotFound(N_("This database has no office yet: run `complaint-desk init` first."))
    return code


def ensure_office(uow: UnitOfWork, code: str, name: str | None = None) -> Office:
    office = uow.session.get(Office, code)
    if office is None:
        office = Office(code=code, name=name or code, is_home=False,
                        created_at=datetime.now().replace(microsecond=0))
        uow.session.add(office)
    return office


def office_exists(db: Database, code: str) -> bool:
    with UnitOfWork(db, write=False) as uow:
        return uow.session.get(Office, code) is not None


def list_offices(db: Database) -> list[tuple[str, str]]:
    with UnitOfWork(db, write=False) as uow:
        return [tuple(r) for r in uow.session.execute(  # type: ignore[misc]
            select(Office.code, Office.name).order_by(Office.code)).all()]
