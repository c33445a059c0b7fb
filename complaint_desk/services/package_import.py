"""Importing offices' packages at headquarters: one package, one transaction.

Before anything is written the package is authenticated (exchange/package_reader.py). Then, in
one write transaction (``BEGIN IMMEDIATE`` on SQLite, the writers' lock on PostgreSQL), its
records are merged (store/exchange_merge.py) while every line's shape, the events' chain links
and, at the end of each member, its checksum are checked; any refusal rolls everything back, so
a bad package leaves nothing behind.

Idempotent: a package already imported (same package id) is reported and nothing is written;
records are identified by uuid and events are append-only, so overlapping packages, or an older
package after a newer one, add only what is missing. The state a case shows is the one after
its latest event (time, then office code, then the office's own order): any import order ends
in the same state. A case with new events from more than one office is a conflict: both
histories are kept and the case is listed in the report.

Headquarters' own chain (``complaint-desk check``) runs over the imported events; each
office's chain stays verifiable through the origin fields (``verify_origins``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from complaint_desk.domain.complaint import PERSONAL_FIELDS, Actor
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.exchange import package_format as fmt
from complaint_desk.exchange.package_reader import PackageReader, open_package
from complaint_desk.exchange.progress import Progress, tick
from complaint_desk.services.access import require
from complaint_desk.services.complaints import now
from complaint_desk.services.exchange_keys import trusted_key
from complaint_desk.services.offices import HOME_OFFICE_KEY, MODE_KEY
from complaint_desk.store import engine_features, exchange_queries
from complaint_desk.store import events as event_chain
from complaint_desk.store.database import Database
from complaint_desk.store.exchange_merge import Merger
from complaint_desk.store.models_exchange import PackageImport
from complaint_desk.store.unit_of_work import UnitOfWork

COMPLAINT_BATCH = 2000
EVENT_BATCH = 5000
MAX_LISTED_CONFLICTS = 1000


@dataclass
class ImportReport:
    """What one package did (plain data: shown, saved as JSON, kept in exchange_imports)."""

    file: str
    package_id: str
    office: str
    created_at: str
    kind: str
    already_imported: bool = False
    personal_data: bool = False
    complaints: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    reference: dict[str, int] = field(default_factory=dict)
    conflict_count: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def import_packages(db: Database, actor: Actor, paths: list[Path], *, clock: Any = now,
                    progress: Progress | None = None) -> list[ImportReport]:
    """Import several packages in the order given, each in its own transaction (a refused one
    stops the run; those before it stay imported). The end state does not depend on order."""
    return [import_package(db, actor, path, clock=clock, progress=progress) for path in paths]


def import_package(db: Database, actor: Actor, path: Path, *, clock: Any = now,
                   progress: Progress | None = None) -> ImportReport:
    require(actor, Permission.IMPORT)
    path = Path(path)
    with UnitOfWork(db) as uow:
        if uow.setting(MODE_KEY) != "hq":
            raise ValidationError(N_("Packages are imported at headquarters; this database is "
                                     "office {office}'s."), field="mode",
                                  office=uow.setting(HOME_OFFICE_KEY) or "")
        with open_package(path, lambda office: trusted_key(uow, office)) as reader:
            manifest = reader.manifest
            report = ImportReport(path.name, manifest["package_id"], manifest["office_code"],
                                  manifest["created_at"], manifest["range"]["kind"],
                                  personal_data=manifest["personal_data"]["included"])
            earlier = uow.session.scalars(select(PackageImport).where(
                PackageImport.package_id == manifest["package_id"])).first()
            if earlier is not None:
                report.already_imported = True
                report.warnings.append({"message": N_("Already imported on {date}: nothing "
                                                      "was changed."),
                                        "params": {"date": earlier.imported_at.isoformat()}})
                return report
            at = clock()
            log = PackageImport(
                package_id=manifest["package_id"], office_code=manifest["office_code"],
                package_created_at=datetime.fromisoformat(manifest["created_at"]),
                imported_at=at, imported_by=actor.username, kind=manifest["range"]["kind"],
                format_version=manifest["format_version"],
                personal_included=manifest["personal_data"]["included"])
            uow.session.add(log)
            uow.session.flush()
            personal = manifest["personal_data"]["included"]
            merger = Merger(uow.session, import_id=log.id, office=manifest["office_code"],
                            columns=fmt.COMPLAINT_COLUMNS, now=at,
                            keep_on_update=() if personal else PERSONAL_FIELDS)
            try:
                _merge(reader, merger, report, progress)
                merger.finish()
            except engine_features.INTEGRITY_ERRORS as error:
                raise fmt.PackageRefused(N_("The package {file} contradicts the records here "
                                            "({error}); nothing was imported."),
                                         file=path.name, error=str(error)) from None
            counts = merger.counts
            report.complaints = {"new": counts.complaints_new,
                                 "updated": counts.complaints_updated,
                                 "unchanged": counts.complaints_unchanged}
            report.events = {"new": counts.events_new, "known": counts.events_known}
            report.reference = dict(counts.reference_new)
            for name, value in (("complaints_new", counts.complaints_new),
                                ("complaints_updated", counts.complaints_updated),
                                ("complaints_unchanged", counts.complaints_unchanged),
                                ("events_new", counts.events_new),
                                ("events_known", counts.events_known),
                                ("conflicts", report.conflict_count)):
                setattr(log, name, value)
            log.report = json.dumps(report.as_dict(), ensure_ascii=False, default=str)
            uow.audit(actor=actor, at=at, kind="import_package",
                      data={"package_id": report.package_id, "file": path.name,
                            "office": report.office, "complaints": report.complaints,
                            "events": report.events, "conflicts": report.conflict_count,
                            "personal_data": report.personal_data})
            uow.commit()
    return report


def _batches(lines: Iterator[tuple[int, dict[str, Any]]],
             size: int) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    batch: list[tuple[int, dict[str, Any]]] = []
    for item in lines:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _merge(reader: PackageReader, merger: Merger, report: ImportReport,
           progress: Progress | None) -> None:
    manifest = reader.manifest
    for member in (fmt.OFFICES, fmt.CATEGORIES, fmt.LEVELS, fmt.UNITS):
        merger.reference(member.removesuffix(".jsonl"), (v for _n, v in reader.lines(member)))
    total = manifest["members"][fmt.COMPLAINTS]["lines"] + manifest["members"][fmt.EVENTS]["lines"]
    # The same latest event sent again improves only the pseudonym: personal data filled in
    # without an event would no longer replay from the case's history (services/check.py).
    scope = manifest["personal_data"].get("pseudonym_scope")
    refresh = ("complainant_key",) if scope == "agency" else ()
    done = 0
    complaint_ids: dict[str, int] = {}
    awaited: dict[str, tuple[int, str]] = {}  # case uuid -> (its line, its latest event's uuid)
    for batch in _batches(reader.lines(fmt.COMPLAINTS), COMPLAINT_BATCH):
        for number, record in batch:
            if record["uuid"] in awaited:
                raise reader.refuse_line(N_("Line {line} of {member} in package {file} repeats "
                                            "the case {uuid}."), fmt.COMPLAINTS, number,
                                         uuid=record["uuid"])
            awaited[record["uuid"]] = (number, record["last_event_uuid"])
        outcomes = merger.complaints([record for _n, record in batch], refresh)
        complaint_ids.update((uuid, o.complaint_id) for uuid, o in outcomes.items())
        done += len(batch)
        tick(progress, done, total)
    seen_last: set[str] = set()
    expected_prev = manifest["range"]["after_event_hash"]
    last_seq = manifest["range"]["first_seq"] - 1
    for batch in _batches(reader.lines(fmt.EVENTS), EVENT_BATCH):
        contents = []  # each event's hashed content, spelled once for both chains
        for number, record in batch:
            content = event_chain.event_content(
                uuid=record["uuid"], complaint_uuid=record["complaint_uuid"], at=record["at"],
                actor_name=record["actor_name"], kind=record["kind"], data=record["data"])
            _check_link(reader, number, record, content, expected_prev, last_seq)
            contents.append(content)
            if record["complaint_uuid"] not in complaint_ids:
                raise reader.refuse_line(N_("Line {line} of {member} in package {file} belongs "
                                            "to the case {uuid}, which the package lacks."),
                                         fmt.EVENTS, number, uuid=record["complaint_uuid"])
            expected_prev, last_seq = record["hash"], record["seq"]
            if awaited.get(record["complaint_uuid"], (0, ""))[1] == record["uuid"]:
                seen_last.add(record["complaint_uuid"])
        merger.events([record for _n, record in batch], contents, complaint_ids)
        done += len(batch)
        tick(progress, done, total)
    if expected_prev != manifest["range"]["last_event_hash"]:
        raise fmt.PackageRefused(N_("The events of package {file} end before the point its "
                                    "manifest names: events are missing."), file=reader.file)
    for uuid, (number, _last) in awaited.items():
        if uuid not in seen_last:
            raise reader.refuse_line(N_("Line {line} of {member} in package {file}: the case's "
                                        "latest event is not in the package."),
                                     fmt.COMPLAINTS, number)
    conflicts = merger.record_offices()
    report.conflict_count = len(conflicts)
    report.conflicts = conflicts[:MAX_LISTED_CONFLICTS]
    after = manifest["range"]["after_event_hash"]
    if after != fmt.GENESIS and not merger.event_known_by_origin(after):
        report.warnings.append({"message": N_("Office {office}'s earlier events are not here "
                                              "yet: import its earlier packages too."),
                                "params": {"office": report.office}})


def _check_link(reader: PackageReader, number: int, record: dict[str, Any], content: str,
                expected_prev: str, last_seq: int) -> None:
    """The package's events are a consecutive run of the office's chain: each links to the one
    before and, unless personal data was cut from it, hashes to its own ``hash``
    (``content``: its ``event_content``)."""
    if record["prev_hash"] != expected_prev or record["seq"] <= last_seq:
        raise reader.refuse_line(N_("Line {line} of {member} in package {file} does not follow "
                                    "the event before it: the chain is broken."),
                                 fmt.EVENTS, number)
    if not record["redacted"] and event_chain.chain_hash(record["prev_hash"],
                                                         content) != record["hash"]:
        raise reader.refuse_line(N_("Line {line} of {member} in package {file} does not match "
                                    "its hash: the event was altered."), fmt.EVENTS, number)


# --- headquarters' view of the offices ----------------------------------------------------


def offices_with_last_package(db: Database) -> list[dict[str, Any]]:
    """Every office known here: name, cases held, packages imported, the latest one's date."""
    with UnitOfWork(db, write=False) as uow:
        return exchange_queries.last_packages(uow.session)


