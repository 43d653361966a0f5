"""A station store at campaign scale, made fast: 3,000 case files, 60,000 pages of text, 50 experts' packages.

    python benchmarks/scale_store.py OUT_DIR [--cases 3000] [--pages 20] [--experts 50] [--per-case 3]

Case files are recorded through the intake repository (no PDFs: a case's blob row names a hash, which
is all the station's queries need); page text goes straight into the analysis tables and the search
index. Each expert's package is real: the expert's cases are scored through the score repository in
a copy of a cases-only store, and exported and signed by the project's own export with a key made in
memory (no passphrase stretching), so the station verifies it like any other package.

OUT_DIR/station is the station's data directory, OUT_DIR/packages/*.zip the packages,
OUT_DIR/experts.json the experts file for ``assign``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import paths  # noqa: E402
from app.models.intake import FileRecord, IntakeRepository  # noqa: E402
from app.models.scores import ScoreRepository  # noqa: E402
from app.models.store import Store, now_iso  # noqa: E402
from app.rubric import catalog  # noqa: E402
from app.score_export import export_package  # noqa: E402
from app.signing.identity import ExpertIdentity  # noqa: E402
from app.vocabulary import CASE_TYPE_LABELS  # noqa: E402

UNITS = 60
RUBRIC = "transcripts-2024"
WORDS = "现场检查笔录调查询问笔录行政处罚决定书责令改正违法行为决定书送达回证环境监测报告排污许可证"
SEARCH_WORD = "超标排放废水"
"""Printed on one page in fifty: what the benchmark searches for."""


def case_sha(number: int) -> str:
    return hashlib.sha256(f"scale-case-{number}".encode()).hexdigest()


def case_path(number: int) -> tuple[str, dict[str, tuple[str | None, str, str]]]:
    unit = f"第{number % UNITS:02d}市生态环境局"
    individual = number % 4 == 0
    kind = "individual" if individual else "collective"
    selection = "sampled" if number % 5 == 0 else "nominated"
    case_type = list(CASE_TYPE_LABELS)[number % len(CASE_TYPE_LABELS)]
    who = f"个人-执法员{number % 7}" if individual else "集体"
    chosen = "抽选案卷" if selection == "sampled" else "推选案卷"
    path = f"{number % UNITS:02d}_{unit}/{who}/{chosen}/环罚〔2024〕{number}号.pdf"
    facts: dict[str, tuple[str | None, str, str]] = {
        "unit": (unit, "folder", ""),
        "candidate_kind": (kind, "folder", ""),
        "selection": (selection, "folder", ""),
        "case_type": (case_type, "folder", ""),
        "case_number": (f"环罚〔2024〕{number}号", "file_name", ""),
    }
    if individual:
        facts["candidate_name"] = (f"执法员{number % 7}", "folder", "")
    return path, facts


def record_cases(store: Store, cases: int, pages: int) -> None:
    repo = IntakeRepository(store.db)
    source = repo.add_source(
        "folder:/scale|SCALE", "folder", "/scale", "SCALE", None, None, "folder", None, "bench"
    )
    batch: list[FileRecord] = []
    for number in range(1, cases + 1):
        path, facts = case_path(number)
        batch.append(
            FileRecord(
                path,
                case_sha(number),
                700_000,
                "pdf",
                "case_file",
                "案卷",
                None,
                pages,
                True,
                case_facts=facts,
            )
        )
        if len(batch) == 500:
            repo.record_files(source, batch, "bench")
            batch = []
    if batch:
        repo.record_files(source, batch, "bench")
    repo.finish_source(source)


def page_text(rng: random.Random, number: int, page: int) -> str:
    start = rng.randrange(len(WORDS) - 40)
    text = f"环罚〔2024〕{number}号 第{page}页 " + WORDS[start : start + 40] + WORDS[::-1][start : start + 60]
    if (number * 31 + page) % 50 == 0:
        text += SEARCH_WORD
    return text


def record_pages(store: Store, cases: int, pages: int) -> None:
    """Page text, the search index and a finished analysis per case file, straight into the tables."""
    rng = random.Random(5)
    db = store.db.conn
    at = now_iso()
    with store.db.atomic():
        for number in range(1, cases + 1):
            sha = case_sha(number)
            rows = [(sha, page, page_text(rng, number, page)) for page in range(1, pages + 1)]
            db.executemany(
                """INSERT INTO page_texts (sha256, page, source, scope, rotation, confidence, text, lines_json)
                   VALUES (?, ?, 'text', 'full', 0, 1.0, ?, '[]')""",
                rows,
            )
            db.executemany("INSERT INTO page_search (sha256, page, text) VALUES (?, ?, ?)", rows)
            db.execute("INSERT INTO analyses VALUES (?, 'scale', ?, 'complete', ?)", [sha, pages, at])
            db.executemany(
                "INSERT INTO segments (sha256, ordinal, kind, first_page, last_page) VALUES (?, ?, ?, ?, ?)",
                [(sha, 0, "inspection_record", 1, 2), (sha, 1, "inquiry_record", 3, 5)],
            )


def experts_file(out: Path, experts: int) -> Path:
    items = [
        {"id": f"E{i:02d}", "name": f"专家{i:02d}", "unit": f"第{i % UNITS:02d}市生态环境局"}
        for i in range(experts)
    ]
    path = out / "experts.json"
    path.write_text(json.dumps({"experts": items}, ensure_ascii=False), encoding="utf-8")
    return path


def expert_cases(cases: int, experts: int, per_case: int) -> dict[int, list[int]]:
    """Round-robin: case n goes to per_case consecutive experts (the generator's; ``assign`` is timed apart)."""
    mine: dict[int, list[int]] = {e: [] for e in range(experts)}
    for number in range(1, cases + 1):
        for k in range(per_case):
            mine[(number * per_case + k) % experts].append(number)
    return mine


def make_packages(out: Path, cases: int, experts: int, per_case: int) -> list[Path]:
    """One signed package per expert, made by the project's export from that expert's own scores."""
    base = out / "expert-base"
    store = Store.open(base)
    record_cases(store, cases, pages=20)
    store.close()
    rubric = catalog.get_case_rubric(RUBRIC, None)
    rng = random.Random(9)
    packages = []
    (out / "packages").mkdir(exist_ok=True)
    for expert, numbers in expert_cases(cases, experts, per_case).items():
        work = out / "expert-work"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        shutil.copy2(paths.store_file(base), paths.store_file(work))
        store = Store.open(work)
        key = Ed25519PrivateKey.generate()
        raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        identity = ExpertIdentity(f"专家{expert:02d}", "评审组", f"E{expert:02d}", raw, now_iso())
        repo = ScoreRepository(store.db, identity.name)
        leniency = rng.uniform(-3, 3)
        for number in numbers:  # case ids follow the numbers: recorded in order into an empty store
            sheet = repo.sheet(number, rubric)
            inspection = min(35.0, max(0.0, round((28 + leniency + rng.gauss(0, 2)) * 2) / 2))
            sheet = repo.change(sheet, "scores/inspection_record", inspection)
            sheet = repo.change(sheet, "scores/inquiry_record", 30.0)
            repo.complete(sheet)
        package = out / "packages" / f"E{expert:02d}.zip"
        export_package(store, identity, key, package, case_ids=numbers, rubric_id=RUBRIC)
        store.close()
        packages.append(package)
    shutil.rmtree(out / "expert-work", ignore_errors=True)
    shutil.rmtree(base, ignore_errors=True)
    return packages


def build(out: Path, cases: int, pages: int, experts: int, per_case: int) -> dict[str, float]:
    """Make the station store and the packages under ``out``; returns how long each part took."""
    out.mkdir(parents=True, exist_ok=True)
    took = {}
    t0 = time.perf_counter()
    store = Store.open(out / "station")
    record_cases(store, cases, pages)
    took["cases_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    record_pages(store, cases, pages)
    store.close()
    took["pages_s"] = time.perf_counter() - t0
    experts_file(out, experts)
    t0 = time.perf_counter()
    make_packages(out, cases, experts, per_case)
    took["packages_s"] = time.perf_counter() - t0
    return {k: round(v, 1) for k, v in took.items()}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--experts", type=int, default=50)
    parser.add_argument("--per-case", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(build(args.out, args.cases, args.pages, args.experts, args.per_case)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
