"""The complaint-handling policy (versions, their elements, the document) and its publication
plan. Each write is one transaction with an audit row; readers get plain dataclasses."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, select

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, NotFound, ValidationError
from complaint_desk.domain.policy import (
    DEFAULT_AUDIENCE,
    Audience,
    PublicationChannel,
    validate_elements,
)
from complaint_desk.services.management_records import (
    audit_change,
    enum_value,
    now,
    require_manager,
    required_text,
    save_columns,
    values_of,
)
from complaint_desk.store.database import Database
from complaint_desk.store.models import Office
from complaint_desk.store.models_policy import PolicyElementRow, PolicyVersion, PublicationRow
from complaint_desk.store.unit_of_work import UnitOfWork

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class PolicyRecord:
    """A policy version as the editor shows and saves it (``id`` None: a new version).
    ``elements`` maps each present element's code to where the document covers it."""

    title: str
    version: str
    approved_by: str | None = None
    approved_on: date | None = None
    effective_from: date | None = None
    note: str | None = None
    elements: dict[str, str | None] = field(default_factory=dict)
    id: int | None = None
    document_filename: str | None = None
    document_sha256: str | None = None
    document_size: int | None = None


_POLICY_COLUMNS = ("title", "version", "approved_by", "approved_on", "effective_from", "note")


def _record(row: PolicyVersion, elements: dict[str, str | None]) -> PolicyRecord:
    return PolicyRecord(row.title, row.version, row.approved_by, row.approved_on,
                        row.effective_from, row.note, elements, row.id, row.document_filename,
                        row.document_sha256, row.document_size)


def _elements(uow: UnitOfWork, version_id: int) -> dict[str, str | None]:
    rows = uow.session.execute(select(PolicyElementRow.element, PolicyElementRow.section)
                               .where(PolicyElementRow.policy_version_id == version_id))
    return {element: section for element, section in rows}


def list_policy_versions(db: Database) -> list[PolicyRecord]:
    """Newest approval first; drafts (not yet approved) on top."""
    with UnitOfWork(db, write=False) as uow:
        rows = uow.session.scalars(select(PolicyVersion).order_by(
            PolicyVersion.approved_on.is_(None).desc(), PolicyVersion.approved_on.desc(),
            PolicyVersion.id.desc())).all()
        return [_record(row, _elements(uow, row.id)) for row in rows]


def policy_in_force(uow: UnitOfWork, as_of: date) -> PolicyRecord | None:
    """The version approved last on or before ``as_of`` (drafts never count)."""
    row = uow.session.scalars(select(PolicyVersion).where(PolicyVersion.approved_on <= as_of)
                              .order_by(PolicyVersion.approved_on.desc(),
                                        PolicyVersion.id.desc()).limit(1)).first()
    return None if row is None else _record(row, _elements(uow, row.id))


def save_policy_version(db: Database, actor: Actor, record: PolicyRecord, *,
                        clock: Clock = now) -> int:
    """Create (``record.id`` None) or change a version and its element checklist."""
    require_manager(actor)
    at = clock()
    title = required_text(record.title, "title", N_("The policy needs a title."))
    version = required_text(record.version, "version", N_("The policy needs a version."))
    elements = validate_elements(record.elements)
    if record.approved_on and record.effective_from and record.effective_from < record.approved_on:
        raise ValidationError(N_("The policy cannot take effect before it is approved."),
                              field="effective_from")
    clean = replace(record, title=title, version=version,
                    approved_by=(record.approved_by or "").strip() or None,
                    note=(record.note or "").strip() or None,
                    elements={code: (record.elements[code] or "").strip() or None
                              for code in sorted(elements)})
    with UnitOfWork(db) as uow:
        taken = uow.session.scalars(select(PolicyVersion.id).where(
            PolicyVersion.version == version)).first()
        if taken is not None and taken != record.id:
            raise ValidationError(N_("Version {value} is already recorded."), field="version",
                                  value=version)
        if record.id is None:
            row = PolicyVersion(created_at=at)
            uow.session.add(row)
            before = None
        else:
            found = uow.session.get(PolicyVersion, record.id)
            if found is None:
                raise NotFound(N_("No policy version {value}."), value=record.id)
            row = found
            before = {**values_of(row, _POLICY_COLUMNS), "elements": _elements(uow, row.id)}
        for name in _POLICY_COLUMNS:
            setattr(row, name, getattr(clean, name))
        row.updated_at = at
        uow.session.flush()
        uow.session.execute(delete(PolicyElementRow).where(
            PolicyElementRow.policy_version_id == row.id))
        uow.session.add_all(PolicyElementRow(policy_version_id=row.id, element=code,
                                             section=section)
                            for code, section in clean.elements.items())
        after = {**values_of(row, _POLICY_COLUMNS), "elements": clean.elements}
        audit_change(uow, actor, at, "policy_version_saved", row.id, before, after)
        uow.commit()
        return row.id


