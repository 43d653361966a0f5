"""Measures the analysis on generated discs, reading its results only through the app's public APIs.

Shared by ``benchmarks/analysis_quality.py --corpus tuning|heldout`` and
``tests/analysis/test_heldout_quality.py``. Matching follows TRUTH.md: a document is right when a
found document has the same pages and kind (truth ``other`` also takes a found ``evidence``); a
transcript when kind and pages match; officers when the (name, badge) list matches in order.
A unit is right when the found name is one of the forms the disc uses for that unit; a 文号 when it
matches after folding the bracket forms (〔〕 [] ［］ 【】).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

from app.models.cases import CaseFile, CaseRepository
from app.models.documents import DocumentRepository
from app.models.store import Store
from app.station.candidates import candidates as station_candidates
from tests.corpus.disc import Disc, generate

TRANSCRIPTS = ("inspection_record", "inquiry_record")
FLAGS = (
    "single_officer",
    "missing_badge",
    "no_end_time",
    "time_not_to_minute",
    "recorder_is_officer",
    "overlapping_records",
)
CASE_FACTS = ("unit", "candidate_kind", "candidate_name", "selection", "case_type", "case_number")
MISSES_PER_KIND = 40


def prepare(work: Path, seeds: tuple[int, ...] | list[int]) -> tuple[Store, list[Disc], dict[str, float]]:
    """Generates the discs, imports them and analyses every case file as ``reviewdesk analyze --all``."""
    from app.analysis.analyzer import Analyzer
    from app.intake.importer import Importer
    from app.workflow import analyse_listed

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    discs = [generate(work / f"disc-{seed}", seed) for seed in seeds]
    seconds["generate"] = time.perf_counter() - started
    store = Store.open(work / "data")
    started = time.perf_counter()
    Importer(store, "corpus").run([disc.root for disc in discs])
    seconds["import"] = time.perf_counter() - started
    started = time.perf_counter()
    analyse_listed(Analyzer(store), None)
    seconds["analyse"] = time.perf_counter() - started
    return store, discs, seconds


def _fold_number(text: str | None) -> str:
    if not text:
        return ""
    text = re.sub(r"\s+", "", text)
    for a, b in (("[", "〔"), ("]", "〕"), ("［", "〔"), ("］", "〕"), ("【", "〔"), ("】", "〕")):
        text = text.replace(a, b)
    return text


def _rate(right: int, total: int) -> float:
    return round(right / total, 4) if total else 1.0


class _Tally:
    def __init__(self) -> None:
        self.counts: dict[str, Counter] = {}
        self.misses: dict[str, list[dict[str, object]]] = {}

    def add(self, name: str, ok: bool, case: str, expected: object, found: object) -> None:
        counter = self.counts.setdefault(name, Counter())
        counter["total"] += 1
        counter["right"] += ok
        if not ok:
            misses = self.misses.setdefault(name, [])
            if len(misses) < MISSES_PER_KIND:
                misses.append({"case": case, "expected": expected, "found": found})

    def rate(self, name: str) -> dict[str, object]:
        c = self.counts.get(name, Counter())
        return {"right": c["right"], "total": c["total"], "rate": _rate(c["right"], c["total"])}


def _aliases(disc: Disc, case: dict[str, object]) -> list[str]:
    """The forms of the case's unit: its folder's, or (a loose file) those of a folder naming the same unit."""
    folder = case["candidate_folder"]
    for candidate in disc.candidates:
        if folder == candidate["folder"] or (folder is None and case["unit"] in candidate["unit_aliases"]):
            return list(candidate["unit_aliases"])
    return [str(case["unit"])]


def _rotations(store: Store, sha256: str) -> dict[int, int]:
    """Stored rotation per 1-based page (page_texts numbers pages from 1; a 0 would mean from 0)."""
    rows = store.db.execute("SELECT page, rotation FROM page_texts WHERE sha256 = ?", [sha256]).fetchall()
    if not rows:
        return {}
    zero_based = min(r[0] for r in rows) == 0
    return {int(p) + (1 if zero_based else 0): int(rot) % 360 for p, rot in rows}


def score(store: Store, discs: list[Disc]) -> dict[str, object]:
    by_key: dict[tuple[str, str], CaseFile] = {
        (c.source_label, c.source_path): c for c in CaseRepository(store.db).list()
    }
    documents = DocumentRepository(store.db)
    tally = _Tally()
    flag_counts = {flag: Counter() for flag in FLAGS}
    rotation = Counter()
    totals = Counter()
    for disc in discs:
        for truth in disc.cases:
            label = f"{disc.root.name}/{truth['path']}"
            totals["cases"] += 1
            totals["scanned"] += bool(truth["scanned"])
            case = by_key.get((disc.root.name, str(truth["path"])))
            if case is None:
                tally.add("imported", False, label, "a case file", "not imported as a case file")
                continue
            tally.add("imported", True, label, None, None)
            _score_facts(tally, disc, truth, case, label)
            _score_documents(tally, truth, case, label)
            facts = documents.facts(case.sha256)
            _score_transcripts(tally, flag_counts, truth, facts, label)
            stored = _rotations(store, case.sha256)
            for page, want in enumerate(truth["page_rotations"], 1):
                got = stored.get(page, 0)
                if want:
                    rotation["turned"] += 1
                    rotation["turned_found"] += got != 0
                    rotation["turned_exact"] += got == want
                    if got == 0:
                        tally.add("turned_pages", False, f"{label} p.{page}", want, got)
                else:
                    rotation["upright"] += 1
                    if got:
                        rotation["upright_turned"] += 1
                        tally.add("upright_pages", False, f"{label} p.{page}", 0, got)
    flags = {}
    for flag, c in flag_counts.items():
        flags[flag] = {
            "precision": _rate(c["tp"], c["tp"] + c["fp"]),
            "recall": _rate(c["tp"], c["tp"] + c["fn"]),
            "tp": c["tp"],
            "fp": c["fp"],
            "fn": c["fn"],
        }
    document_kinds = {
        name.removeprefix("document:"): tally.rate(name)
        for name in sorted(tally.counts)
        if name.startswith("document:")
    }
    return {
        "cases": totals["cases"],
        "scanned_cases": totals["scanned"],
        "imported": tally.rate("imported"),
        "transcript_ranges": {
            "born_digital": tally.rate("transcript_range:born_digital"),
            "scanned": tally.rate("transcript_range:scanned"),
        },
        "document_ranges": {"all": tally.rate("document_range"), "by_kind": document_kinds},
        "rotation": {
            "upright_pages": rotation["upright"],
            "upright_turned": rotation["upright_turned"],
            "turned_pages": rotation["turned"],
            "turned_found": rotation["turned_found"],
            "turned_found_same_angle": rotation["turned_exact"],
        },
        "case_facts": {name: tally.rate(f"fact:{name}") for name in CASE_FACTS}
        | {"all": tally.rate("case_facts")},
        "officers_with_badges": tally.rate("officers"),
        "flags": flags,
        "candidates": _score_candidates(store, discs, tally),
        "misses": tally.misses,
    }


def _score_facts(tally: _Tally, disc: Disc, truth: dict, case: CaseFile, label: str) -> None:
    expected = {
        "unit": truth["unit"],
        "candidate_kind": truth["candidate_kind"],
        "candidate_name": truth["candidate_name"],
        "selection": truth["selection"],
        "case_type": truth["case_type"],
        "case_number": truth["case_number"],
    }
    all_right = True
    for name in CASE_FACTS:
        found = case.value(name)
        if name == "unit":
            ok = found in _aliases(disc, truth)
        elif name == "case_number":
            ok = _fold_number(found) == _fold_number(str(expected[name]))
        else:
            ok = found == expected[name]
        all_right &= ok
        tally.add(f"fact:{name}", ok, label, expected[name], found)
    tally.add("case_facts", all_right, label, expected, {n: case.value(n) for n in CASE_FACTS})


def _score_documents(tally: _Tally, truth: dict, case: CaseFile, label: str) -> None:
    found = {(d.first_page, d.last_page): d.kind for d in case.documents}
    found_list = [(d.kind, d.first_page, d.last_page, d.title) for d in case.documents]
    bucket = "scanned" if truth["scanned"] else "born_digital"
    for doc in truth["documents"]:
        got = found.get((doc["first_page"], doc["last_page"]))
        want = doc["kind"]
        ok = got == want or (want == "other" and got in ("other", "evidence"))
        expected = (want, doc["first_page"], doc["last_page"], doc["title"])
        near = [f for f in found_list if f[1] <= doc["last_page"] and f[2] >= doc["first_page"]]
        tally.add("document_range", ok, label, expected, near)
        tally.add(f"document:{want}", ok, label, expected, near)
        if want in TRANSCRIPTS:
            tally.add(f"transcript_range:{bucket}", got == want, label, expected, near)


def _score_transcripts(
    tally: _Tally, flag_counts: dict[str, Counter], truth: dict, facts: list[dict], label: str
) -> None:
    by_page = {(f.get("kind"), f.get("first_page")): f for f in facts}
    for planted in truth["transcripts"]:
        record = by_page.get((planted["kind"], planted["first_page"]))
        where = f"{label} p.{planted['first_page']}"
        found_flags = {f["code"] for f in record.get("flags", [])} if record else set()
        for flag in FLAGS:
            expected = flag in planted["defects"]
            flagged = flag in found_flags
            flag_counts[flag][
                "tp" if expected and flagged else "fp" if flagged else "fn" if expected else "tn"
            ] += 1
            if expected != flagged:
                tally.add(f"flag:{flag}", False, where, expected, sorted(found_flags))
        want = [(o["name"], o["badge"]) for o in planted["officers"]]
        got = [(o.get("name"), o.get("badge")) for o in record.get("officers", [])] if record else None
        tally.add("officers", got == want, where, want, got)


def _score_candidates(store: Store, discs: list[Disc], tally: _Tally) -> dict[str, object]:
    """`check` should see exactly one candidate per submitting folder, holding that folder's case files."""
    found, orphans = station_candidates(store.db)
    owner: dict[tuple[str, str], str] = {}
    for candidate in found:
        for case in candidate.cases:
            owner[(case.source_label, case.source_path)] = candidate.id
    folders = 0
    right = 0
    for disc in discs:
        for folder in disc.candidates:
            folders += 1
            paths = [c["path"] for c in disc.cases if c["candidate_folder"] == folder["folder"]]
            ids = {owner.get((disc.root.name, p)) for p in paths}
            members = {key for key, ident in owner.items() if ident in ids}
            wanted = {(disc.root.name, p) for p in paths}
            ok = len(ids) == 1 and None not in ids and members == wanted
            right += ok
            tally.add(
                "candidates",
                ok,
                f"{disc.root.name}/{folder['folder']}",
                {"kind": folder["kind"], "unit": folder["unit"], "name": folder["name"]},
                sorted(str(i) for i in ids),
            )
    return {
        "submitting_folders": folders,
        "candidates_seen": len(found),
        "folders_with_exactly_their_candidate": right,
        "case_files_without_candidate": len(orphans),
    }


def measure(work: Path, seeds: tuple[int, ...] | list[int]) -> dict[str, object]:
    """Generate, import, analyse and score; the report with the seconds each step took."""
    store, discs, seconds = prepare(work, seeds)
    try:
        report = score(store, discs)
    finally:
        store.close()
    return {"seeds": list(seeds), "seconds": {k: round(v, 1) for k, v in seconds.items()}} | report
