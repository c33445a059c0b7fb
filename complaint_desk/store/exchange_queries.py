"""Read side of the exchange: what a package holds, streamed in batches (constant memory)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from complaint_desk.store.models import Category, Level, Office, Unit
from complaint_desk.store.models import ComplaintRow as C
from complaint_desk.store.models import EventRow as E
from complaint_desk.store.models_exchange import PackageExport, PackageImport

GENESIS = "0" * 64


def last_event(session: Session) -> tuple[int, str]:
    """(id, hash) of the newest event, or (0, GENESIS)."""
    row = session.execute(select(E.id, E.hash).order_by(E.id.desc()).limit(1)).first()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def event_hash_at(session: Session, event_id: int) -> str:
    if event_id <= 0:
        return GENESIS
    found = session.execute(select(E.hash).where(E.id == event_id)).scalar()
    return str(found) if found else GENESIS


def first_event_on_or_after(session: Session, day: date) -> int | None:
    """The id of the first event recorded on or after the day (a scan: exports are rare)."""
    found = session.execute(select(func.min(E.id)).where(
        E.at >= datetime.combine(day, time()))).scalar()
    return int(found) if found is not None else None


def last_acknowledged_event(session: Session) -> int | None:
    found = session.execute(select(func.max(PackageExport.last_event_id)).where(
        PackageExport.acknowledged_at.is_not(None))).scalar()
    return int(found) if found is not None else None


def count_events(session: Session, after_id: int, last_id: int) -> int:
    return int(session.execute(select(func.count()).where(
        E.id > after_id, E.id <= last_id)).scalar() or 0)


def iter_events(session: Session, after_id: int, last_id: int,
                batch: int = 5000) -> Iterator[tuple[Any, ...]]:
    """(id, uuid, complaint id, complaint uuid, at, actor, kind, data, prev_hash, hash) in id
    order: a consecutive run of the chain."""
    sql = text("SELECT e.id, e.uuid, e.complaint_id, c.uuid, e.at, e.actor_name, e.kind, "
               "e.data, e.prev_hash, e.hash FROM events e JOIN complaints c "
               "ON c.id = e.complaint_id WHERE e.id > :after AND e.id <= :last "
               "ORDER BY e.id LIMIT :n")
    while True:
        rows = session.execute(sql, {"after": after_id, "last": last_id, "n": batch}).all()
        if not rows:
            return
        for row in rows:
            yield tuple(row)
        after_id = int(rows[-1][0])


def iter_complaints(session: Session, ids: Sequence[int], columns: Sequence[str],
                    chunk: int = 900) -> Iterator[tuple[Any, ...]]:
    """(id, *columns) of the given complaints, in the order of ``ids``."""
    cols = [getattr(C, name) for name in columns]
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        rows = {r[0]: tuple(r) for r in session.execute(select(C.id, *cols).where(
            C.id.in_(part)))}
        for complaint_id in part:
            yield rows[complaint_id]


def reference_rows(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Offices, categories, levels and units: small tables, sent whole in every package."""
    def rows(model: Any, names: Sequence[str], order: Any) -> list[dict[str, Any]]:
        return [dict(zip(names, r, strict=True)) for r in session.execute(
            select(*[getattr(model, n) for n in names]).order_by(order))]

    return {
        "offices": rows(Office, ("code", "name", "region"), Office.code),
        "categories": rows(Category, ("code", "name_th", "name_en", "active"), Category.code),
        "levels": rows(Level, ("number", "name", "handled_by", "typical_cases",
                               "target_working_days", "owner_role"), Level.number),
        "units": rows(Unit, ("code", "name", "office_code"), Unit.code),
    }


def last_packages(session: Session) -> list[dict[str, Any]]:
    """Per office: its name, cases held here, and its latest package (by creation time)."""
    latest = (select(PackageImport.office_code,
                     func.max(PackageImport.package_created_at).label("created"),
                     func.max(PackageImport.imported_at).label("imported"),
                     func.count().label("packages"))
              .group_by(PackageImport.office_code).subquery())
    cases = (select(C.office_code, func.count().label("cases"))
             .group_by(C.office_code).subquery())
    query = (select(Office.code, Office.name, latest.c.created, latest.c.imported,
                    latest.c.packages, cases.c.cases)
             .outerjoin(latest, latest.c.office_code == Office.code)
             .outerjoin(cases, cases.c.office_code == Office.code)
             .order_by(Office.code))
    return [{"office": r[0], "name": r[1], "last_package_at": r[2], "last_import_at": r[3],
             "packages": int(r[4] or 0), "cases": int(r[5] or 0)}
            for r in session.execute(query)]


def list_filters(*, statuses: Sequence[str] = (), levels: Sequence[int] = (),
                 categories: Sequence[str] = (), channels: Sequence[str] = (),
                 offices: Sequence[str] = (), received_from: datetime | None = None,
                 received_to: datetime | None = None) -> list[Any]:
    """SQL conditions for the list's filters (each empty filter lets everything through;
    ``received_to`` is exclusive). Every one is served by an index on complaints."""
    found: list[Any] = []
    if statuses:
        found.append(C.status.in_(list(statuses)))
    if levels:
        found.append(C.level.in_(list(levels)))
    if categories:
        found.append(C.category_code.in_(list(categories)))
    if channels:
        found.append(C.channel.in_(list(channels)))
    if offices:
        found.append(C.office_code.in_(list(offices)))
    if received_from is not None:
        found.append(C.received_at >= received_from)
    if received_to is not None:
        found.append(C.received_at < received_to)
    return found


def count_list(session: Session, conditions: Sequence[Any]) -> int:
    return int(session.execute(select(func.count()).select_from(C).where(*conditions)).scalar()
               or 0)


def iter_list(session: Session, columns: Sequence[str], conditions: Sequence[Any],
              batch: int = 5000) -> Iterator[tuple[Any, ...]]:
    """The filtered list, oldest received first, streamed by keyset (received_at, id)."""
    cols = [getattr(C, name) for name in columns]
    last: tuple[datetime, int] | None = None
    while True:
        query = select(C.received_at, C.id, *cols).where(*conditions)
        if last is not None:
            query = query.where((C.received_at > last[0])
                                | ((C.received_at == last[0]) & (C.id > last[1])))
        rows = session.execute(query.order_by(C.received_at, C.id).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield tuple(row[2:])
        last = (rows[-1][0], rows[-1][1])


def category_names(session: Session) -> dict[str, tuple[str, str]]:
    return {code: (th, en) for code, th, en in session.execute(
        select(Category.code, Category.name_th, Category.name_en))}


def withheld_identities(session: Session, user_id: int, rank: int,
                        protected_categories: Sequence[str]) -> set[int]:
    """Ids of the protected cases (about staff, or in a protected category) whose complainant
    this user may not see: they are concerned staff, or the case's level is above their rank
    (domain/privacy.may_see_identity, in SQL so a million cases cost one indexed scan)."""
    from complaint_desk.store.models_trust import ConcernedStaff

    concerned = select(ConcernedStaff.complaint_id).where(ConcernedStaff.user_id == user_id)
    protected = C.about_staff.is_(True) | C.category_code.in_(list(protected_categories))
    hidden = C.id.in_(concerned) | (C.level.is_not(None) & (C.level > rank))
    return set(session.scalars(select(C.id).where(protected, hidden)))
