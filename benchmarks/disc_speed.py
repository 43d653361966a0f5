"""A whole disc through ``reviewdesk analyze --all``: this checkout against the code of issue 14 (fafc292).

    python3 benchmarks/disc_speed.py                    # 20 case files, 8 bureaus, 5 scanned, one of ~300 pages
    python3 benchmarks/disc_speed.py --small            # 6 files, 2 scanned, one of ~40 pages: a quick check
    python3 benchmarks/disc_speed.py --baseline REV     # compare with another commit (default fafc292)
    python3 benchmarks/disc_speed.py --skip-baseline --keep /tmp/disc   # only this checkout; keep disc and data
    python3 benchmarks/disc_speed.py --one-pass-only    # without the two-pass run below

The disc is built deterministically from the demo generator (app/demo): case files from eight bureaus
(``make_bureau``/``make_case``/``build_case_pdf``), five of them scanned as the demo scans them
(``scan_pdf``: 150 dpi, skewed up to 1.5°, speckled, one page fed sideways), one born-digital file
padded with evidence pages (监测报告 and 现场照片 of the same case) to about 300 pages, the others ordinary.
Issue 14 measured 395 s on such a disc and asks for ``analyze --all`` at least 3× faster.

For each checkout (this one, and ``--baseline`` checked out with ``git worktree add --detach`` into a
temporary folder, removed afterwards), in a fresh data folder and its own processes:
  ``python3 -m app --data-dir D import DISC``, then, timed, ``python3 -m app --data-dir D analyze --all``.
While the analysis runs, the store's ``analyses`` table is polled (read-only) to see when each scanned
file's documents are known (status ``segmented``) and when its full text is (``complete``): the wait
of an expert who imported the disc. ``analyze --all`` analyses one file whole after the other, so this
checkout is also run the desk's way (``workflow.analyse_cases``), in a third data folder:
``analyze --all --titles-only`` (every file's documents and transcripts), then ``analyze --all`` (the
rest of the text). Printed side by side: wall and CPU seconds (user + system of the analysing
processes: steadier on a shared machine), the ratio, and the machine's load (``os.getloadavg``) before
and after each run — on a shared machine the wall figures mean little without it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.demo.casepdf import CasePdf, build_case_pdf  # noqa: E402
from app.demo.content import CasePlan, make_bureau, make_case  # noqa: E402
from app.demo.scan import fix_identity, scan_pdf  # noqa: E402
from app.paths import store_file  # noqa: E402
from app.vocabulary import CASE_TYPE_LABELS  # noqa: E402

BASELINE = "fafc292"
"""the code that was landed when issue 14 was filed"""

CURRENT = "this checkout"
TWO = "two passes"
"""this checkout again: ``--titles-only`` first, then the rest"""

BUREAUS = [
    ("海西州生态环境局", "海环罚", "海西州", "6328"),
    ("德令哈市生态环境局", "德环罚", "德令哈市", "6328"),
    ("格尔木市生态环境局", "格环罚", "格尔木市", "6328"),
    ("西宁市生态环境局", "宁环罚", "西宁市", "6301"),
    ("海东市生态环境局", "东环罚", "海东市", "6302"),
    ("海北州生态环境局", "北环罚", "海北州", "6322"),
    ("黄南州生态环境局", "黄环罚", "黄南州", "6323"),
    ("玉树州生态环境局", "玉环罚", "玉树州", "6327"),
]
CASE_TYPES = ["general_penalty", "daily_penalty", "seizure", "crime_referral", "court_enforcement"]


@dataclass(frozen=True)
class DiscPlan:
    cases: int
    bureaus: int
    scanned: tuple[int, ...]
    """which case files (0-based, in build order) are scans"""
    long_case: int
    long_pages: int


FULL = DiscPlan(cases=20, bureaus=8, scanned=(1, 6, 10, 14, 18), long_case=4, long_pages=300)
SMALL = DiscPlan(cases=6, bureaus=3, scanned=(1, 4), long_case=2, long_pages=40)


@dataclass
class DiscFile:
    path: Path
    sha256: str
    pages: int
    scanned: bool


def padded(case: CasePlan, built: CasePdf, target_pages: int) -> bytes:
    """``built`` with evidence pages of the same case inserted after its own evidence, up to ``target_pages``.

    The evidence comes from the same case laid out again with other random draws (other report numbers),
    so the long file reads like one case with a thick evidence section, not like several cases."""
    out = pymupdf.open(stream=built.data, filetype="pdf")
    own_evidence = [d for d in built.documents if d["kind"] == "evidence"]
    # the 1-based number of the last evidence page is the 0-based index of the page after it
    insert_at = max(int(str(d["last_page"])) for d in own_evidence)
    variant = 0
    while out.page_count < target_pages:
        variant += 1
        extra = build_case_pdf(case, random.Random(variant), with_toc=False, with_bookmarks=False)
        with pymupdf.open(stream=extra.data, filetype="pdf") as source:
            for document in extra.documents:
                if document["kind"] != "evidence" or out.page_count >= target_pages:
                    continue
                first, last = int(str(document["first_page"])) - 1, int(str(document["last_page"])) - 1
                last = min(last, first + target_pages - out.page_count - 1)
                out.insert_pdf(source, from_page=first, to_page=last, start_at=insert_at)
                insert_at += last - first + 1
    fix_identity(out, hashlib.sha256(built.data).hexdigest()[:32])
    result = out.tobytes(garbage=3, deflate=True, no_new_id=True)
    out.close()
    return result


def build_disc(root: Path, plan: DiscPlan, seed: int = 14) -> list[DiscFile]:
    """The disc's case files under ``root``: bureaus in turn, every file its own case."""
    rng = random.Random(seed)
    bureaus = [make_bureau(rng, *spec) for spec in BUREAUS[: plan.bureaus]]
    files: list[DiscFile] = []
    for index in range(plan.cases):
        bureau_no = index % plan.bureaus
        bureau = bureaus[bureau_no]
        case_type = CASE_TYPES[index % len(CASE_TYPES)]
        case = make_case(rng, bureau, 100 + index, case_type, 1 + index % 3, [])
        scanned = index in plan.scanned
        long_file = index == plan.long_case
        toc = not long_file and index % 2 == 0
        bookmarks = not long_file and index % 3 != 2
        built = build_case_pdf(case, rng, with_toc=toc, with_bookmarks=bookmarks)
        data = built.data
        if long_file:
            data = padded(case, built, plan.long_pages)
        if scanned:
            scanner = random.Random(f"scan:{case.number}")
            data = scan_pdf(data, scanner, sideways_pages=frozenset({scanner.randrange(3, built.pages)}))
        selection = "抽选案卷" if index % 4 == 3 else "推选案卷"
        path = root / f"{bureau_no + 1:02d}_{bureau.name}" / "集体" / selection / CASE_TYPE_LABELS[case_type]
        path = path / f"{case.number}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            pages = doc.page_count
        files.append(DiscFile(path, hashlib.sha256(data).hexdigest(), pages, scanned))
    return files


