"""`make bench` (100,000 cases) and `make bench-full` (1,000,000): every figure against its
raw baseline in the same run. Benchmarks are not tests: nothing here fails the build; each
figure is printed against its target and the misses are named."""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from bench import harness
from bench.data import cached_database

SUITES = ("bench.bench_gui", "bench.bench_list", "bench.bench_kpi", "bench.bench_report",
          "bench.bench_import")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--only", help="run only suites whose module name contains this")
    args = parser.parse_args(argv)
    path = cached_database(args.size)
    results: list[harness.Result] = []
    for name in SUITES:
        if args.only and args.only not in name:
            continue
        started = time.perf_counter()
        module = importlib.import_module(name)
        results.extend(module.run(path, args.size))
        print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    if args.only:  # a partial run: printed, not written over the tables in the repository
        print(harness.report(results))
        return 0
    json_path, md_path = harness.write(results, args.size)
    print(harness.report(results))
    print(f"results: {json_path} and {md_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
