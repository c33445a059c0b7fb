"""Offices and a headquarters as real SQLite files, and tools to take packages apart.

``office(code, seed, n)`` makes an office database with demo cases; ``hq`` is a headquarters
database that trusts the offices made so far; ``dump(db)`` is every row of every table, to show
that a refused package changed nothing; ``repack`` rebuilds a package with edits and signs it
with a given key (to make a package that passes the signature but fails a later check).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

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

    def __init__(self, root: Path) -> None:
        self.root = root
        self.offices: dict[str, Database] = {}
        self.opened: list[Database] = []

    def office(self, code: str, *, seed: int = 1, cases: int = 120) -> Database:
        db = open_database(self.root / f"{code.lower()}.db")
        self.opened.append(db)
        init_office(db, code=code, name=f"สำนักงานทดสอบ {code}")
        generate_demo(db, cases, seed=seed, today=TODAY)  # also the users, one per role
        self.offices[code] = db
        return db

    def hq(self, name: str = "hq") -> Database:
        db = open_database(self.root / f"{name}.db")
        self.opened.append(db)
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
def sites(tmp_path):
    made = Sites(tmp_path)
    yield made
    made.close()


@pytest.fixture(scope="module")
def module_sites(tmp_path_factory):
    """Sites shared by a module whose tests only read (built once: the suite stays fast)."""
    made = Sites(tmp_path_factory.mktemp("sites"))
    yield made
    made.close()


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: equal dumps mean equal content."""
    path = db.path
    assert path is not None
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        # Sorted in Python: FTS shadow tables have no rowid to order by.
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}


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
