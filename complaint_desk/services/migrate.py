"""``complaint-desk migrate --from sqlite:///office.db --to postgresql://…``: move a whole
database to another engine (an office's file onto the headquarters server, or back).

The target must be empty (its schema is made by the migrations, like any new database). Every
row is copied in one transaction on the target (on PostgreSQL by COPY: store/database_copy.py);
afterwards the copy is verified, still inside that transaction: each table holds as many rows
as the source's, and the copied event hash chain verifies, to the source's number of events
and last hash. Anything else rolls the copy back and names what differed.
The source is only read. The copy is recorded in the target's audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from complaint_desk.domain.complaint import Actor
from complaint_desk.domain.errors import N_, ValidationError
from complaint_desk.domain.permissions import Permission
from complaint_desk.services.access import require
from complaint_desk.store import database_copy, events
from complaint_desk.store.database import Database
from complaint_desk.store.mapping import canonical_json
from complaint_desk.store.models import AuditRow, EventRow

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class MigrationResult:
    rows: dict[str, int]
    events_verified: int
    last_hash: str


def shown_url(url: str) -> str:
    """A database URL fit to print or record: never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL: a file path
        return url


def _chain(session: Session) -> tuple[int, str]:
    checked, broken = events.verify_chain(session)
    if broken is not None:
        raise ValidationError(N_("The event record is broken at event {event_id} ({reason}): "
                                 "nothing was copied."),
                              field="from", event_id=broken.event_id, reason=broken.reason)
    return checked, events.last_hash(session)


def migrate_database(source: Database, target: Database, actor: Actor, *,
                     clock: Clock = datetime.now) -> MigrationResult:
    """Copy every row of ``source`` into the empty ``target``, verified; see the module."""
    require(actor, Permission.RESTORE)
    if source.url == target.url:
        raise ValidationError(N_("The source and the target are the same database."), field="to")
    with source.session() as read, target.session(write=True) as write:
        source_conn, target_conn = read.connection(), write.connection()
        present = {t: n for t, n in database_copy.row_counts(target_conn).items() if n}
        if present:
            raise ValidationError(N_("The target database is not empty (table {table} has "
                                     "{count} rows): copy only into a new database."),
                                  field="to", table=next(iter(present)),
                                  count=next(iter(present.values())))
        expected = database_copy.row_counts(source_conn)
        # The chain is walked once, on the copy: a faithful copy of a broken record is broken
        # at the same event, and a copy that verifies to the source's number of events and
        # last hash is the source's record (walking both took as long as the copy itself).
        source_events, source_hash = expected[EventRow.__tablename__], events.last_hash(read)
        try:
            copied = database_copy.copy_rows(source_conn, target_conn)
        except IntegrityError as exc:  # the schema's rules, checked at the end of the load
            raise ValidationError(N_("The source database breaks a rule of the schema "
                                     "({detail}): nothing was copied."), field="from",
                                  detail=str(exc.orig).splitlines()[0]) from exc
        found = database_copy.row_counts(target_conn)
        for table, count in expected.items():
            if copied.get(table) != count or found.get(table) != count:
                raise ValidationError(N_("The copy of table {table} has {found} rows instead of "
                                         "{count}: nothing was copied."), field="to",
                                      table=table, found=found.get(table, 0), count=count)
        target_events, target_hash = _chain(write)
        if (target_events, target_hash) != (source_events, source_hash):
            raise ValidationError(N_("The copied event record does not verify to the source's "
                                     "last event: nothing was copied."), field="to")
        at = clock().replace(microsecond=0)
        write.add(AuditRow(at=at, actor_id=actor.user_id or None, actor_name=actor.username,
                           kind="migrate", complaint_id=None, data=canonical_json({
                               "from": shown_url(source.url), "rows": expected,
                               "events": source_events, "last_hash": source_hash})))
        write.commit()
    return MigrationResult(expected, source_events, source_hash)
