"""The program's start to its first painted list, and its memory with the list shown, each
against a bare PySide6 window with a 50-row QTableView; every run in a fresh process
(bench/gui_start.py), offscreen. The time counts from the moment the parent starts the
child, so interpreter start and imports are in both."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.harness import RESULTS, Result

RUNS = 5


def _child(*args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BENCH_STARTED": repr(time.time())}
    done = subprocess.run([sys.executable, "-m", "bench.gui_start", *args], env=env,
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(path: Path | str, size: int) -> list[Result]:
    bare, ours = [], []
    for _ in range(RUNS):  # interleaved, so a busy machine slows both alike
        bare.append(_child("bare"))
        ours.append(_child("program", str(path)))
    engine = "" if isinstance(path, Path) else "-postgres"
    _child("program", str(path), str(RESULTS / f"main-window-{size}{engine}.png"))
    seconds = statistics.median(r["seconds"] for r in ours)
    base = statistics.median(r["seconds"] for r in bare)
    rss = statistics.median(r["rss_mb"] for r in ours)
    base_rss = statistics.median(r["rss_mb"] for r in bare)
    ratio = seconds / base
    start = Result("start to the first painted list (offscreen)", size, seconds, base, ratio,
                   "≤ 1.5× baseline", ratio <= 1.5)
    more = rss - base_rss
    memory = Result("memory, database open and the whole list shown", size, None, None, None,
                    "≤ 250 MB more than the baseline", more <= 250,
                    note=f"{more:.0f} MB more; resident set after scrolling to the end",
                    megabytes=rss, baseline_megabytes=base_rss)
    return [start, memory]
