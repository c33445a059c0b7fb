"""Package import at headquarters against a raw ``executemany`` of the same rows, same run.

From the cached demo database (bench/data.py) a full package is exported; then, each into a
fresh headquarters database:
- ours: ``import_package`` (authenticate, unzip, check every line's shape and the chain,
  merge, HQ's own hash chain, the origin fields, one transaction);
- baseline: the same complaint and event rows, already parsed, written with ``executemany``
  in one transaction with the same pragmas (what the merge cannot beat);
  on PostgreSQL (``--db postgres``) headquarters and the baseline's database are new databases
  on the run's server, written through psycopg; the office stays the cached SQLite file;
- re-import of the same package (recognised by its id: reads the manifest, writes nothing);
- import of a second full package of the same records (every line read, checked and
  compared; writes only the import log).
Each figure is one run (an import changes its database); export time is reported too.

    python -m bench.bench_import --size 100000      (also part of `make bench` when listed)
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import harness

HQ_CODE = "HQX"


def _fresh_hq(path: Path | None, office_db: Any, key_file: Path) -> Any:
    """A new headquarters: the SQLite file ``path``, or (None) a database on the bench's
    PostgreSQL server."""
    from bench.data import new_postgres_database
    from complaint_desk.services.exchange_keys import trust_office
    from complaint_desk.services.offices import init_office
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    hq = open_database(path if path is not None else new_postgres_database())
    init_office(hq, code=HQ_CODE, name="สำนักงานใหญ่", hq=True)
    trust_office(hq, actor_for(hq, "admin"), _home(office_db), key_file)
    return hq


def _home(db: Any) -> str:
    from complaint_desk.services.offices import home_office

    return home_office(db)


def _rows(package: Path, dialect: str) -> tuple[list[list[Any]], list[tuple[Any, ...]], tuple[str, ...],
                                  list[dict[str, Any]]]:
    """The package's complaint and event rows, parsed, as the baseline inserts them."""
    import zipfile

    from complaint_desk.exchange.package_format import (
        COMPLAINT_COLUMNS,
        COMPLAINTS,
        EVENTS,
        OFFICES,
        parse_line,
    )
    from complaint_desk.store.engine_features import raw_value

    def sql_value(value: Any) -> Any:  # as the ORM stores it on the engine
        return raw_value(value, dialect)

    complaints, events, ids = [], [], {}
    with zipfile.ZipFile(package) as archive:
        with archive.open(OFFICES) as stream:  # the cases point to them (not timed)
            offices = [parse_line(OFFICES, raw) for raw in stream]
        with archive.open(COMPLAINTS) as stream:
            for number, raw in enumerate(stream, start=1):
                record = parse_line(COMPLAINTS, raw)
                ids[record["uuid"]] = number
                complaints.append([number, *(sql_value(record[c]) for c in COMPLAINT_COLUMNS)])
        with archive.open(EVENTS) as stream:
            for number, raw in enumerate(stream, start=1):
                record = parse_line(EVENTS, raw)
                events.append((number, record["uuid"], ids[record["complaint_uuid"]],
                               sql_value(record["at"]), record["actor_name"], record["kind"],
                               record["data"], record["prev_hash"], record["hash"]))
    return complaints, events, COMPLAINT_COLUMNS, offices


def _add_offices(db: Any, offices: list[dict[str, Any]]) -> None:
    from complaint_desk.store.engine_features import paramstyle_sql

    with db.engine.begin() as conn:
        conn.exec_driver_sql(paramstyle_sql(
            "INSERT INTO offices (code, name, region, is_home, created_at) VALUES (?, ?, ?, "
            "false, '2024-01-01 00:00:00.000000') ON CONFLICT DO NOTHING",
            conn.dialect.name), [(o["code"], o["name"], o["region"]) for o in offices])


