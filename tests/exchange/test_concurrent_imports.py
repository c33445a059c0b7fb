"""Two clerks at headquarters import two offices' packages at the same moment, from two
programs (processes): both packages land whole, neither overwrites the other, and the record
verifies. On PostgreSQL the imports queue at the writers' lock (store/engine_features.py); on
SQLite at the file's write lock.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

from sqlalchemy import func, select

from complaint_desk.services import complaints as workflow
from complaint_desk.services.check import run_check
from complaint_desk.services.package_export import export_package
from complaint_desk.services.package_import import import_package, verify_origins
from complaint_desk.services.users import actor_for, actor_from_row, add_user
from complaint_desk.store.database import open_database
from complaint_desk.store.models import ComplaintRow, EventRow
from complaint_desk.store.models_exchange import EventOrigin, PackageImport
from complaint_desk.store.unit_of_work import UnitOfWork

OFFICES = ("BKK1", "CNX1")


def _clerk_imports(url: str, package: str, start: object, out: str) -> None:
    """One headquarters program: waits for the other, imports, notes when it began and ended."""
    db = open_database(url)
    admin = actor_for(db, "admin")
    start.wait(30)  # type: ignore[attr-defined]
    began = time.monotonic()
    report = import_package(db, admin, Path(package))
    ended = time.monotonic()
    Path(out).write_text(json.dumps({"began": began, "ended": ended,
                                     "complaints": report.complaints, "events": report.events}))
    db.dispose()


def _counts(db) -> tuple[dict[str, int], int, int]:
    with UnitOfWork(db, write=False) as uow:
        cases = dict(uow.session.execute(select(ComplaintRow.office_code, func.count())
                                         .group_by(ComplaintRow.office_code)).all())
        events = int(uow.session.scalar(select(func.count()).select_from(EventRow)) or 0)
        origins = int(uow.session.scalar(select(func.count()).select_from(EventOrigin)) or 0)
    return cases, events, origins


def test_two_offices_imported_at_the_same_time_both_land_whole(sites, tmp_path):
    offices = {code: sites.office(code, seed=n + 1, cases=250)
               for n, code in enumerate(OFFICES)}
    hq = sites.hq()
    sent = {}
    for code, db in offices.items():
        sent[code] = export_package(db, sites.clerk(db, code), tmp_path / f"{code}.cdpkg")
    _cases, events_before, _origins = _counts(hq)  # headquarters' own audit-free start
    hq.dispose()  # the programs open their own connections

    context = multiprocessing.get_context("fork")
    start = context.Barrier(len(OFFICES))
    children = []
    for code in OFFICES:
        out = tmp_path / f"{code}.json"
        child = context.Process(target=_clerk_imports,
                                args=(hq.url, str(tmp_path / f"{code}.cdpkg"), start, str(out)))
        children.append((child, out))
        child.start()
    for child, _out in children:
        child.join(120)
        assert child.exitcode == 0
    results = [json.loads(out.read_text()) for _child, out in children]

    # They ran at the same time: each began before the other ended (one waited for the lock).
    assert max(r["began"] for r in results) < min(r["ended"] for r in results)
    cases, events, origins = _counts(hq)
    for code, result in zip(OFFICES, results, strict=True):
        assert result["complaints"]["new"] == sent[code].complaints == cases[code]
        assert result["events"]["new"] == sent[code].events
    assert events - events_before == origins == sum(s.events for s in sent.values())
    with UnitOfWork(hq, write=False) as uow:
        assert set(uow.session.scalars(select(PackageImport.office_code))) == set(OFFICES)
    report = run_check(hq)  # one hash chain over both packages' events; rows replay
    assert report.ok, report.problems
    assert not verify_origins(hq).altered

    # The next change made at headquarters takes a new id after the imported ones (an
    # executive there notes a significant case).
    with UnitOfWork(hq) as uow:
        executive = actor_from_row(add_user(uow, username="hq.executive",
                                            display_name="ผู้บริหาร", role="executive"))
        uow.commit()
    with UnitOfWork(hq, write=False) as uow:
        reference = uow.session.scalars(select(ComplaintRow.reference).where(
            ComplaintRow.status != "closed", ComplaintRow.level == 4)
            .order_by(ComplaintRow.id).limit(1)).one()
    workflow.add_note(hq, executive, reference, "สำนักงานใหญ่รับทราบ")
    assert _counts(hq)[1] == events + 1