@dataclass
class Run:
    label: str
    import_seconds: float = 0.0
    analyze_seconds: float = 0.0
    analyze_cpu: float = 0.0
    """user + system seconds of the analysing process: steadier than wall time on a shared machine"""
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    known: dict[str, float] = field(default_factory=dict)
    """scanned file's sha256 → seconds into the analysis when its documents were known"""
    complete: dict[str, float] = field(default_factory=dict)
    """… when its full text was"""
    failed: list[str] = field(default_factory=list)
    pass_seconds: list[float] = field(default_factory=list)
    """each analyze command's seconds (two with ``--titles-only`` first)"""


def cli(checkout: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python3 -m app`` with ``checkout``'s code (cwd and PYTHONPATH), so the right version runs."""
    env = dict(os.environ, PYTHONPATH=str(checkout), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data), *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def watch_states(database: Path, wanted: set[str], run: Run, started: float, stop: threading.Event) -> None:
    """Note when each wanted file's analysis first reads ``segmented`` and ``complete`` (polled read-only)."""
    while not stop.wait(0.25):
        if not database.exists():
            continue
        try:
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as conn:
                rows = conn.execute("SELECT sha256, status FROM analyses").fetchall()
            conn.close()
        except sqlite3.Error:
            continue
        now = time.perf_counter() - started
        for sha, status in rows:
            if sha not in wanted:
                continue
            if status in ("segmented", "complete"):
                run.known.setdefault(sha, now)
            if status == "complete":
                run.complete.setdefault(sha, now)


ONE_PASS = [["analyze", "--all", "--json"]]
"""what issue 14 timed: every file whole, one after the other"""
TWO_PASSES = [["analyze", "--all", "--titles-only", "--json"], ["analyze", "--all", "--json"]]
"""the desk's order (workflow.analyse_cases): every file's documents and transcripts, then the rest"""


def measure(
    label: str, checkout: Path, disc: Path, files: list[DiscFile], data: Path, passes: list[list[str]]
) -> Run:
    run = Run(label)
    started = time.perf_counter()
    imported = cli(checkout, data, "import", str(disc))
    run.import_seconds = time.perf_counter() - started
    if imported.returncode != 0:
        raise SystemExit(f"{label}: import failed ({imported.returncode}):\n{imported.stderr[-2000:]}")
    scanned = {f.sha256 for f in files if f.scanned}
    stop = threading.Event()
    run.load_before = os.getloadavg()
    started = time.perf_counter()
    watcher = threading.Thread(
        target=watch_states, args=(store_file(data), scanned, run, started, stop), daemon=True
    )
    watcher.start()
    cpu_before = children_cpu()
    for command in passes:
        analysed = cli(checkout, data, *command)
        run.pass_seconds.append(time.perf_counter() - started - sum(run.pass_seconds))
        if analysed.returncode not in (0, 1):
            raise SystemExit(f"{label}: analyze failed ({analysed.returncode}):\n{analysed.stderr[-2000:]}")
        report = json.loads(analysed.stdout)
        run.failed += [f"{f['label']}: {f['error']}" for f in report["files"] if f["status"] == "failed"]
    run.analyze_seconds = time.perf_counter() - started
    run.analyze_cpu = children_cpu() - cpu_before
    stop.set()
    watcher.join()
    run.load_after = os.getloadavg()
    return run


def baseline_checkout(rev: str, work: Path) -> Path:
    target = work / f"baseline-{rev}"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(target), rev],
        check=True,
        capture_output=True,
    )
    # a checkout finds resources/ beside app/ (app/resourcefiles.py) unless app.resources is importable;
    # link it as the main checkout does, for the code that insists on the package
    link = target / "app" / "resources"
    if not link.exists() and (target / "resources").is_dir():
        link.symlink_to("../resources")
    return target