def _raw_insert(db: Any, complaints: list[list[Any]], events: list[tuple[Any, ...]],
                columns: tuple[str, ...]) -> None:
    from complaint_desk.store import engine_features as ef

    dialect = db.engine.dialect.name
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        ef.begin_raw_write(cursor, dialect)
        cursor.executemany(f"INSERT INTO complaints (id, {', '.join(columns)}) "
                           f"VALUES ({ef.placeholders(dialect, len(columns) + 1)})", complaints)
        cursor.executemany(ef.paramstyle_sql(
            "INSERT INTO events (id, uuid, complaint_id, at, actor_id, actor_name, "
            "kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)", dialect),
            events)
        ef.commit_raw(raw, cursor, dialect)
    finally:
        raw.close()


CPU: dict[str, float] = {}  # process CPU seconds of the last _timed call, by label


def _timed(fn: Any, label: str = "") -> tuple[float, Any]:
    """Wall seconds (what the clerk waits) and, kept in CPU, this process's CPU seconds: on a
    shared machine the gap between them is time spent waiting for the disk or the CPU."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    CPU[label] = time.process_time() - cpu
    return time.perf_counter() - started, result


def run(path: Path | str, size: int) -> list[harness.Result]:
    from bench.data import cached_database
    from complaint_desk.services.exchange_keys import export_public_key
    from complaint_desk.services.package_export import export_package
    from complaint_desk.services.package_import import import_package
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    on_postgres = isinstance(path, str)  # then headquarters is on the server, as at HQ
    office_file = cached_database(size) if on_postgres else path
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        office_path = work / "office.db"
        with sqlite3.connect(office_file) as src, sqlite3.connect(office_path) as dst:
            src.backup(dst)
        office = open_database(office_path)
        admin = actor_for(office, "admin")
        key = work / "office.key"
        export_public_key(office, key)
        export_seconds, exported = _timed(lambda: export_package(office, admin,
                                                                 work / "one.cdpkg", full=True))
        export_package(office, admin, work / "two.cdpkg", full=True)
        package_mb = (work / "one.cdpkg").stat().st_size / 1e6

        hq = _fresh_hq(None if on_postgres else work / "hq.db", office, key)
        ours, report = _timed(lambda: import_package(hq, actor_for(hq, "admin"),
                                                     work / "one.cdpkg"), "ours")
        assert report.complaints["new"] == exported.complaints
        again, _report = _timed(lambda: import_package(hq, actor_for(hq, "admin"),
                                                       work / "one.cdpkg"))
        same, second = _timed(lambda: import_package(hq, actor_for(hq, "admin"),
                                                     work / "two.cdpkg"), "same")
        assert second.complaints["new"] == second.complaints["updated"] == 0
        assert second.events["new"] == 0

        baseline_db = _fresh_hq(None if on_postgres else work / "raw.db", office, key)
        complaints, events, columns, offices = _rows(work / "one.cdpkg",
                                                     baseline_db.engine.dialect.name)
        _add_offices(baseline_db, offices)
        base, _none = _timed(lambda: _raw_insert(baseline_db, complaints, events, columns),
                             "base")
        for db in (office, hq, baseline_db):
            db.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    counts = f"{exported.complaints:,} complaints, {exported.events:,} events"
    return [
        harness.Result("package export, full", size, export_seconds, None, None, "-", True,
                       f"{counts}, {package_mb:.0f} MB"),
        harness.Result("package import into an empty HQ", size, ours, base, ours / base,
                       "≤ 2× raw executemany (issue 7)", ours / base <= 2,
                       f"{counts}; CPU {CPU['ours']:.1f} s vs {CPU['base']:.1f} s"),
        harness.Result("re-import of the same package", size, again, None, None, "≤ 5 s",
                       again <= 5.0, "recognised by its id; writes nothing"),
        harness.Result("import of a second package, same records", size, same, base,
                       same / base, "≤ 2× raw executemany", same / base <= 2,
                       f"every line checked; writes only the log; CPU {CPU['same']:.1f} s"),
    ]


def main(argv: list[str] | None = None) -> int:
    from bench.data import cached_database

    parser = argparse.ArgumentParser(prog="bench.bench_import")
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args(argv)
    results = run(cached_database(args.size), args.size)
    print(harness.report(results))
    for result in results:
        print(f"  {result.name}: {result.note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
