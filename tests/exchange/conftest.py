"""Offices and a headquarters as real databases, and tools to take packages apart.

``office(code, seed, n)`` makes an office database with demo cases (an office's SQLite file, or
on the test's engine when asked); ``hq`` is a headquarters database on the test's engine
(``sites`` runs each test on SQLite and PostgreSQL, as tests/conftest.py does for ``db``) that
trusts the offices made so far; ``dump(db)`` is every row of every table, read through
SQLAlchemy on either engine, to show that a refused package changed nothing; ``repack``
rebuilds a package with edits and signs it with a given key (to make a package that passes the
signature but fails a later check).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text

from complaint_desk.exchange import signing
from complaint_desk.exchange.package_format import MANIFEST, SIGNATURE, canonical_bytes
from complaint_desk.services.demo import generate_demo
from complaint_desk.services.exchange_keys import export_public_key, trust_office
from complaint_desk.services.offices import init_office
from complaint_desk.services.users import actor_for
from complaint_desk.store.database import Database, open_database
from complaint_desk.store.models_exchange import OfficeKey
from complaint_desk.store.unit_of_work import UnitOfWork

TODAY = date(2024, 12, 20)


class Sites:
    """The databases of one test: offices by code and, once asked for, headquarters."""

    def __init__(self, root: Path, engine: str = "sqlite", request: Any = None) -> None:
        self.root = root
        self.engine = engine
        self.request = request  # reaches the PostgreSQL cluster when the engine needs it
        self.offices: dict[str, Database] = {}
        self.opened: list[Database] = []
        self.server_urls: list[str] = []

    def database(self, name: str, *, on_engine: bool = True) -> Database:
        """A new migrated database: an SQLite file named ``name``, or a PostgreSQL database."""
        if self.engine == "sqlite" or not on_engine:
            db = open_database(self.root / f"{name}.db")
        else:
            url = self.request.getfixturevalue("pg_cluster").new_database()
            self.server_urls.append(url)
            db = open_database(url)
        self.opened.append(db)
        return db

    def office(self, code: str, *, seed: int = 1, cases: int = 120,
               on_engine: bool = False) -> Database:
        db = self.database(code.lower(), on_engine=on_engine)
        init_office(db, code=code, name=f"สำนักงานทดสอบ {code}")
        generate_demo(db, cases, seed=seed, today=TODAY)  # also the users, one per role
        self.offices[code] = db
        return db

    def hq(self, name: str = "hq") -> Database:
        db = self.database(name)
        init_office(db, code="HQ", name="สำนักงานใหญ่", hq=True)
        admin = actor_for(db, "admin")
        for code, office in self.offices.items():
            key_file = self.root / f"{code}.key"
            export_public_key(office, key_file)
            trust_office(db, admin, code, key_file)
        return db

    def close(self) -> None:
        for db in self.opened:
            db.dispose()
        if self.server_urls:
            cluster = self.request.getfixturevalue("pg_cluster")
            for url in self.server_urls:
                cluster.drop_database(url)

    # The helpers below are reached through the fixture (test modules cannot import conftest).
    @staticmethod
    def clerk(db: Database, office: str) -> Any:
        return actor_for(db, f"{office.lower()}.clerk")

    @staticmethod
    def user(db: Database, username: str) -> Any:
        return actor_for(db, username)

    @staticmethod
    def admin(db: Database) -> Any:
        return actor_for(db, "admin")

    @staticmethod
    def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
        return dump(db)

    @staticmethod
    def private_key(db: Database) -> str:
        return private_key(db)

    @staticmethod
    def repack(source: Path, target: Path, **options: Any) -> Path:
        return repack(source, target, **options)


@pytest.fixture
def sites(engine, request, tmp_path):
    made = Sites(tmp_path, engine, request)
    yield made
    made.close()


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def module_sites(request, tmp_path_factory):
    """Sites shared by a module whose tests only read (built once per engine: the suite stays
    fast); headquarters on SQLite, then on PostgreSQL, as ``sites`` does."""
    made = Sites(tmp_path_factory.mktemp("sites"), request.param, request)
    yield made
    made.close()


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (SQLite's FTS shadow tables too), on either engine: equal dumps
    mean equal content. A new connection, so it sees only what was committed. On SQLite the
    schema too (the import drops and recreates a search trigger inside its transaction)."""
    engine = db.engine
    with engine.connect() as conn:
        tables = sorted(inspect(conn).get_table_names())
        # Sorted in Python: FTS shadow tables have no rowid to order by.
        found = {t: sorted((tuple(r) for r in conn.execute(text(f'SELECT * FROM "{t}"'))),
                           key=repr) for t in tables}
        if engine.dialect.name == "sqlite":
            found["sqlite_master"] = sorted(tuple(r) for r in conn.execute(text(
                "SELECT type, name, tbl_name, sql FROM sqlite_master")))
        return found


def private_key(db: Database) -> str:
    with UnitOfWork(db, write=False) as uow:
        row = uow.session.scalars(
            select(OfficeKey).where(OfficeKey.private_key.is_not(None))).one()
        return str(row.private_key)


def repack(source: Path, target: Path, *, key: str,
           members: dict[str, bytes | None] | None = None,
           manifest: Callable[[dict[str, Any]], None] | None = None,
           keep_manifest_members: bool = False) -> Path:
    """Rebuild a package: replace (bytes) or drop (None) members, edit the manifest, re-sign.

    The manifest's checksums follow the edited members unless ``keep_manifest_members``.
    """
    members = members or {}
    with zipfile.ZipFile(source) as archive:
        body = json.loads(archive.read(MANIFEST))
        content = {name: archive.read(name) for name in archive.namelist()
                   if name not in (MANIFEST, SIGNATURE)}
    for name, data in members.items():
        if data is None:
            content.pop(name, None)
            if not keep_manifest_members:
                body["members"].pop(name, None)
        else:
            content[name] = data
            if not keep_manifest_members:
                body["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(),
                                         "lines": data.count(b"\n"), "size": len(data)}
    if manifest is not None:
        manifest(body)
    signed = canonical_bytes(body)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            archive.writestr(name, data)
        archive.writestr(MANIFEST, signed)
        archive.writestr(SIGNATURE, signing.sign(key, signed))
    return target
