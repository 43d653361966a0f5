"""Signed packages and panel aggregation at campaign scale: 100 case files, 15 experts.

    python benchmarks/panel_speed.py [--cases 100] [--experts 15]

Every expert scores every case (the worst case for the station), exports one package (PDF score
sheet with a section per case); the station verifies and aggregates them all. Prints the time of
one export, one verification, the whole aggregation with xlsx and PDF reports, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.aggregate import receive  # noqa: E402
from app.aggregate.panel import Settings, build_panel  # noqa: E402
from app.intake.importer import Importer  # noqa: E402
from app.models.cases import CaseRepository  # noqa: E402
from app.models.scores import ScoreRepository  # noqa: E402
from app.models.store import Store  # noqa: E402
from app.reports.panel_pdf import write_panel_pdf  # noqa: E402
from app.reports.panel_xlsx import write_panel_xlsx  # noqa: E402
from app.rubric import catalog  # noqa: E402
from app.score_export import export_package  # noqa: E402
from app.signing.identity import create_identity, load_private_key  # noqa: E402
from app.signing.verify import check_against_station, read_package  # noqa: E402
from tests.helpers.files import text_pdf  # noqa: E402

PASSPHRASE = "benchmark-passphrase"


def make_disc(root: Path, cases: int) -> Path:
    units = ["德令哈市生态环境局", "格尔木市生态环境局", "海西州生态环境局", "乌兰县生态环境局"]
    for number in range(1, cases + 1):
        unit = units[number % len(units)]
        path = root / unit / "集体" / "推选案卷" / "一般行政处罚" / f"环罚〔2024〕{number}号.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(
            text_pdf([unit, "行政处罚案卷", "卷内目录", f"文号：环罚〔2024〕{number}号"], pages=2)
        )
    return root


def expert_package(work: Path, disc: Path, index: int, rng: random.Random) -> tuple[Path, float]:
    data = work / f"expert{index}"
    store = Store.open(data)
    Importer(store, "bench").run([disc])
    identity = create_identity(data, f"专家{index:02d}", "评审组", f"E{index:02d}", PASSPHRASE)
    rubric = catalog.get("transcripts-2024", None)
    repo = ScoreRepository(store.db, identity.name)
    leniency = rng.uniform(-3, 3)
    for case in CaseRepository(store.db).list():
        sheet = repo.sheet(case.id, rubric)
        inspection = min(35.0, max(0.0, round((28 + leniency + rng.gauss(0, 2)) * 2) / 2))
        sheet = repo.change(sheet, "scores/inspection_record", inspection)
        sheet = repo.change(sheet, "scores/inquiry_record", 30.0)
        repo.complete(sheet)
    key = load_private_key(data, PASSPHRASE)
    started = time.perf_counter()
    out = work / f"package{index}.zip"
    export_package(store, identity, key, out)
    elapsed = time.perf_counter() - started
    store.close()
    return out, elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--experts", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="rd-panel-") as tmp:
        work = Path(tmp)
        disc = make_disc(work / "disc", args.cases)
        packages, exports = [], []
        for index in range(1, args.experts + 1):
            package, seconds = expert_package(work, disc, index, rng)
            packages.append(package)
            exports.append(seconds)
        station = Store.open(work / "station")
        Importer(station, "bench").run([disc])
        context = receive.station_context(station, None, accept_unknown_keys=True)  # no roster in a benchmark
        verify_times = []
        started = time.perf_counter()
        for package in packages:
            t0 = time.perf_counter()
            verified = read_package(package)
            check_against_station(verified, context)
            verify_times.append(time.perf_counter() - t0)
            receive.receive(station, verified)
        panel = build_panel(station, Settings())
        received = time.perf_counter() - started
        t0 = time.perf_counter()
        write_panel_xlsx(panel, work / "panel.xlsx")
        xlsx = time.perf_counter() - t0
        t0 = time.perf_counter()
        write_panel_pdf(panel, work / "panel.pdf")
        pdf = time.perf_counter() - t0
        station.close()
        result = {
            "cases": args.cases,
            "experts": args.experts,
            "package_bytes": packages[0].stat().st_size,
            "export_one_package_s_median": round(sorted(exports)[len(exports) // 2], 2),
            "verify_one_package_ms_median": round(sorted(verify_times)[len(verify_times) // 2] * 1000, 1),
            "receive_and_aggregate_all_s": round(received, 2),
            "xlsx_s": round(xlsx, 2),
            "pdf_report_s": round(pdf, 2),
            "alpha": panel.agreement,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        }
        print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
