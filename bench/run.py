"""`make bench` (100,000 cases) and `make bench-full` (1,000,000): every figure against its
raw baseline in the same run. Benchmarks are not tests: nothing here fails the build; each
figure is printed against its target and the misses are named.

``--db postgres`` (``make bench DB=postgres``) runs the same suites on PostgreSQL: the cached
demo file is copied onto the server by the migrate service (that copy is a figure too), and
every suite gets the copy's URL instead of the file (bench/data.py)."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import time
from pathlib import Path

from bench import harness
from bench.data import cached_database, postgres_copy, postgres_server

# What a figure means on PostgreSQL where it differs from SQLite (added to its note).
POSTGRES_NOTES = {
    "start to the first painted list": "includes connecting to the server",
    "memory, database open": "the program's process only; the server's memory is its own",
    "Thai text search": "pg_trgm GIN indexes; the baseline's LIKE reads the whole table",
    "package import into an empty HQ": "the office a SQLite file, HQ on the server",
    "import of a second package": "HQ on the server",
}

SUITES = ("bench.bench_gui", "bench.bench_list", "bench.bench_kpi", "bench.bench_report",
          "bench.bench_import")
# The import figures are defined on a package of 100,000 complaints (issue 7); at a million the
# suite would copy, export and import the whole file three times (~30 GB, half an hour) to
# measure something else, so `make bench` (100,000) is where they are measured.
SIZED_SUITES = {"bench.bench_import": 100_000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--only", help="run only suites whose module name contains this (or "
                        "any of these, comma-separated: gui,list,kpi)")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite",
                        help="the engine (postgres: $BENCH_PG_URL's server, else a throwaway "
                             "local cluster)")
    args = parser.parse_args(argv)
    path = cached_database(args.size)
    results: list[harness.Result] = []
    with contextlib.ExitStack() as stack:
        target: Path | str = path
        if args.db == "postgres":
            stack.enter_context(postgres_server())
            if os.environ.get("BENCH_PG_URL"):
                harness.SERVER_NOTE = "the server given in BENCH_PG_URL."
            target, seconds = postgres_copy(path)
            results.append(harness.Result(
                "copy the demo database to PostgreSQL (`migrate`)", args.size, seconds, None,
                None, "-", True, "every row by COPY, then counts and the whole hash chain "
                "verified, one transaction"))
        for name in SUITES:
            if args.only and not any(part in name for part in args.only.split(",")):
                continue
            if SIZED_SUITES.get(name, args.size) != args.size:
                print(f"{name}: measured at {SIZED_SUITES[name]:,} cases only (make bench)",
                      file=sys.stderr, flush=True)
                continue
            started = time.perf_counter()
            module = importlib.import_module(name)
            results.extend(module.run(target, args.size))
            print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    if args.db == "postgres":
        for result in results:
            extra = next((v for k, v in POSTGRES_NOTES.items() if result.name.startswith(k)), "")
            result.note = "; ".join(n for n in (result.note, extra) if n)
    if args.only:  # a partial run: printed, not written over the tables in the repository
        print(harness.report(results))
        return 0
    json_path, md_path = harness.write(results, args.size, engine=args.db)
    print(harness.report(results))
    print(f"results: {json_path} and {md_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
