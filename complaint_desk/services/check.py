"""``complaint-desk check``: SQLite's own checks, the event hash chain, and the rules that
must hold between the columns. Each problem is a plain sentence (a message id and values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_
from complaint_desk.domain.permissions import Permission
from complaint_desk.services.access import require
from complaint_desk.services.package_import import verify_origins
from complaint_desk.store import events, replay
from complaint_desk.store.database import Database
from complaint_desk.store.unit_of_work import UnitOfWork


@dataclass
class Problem:
    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckReport:
    complaints: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# (SQL counting offending rows, message). Each rule names what is wrong in words a clerk reads.
CONSISTENCY_RULES: tuple[tuple[str, str], ...] = (
    ("SELECT count(*) FROM complaints WHERE (status = 'closed') != (closed_at IS NOT NULL)",
     N_("{count} cases whose status and closing date disagree.")),
    ("SELECT count(*) FROM complaints WHERE (status = 'closed') != (closure IS NOT NULL)",
     N_("{count} cases whose status and kind of closing disagree.")),
    ("SELECT count(*) FROM complaints c WHERE NOT EXISTS "
     "(SELECT 1 FROM events e WHERE e.complaint_id = c.id)",
     N_("{count} cases with no event in their history.")),
    ("SELECT count(*) FROM complaints WHERE status IN ('investigating', 'responded') "
     "AND (level IS NULL OR due_on IS NULL)",
     N_("{count} cases being handled without a level or a due date.")),
    ("SELECT count(*) FROM complaints WHERE acknowledged_at IS NOT NULL "
     "AND acknowledged_at < received_at",
     N_("{count} cases acknowledged before they were received.")),
    ("SELECT count(*) FROM complaints WHERE satisfaction IS NOT NULL "
     "AND satisfaction NOT BETWEEN 1 AND 5",
     N_("{count} cases with a satisfaction score outside 1-5.")),
    ("SELECT count(*) FROM complaints c JOIN reference_counters r "
     "ON r.office_code = c.office_code AND c.reference LIKE c.office_code || '-' || r.be_year "
     "|| '-%' WHERE CAST(substr(c.reference, length(c.reference) - 4) AS INTEGER) > r.last",
     N_("{count} references above their office's counter (new cases would repeat them).")),
)


def run_check(db: Database) -> CheckReport:
    report = CheckReport()
    with UnitOfWork(db, write=False) as uow:
        session = uow.session
        if db.is_sqlite:
            results = [r[0] for r in session.execute(text("PRAGMA integrity_check")).all()]
            if results != ["ok"]:
                report.problems.append(Problem(N_("SQLite integrity check failed: {detail}"),
                                               {"detail": "; ".join(results[:5])}))
            fk = session.execute(text("PRAGMA foreign_key_check")).all()
            if fk:
                report.problems.append(Problem(N_("{count} rows point to records that do not "
                                                  "exist (first in table {table})."),
                                               {"count": len(fk), "table": fk[0][0]}))
        report.complaints = int(session.execute(text("SELECT count(*) FROM complaints")).scalar()
                                or 0)
        for sql, message in CONSISTENCY_RULES:
            count = int(session.execute(text(sql)).scalar() or 0)
            if count:
                report.problems.append(Problem(message, {"count": count}))
        checked, broken = events.verify_chain(session)
        report.events = checked
        if broken is not None:
            report.problems.append(Problem(
                N_("The event record was altered: event {event_id} ({reason}); "
                   "every event after it is unverified."),
                {"event_id": broken.event_id, "reason": broken.reason}))
        count, first = 0, None
        for mismatch in replay.mismatched_rows(session):
            count, first = count + 1, first or mismatch
        if first is not None:
            report.problems.append(Problem(
                N_("{count} cases differ from their recorded history (changed without an "
                   "event), first {reference}: {fields}."),
                {"count": count, "reference": first.reference,
                 "fields": ", ".join(first.fields)}))
    _check_imported_events(db, report)
    return report


def _check_imported_events(db: Database, report: CheckReport) -> None:
    """At headquarters: imported events still match their office's own chain."""
    origins = verify_origins(db)
    if origins.altered:
        report.problems.append(Problem(
            N_("{count} imported events no longer match their office's chain (first: event "
               "{event_id})."), {"count": len(origins.altered), "event_id": origins.altered[0]}))


def verify_record(db: Database, actor: Actor) -> CheckReport:
    """The menu's "verify the record": the same checks as ``complaint-desk check``."""
    require(actor, Permission.VERIFY_RECORD)
    return run_check(db)
