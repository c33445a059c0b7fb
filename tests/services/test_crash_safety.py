"""A power cut or a killed program loses nothing committed and leaves nothing half-written.

A child process writes (demo generation in batches of one transaction each, or a stream of
workflow steps through the services, one transaction each) and says after each commit how many
it has committed. The test kills it with SIGKILL at a random moment, then checks: SQLite's
integrity check passes, the hash chain verifies, every row equals the replay of its events
(services/check), and the transactions are whole or absent: what the child reported committed
is there, at most one more, never part of one. The next round continues on the same file.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from complaint_desk.services.check import run_check
from complaint_desk.services.offices import init_office
from complaint_desk.store.database import open_database

DEMO_BATCH = 50
TODAY = date(2024, 12, 20)


def _report(log: Path, count: int) -> None:
    with open(log, "a") as handle:
        handle.write(f"{count}\n")


def _demo_writer(path: str, log: str, seed: int) -> None:
    from complaint_desk.services import demo

    demo.BATCH = DEMO_BATCH
    db = open_database(path)
    base = _complaints(path)
    demo.generate_demo(db, 5000, seed=seed, today=TODAY,
                       progress=lambda done, _total: _report(Path(log), base + done))


def _workflow_writer(path: str, log: str, seed: int) -> None:
    from complaint_desk.domain.intake import Intake
    from complaint_desk.services import complaints as svc
    from complaint_desk.services.users import actor_for

    db = open_database(path)
    ex = actor_for(db, "t.executive")
    rng = random.Random(seed)
    committed = _events(path)
    moment = datetime(2024, 8, 5, 9, 0) + timedelta(days=seed)

    def step(call) -> None:  # one service call = one transaction = one event
        nonlocal committed
        call()
        committed += 1
        _report(Path(log), committed)

    while True:
        ref_box: list[str] = []
        step(lambda: ref_box.append(svc.record_complaint(db, ex, Intake(
            channel="line", received_at=moment, subject="ไฟดับ", description="ทั้งชั้น",
            complainant_name="สมชาย ใจดี"), clock=lambda: moment)))
        ref = ref_box[0]
        clock = lambda: moment
        step(lambda: svc.acknowledge(db, ex, ref, clock=clock))
        step(lambda: svc.assess(db, ex, ref, accepted=True, category_code="repair", clock=clock))
        step(lambda: svc.assign_level(db, ex, ref, level=rng.randint(1, 4),
                                      responsible_unit="กองซ่อมบำรุง", clock=clock))
        step(lambda: svc.add_note(db, ex, ref, "ตรวจแล้ว", clock=clock))
        step(lambda: svc.respond(db, ex, ref, decision="ซ่อม", reasons="ชำรุด", clock=clock))
        step(lambda: svc.close_complaint(db, ex, ref, complainant_accepts=True, clock=clock))


def _complaints(path: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM complaints").fetchone()[0]


def _events(path: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def _last_reported(log: Path) -> int | None:
    lines = log.read_text().split() if log.exists() else []
    return int(lines[-1]) if lines else None


def _prepare(tmp_path: Path) -> Path:
    from complaint_desk.services.users import add_user
    from complaint_desk.store.unit_of_work import UnitOfWork

    path = tmp_path / "crash.db"
    db = open_database(path)
    init_office(db, code="BKK1", name="สำนักงานทดสอบ")
    with UnitOfWork(db) as uow:
        add_user(uow, username="t.executive", display_name="ผู้บริหาร", role="executive")
        uow.commit()
    db.dispose()
    return path


def _kill_and_check(tmp_path: Path, writer, kills: int, unit: str, seed: int) -> None:
    path = _prepare(tmp_path)
    rng = random.Random(seed)
    context = multiprocessing.get_context("fork")
    for round_ in range(kills):
        log = tmp_path / f"log-{round_}.txt"
        before = (_complaints if unit == "complaints" else _events)(str(path))
        child = context.Process(target=writer, args=(str(path), str(log), seed + round_))
        child.start()
        deadline = time.monotonic() + 20
        while _last_reported(log) is None and time.monotonic() < deadline:
            time.sleep(0.005)  # let it commit at least once, then kill it at a random moment
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL, "the writer ended before it was killed"
        reported = _last_reported(log)
        assert reported is not None and reported > before
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db = open_database(path)
        report = run_check(db)
        db.dispose()
        assert report.ok, (round_, report.problems)
        if unit == "complaints":
            found = _complaints(str(path))
            assert (found - before) % DEMO_BATCH == 0, "a batch was cut in half"
            assert reported <= found <= reported + DEMO_BATCH
        else:
            found = _events(str(path))
            assert reported <= found <= reported + 1


def test_killing_a_stream_of_workflow_steps_a_few_times_loses_and_breaks_nothing(tmp_path):
    _kill_and_check(tmp_path, _workflow_writer, kills=3, unit="events", seed=1)


def test_killing_demo_generation_a_few_times_loses_and_breaks_nothing(tmp_path):
    _kill_and_check(tmp_path, _demo_writer, kills=2, unit="complaints", seed=2)


@pytest.mark.slow
def test_killing_a_stream_of_workflow_steps_fifty_times(tmp_path):
    _kill_and_check(tmp_path, _workflow_writer, kills=50, unit="events", seed=100)


@pytest.mark.slow
def test_killing_demo_generation_fifty_times(tmp_path):
    _kill_and_check(tmp_path, _demo_writer, kills=50, unit="complaints", seed=200)
