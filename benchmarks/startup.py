"""Start-up time of the command line: --help, --version and cases --json, median of N runs each.

Each run is a fresh process, as a person or a script starts it. Goal (issue 14.4): --help < 0.3 s.

    python3 benchmarks/startup.py [--runs 7] [--data-dir DIR] [--program "path/to/reviewdesk-cli"]

Without --data-dir, ``cases`` runs on a fresh empty store in a temporary folder (the store is created
by a first, untimed run). --program times another executable, e.g. the frozen bundle's.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOALS = {"--help": 0.3}


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--program", help="the command to time (default: this Python's -m app)")
    args = parser.parse_args()
    program = shlex.split(args.program) if args.program else [sys.executable, "-m", "app"]
    with tempfile.TemporaryDirectory() as tmp:
        data = str(args.data_dir or Path(tmp) / "data")
        subprocess.run([*program, "--data-dir", data, "cases"], stdout=subprocess.DEVNULL, check=True)
        print(f"{'command':<16} {'median':>8} {'min':>8} {'max':>8}  runs={args.runs}  ({' '.join(program)})")
        floor = [timed([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
        print(
            f"{'python -c pass':<16} {statistics.median(floor):8.3f} {min(floor):8.3f} {max(floor):8.3f}  (floor)"
        )
        for label, extra in (
            ("--help", ["--help"]),
            ("--version", ["--version"]),
            ("cases --json", ["--data-dir", data, "cases", "--json"]),
        ):
            times = [timed([*program, *extra]) for _ in range(args.runs)]
            goal = GOALS.get(label)
            verdict = (
                ""
                if goal is None
                else (f"  goal < {goal} s: " + ("met" if statistics.median(times) < goal else "NOT met"))
            )
            print(f"{label:<16} {statistics.median(times):8.3f} {min(times):8.3f} {max(times):8.3f}{verdict}")


if __name__ == "__main__":
    main()
