"""Import throughput and memory: a folder and the same tree as an ISO, against cp -r + sha256sum.

Builds a tree of distinct case PDFs (scanned and born-digital, from the demo generator) of about
--size-mb, then in one run times:
  baseline   cp -r SRC DST && sha256sum of every copied file
  folder     reviewdesk import SRC          (fresh data dir)
  iso        reviewdesk import SRC.iso      (fresh data dir; genisoimage -R -J)
Each import runs in its own process; its peak RSS comes from getrusage. Run it at two sizes to see
whether memory grows with the source (it should not: everything streams).

    python benchmarks/import_throughput.py --size-mb 200
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.demo.disc import generate_demo_disc  # noqa: E402


def build_tree(target: Path, size_mb: int, work: Path) -> int:
    """Distinct PDFs (a unique title in each) in a disc-like folder layout, until size_mb is reached."""
    disc = generate_demo_disc(work / "seed-disc")
    seeds = sorted(disc.root.rglob("*.pdf"))
    total, serial = 0, 0
    while total < size_mb * 1024 * 1024:
        seed = seeds[serial % len(seeds)]
        doc = pymupdf.open(seed)
        doc.set_metadata({"title": f"案卷 {serial}", "subject": os.urandom(8).hex()})
        data = doc.tobytes()
        doc.close()
        folder = (
            target / f"{serial % 7:02d}_单位{serial % 7}" / ("集体" if serial % 3 else "个人") / "推选案卷"
        )
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"某环罚〔2024〕{serial}号.pdf").write_bytes(data)
        total += len(data)
        serial += 1
    return total


def warm(path: Path) -> None:
    """Read everything once so every contender starts from the same page cache."""
    for file in sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]:
        with file.open("rb") as fp:
            while fp.read(8 * 1024 * 1024):
                pass


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and the child's peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(after, before) // 1024


def measure(size_mb: int, work: Path) -> dict[str, object]:
    src = work / "disc"
    total = build_tree(src, size_mb, work)
    iso = work / "disc.iso"
    subprocess.run(
        ["genisoimage", "-quiet", "-R", "-J", "-input-charset", "utf-8", "-o", str(iso), str(src)], check=True
    )
    warm(src)
    warm(iso)
    dst = work / "copy"
    baseline_cmd = [
        "bash",
        "-c",
        f"cp -r '{src}' '{dst}' && find '{dst}' -type f -print0 | xargs -0 sha256sum >/dev/null",
    ]
    # Untimed syncs between contenders: the baseline's dirty pages would otherwise be written back
    # during the imports and slow their fsyncs (cp does not fsync; we do, a blob must be durable).
    os.sync()
    baseline, _ = timed(baseline_cmd)
    os.sync()
    shutil.rmtree(dst)
    reviewdesk = [sys.executable, "-m", "app"]
    folder_s, folder_rss = _run_isolated(reviewdesk, work / "data-folder", src)
    os.sync()
    iso_s, iso_rss = _run_isolated(reviewdesk, work / "data-iso", iso)
    mb = total / 1024 / 1024
    return {
        "size_mb": round(mb, 1),
        "files": sum(1 for p in src.rglob("*.pdf")),
        "baseline_s": round(baseline, 2),
        "baseline_mb_s": round(mb / baseline, 1),
        "folder_s": round(folder_s, 2),
        "folder_mb_s": round(mb / folder_s, 1),
        "folder_ratio": round(baseline / folder_s, 2),
        "folder_peak_rss_mb": folder_rss,
        "iso_s": round(iso_s, 2),
        "iso_mb_s": round(mb / iso_s, 1),
        "iso_ratio": round(baseline / iso_s, 2),
        "iso_peak_rss_mb": iso_rss,
    }


def _run_isolated(reviewdesk: list[str], data: Path, source: Path) -> tuple[float, int]:
    """One import in a fresh process, so getrusage's high-water mark is that import's own."""
    probe = (
        "import resource, subprocess, sys, time, json;"
        "t=time.perf_counter();"
        f"subprocess.run({[*reviewdesk, '--data-dir', str(data), 'import', str(source)]!r},"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=" + repr(str(ROOT)) + ");"
        "print(json.dumps([time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    seconds, rss_kb = json.loads(out)
    return seconds, rss_kb // 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size-mb", type=int, nargs="+", default=[100, 200])
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    results = []
    for size in args.size_mb:
        work = Path(tempfile.mkdtemp(prefix=f"rd-bench-{size}-"))
        try:
            results.append(measure(size, work))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        print(json.dumps(results[-1], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