def document_path(files_dir: Path, sha256: str) -> Path:
    """Where a stored file lives: ``<files_dir>/<first two hex digits>/<sha256>``."""
    return files_dir / sha256[:2] / sha256


def attach_policy_document(db: Database, actor: Actor, version_id: int, source: Path, *,
                           files_dir: Path, clock: Clock = now) -> str:
    """Store the document once by content and point the version at it; returns its sha256."""
    require_manager(actor)
    if not source.is_file():
        raise ValidationError(N_("No file at {value}."), field="document", value=str(source))
    digest = hashlib.sha256()
    with open(source, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    target = document_path(files_dir, sha)
    with UnitOfWork(db) as uow:
        row = uow.session.get(PolicyVersion, version_id)
        if row is None:
            raise NotFound(N_("No policy version {value}."), value=version_id)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            shutil.copyfile(source, partial)
            partial.replace(target)  # never a half-written file under its final name
        before = values_of(row, ("document_filename", "document_sha256", "document_size"))
        row.document_filename, row.document_sha256 = source.name, sha
        row.document_size = source.stat().st_size
        row.updated_at = clock()
        audit_change(uow, actor, row.updated_at, "policy_document_attached", row.id, before,
                     values_of(row, ("document_filename", "document_sha256", "document_size")))
        uow.commit()
    return sha


# --- publication plan ----------------------------------------------------------------------


@dataclass(frozen=True)
class Publication:
    channel: str
    description: str
    planned_on: date
    audience: str | None = None  # None: the channel's usual audience
    done_on: date | None = None
    evidence: str | None = None
    office_code: str | None = None
    policy_version_id: int | None = None
    id: int | None = None


_PUBLICATION_COLUMNS = ("channel", "audience", "description", "planned_on", "done_on",
                        "evidence", "office_code", "policy_version_id")


def list_publications(db: Database, year: int | None = None,
                      office_code: str | None = None) -> list[Publication]:
    """The plan, by planned date; ``year`` (Gregorian) limits it to that year's plan."""
    with UnitOfWork(db, write=False) as uow:
        query = select(PublicationRow).order_by(PublicationRow.planned_on, PublicationRow.id)
        if year is not None:
            query = query.where(PublicationRow.planned_on >= date(year, 1, 1),
                                PublicationRow.planned_on <= date(year, 12, 31))
        if office_code:
            query = query.where(PublicationRow.office_code == office_code)
        return [Publication(id=r.id, **{n: getattr(r, n) for n in _PUBLICATION_COLUMNS})
                for r in uow.session.scalars(query)]


def save_publication(db: Database, actor: Actor, item: Publication, *,
                     clock: Clock = now) -> int:
    require_manager(actor)
    at = clock()
    channel = enum_value(PublicationChannel, item.channel, "channel")
    audience = (enum_value(Audience, item.audience, "audience") if item.audience
                else DEFAULT_AUDIENCE[channel])
    description = required_text(item.description, "description",
                                 N_("Describe what is published."))
    if item.done_on is not None and item.done_on > at.date():
        raise ValidationError(N_("The done date cannot be in the future."), field="done_on")
    clean = replace(item, channel=channel.value, audience=audience.value,
                    description=description, evidence=(item.evidence or "").strip() or None)
    with UnitOfWork(db) as uow:
        if clean.office_code and uow.session.get(Office, clean.office_code) is None:
            raise NotFound(N_("Unknown office: {value}"), value=clean.office_code)
        if clean.policy_version_id is not None and \
                uow.session.get(PolicyVersion, clean.policy_version_id) is None:
            raise NotFound(N_("No policy version {value}."), value=clean.policy_version_id)
        saved = save_columns(uow, actor, at, PublicationRow, item.id, clean,
                             _PUBLICATION_COLUMNS, "publication_saved",
                             N_("No planned publication {value}."))
        uow.commit()
        return saved


def delete_publication(db: Database, actor: Actor, publication_id: int, *,
                       clock: Clock = now) -> None:
    """Take an item out of the plan (the audit row keeps what it was)."""
    require_manager(actor)
    with UnitOfWork(db) as uow:
        row = uow.session.get(PublicationRow, publication_id)
        if row is None:
            raise NotFound(N_("No planned publication {value}."), value=publication_id)
        before = values_of(row, _PUBLICATION_COLUMNS)
        uow.session.delete(row)
        audit_change(uow, actor, clock(), "publication_deleted", publication_id, before, None)
        uow.commit()
