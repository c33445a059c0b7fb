"""The office's own signing key and the keys this database trusts.

An office's Ed25519 pair is made when its database is created (``init``) or, for a database
made before this version, on first use. Headquarters registers each office's public key
(``package trust``), read from the file the office exports (``package key``) and confirmed by
its fingerprint over the telephone. An office registers headquarters' key the same way, to
check the acknowledgements headquarters sends back.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, NotFound, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.exchange import signing
from complaint_desk.services.access import SYSTEM, require
from complaint_desk.services.offices import HOME_OFFICE_KEY, validate_office_code
from complaint_desk.store.database import Database
from complaint_desk.store.models_exchange import OfficeKey
from complaint_desk.store.unit_of_work import UnitOfWork

KEY_FILE_FORMAT = "complaint-desk-public-key"


def ensure_own_key(uow: UnitOfWork, actor: Actor = SYSTEM, *, audit: bool = True) -> OfficeKey:
    """The home office's key pair, made now if it has none (inside the caller's transaction).
    Made later than ``init`` (a database older than the exchange), it is audited."""
    home = uow.setting(HOME_OFFICE_KEY)
    if home is None:
        raise NotFound(N_("This database has no office yet: run `complaint-desk init` first."))
    row = uow.session.get(OfficeKey, home)
    if row is None or row.private_key is None:
        private, public = signing.new_key_pair()
        at = datetime.now().replace(microsecond=0)
        if row is None:
            row = OfficeKey(office_code=home, public_key=public, private_key=private,
                            registered_at=at, registered_by=actor.username)
            uow.session.add(row)
        else:
            row.public_key, row.private_key = public, private
            row.registered_at, row.registered_by = at, actor.username
        if audit:
            uow.audit(actor=actor, at=at, kind="office_key_created",
                      data={"office": home, "fingerprint": signing.fingerprint(public)})
        uow.session.flush()
    return row


def own_public_key(db: Database) -> tuple[str, str]:
    """(office code, public key hex), making the pair on first use."""
    with UnitOfWork(db) as uow:
        row = ensure_own_key(uow)
        code, public = row.office_code, row.public_key
        uow.commit()
    return code, public


def export_public_key(db: Database, out: Path) -> str:
    """Write the office's public key to a small JSON file; returns its fingerprint."""
    code, public = own_public_key(db)
    Path(out).write_text(json.dumps({"format": KEY_FILE_FORMAT, "office_code": code,
                                     "public_key": public,
                                     "fingerprint": signing.fingerprint(public)},
                                    ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return signing.fingerprint(public)


def read_key_file(path: Path) -> tuple[str, str]:
    """(office code, public key) from a key file; a bare hex key is accepted too."""
    text = Path(path).read_text(encoding="utf-8").strip()
    office, public = "", text
    if text.startswith("{"):
        try:
            data = json.loads(text)
            office, public = str(data.get("office_code", "")), str(data.get("public_key", ""))
        except ValueError:
            public = ""
    if not signing.is_public_key(public):
        raise ValidationError(N_("{path} does not hold an office's public key."), field="key",
                              path=str(path))
    return office, public


def trust_office(db: Database, actor: Actor, office_code: str, key_file: Path) -> str:
    """Register (or replace) an office's public key; returns its fingerprint to confirm."""
    require(actor, Permission.CHANGE_SETTINGS)  # whom this database trusts: the admin's
    code = validate_office_code(office_code)
    named, public = read_key_file(key_file)
    if named and named != code:
        raise ValidationError(N_("The key file belongs to office {value}, not {office}."),
                              field="office", value=named, office=code)
    at = datetime.now().replace(microsecond=0)
    with UnitOfWork(db) as uow:
        if code == uow.setting(HOME_OFFICE_KEY):
            raise ValidationError(N_("Office {value} is this database's own office."),
                                  field="office", value=code)
        row = uow.session.get(OfficeKey, code)
        before = row.public_key if row is not None else None
        if row is None:
            uow.session.add(OfficeKey(office_code=code, public_key=public, private_key=None,
                                      registered_at=at, registered_by=actor.username))
        elif row.public_key != public:
            row.public_key, row.registered_at, row.registered_by = public, at, actor.username
        if before != public:
            uow.audit(actor=actor, at=at, kind="office_key_registered",
                      data={"office": code, "fingerprint": signing.fingerprint(public),
                            "replaced": signing.fingerprint(before) if before else None})
        uow.commit()
    return signing.fingerprint(public)


def trusted_key(uow: UnitOfWork, office_code: str) -> str | None:
    row = uow.session.get(OfficeKey, office_code)
    return row.public_key if row is not None else None


def trusted_offices(db: Database) -> list[tuple[str, str]]:
    """(office code, fingerprint) of every key this database knows, its own included."""
    with UnitOfWork(db, write=False) as uow:
        return [(code, signing.fingerprint(key)) for code, key in uow.session.execute(
            select(OfficeKey.office_code, OfficeKey.public_key).order_by(OfficeKey.office_code))]
