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
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

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


# --- PostgreSQL (make bench DB=postgres) ------------------------------------------------------
#
# The same cached demo file, copied onto a PostgreSQL server by `complaint-desk migrate`'s
# service (the copy is timed: it is the migrate figure). The server is $BENCH_PG_URL (any
# database on a server where that user may CREATE DATABASE; the bench makes its own databases
# there and drops them afterwards) or, without it, a throwaway cluster started here like the
# tests' (tests/pg_cluster.py, the one place that knows how), but durable (fsync on) and in
# bench/cache (the copy of 1,000,000 cases is about as large as the SQLite file).

SERVER: Any = None  # the server of the current run: new_database() and drop_database(url)


class _GivenServer:
    """$BENCH_PG_URL's server: databases made and dropped by SQL."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        self.url = make_url(url).set(drivername="postgresql+psycopg")
        self.made: list[str] = []

    def _admin(self, sql: str) -> None:
        import psycopg

        dsn = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, prefix: str = "cd_bench_") -> str:
        name = f"{prefix}{os.getpid()}_{len(self.made) + 1}"
        self._admin(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def _cluster_module() -> Any:
    tests = str(Path(__file__).resolve().parent.parent / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import pg_cluster

    return pg_cluster


def new_postgres_database() -> str:
    """A new empty database on the run's server (dropped when the run ends); its URL."""
    url: str = SERVER.new_database("cd_bench_")
    _made.append(url)
    return url


_made: list[str] = []


@contextmanager
def postgres_server() -> Iterator[Any]:
    """The run's PostgreSQL server (see above), set as ``SERVER`` while inside."""
    global SERVER
    given = os.environ.get("BENCH_PG_URL")
    cluster = None
    if given:
        SERVER = _GivenServer(given)
    else:
        clusters = _cluster_module()
        if clusters.postgres_bin_dir() is None:
            raise SystemExit("PostgreSQL is not installed: apt-get install postgresql, or give "
                             "a server in BENCH_PG_URL")
        SERVER = cluster = clusters.start_cluster(durable=True, directory=CACHE)
    try:
        yield SERVER
    finally:
        try:
            for url in reversed(_made):
                SERVER.drop_database(url)
            _made.clear()
        finally:
            if cluster is not None:
                _cluster_module().remove_cluster(cluster)
            SERVER = None


def postgres_copy(path: Path) -> tuple[str, float]:
    """A database on the run's server holding a copy of the cached file ``path`` (made by the
    migrate service, verified by counts and the hash chain), analysed; its URL and the copy's
    seconds."""
    from complaint_desk.services.migrate import migrate_database
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    url = new_postgres_database()
    source, target = open_database(path, create=False), open_database(url)
    try:
        started = time.perf_counter()
        migrate_database(source, target, actor_for(source, "admin"))
        seconds = time.perf_counter() - started
        # Fresh planner statistics, as autovacuum makes soon after a load on a real server.
        with target.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    finally:
        source.dispose()
        target.dispose()
    print(f"copied {path.name} to PostgreSQL in {seconds:.0f} s", file=sys.stderr, flush=True)
    return url, seconds
