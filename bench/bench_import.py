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
An import changes its database, so each import figure is RUNS runs, each into fresh
databases, and the median is reported (issue 20: one run each said too little on a shared
machine). The export is compared with writing the same rows' JSON lines with ``zipfile``
(read raw from the same file, deflated at the same level): what an export cannot beat.

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


RUNS = 3
CPU: dict[str, float] = {}  # process CPU seconds of the last _timed call, by label


def _timed(fn: Any, label: str = "") -> tuple[float, Any]:
    """Wall seconds (what the clerk waits) and, kept in CPU, this process's CPU seconds: on a
    shared machine the gap between them is time spent waiting for the disk or the CPU."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    CPU[label] = time.process_time() - cpu
    return time.perf_counter() - started, result


def _raw_export(office_path: Path, out: Path) -> None:
    """The baseline of the export: every complaint and event row read by plain sqlite3 and
    written as one JSON line each into a zip member, deflated at the package's level."""
    import json
    import zipfile

    conn = sqlite3.connect(office_path)
    try:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for table in ("complaints", "events"):
                cursor = conn.execute(f"SELECT * FROM {table} ORDER BY id")
                names = [d[0] for d in cursor.description]
                with archive.open(f"{table}.jsonl", "w") as member:
                    block: list[bytes] = []
                    for row in cursor:
                        block.append(json.dumps(dict(zip(names, row, strict=True)),
                                                ensure_ascii=False, sort_keys=True,
                                                default=str).encode() + b"\n")
                        if len(block) >= 4096:
                            member.write(b"".join(block))
                            block = []
                    member.write(b"".join(block))
    finally:
        conn.close()


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


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
        exports, raw_exports, imports, agains, sames, bases = [], [], [], [], [], []
        cpu: dict[str, list[float]] = {"ours": [], "base": [], "same": []}
        for attempt in range(RUNS):  # interleaved: ours and the baseline in each run
            seconds, exported = _timed(lambda: export_package(
                office, admin, work / "one.cdpkg", full=True))
            exports.append(seconds)
            raw_exports.append(_timed(lambda: _raw_export(office_path, work / "raw.zip"))[0])
            if attempt == 0:
                export_package(office, admin, work / "two.cdpkg", full=True)
                package_mb = (work / "one.cdpkg").stat().st_size / 1e6

            hq = _fresh_hq(None if on_postgres else work / f"hq{attempt}.db", office, key)
            ours, report = _timed(lambda hq=hq: import_package(hq, actor_for(hq, "admin"),
                                                               work / "one.cdpkg"), "ours")
            assert report.complaints["new"] == exported.complaints
            imports.append(ours)
            agains.append(_timed(lambda hq=hq: import_package(hq, actor_for(hq, "admin"),
                                                              work / "one.cdpkg"))[0])
            same, second = _timed(lambda hq=hq: import_package(hq, actor_for(hq, "admin"),
                                                               work / "two.cdpkg"), "same")
            assert second.complaints["new"] == second.complaints["updated"] == 0
            assert second.events["new"] == 0
            sames.append(same)

            baseline_db = _fresh_hq(None if on_postgres else work / f"raw{attempt}.db", office,
                                    key)
            complaints, events, columns, offices = _rows(work / "one.cdpkg",
                                                         baseline_db.engine.dialect.name)
            _add_offices(baseline_db, offices)
            rows = (baseline_db, complaints, events, columns)
            bases.append(_timed(lambda rows=rows: _raw_insert(*rows), "base")[0])
            for label in cpu:
                cpu[label].append(CPU[label])
            for db in (hq, baseline_db):
                db.dispose()
            for stale in (work / f"hq{attempt}.db", work / f"raw{attempt}.db"):
                stale.unlink(missing_ok=True)
        office.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    counts = f"{exported.complaints:,} complaints, {exported.events:,} events"
    export_s, raw_export_s = _median(exports), _median(raw_exports)
    ours, base, again, same = (_median(v) for v in (imports, bases, agains, sames))
    spread = f"median of {RUNS} runs ({', '.join(f'{t:.1f}' for t in imports)} s)"
    cpu_of = {label: _median(values) for label, values in cpu.items()}
    return [
        harness.Result("package export, full", size, export_s, raw_export_s,
                       export_s / raw_export_s, "≤ 1.5× zipfile of the same rows",
                       export_s / raw_export_s <= 1.5,
                       f"{counts}, {package_mb:.0f} MB; baseline: the rows' JSON lines "
                       f"deflated by zipfile; median of {RUNS}"),
        harness.Result("package import into an empty HQ", size, ours, base, ours / base,
                       "≤ 2× raw executemany (issue 7)", ours / base <= 2,
                       f"{counts}; {spread}; CPU {cpu_of['ours']:.1f} s vs {cpu_of['base']:.1f} s"),
        harness.Result("re-import of the same package", size, again, None, None, "≤ 50 ms",
                       again <= 0.050, f"recognised by its id; writes nothing; median of {RUNS}; "
                       "no raw baseline: nothing is written"),
        harness.Result("import of a second package, same records", size, same, base,
                       same / base, "≤ 2× raw executemany", same / base <= 2,
                       f"every line checked; writes only the log; median of {RUNS}; "
                       f"CPU {cpu_of['same']:.1f} s"),
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