def remove_checkout(target: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(target)], check=False)


def fmt_load(load: tuple[float, float, float]) -> str:
    return "/".join(f"{x:.2f}" for x in load)


def report(files: list[DiscFile], runs: list[Run]) -> None:
    scanned = [f for f in files if f.scanned]
    pages = sum(f.pages for f in files)
    print(
        f"\ndisc: {len(files)} case files, {pages} pages, {len(scanned)} scanned "
        f"({sum(f.pages for f in scanned)} pages), longest {max(f.pages for f in files)} pages"
    )
    print(f"{'':28}" + "".join(f"{r.label:>16}" for r in runs))
    print(f"{'import s':28}" + "".join(f"{r.import_seconds:>16.1f}" for r in runs))
    print(f"{'analyze --all s':28}" + "".join(f"{r.analyze_seconds:>16.1f}" for r in runs))
    print(f"{'analyze --all CPU s':28}" + "".join(f"{r.analyze_cpu:>16.1f}" for r in runs))
    print(f"{'load 1/5/15 min before':28}" + "".join(f"{fmt_load(r.load_before):>16}" for r in runs))
    print(f"{'load 1/5/15 min after':28}" + "".join(f"{fmt_load(r.load_after):>16}" for r in runs))
    for number, file in enumerate(scanned, start=1):
        row = [
            f"{r.known.get(file.sha256, float('nan')):>7.0f}/{r.complete.get(file.sha256, float('nan')):<8.0f}"
            for r in runs
        ]
        print(f"{f'scan {number} ({file.pages} p) docs/full s':28}" + "".join(f"{c:>16}" for c in row))
    print(
        f"{'each analyze command s':28}"
        + "".join(f"{' + '.join(f'{s:.0f}' for s in r.pass_seconds):>16}" for r in runs)
    )
    print(
        f"{'every scan: docs/full s':28}"
        + "".join(
            f"{max(r.known.values(), default=float('nan')):>7.0f}/{max(r.complete.values(), default=float('nan')):<8.0f}"
            for r in runs
        )
    )
    by_label = {r.label: r for r in runs}
    current, old = by_label.get(CURRENT), next((r for r in runs if r.label not in (CURRENT, TWO)), None)
    if current and old:
        print(
            f"\n{old.label} ÷ {current.label}: {old.analyze_seconds / current.analyze_seconds:.2f}× faster",
            end="",
        )
        print(f"; in CPU seconds {old.analyze_cpu / max(current.analyze_cpu, 1e-9):.2f}× (goal ≥ 3×)")
    for run in runs:
        for failure in run.failed:
            print(f"{run.label} failed: {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", action="store_true", help="6 files, 2 scanned, one of ~40 pages")
    parser.add_argument("--baseline", default=BASELINE, help=f"commit to compare with (default {BASELINE})")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--one-pass-only", action="store_true", help="skip this checkout's --titles-only-then-rest run"
    )
    parser.add_argument("--keep", type=Path, help="build the disc and data folders here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="disc-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    disc = work / "disc"
    if disc.exists():
        shutil.rmtree(disc)
    started = time.perf_counter()
    files = build_disc(disc, SMALL if args.small else FULL)
    print(f"disc built in {time.perf_counter() - started:.0f} s: {disc}", flush=True)
    checkouts: list[tuple[str, Path]] = []
    baseline: Path | None = None
    try:
        if not args.skip_baseline:
            baseline = baseline_checkout(args.baseline, work)
            checkouts.append((args.baseline, baseline))
        checkouts.append((CURRENT, ROOT))
        runs = []
        for label, checkout in checkouts:
            data = work / f"data-{label.replace(' ', '-')}"
            if data.exists():
                shutil.rmtree(data)
            print(f"{label}: importing and analysing …", flush=True)
            runs.append(measure(label, checkout, disc, files, data, ONE_PASS))
            print(f"{label}: analyze --all {runs[-1].analyze_seconds:.1f} s", flush=True)
        if not args.one_pass_only:
            print("this checkout, --titles-only then the rest: importing and analysing …", flush=True)
            data = work / "data-two-passes"
            if data.exists():
                shutil.rmtree(data)
            runs.append(measure(TWO, ROOT, disc, files, data, TWO_PASSES))
        report(files, runs)
    finally:
        if baseline is not None:
            remove_checkout(baseline)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
