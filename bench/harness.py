"""Measuring: median of several runs, side by side with a raw baseline in the same run.

A figure is a ``Result``: ``seconds`` (ours), ``baseline_seconds`` (the raw way, same data, same
run), their ``ratio``, the ``target`` in words and whether it was ``met``. Results go to
bench/results/latest.json and a Markdown table beside it (``-postgres`` in the names for a
run on PostgreSQL: ``make bench DB=postgres``).

A suite's ``run(path, size)`` gets the cached SQLite file's path, or on PostgreSQL the URL
(a ``str``) of the database holding the same rows; ``raw_connection`` gives either engine's
plain driver connection for the baselines.
"""

from __future__ import annotations

import functools
import json
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Result:
    name: str
    size: int
    seconds: float | None
    baseline_seconds: float | None
    ratio: float | None
    target: str
    met: bool
    note: str = ""
    megabytes: float | None = None  # a memory figure: (resident) megabytes instead of time
    baseline_megabytes: float | None = None

    def ours_text(self) -> str:
        return _amount(self.seconds, self.megabytes)

    def baseline_text(self) -> str:
        return _amount(self.baseline_seconds, self.baseline_megabytes)


def _amount(seconds: float | None, megabytes: float | None) -> str:
    if megabytes is not None:
        return f"{megabytes:.0f} MB"
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


@functools.cache
def raw_connection(path: Path | str) -> Any:
    """One plain driver connection per database for the baselines, opened once (as the
    program's pooled connection is): opening costs more than many of the queries timed.
    SQLite: sqlite3 with the program's page cache size (store/database.py). PostgreSQL (a
    URL): psycopg in autocommit, taking the same SQL (``?`` placeholders become ``%s``)."""
    if isinstance(path, str):
        return _RawPostgres(path)
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA cache_size=-65536")
    return conn


def engine_of(path: Path | str) -> str:
    return "postgresql" if isinstance(path, str) else "sqlite"


class _RawPostgres:
    """psycopg, spoken to like sqlite3: ``execute(sql, params)`` returns a cursor."""

    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.conn = psycopg.connect(dsn, autocommit=True)

    def execute(self, sql: str, params: Any = ()) -> Any:
        if isinstance(params, tuple | list):
            sql = sql.replace("?", "%s")
        return self.conn.execute(sql, params or None)


def median_time(fn: Callable[[], Any], repeats: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_times(ours: Callable[[], Any], baseline: Callable[[], Any] | None,
                 repeats: int) -> tuple[float, float | None]:
    """Medians of both, the runs interleaved (ours, baseline, ours, ...) so that a machine
    busy with something else slows both alike rather than one of them."""
    ours()
    if baseline is not None:
        baseline()
    mine, theirs = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        ours()
        mine.append(time.perf_counter() - start)
        if baseline is not None:
            start = time.perf_counter()
            baseline()
            theirs.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(theirs) if theirs else None


def compare(name: str, size: int, ours: Callable[[], Any], baseline: Callable[[], Any] | None, *,
            max_ratio: float | None = None, max_seconds: float | None = None,
            min_speedup: float | None = None, repeats: int = 7, note: str = "") -> Result:
    """Time both; the target is met when every bound given holds."""
    seconds, base = paired_times(ours, baseline, repeats)
    ratio = seconds / base if base else None
    met, words = True, []
    if max_ratio is not None and ratio is not None:
        met &= ratio <= max_ratio
        words.append(f"≤ {max_ratio:g}× baseline")
    if min_speedup is not None and ratio is not None:
        met &= ratio <= 1 / min_speedup
        words.append(f"≥ {min_speedup:g}× faster than baseline")
    if max_seconds is not None:
        met &= seconds <= max_seconds
        words.append(f"≤ {max_seconds * 1000:g} ms" if max_seconds < 1 else f"≤ {max_seconds:g} s")
    return Result(name, size, seconds, base, ratio, ", ".join(words) or "-", bool(met), note)


def machine() -> dict[str, Any]:
    import os

    processor = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            processor = next((line.split(":", 1)[1].strip() for line in info
                              if line.startswith("model name")), processor)
        one, five, fifteen = os.getloadavg()
        load = f" (load average {one:.1f}, {five:.1f}, {fifteen:.1f}: other work shares the CPUs)"
    except OSError:
        load = ""
    return {"python": platform.python_version(), "machine": platform.machine(),
            "processor": processor + load, "cpus": os.cpu_count(),
            "system": f"{platform.system()} {platform.release()}"}


# What the PostgreSQL server was (bench/run.py sets it).
SERVER_NOTE = "a throwaway local cluster with the default settings (fsync on)."


def write(results: list[Result], size: int, engine: str = "sqlite") -> tuple[Path, Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d %H:%M")
    data = [asdict(r) for r in results]
    suffix = "" if engine == "sqlite" else f"-{engine}"
    json_path = RESULTS / f"latest{suffix}.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    m = machine()
    missed = [r.name for r in results if not r.met]
    title = "" if engine == "sqlite" else f", {engine}"
    lines = [f"# Benchmark results ({size:,} cases{title})", "",
             f"Run {stamp} on {m['cpus']} CPUs, {m['processor']}, Python {m['python']}, "
             f"{m['system']}. Median of several runs; the baseline is measured in the same run."
             + ("" if engine == "sqlite" else " PostgreSQL: " + SERVER_NOTE),
             "", f"{len(results) - len(missed)} of {len(results)} targets met. What each figure measures, "
             "why a target is missed and what would meet it: [docs/bench.md](../../docs/bench.md).",
             "", "| figure | ours | baseline | ratio | target | met |", "|---|---|---|---|---|---|"]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        note = f" ({r.note})" if r.note else ""
        lines.append(f"| {r.name}{note} | {r.ours_text()} | {r.baseline_text()} | {ratio} | "
                     f"{r.target} | {'yes' if r.met else '**no**'} |")
    md_path = RESULTS / f"latest{suffix}.md"
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # and by size, so the 100,000 and the 1,000,000 tables both stay in the repository
    (RESULTS / f"results-{size}{suffix}.json").write_text(
        json_path.read_text(encoding="utf-8"), encoding="utf-8")
    (RESULTS / f"results-{size}{suffix}.md").write_text(md_path.read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    return json_path, md_path


def report(results: list[Result]) -> str:
    out = []
    for r in results:
        ratio = f"{r.ratio:6.2f}×" if r.ratio is not None else "     — "
        out.append(f"{'ok  ' if r.met else 'MISS'} {r.name:<55} {r.ours_text():>10} "
                   f"{r.baseline_text():>10} {ratio}  target {r.target}")
    missed = [r.name for r in results if not r.met]
    out.append(f"{len(results) - len(missed)} of {len(results)} targets met"
               + (f"; missed: {', '.join(missed)}" if missed else ""))
    return "\n".join(out)
