"""Benchmark databases: built once by `complaint-desk demo` with a fixed seed and day, cached
under bench/cache/ by size and schema version. After a schema change the older cached file
of the same size is copied and migrated (what an office's database goes through), which
takes seconds to minutes instead of building anew; delete bench/cache to build from scratch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

CACHE = Path(__file__).resolve().parent / "cache"
SEED = 20240801
TODAY = date(2026, 6, 30)
OFFICES = 6
# The benchmark database's administrator password: `init` needs one (docs/security.md), and
# `demo` signs in as the administrator. A throwaway database, so a fixed word is fine.
ADMIN_PASSWORD = "bench-admin-password"


def cached_database(size: int) -> Path:
    from complaint_desk.store.database import head_revision

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"demo-{size}-{head_revision()}.db"
    if path.exists():
        return path
    temp = path.with_suffix(".building")
    for leftover in CACHE.glob(temp.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    older = sorted(CACHE.glob(f"demo-{size}-*.db"))
    if older:  # the same demo data at an older schema: migrate a copy, as an office would
        shutil.copyfile(older[-1], temp)
        from complaint_desk.store.database import open_database

        open_database(temp).dispose()
        _fold_wal_and_keep(temp, path)
        print(f"upgraded {older[-1].name} to {path.name} in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        return path
    run = [sys.executable, "-m", "complaint_desk", "--db", str(temp)]
    env = {**os.environ, "COMPLAINT_DESK_PASSWORD": ADMIN_PASSWORD}
    subprocess.run([*run[:3], "init", "--db", str(temp), "--office", "BKK1",
                    "--office-name", "สำนักงานทดสอบ", "--hq"], check=True, capture_output=True, env=env)
    subprocess.run([*run[:3], "demo", "--db", str(temp), "--complaints", str(size),
                    "--offices", str(OFFICES), "--seed", str(SEED), "--today", TODAY.isoformat()],
                   check=True, env=env)
    _fold_wal_and_keep(temp, path)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _fold_wal_and_keep(temp: Path, path: Path) -> None:
    import sqlite3

    with sqlite3.connect(temp) as conn:  # fold the WAL in, so the file moves whole
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.move(temp, path)
    for leftover in CACHE.glob(temp.name + "-*"):
        leftover.unlink()
