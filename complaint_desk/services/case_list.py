"""What a user may see of the cases: the list, the queue counts, one case with its timeline,
possible duplicates of a new complaint, and the reference data that forms offer.

Read-only; each call is one short read transaction. Personal data (PDPA) leaves here only for
roles in ROLES_SEEING_PERSONAL_DATA: for others the fields are None and the name is not
searched.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from complaint_desk.domain import privacy
from complaint_desk.domain.case_list import CaseFilter, Queue, Sort, Viewer
from complaint_desk.domain.complaint import PERSONAL_FIELDS, Actor, Complaint
from complaint_desk.domain.intake import Intake, normalise_national_id
from complaint_desk.domain.roles import ROLES_SEEING_PERSONAL_DATA, Role
from complaint_desk.services.complaints import COMPLAINANT_KEY_SETTING, keyed_hash
from complaint_desk.store import case_list, list_reader, queries
from complaint_desk.store.case_list import CaseListRow
from complaint_desk.store.database import Database
from complaint_desk.store.models import Attachment, Category, ComplaintRow, Level, Office, Unit
from complaint_desk.store.unit_of_work import UnitOfWork

DUPLICATE_WINDOW_DAYS = 90
DUPLICATE_LIMIT = 5


def sees_personal_data(actor: Actor) -> bool:
    try:
        return Role(actor.role) in ROLES_SEEING_PERSONAL_DATA
    except ValueError:
        return False


def viewer_for(actor: Actor) -> Viewer:
    names = tuple(n for n in (actor.username, actor.display_name) if n)
    return Viewer(role=actor.role, names=names, sees_personal_data=sees_personal_data(actor))


def count_cases(db: Database, actor: Actor, case_filter: CaseFilter, today: date) -> int:
    with UnitOfWork(db, write=False) as uow:
        return case_list.count_cases(uow.session, case_filter, viewer_for(actor), today)


def list_page(db: Database, actor: Actor, case_filter: CaseFilter, sort: Sort, today: date, *,
              offset: int, limit: int, total: int | None = None) -> list[CaseListRow]:
    with UnitOfWork(db, write=False) as uow:
        return case_list.page(uow.session, case_filter, sort, viewer_for(actor), today,
                              offset=offset, limit=limit, total=total)


class CaseListReader:
    """The list as ``actor`` may see it, for a list kept open (the GUI's model): the same
    counts and pages as ``count_cases`` and ``list_page``, read on one read connection kept
    for the reader's life with statements compiled once (store/list_reader.py). Each call is
    one statement, its own read transaction. ``close()`` when done."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self._reader = list_reader.CaseListReader(db.engine)
        self._viewer = viewer_for(actor)

    def count(self, case_filter: CaseFilter, today: date, *, cap: int | None = None) -> int:
        """The number of cases; with ``cap``, at most ``cap + 1`` (more than ``cap``)."""
        return self._reader.count(case_filter, self._viewer, today, cap=cap)

    def page(self, case_filter: CaseFilter, sort: Sort, today: date, *, offset: int,
             limit: int, total: int | None = None, after: CaseListRow | None = None,
             before: CaseListRow | None = None) -> list[CaseListRow]:
        """Rows [offset, offset + limit); ``after``/``before``: the row just before/after
        them when the caller holds it (read from it by keyset, store/list_reader.py)."""
        return self._reader.page(case_filter, sort, self._viewer, today, offset=offset,
                                 limit=limit, total=total, after=after, before=before)

    def close(self) -> None:
        self._reader.close()


def queue_counts(db: Database, actor: Actor, today: date) -> dict[Queue, int]:
    with UnitOfWork(db, write=False) as uow:
        return case_list.queue_counts(uow.session, viewer_for(actor), today)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str
    kind: str
    changes: dict[str, list[Any]]
    note: str | None


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    size: int
    sha256: str
    added_at: datetime


@dataclass(frozen=True)
class CaseDetail:
    complaint: Complaint
    timeline: list[TimelineEntry]  # newest first
    attachments: list[AttachmentInfo]
    personal_data_hidden: bool


def _mask(complaint: Complaint) -> Complaint:
    # The five PERSONAL_FIELDS, spelled out so each replacement is type-checked.
    return dataclasses.replace(complaint, complainant_name=None, complainant_national_id=None,
                               complainant_phone=None, complainant_email=None,
                               complainant_address=None)


def _masked_changes(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {k: (["•••", "•••"] if k in PERSONAL_FIELDS else v) for k, v in changes.items()}


def _masked_values(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {k: ([privacy.MASKERS[k](x) if isinstance(x, str) else x for x in v]
                if k in PERSONAL_FIELDS else v) for k, v in changes.items()}


def case_detail(db: Database, actor: Actor, reference: str, *,
                masked: bool = False) -> CaseDetail:
    """The case, its timeline and attachments as ``actor`` may see them. Roles without
    personal data get none; ``masked`` (what screens ask for) shows the others the masked
    identity (``ส***ย ใ***``) until they ask services/privacy.reveal_personal_data."""
    hidden = not sees_personal_data(actor)
    with UnitOfWork(db, write=False) as uow:
        row, complaint = uow.get(reference)
        entries = []
        for event in queries.timeline(uow.session, row.id):
            data = json.loads(event["data"])
            changes = data.get("changes", {})
            entries.append(TimelineEntry(event["at"], event["actor"], event["kind"],
                                         _masked_changes(changes) if hidden else
                                         _masked_values(changes) if masked else changes,
                                         data.get("note")))
        files = [AttachmentInfo(a.id, a.filename, a.size, a.sha256, a.added_at)
                 for a in uow.session.scalars(select(Attachment).where(
                     Attachment.complaint_id == row.id).order_by(Attachment.id))]
    shown = _mask(complaint) if hidden else privacy.masked(complaint) if masked else complaint
    return CaseDetail(shown, entries, files, hidden)


@dataclass(frozen=True)
class DuplicateHint:
    reference: str
    received_at: datetime
    subject: str
    status: str
    same_complainant: bool


def possible_duplicates(db: Database, intake: Intake, now: datetime) -> list[DuplicateHint]:
    """Cases of the last 90 days from the same complainant (national ID or name), or at the
    same location (project, building, unit) in the same category: shown before saving."""
    since = now - timedelta(days=DUPLICATE_WINDOW_DAYS)
    with UnitOfWork(db, write=False) as uow:
        same_person = []
        if not intake.complainant_anonymous:
            national_id = normalise_national_id(intake.complainant_national_id)
            if national_id:
                secret = uow.setting(COMPLAINANT_KEY_SETTING)
                if secret:
                    same_person.append(ComplaintRow.complainant_key ==
                                       keyed_hash(secret, national_id))
            if intake.complainant_name.strip():
                same_person.append(ComplaintRow.complainant_name == intake.complainant_name.strip())
        same_place = None
        if intake.project.strip() and intake.category_code:
            same_place = and_(ComplaintRow.project == intake.project.strip(),
                              ComplaintRow.building.is_not_distinct_from(
                                  intake.building.strip() or None),
                              ComplaintRow.unit.is_not_distinct_from(intake.unit.strip() or None),
                              ComplaintRow.category_code == intake.category_code)
        options = same_person + ([same_place] if same_place is not None else [])
        if not options:
            return []
        person = or_(*same_person) if same_person else None
        columns: list[InstrumentedAttribute[Any] | ColumnElement[Any]] = [
            ComplaintRow.reference, ComplaintRow.received_at, ComplaintRow.subject,
            ComplaintRow.status]
        if person is not None:
            columns.append(person.label("same_person"))
        rows = uow.session.execute(
            select(*columns).where(ComplaintRow.received_at >= since, or_(*options))
            .order_by(ComplaintRow.received_at.desc()).limit(DUPLICATE_LIMIT)).all()
    return [DuplicateHint(r[0], r[1], r[2], r[3], bool(r[4]) if person is not None else False)
            for r in rows]


@dataclass(frozen=True)
class ReferenceData:
    """The choices forms offer; loaded once per window."""

    categories: list[tuple[str, str, str]]  # code, Thai name, English name
    offices: list[tuple[str, str]]
    units: list[str]
    levels: list[tuple[int, str, str, str, int]]  # number, name, handled by, typical, days


def reference_data(db: Database) -> ReferenceData:
    with UnitOfWork(db, write=False) as uow:
        s = uow.session
        return ReferenceData(
            categories=[tuple(r) for r in s.execute(  # type: ignore[misc]
                select(Category.code, Category.name_th, Category.name_en)
                .where(Category.active.is_(True)).order_by(Category.code))],
            offices=[tuple(r) for r in s.execute(  # type: ignore[misc]
                select(Office.code, Office.name).order_by(Office.code))],
            units=list(s.scalars(select(Unit.name).order_by(Unit.name))),
            levels=[tuple(r) for r in s.execute(  # type: ignore[misc]
                select(Level.number, Level.name, Level.handled_by, Level.typical_cases,
                       Level.target_working_days).order_by(Level.number))])

