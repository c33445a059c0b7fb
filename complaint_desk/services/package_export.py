"""An office's package for headquarters (docs/package-format.md).

What goes in: a consecutive run of the office's event chain, and the current row of every case
those events touch, with the reference data. Which run:
- incremental (default): every event after the last package headquarters acknowledged (all of
  them when none was acknowledged yet);
- ``since``: every event from the first one recorded on or after that day;
- ``full``: every event.
The office remembers each package it sent (``exchange_exports``).

Personal data (PDPA): left out unless the user's role allows it and they ask. Names, contacts
and addresses are emptied and removed from the events; the national ID becomes a keyed hash:
with the agency-wide key headquarters distributes (so headquarters sees the same complainant
across offices), else with the office's own key (repeat complainants within the office only).
Including personal data is written in the manifest and the audit trail; even then, protected
cases whose complainant the exporting user may not see (about staff, or above their rank:
domain/privacy.py) go out pseudonymised, counted in the manifest as ``withheld_cases``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from complaint_desk import __version__
from complaint_desk.domain.complaint import PERSONAL_FIELDS, Actor, new_uuid
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.permissions import ROLE_RANK
from complaint_desk.domain.privacy import PROTECTED_CATEGORIES
from complaint_desk.domain.roles import Role
from complaint_desk.exchange import package_format as fmt
from complaint_desk.exchange import signing
from complaint_desk.exchange.package_writer import MemberWriter, PackageWriter
from complaint_desk.exchange.progress import Progress, tick
from complaint_desk.services.access import require_export
from complaint_desk.services.complaints import COMPLAINANT_KEY_SETTING, keyed_hash, now
from complaint_desk.services.exchange_keys import ensure_own_key
from complaint_desk.services.offices import HOME_OFFICE_KEY
from complaint_desk.store import exchange_queries as q
from complaint_desk.store.database import Database
from complaint_desk.store.models import Office
from complaint_desk.store.models_exchange import PackageExport
from complaint_desk.store.unit_of_work import UnitOfWork

AGENCY_KEY_SETTING = "agency_pseudonym_key"
_COLUMNS = tuple(c for c in fmt.COMPLAINT_COLUMNS)


@dataclass(frozen=True)
class ExportResult:
    package_id: str
    path: Path
    kind: str
    complaints: int
    events: int
    personal_included: bool
    pseudonym_scope: str


@dataclass(frozen=True)
class _Signer:
    office: str
    office_name: str
    private_key: str
    fingerprint: str


def key_id(secret_hex: str | None) -> str | None:
    """A name for a pseudonymisation key that reveals nothing about it."""
    return hashlib.sha256(bytes.fromhex(secret_hex)).hexdigest()[:16] if secret_hex else None


def export_package(db: Database, actor: Actor, out: Path, *, since: date | None = None,
                   full: bool = False, include_personal: bool = False,
                   clock: Any = now, progress: Progress | None = None) -> ExportResult:
    require_export(actor, include_personal)
    if since is not None and full:
        raise ValidationError(N_("Choose either a full package or a starting date, not both."),
                              field="since")
    at = clock()
    with UnitOfWork(db) as uow:  # the key pair may have to be made first
        key = ensure_own_key(uow, actor)
        home = uow.setting(HOME_OFFICE_KEY) or ""
        office = uow.session.get(Office, home)
        signer = _Signer(home, office.name if office else home, key.private_key or "",
                         signing.fingerprint(key.public_key))
        agency_key = uow.setting(AGENCY_KEY_SETTING)
        office_secret = uow.setting(COMPLAINANT_KEY_SETTING)
        uow.commit()
    package_id = new_uuid()
    kind = "full" if full else ("since" if since else "incremental")
    out = Path(out)
    with UnitOfWork(db, write=False) as uow:  # one snapshot: rows agree with their events
        session = uow.session
        last_id, last_hash = q.last_event(session)
        if full:
            after_id = 0
        elif since is not None:
            first = q.first_event_on_or_after(session, since)
            after_id = last_id if first is None else first - 1
        else:
            after_id = q.last_acknowledged_event(session) or 0
        after_hash = q.event_hash_at(session, after_id)
        total = q.count_events(session, after_id, last_id)
        withheld = _withheld(session, actor) if include_personal else set()
        tick(progress, 0, total)
        writer = PackageWriter(out)
        try:
            for name, rows in q.reference_rows(session).items():
                writer.write_member(f"{name}.jsonl", partial(_write_all, rows=rows))
            latest: dict[int, tuple[str, datetime, int]] = {}
            writer.write_member(fmt.EVENTS, lambda w: _write_events(
                w, session, after_id, last_id, include_personal, withheld, latest, progress,
                total))
            writer.write_member(fmt.COMPLAINTS, lambda w: _write_complaints(
                w, session, latest, include_personal, withheld, agency_key, progress, total))
            scope = "agency" if agency_key else "office"
            manifest = {
                "format": fmt.FORMAT_NAME, "format_version": fmt.FORMAT_VERSION,
                "program_version": __version__, "package_id": package_id,
                "office_code": signer.office, "office_name": signer.office_name,
                "created_at": at.isoformat(), "created_by": actor.username,
                "range": {"kind": kind, "since": since.isoformat() if since else None,
                          "after_event_hash": after_hash, "last_event_hash": last_hash,
                          "first_seq": after_id + 1, "last_seq": last_id},
                "counts": {name.removesuffix(".jsonl"): info["lines"]
                           for name, info in writer.members.items()},
                "personal_data": {"included": include_personal,
                                  "included_by": actor.username if include_personal else None,
                                  "withheld_cases": len(withheld & set(latest)),
                                  "pseudonym_scope": scope,
                                  "pseudonym_key_id": key_id(agency_key if agency_key
                                                             else office_secret)},
                "key_fingerprint": signer.fingerprint,
            }  # fmt: skip
            tick(progress, total, total)  # the last moment a cancel leaves nothing behind
            writer.finish(manifest, lambda body: signing.sign(signer.private_key, body))
        except BaseException:
            writer.abort()
            raise
    counts = manifest["counts"]
    try:
        with UnitOfWork(db) as uow:
            uow.session.add(PackageExport(
                package_id=package_id, created_at=at, created_by=actor.username, kind=kind,
                since=since, after_event_id=after_id, last_event_id=last_id,
                last_event_hash=last_hash, complaints=counts["complaints"],
                events=counts["events"], personal_included=include_personal,
                file_name=out.name))
            uow.audit(actor=actor, at=at,
                      kind="export_personal_data" if include_personal else "export_package",
                      data={"package_id": package_id, "file": str(out), "kind": kind,
                            "complaints": counts["complaints"], "events": counts["events"],
                            "personal_data": include_personal, "format": "cdpkg"})
            uow.commit()
    except BaseException:
        out.unlink(missing_ok=True)  # a package the office does not remember is not sent
        raise
    return ExportResult(package_id, out, kind, counts["complaints"], counts["events"],
                        include_personal, scope)


def _write_all(writer: MemberWriter, *, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        writer.write(row)


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _withheld(session: Any, actor: Actor) -> set[int]:
    """Protected cases whose complainant this user may not see: even a package with personal
    data leaves their identity out (domain/privacy.py)."""
    return q.withheld_identities(session, actor.user_id, ROLE_RANK.get(Role(actor.role), 0),
                                 sorted(PROTECTED_CATEGORIES))


def _write_events(writer: MemberWriter, session: Any, after_id: int, last_id: int,
                  include_personal: bool, withheld: set[int],
                  latest: dict[int, tuple[str, datetime, int]],
                  progress: Progress | None, total: int) -> None:
    """Events in chain order; remembers each case's latest event for its row."""
    for (event_id, uuid, complaint_id, complaint_uuid, at, actor, kind, data, prev_hash,
         digest) in q.iter_events(session, after_id, last_id):
        moment = _moment(at)
        redacted = False
        if not include_personal or complaint_id in withheld:
            data, redacted = fmt.redact_event_data(data)
        writer.write({"uuid": uuid, "complaint_uuid": complaint_uuid, "seq": event_id,
                      "at": moment, "actor_name": actor, "kind": kind, "data": data,
                      "prev_hash": prev_hash, "hash": digest, "redacted": redacted})
        latest[complaint_id] = (uuid, moment, event_id)
        if writer.lines % 2000 == 0:
            tick(progress, writer.lines, total + len(latest))


def _write_complaints(writer: MemberWriter, session: Any,
                      latest: dict[int, tuple[str, datetime, int]], include_personal: bool,
                      withheld: set[int], agency_key: str | None, progress: Progress | None,
                      total: int) -> None:
    ids = sorted(latest)
    key_at = _COLUMNS.index("complainant_key")
    id_at = _COLUMNS.index("complainant_national_id")
    personal_at = [_COLUMNS.index(name) for name in PERSONAL_FIELDS]
    for row in q.iter_complaints(session, ids, _COLUMNS):
        complaint_id, values = row[0], list(row[1:])
        if agency_key:
            national_id = values[id_at]
            values[key_at] = keyed_hash(agency_key, national_id) if national_id else None
        if not include_personal or complaint_id in withheld:
            for index in personal_at:
                values[index] = None
        record = dict(zip(_COLUMNS, values, strict=True))
        uuid, at, seq = latest[complaint_id]
        record.update(last_event_uuid=uuid, last_event_at=at, last_event_seq=seq)
        writer.write(record)
        if writer.lines % 2000 == 0:
            tick(progress, total + writer.lines, total + len(ids))
