"""Several programs on one database at once (headquarters' clerks on PostgreSQL; two PCs on one
office file): a change made from a stale copy is refused with the optimistic-locking message,
no change is ever lost, bulk writes of different offices run side by side, and afterwards the
hash chain verifies and every row equals the replay of its events.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from complaint_desk.domain.errors import ConcurrentChange
from complaint_desk.domain.intake import Intake
from complaint_desk.services import complaints as svc
from complaint_desk.services.check import run_check
from complaint_desk.store import events
from complaint_desk.store.database import open_database
from complaint_desk.store.models import ComplaintRow, EventRow
from complaint_desk.store.unit_of_work import UnitOfWork

CASES = 3
STEPS = 12
MOMENT = datetime(2024, 8, 5, 9, 0)


def _clock() -> datetime:
    return MOMENT


def _assigner(url: str, references: list[str], number: int, out: str) -> None:
    """Reassign random cases from a copy read a moment earlier, as a clerk's dialog does."""
    from complaint_desk.services.users import actor_for

    db = open_database(url)
    supervisor = actor_for(db, "t.supervisor")
    rng = random.Random(number)
    done, refused = [], 0
    for step in range(STEPS):
        reference = rng.choice(references)
        seen = svc.get_complaint(db, reference).version
        time.sleep(rng.uniform(0, 0.02))
        unit = f"กอง {number}-{step}"
        try:
            svc.assign_level(db, supervisor, reference, level=2, responsible_unit=unit,
                             expected_version=seen, clock=_clock)
            done.append([reference, unit])
        except ConcurrentChange:
            refused += 1
    Path(out).write_text(json.dumps({"done": done, "refused": refused}))
    db.dispose()


def _note_taker(url: str, references: list[str], number: int, out: str) -> None:
    """Notes written without a version check: each must land, none may be lost."""
    from complaint_desk.services.users import actor_for

    db = open_database(url)
    handler = actor_for(db, "t.handler")
    notes = []
    for step in range(STEPS):
        note = f"บันทึก {number}-{step}"
        svc.add_note(db, handler, references[step % len(references)], note, clock=_clock)
        notes.append(note)
    Path(out).write_text(json.dumps({"notes": notes}))
    db.dispose()


def _office_import(url: str, office: str, number: int, out: str) -> None:
    """A bulk write of one office's cases (how a package of an office lands); KKN's as
    `complaint-desk demo` writes, rows made ahead and written by a child process of its own."""
    from complaint_desk.services import demo

    demo.BATCH = 40
    db = open_database(url)
    written = demo.generate_demo(db, 200, seed=number, office_code=office,
                                 today=date(2024, 9, 30), writer_process=office == "KKN")
    Path(out).write_text(json.dumps({"written": written}))
    db.dispose()


def _open_cases(db, actors) -> list[str]:
    references = []
    for _ in range(CASES):
        ref = svc.record_complaint(db, actors["officer"], Intake(
            channel="line", received_at=MOMENT, subject="ไฟดับ", description="ทั้งชั้น",
            complainant_anonymous=True), clock=_clock)
        svc.acknowledge(db, actors["officer"], ref, clock=_clock)
        svc.assess(db, actors["supervisor"], ref, accepted=True, category_code="repair",
                   clock=_clock)
        svc.assign_level(db, actors["supervisor"], ref, level=2, responsible_unit="กองซ่อมบำรุง",
                         clock=_clock)
        references.append(ref)
    return references


def test_programs_at_once_lose_no_change_and_keep_the_record_sound(db, actors, tmp_path):
    references = _open_cases(db, actors)
    db.dispose()  # the children open their own connections
    context = multiprocessing.get_context("fork")
    jobs = [(_assigner, (db.url, references, n)) for n in range(3)]
    jobs += [(_note_taker, (db.url, references, 10 + n)) for n in range(2)]
    jobs += [(_office_import, (db.url, office, 20 + n)) for n, office in
             enumerate(("CNX", "KKN"))]
    children = []
    for index, (target, args) in enumerate(jobs):
        out = tmp_path / f"child-{index}.json"
        children.append((context.Process(target=target, args=(*args, str(out))), out))
    for child, _out in children:
        child.start()
    for child, _out in children:
        child.join(120)
        assert child.exitcode == 0
    results = [json.loads(out.read_text()) for _child, out in children]

    assigned = [tuple(d) for r in results for d in r.get("done", [])]
    refused = sum(r.get("refused", 0) for r in results)
    notes = {n for r in results for n in r.get("notes", [])}
    assert refused > 0, "the processes never met: the test proved nothing"
    with UnitOfWork(db, write=False) as uow:
        recorded = [json.loads(d) for d in uow.session.scalars(
            select(EventRow.data).join(ComplaintRow, ComplaintRow.id == EventRow.complaint_id)
            .where(ComplaintRow.reference.in_(references),
                   EventRow.kind.in_(("assign_level", "add_note"))).order_by(EventRow.id))]
        units = [d["changes"]["responsible_unit"][1] for d in recorded
                 if "responsible_unit" in d.get("changes", {})]
        for reference in references:
            row = uow.complaint_row(reference)
            history = list(events.iter_events(uow.session, row.id))
            assert row.version == len(history)  # every change counted, none overwritten
        offices = dict(uow.session.execute(
            select(ComplaintRow.office_code, func.count()).group_by(ComplaintRow.office_code)
        ).all())
    assert set(units) >= {unit for _ref, unit in assigned}  # each accepted change is there
    assert len(units) == len(assigned) + CASES  # (+ the first assignment of each case)
    assert {d["note"] for d in recorded if "note" in d} == notes
    assert offices["CNX"] == offices["KKN"] == 200
    report = run_check(db)
    assert report.ok, report.problems
