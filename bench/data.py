"""Benchmark databases: built once by `complaint-desk demo` with a fixed seed and day, cached
under bench/cache/ by size and schema version (a schema change builds anew).

For PostgreSQL (``--db postgres``) the same cached file is copied by `complaint-desk migrate`
into a database on the server named by $BENCH_POSTGRES_URL, or, without it, on a throwaway
cluster in a temporary directory (tests/pg_cluster.py), stopped at the end. The figures of the
two engines are then over the very same rows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

CACHE = Path(__file__).resolve().parent / "cache"
SEED = 20240801
TODAY = date(2026, 6, 30)
OFFICES = 6
BENCH_PASSWORD = "bench-password-1"


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
    run = [sys.executable, "-m", "complaint_desk", "--db", str(temp)]
    # `init` chooses the administrator's password; `demo` signs in with it.
    env = {**os.environ, "COMPLAINT_DESK_PASSWORD": BENCH_PASSWORD}
    subprocess.run([*run[:3], "init", "--db", str(temp), "--office", "BKK1",
                    "--office-name", "สำนักงานทดสอบ", "--hq"], check=True, capture_output=True,
                   env=env)
    subprocess.run([*run[:3], "demo", "--db", str(temp), "--complaints", str(size),
                    "--offices", str(OFFICES), "--seed", str(SEED), "--today", TODAY.isoformat()],
                   check=True, env=env)
    import sqlite3

    with sqlite3.connect(temp) as conn:  # fold the WAL in, so the file moves whole
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.move(temp, path)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


@contextmanager
def postgres_copy(path: Path):
    """A PostgreSQL database holding a copy of the cached file ``path``; its URL."""
    url = os.environ.get("BENCH_POSTGRES_URL")
    cluster = None
    if url is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        import pg_cluster

        cluster = pg_cluster.start_cluster()
        url = cluster.new_database()
    try:
        started = time.perf_counter()
        from complaint_desk.services.migrate import migrate_database
        from complaint_desk.services.users import actor_for
        from complaint_desk.store.database import open_database

        source, target = open_database(path, create=False), open_database(url)
        try:
            migrate_database(source, target, actor_for(source, "admin"))
        finally:
            source.dispose()
        # Fresh planner statistics, as a server's autovacuum would have after a load.
        with target.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        target.dispose()
        print(f"copied {path.name} to PostgreSQL in {time.perf_counter() - started:.0f} s",
              file=sys.stderr, flush=True)
        yield url
    finally:
        if cluster is not None:
            pg_cluster.remove_cluster(cluster)
