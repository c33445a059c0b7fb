"""Start-up time of the built program against ``python -m complaint_desk``, same commands.

    .venv/bin/python bench/measure_start.py [dist/ComplaintDesk] [--runs 10]

Each command runs once to warm the disk cache, then --runs times; the median and the spread
(min-max) of the wall-clock time are printed, and the median CPU time (user + system) of the
child, which other load on the machine disturbs less. The GUI row (started offscreen, quit after the
main window's first paint: complaint_desk/gui/smoke.py) appears when the build has a GUI.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one run."""
    cpu_before, started = cpu_of_children(), time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    took, cpu = time.perf_counter() - started, cpu_of_children() - cpu_before
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-500:]}")
    return took, cpu


def row(label: str, command: list[str], env: dict[str, str], runs: int) -> str:
    timed(command, env)
    samples = [timed(command, env) for _ in range(runs)]
    wall = [w for w, _cpu in samples]
    cpu = statistics.median(c for _w, c in samples)
    return (f"| {label} | {statistics.median(wall):.2f} s | "
            f"{min(wall):.2f}-{max(wall):.2f} | {cpu:.2f} s |")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(ROOT / "dist" / "ComplaintDesk"))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    folder = Path(args.folder)
    frozen_cli, frozen_gui = [str(folder / "complaint-desk")], [str(folder / "ComplaintDesk")]
    source = [sys.executable, "-m", "complaint_desk"]
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "COMPLAINT_DESK_DATA": work, "QT_QPA_PLATFORM": "offscreen",
               "COMPLAINT_DESK_LANG": "th"}
        db = str(Path(work) / "small.db")
        subprocess.run([*frozen_cli, "--db", db, "init", "--office", "BKK1", "--office-name",
                        "ทดสอบ"], env=env, check=True, capture_output=True)
        subprocess.run([*frozen_cli, "--db", db, "demo", "--complaints", "200"], env=env,
                       check=True, capture_output=True)
        has_gui = (ROOT / "complaint_desk" / "gui" / "app.py").exists()
        print(f"| command ({args.runs} runs) | wall, median | min-max | CPU, median |\n"
              "|---|---|---|---|")
        cases = [("--version", ["--version"]), ("check, 200 cases", ["--db", db, "check"]),
                 ("selfcheck", ["selfcheck"])]
        for label, extra in cases:
            print(row(f"frozen `complaint-desk {label}`", [*frozen_cli, *extra], env, args.runs))
            print(row(f"`python -m complaint_desk {label}`", [*source, *extra], env, args.runs))
        if has_gui:
            smoke = {**env, "COMPLAINT_DESK_SMOKE": "1"}
            gui_args = ["--db", db, "--user", "bkk1.officer"]
            print(row("frozen `ComplaintDesk`, to first paint and quit", [*frozen_gui, *gui_args],
                      smoke, args.runs))
            print(row("`python -m complaint_desk`, to first paint and quit", [*source, *gui_args],
                      smoke, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