@dataclass
class OriginCheck:
    events: int = 0
    verified: int = 0
    redacted: int = 0
    altered: list[int] = field(default_factory=list)


def verify_origins(db: Database, batch: int = 50_000) -> OriginCheck:
    """Re-hash every imported event with its origin office's chain fields. Events whose
    personal data was cut before sending can only be counted, not re-hashed."""
    result = OriginCheck()
    sql = text("SELECT e.id, e.uuid, c.uuid, e.at, e.actor_name, e.kind, e.data, "
               "o.origin_prev_hash, o.origin_hash, o.redacted FROM exchange_event_origins o "
               "JOIN events e ON e.id = o.event_id JOIN complaints c ON c.id = e.complaint_id "
               "WHERE o.event_id > :last ORDER BY o.event_id LIMIT :n")
    last = 0
    with UnitOfWork(db, write=False) as uow:
        while rows := uow.session.execute(sql, {"last": last, "n": batch}).all():
            for event_id, uuid, case, at, actor, kind, data, prev, digest, redacted in rows:
                result.events += 1
                last = event_id
                if redacted:
                    result.redacted += 1
                    continue
                moment = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
                if event_chain.event_hash(prev, uuid=uuid, complaint_uuid=case, at=moment,
                                          actor_name=actor, kind=kind, data=data) == digest:
                    result.verified += 1
                else:
                    result.altered.append(event_id)
    return result
