"""Headquarters acknowledges the packages it imported; the office takes the acknowledgement in.

The acknowledgement is a small signed file (``.cdack``) headquarters writes for one office after
importing its packages: the ids of every package of that office it holds, and the agency-wide
pseudonymisation key. The office checks it against headquarters' registered key, marks those
packages acknowledged (its next incremental package starts after the newest of them) and keeps
the agency key, so from then on its packages pseudonymise national IDs the same way as every
other office's and headquarters can count repeat complainants across offices.

The file carries a secret (the agency key): handle it like the packages themselves.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import select

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.exchange import signing
from complaint_desk.exchange.package_format import canonical_bytes
from complaint_desk.services.access import require
from complaint_desk.services.complaints import now
from complaint_desk.services.exchange_keys import ensure_own_key, trusted_key
from complaint_desk.services.offices import HOME_OFFICE_KEY, MODE_KEY, validate_office_code
from complaint_desk.services.package_export import AGENCY_KEY_SETTING
from complaint_desk.store.database import Database
from complaint_desk.store.models_exchange import PackageExport, PackageImport
from complaint_desk.store.unit_of_work import UnitOfWork

ACK_FORMAT = "complaint-desk-acknowledgement"
ACK_VERSION = 1
SUFFIX = ".cdack"


def write_acknowledgement(db: Database, actor: Actor, office_code: str, out: Path, *,
                          clock: Any = now) -> int:
    """At headquarters: the signed list of the office's packages held here. Returns how many."""
    require(actor, Permission.IMPORT)  # headquarters' clerk, who imported them
    office = validate_office_code(office_code)
    at = clock()
    with UnitOfWork(db) as uow:
        if uow.setting(MODE_KEY) != "hq":
            raise ValidationError(N_("Only headquarters acknowledges packages."), field="mode")
        key = ensure_own_key(uow, actor)
        agency_key = uow.setting(AGENCY_KEY_SETTING)
        if agency_key is None:
            agency_key = secrets.token_hex(32)
            uow.set_setting(AGENCY_KEY_SETTING, agency_key)
        packages = list(uow.session.scalars(select(PackageImport.package_id).where(
            PackageImport.office_code == office).order_by(PackageImport.package_created_at)))
        if not packages:
            raise ValidationError(N_("No package of office {value} has been imported here."),
                                  field="office", value=office)
        body = {"format": ACK_FORMAT, "format_version": ACK_VERSION,
                "hq_office": uow.setting(HOME_OFFICE_KEY), "office_code": office,
                "created_at": at.isoformat(), "created_by": actor.username,
                "packages": packages, "agency_pseudonym_key": agency_key}
        signature = signing.sign(key.private_key or "", canonical_bytes(body))
        Path(out).write_text(json.dumps({"acknowledgement": body, "signature": signature.hex()},
                                        ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        uow.audit(actor=actor, at=at, kind="acknowledgement_written",
                  data={"office": office, "packages": len(packages), "file": str(out)})
        uow.commit()
    return len(packages)


def apply_acknowledgement(db: Database, actor: Actor, path: Path, *, clock: Any = now) -> int:
    """At the office: check headquarters' signature, mark the packages acknowledged, keep the
    agency key. Returns how many packages were newly marked."""
    require(actor, Permission.EXPORT)  # the office's clerk, who sent them
    path = Path(path)
    try:
        wrapper = json.loads(path.read_text(encoding="utf-8"))
        body = wrapper["acknowledgement"]
        signature = bytes.fromhex(wrapper["signature"])
        if body.get("format") != ACK_FORMAT or not isinstance(body.get("packages"), list):
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValidationError(N_("{file} is not an acknowledgement from headquarters."),
                              field="file", file=path.name) from None
    if not isinstance(body.get("format_version"), int) or body["format_version"] > ACK_VERSION:
        raise ValidationError(N_("{file} is in a newer format: install the newer Complaint "
                                 "Desk."), field="file", file=path.name)
    at = clock()
    with UnitOfWork(db) as uow:
        home = uow.setting(HOME_OFFICE_KEY)
        if body.get("office_code") != home:
            raise ValidationError(N_("{file} acknowledges office {office}'s packages, not this "
                                     "office's."), field="file", file=path.name,
                                  office=str(body.get("office_code")))
        key = trusted_key(uow, str(body.get("hq_office")))
        if key is None:
            raise ValidationError(N_("Headquarters' key ({office}) is not registered here: "
                                     "register it first."), field="key",
                                  office=str(body.get("hq_office")))
        if not signing.verify(key, canonical_bytes(body), signature):
            raise ValidationError(N_("The signature of {file} does not match headquarters' "
                                     "key: it was altered."), field="file", file=path.name)
        marked = 0
        for export in uow.session.scalars(select(PackageExport).where(
                PackageExport.package_id.in_([str(p) for p in body["packages"]]),
                PackageExport.acknowledged_at.is_(None))):
            export.acknowledged_at = at
            marked += 1
        agency_key = body.get("agency_pseudonym_key")
        if isinstance(agency_key, str) and agency_key and agency_key != uow.setting(
                AGENCY_KEY_SETTING):
            uow.set_setting(AGENCY_KEY_SETTING, agency_key)
        uow.audit(actor=actor, at=at, kind="acknowledgement_applied",
                  data={"file": path.name, "marked": marked, "hq": body.get("hq_office")})
        uow.commit()
    return marked


def sent_packages(db: Database) -> list[dict[str, Any]]:
    """What this office sent, newest first, and whether headquarters acknowledged it."""
    with UnitOfWork(db, write=False) as uow:
        rows = uow.session.scalars(select(PackageExport).order_by(PackageExport.id.desc()))
        return [{"package_id": r.package_id, "created_at": r.created_at, "kind": r.kind,
                 "complaints": r.complaints, "events": r.events, "file": r.file_name,
                 "personal": r.personal_included, "acknowledged_at": r.acknowledged_at}
                for r in rows]
