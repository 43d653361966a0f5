"""Intake speed against the shell: many small case PDFs, and a few large ones (issue 14.3).

    python benchmarks/intake_speed.py                      # 440 files of ~0.7 MB and 20 of ~20 MB
    python benchmarks/intake_speed.py --small 100 --large 4 --rounds 1   # a quick look

For each set, in one run and alternating so both see the same machine load:
  baseline   cp -r SRC DST && sha256sum of every copied file && sync
  import     reviewdesk --data-dir FRESH import SRC   (its own process; every blob is fsynced)
and prints seconds, MB/s, import ÷ baseline speed (goal ≥ 0.7), the import's peak RSS and CPU seconds,
and the machine's load average before and after the set (the machine may be shared: read the ratio
with it). The page cache is treated alike: by default the source is read once before each round so
both contenders read it warm; ``--cold`` instead drops the caches (``/proc/sys/vm/drop_caches``, root
only) before each contender, so both read it from disk.
``--other /path/to/checkout`` times that checkout's import too, in the same rounds (before/after).
Each file is a distinct born-digital case PDF from the demo generator with a page of random pixels
(incompressible, so every file has its own bytes and about the size asked for).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.demo.disc import generate_demo_disc  # noqa: E402


def case_seeds(work: Path) -> list[bytes]:
    """The born-digital case PDFs of the demo disc (scans would make sizes uneven)."""
    disc = generate_demo_disc(work / "seed-disc", scans=False)
    return [(disc.root / c.path).read_bytes() for c in disc.cases if (disc.root / c.path).exists()]


def noise_page(doc: pymupdf.Document, nbytes: int, rng: random.Random) -> None:
    side = max(16, int((nbytes / 3) ** 0.5))
    pix = pymupdf.Pixmap(pymupdf.csRGB, side, side, rng.randbytes(side * side * 3), False)
    page = doc.new_page()
    page.insert_image(page.rect, pixmap=pix)


def build_tree(target: Path, count: int, size_mb: float, seeds: list[bytes], seed: int) -> int:
    """``count`` distinct case PDFs of about ``size_mb`` each, in a disc-like folder layout."""
    rng = random.Random(seed)
    total = 0
    for serial in range(count):
        doc = pymupdf.open(stream=seeds[serial % len(seeds)], filetype="pdf")
        missing = size_mb * 1024 * 1024 - len(seeds[serial % len(seeds)])
        while missing > 0:
            chunk = min(missing, 2 * 1024 * 1024)
            noise_page(doc, int(chunk), rng)
            missing -= chunk
        data = doc.tobytes()
        doc.close()
        folder = (
            target / f"{serial % 7:02d}_单位{serial % 7}" / ("集体" if serial % 3 else "个人") / "推选案卷"
        )
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"某环罚〔2024〕{serial}号.pdf").write_bytes(data)
        total += len(data)
    return total


def warm(path: Path) -> None:
    """Read everything once so both contenders start from the same page cache."""
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        with file.open("rb") as fp:
            while fp.read(8 * 1024 * 1024):
                pass


def drop_caches() -> None:
    """Write out, then forget the page cache, so the next reader starts from the disk."""
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run_baseline(src: Path, dst: Path) -> float:
    command = f"cp -r '{src}' '{dst}' && find '{dst}' -type f -print0 | xargs -0 sha256sum >/dev/null && sync"
    start = time.perf_counter()
    subprocess.run(["bash", "-c", command], check=True)
    return time.perf_counter() - start


def run_import(src: Path, data: Path, checkout: Path = ROOT) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds of one import in a fresh process, by ``checkout``'s code.

    CPU seconds tell per-file costs apart when the machine is shared and wall time is noisy."""
    probe = (
        "import resource, subprocess, sys, time, json;"
        "t=time.perf_counter();"
        f"r=subprocess.run({[sys.executable, '-m', 'app', '--data-dir', str(data), 'import', str(src)]!r},"
        f" stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd={str(checkout)!r});"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(json.dumps([time.perf_counter()-t, u.ru_maxrss, r.returncode, u.ru_utime+u.ru_stime]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    seconds, rss_kb, code, cpu = json.loads(out)
    if code not in (0, 1):
        raise SystemExit(f"import failed with exit code {code}")
    return seconds, rss_kb // 1024, cpu


def measure(
    name: str,
    count: int,
    size_mb: float,
    rounds: int,
    work: Path,
    seeds: list[bytes],
    other: Path | None,
    cold: bool = False,
) -> dict:
    src = work / f"{name}-disc"
    total = build_tree(src, count, size_mb, seeds, seed=count)
    mb = total / 1024 / 1024
    contenders = {"import": ROOT} | ({"other": other} if other else {})
    baselines: list[float] = []
    times: dict[str, list[float]] = {key: [] for key in contenders}
    cpu: dict[str, list[float]] = {key: [] for key in contenders}
    rss: dict[str, int] = dict.fromkeys(contenders, 0)
    load_before = load()
    for round_no in range(rounds):
        warm(src)
        os.sync()
        if cold:
            drop_caches()
        dst = work / f"{name}-copy"
        baselines.append(run_baseline(src, dst))
        shutil.rmtree(dst)
        os.sync()
        for key, checkout in contenders.items():
            if cold:
                drop_caches()
            data = work / f"{name}-data-{key}-{round_no}"
            seconds, peak, cpu_s = run_import(src, data, checkout)
            times[key].append(seconds)
            cpu[key].append(cpu_s)
            rss[key] = max(rss[key], peak)
            shutil.rmtree(data)
            os.sync()
    shutil.rmtree(src)
    base = statistics.median(baselines)
    result: dict[str, object] = {
        "set": name,
        "files": count,
        "size_mb": round(mb, 1),
        "baseline_s": round(base, 2),
        "baseline_mb_s": round(mb / base, 1),
        "rounds_baseline": [round(s, 2) for s in baselines],
        "page_cache": "cold" if cold else "warm",
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": load(),
    }
    for key in contenders:
        seconds = statistics.median(times[key])
        result |= {
            f"{key}_s": round(seconds, 2),
            f"{key}_mb_s": round(mb / seconds, 1),
            f"{key}_ratio": round(base / seconds, 2),
            f"{key}_peak_rss_mb": rss[key],
            f"{key}_cpu_s": round(statistics.median(cpu[key]), 2),
            f"rounds_{key}": [round(s, 2) for s in times[key]],
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=440, help="files of --small-mb (0 skips the set)")
    parser.add_argument("--small-mb", type=float, default=0.7)
    parser.add_argument("--large", type=int, default=20, help="files of --large-mb (0 skips the set)")
    parser.add_argument("--large-mb", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs; medians are reported")
    parser.add_argument(
        "--other", type=Path, help="another checkout (e.g. main) to time alongside, as 'other'"
    )
    parser.add_argument(
        "--cold", action="store_true", help="drop the page cache before each contender (root only)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rd-intake-"))
    try:
        seeds = case_seeds(work)
        for name, count, size in (("small", args.small, args.small_mb), ("large", args.large, args.large_mb)):
            if count:
                print(
                    json.dumps(
                        measure(name, count, size, args.rounds, work, seeds, args.other, args.cold),
                        ensure_ascii=False,
                    )
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
