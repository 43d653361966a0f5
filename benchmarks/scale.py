"""Campaign scale (issue 14.5): 3,000 case files, 60,000 pages, 50 experts' packages, against the goals.

    QT_QPA_PLATFORM=offscreen python benchmarks/scale.py [--store DIR] [--cases 3000] [--experts 50]

Builds the store with ``benchmarks/scale_store.py`` (into --store, reused when it is there already),
then measures, each command in its own process with its peak RSS:
  cases --json < 1 s · check < 5 s · assign < 5 s · aggregate of every package < 10 s
and in this process: the desk's queue model loaded < 1 s, a filter keystroke < 100 ms, search < 200 ms,
peak memory < 500 MB. ``queue_load`` and ``filter_keystroke`` are all the desk-specific code: point
them at another queue widget to measure it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import scale_store  # noqa: E402

GOALS = {
    "cases_json_s": 1.0,
    "queue_load_s": 1.0,
    "filter_keystroke_ms": 100,
    "search_ms": 200,
    "check_s": 5.0,
    "assign_s": 5.0,
    "aggregate_s": 10.0,
    "peak_rss_mb": 500,
}


TIMEOUT_S = 300


def run_cli(data: Path, *args: str, checkout: Path = ROOT) -> dict[str, Any]:
    """Wall and CPU seconds and peak RSS (MB) of one command in a fresh process (CPU seconds stay
    meaningful when a shared machine makes wall time noisy)."""
    command = [sys.executable, "-m", "app", "--data-dir", str(data), *args]
    probe = (
        "import resource, subprocess, time, json;"
        "t=time.perf_counter();"
        f"r=subprocess.run({command!r}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd={str(checkout)!r},"
        f" timeout={TIMEOUT_S});"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(json.dumps([time.perf_counter()-t, u.ru_maxrss, r.returncode, u.ru_utime+u.ru_stime,"
        " r.stderr.decode(errors='replace')[-300:]]))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"s": f"> {TIMEOUT_S}", "cpu_s": None, "rss_mb": None}
    seconds, rss_kb, code, cpu, err = json.loads(done.stdout)
    if code not in (0, 1):
        print(f"{args[0]} exited {code}: {err}", file=sys.stderr)
    return {"s": round(seconds, 2), "cpu_s": round(cpu, 2), "rss_mb": rss_kb // 1024}


# -- the desk's queue: the only code that knows the widget ------------------------------------------


def queue_load(store: Any) -> Any:
    """What the desk does to show the queue: read the cases and their statuses, fill the queue widget."""
    from app.models.cases import CaseRepository
    from app.models.scores import ScoreRepository
    from app.ui.case_queue import CaseQueue

    cases = CaseRepository(store.db).list()
    statuses = ScoreRepository(store.db, "bench").statuses(scale_store.RUBRIC)
    queue = CaseQueue()
    queue.set_cases(cases, statuses)
    return queue


def filter_keystroke(queue: Any, text: str) -> int:
    """One keystroke in the queue's filter box (the proxy model filters); returns the rows shown."""
    queue.filter.setText(text)  # textChanged → apply_filter, as typing does
    return queue.proxy.rowCount()


def measure_desk(station: Path) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from app.models.search import search
    from app.models.store import Store

    app = QApplication.instance() or QApplication([])
    store = Store.open(station)
    t0, c0 = time.perf_counter(), time.process_time()
    view = queue_load(store)
    app.processEvents()
    load, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    keystrokes = []
    for typed in ("第", "第1", "第12", "第12市", "第12市 推选"):
        t0 = time.perf_counter()
        filter_keystroke(view, typed)
        keystrokes.append(time.perf_counter() - t0)
    searches = {}
    for query in (scale_store.SEARCH_WORD, "超标", "询问笔录"):
        t0, c0 = time.perf_counter(), time.process_time()
        hits = search(store.db, query)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        searches[query] = {"ms": round(wall * 1000, 1), "cpu_ms": round(cpu * 1000, 1), "hits": len(hits)}
    store.close()
    return {
        "queue_load_s": round(load, 2),
        "queue_load_cpu_s": round(load_cpu, 2),
        "filter_keystroke_ms": round(max(keystrokes) * 1000, 1),
        "filter_keystroke_median_ms": round(statistics.median(keystrokes) * 1000, 1),
        "search_ms": max(found["ms"] for found in searches.values()),
        "searches": searches,
        "desk_process_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def measure_commands(station: Path, out: Path, checkout: Path) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    figures["cases_json"] = run_cli(station, "cases", "--json", checkout=checkout)
    figures["check"] = run_cli(
        station, "check", "--scheme", "haixi-2017-collective", "--json", checkout=checkout
    )
    assign = ["assign", "--experts", str(out / "experts.json"), "--per-case", "3", "--seed", "1", "--json"]
    figures["assign"] = run_cli(station, *assign, checkout=checkout)
    # aggregate receives the packages into the store: a copy keeps the store the same for the next run
    with tempfile.TemporaryDirectory(prefix="rd-scale-agg-", dir=out) as tmp:
        copy = Path(tmp) / "station"
        shutil.copytree(station, copy)
        packages = sorted(str(p) for p in (out / "packages").glob("*.zip"))
        figures["aggregate"] = run_cli(
            copy, "aggregate", *packages, "--accept-unknown-keys", "--json", checkout=checkout
        )
    return figures


BRANCH_MIGRATIONS = ("m010_source_kinds_unchecked", "m011_station_indexes")
M011_INDEXES = (
    "received_packages_sequence",
    "received_scores_case",
    "packets_sent_assignment",
    "scores_rubric",
    "case_sheets_family",
    "files_class_role",
)


def store_for_older_checkout(station: Path, into: Path) -> Path:
    """A copy of the store an older checkout (main, before this work) opens: without m011's indexes and
    without the record of migrations it does not know (m010 only dropped a CHECK it never trips)."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(station, into)
    conn = sqlite3.connect(into / "reviewdesk.sqlite3")
    for index in M011_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    conn.executemany("DELETE FROM _sqlite_migrations WHERE name = ?", [(n,) for n in BRANCH_MIGRATIONS])
    conn.commit()
    conn.close()
    return into


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "rd-scale-store")
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--experts", type=int, default=50)
    parser.add_argument("--other", type=Path, help="another checkout (e.g. main) whose commands to time too")
    args = parser.parse_args()
    if not (args.store / "station").exists():
        built = scale_store.build(args.store, args.cases, args.pages, args.experts, per_case=3)
        print(json.dumps({"built": built}))
    result: dict[str, Any] = {"cases": args.cases, "pages": args.cases * args.pages, "experts": args.experts}
    station = args.store / "station"
    commands = measure_commands(station, args.store, ROOT)
    for name, figures in commands.items():
        result[f"{name}_s"] = figures["s"]
    result["commands"] = commands
    if args.other:
        older = store_for_older_checkout(station, args.store / "station-older")
        result["other"] = measure_commands(older, args.store, args.other)
        shutil.rmtree(older, ignore_errors=True)
    result |= measure_desk(station)
    peaks = [f["rss_mb"] or 0 for f in commands.values()] + [result["desk_process_peak_rss_mb"]]
    result["peak_rss_mb"] = max(peaks)
    result["goals_met"] = {
        k: isinstance(result[k], int | float) and result[k] <= goal
        for k, goal in GOALS.items()
        if k in result
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
