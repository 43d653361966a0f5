"""The held-out generator's truth matches what it wrote, and the same seed writes the same bytes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pymupdf
import pytest

from tests.corpus import HELDOUT_SEEDS, TUNING_SEEDS, Disc, generate
from tests.corpus.__main__ import main as corpus_main

SEED = TUNING_SEEDS[0]
KINDS = {
    "cover",
    "toc",
    "filing_approval",
    "inspection_record",
    "inquiry_record",
    "evidence",
    "investigation_report",
    "hearing_notice",
    "decision",
    "service_receipt",
    "closing_approval",
    "other",
}


def _pdf(disc: Disc, path: str) -> bytes:
    """A case file's bytes, from the disc or (``a.zip/inner/x.pdf``) from a zip with GBK names."""
    if ".zip/" in path:
        archive, member = path.split(".zip/", 1)
        with zipfile.ZipFile(disc.root / f"{archive}.zip", metadata_encoding="gbk") as packed:
            return packed.read(member)
    return (disc.root / path).read_bytes()


@pytest.fixture(scope="module")
def disc(tmp_path_factory: pytest.TempPathFactory) -> Disc:
    return generate(tmp_path_factory.mktemp("corpus") / "disc", SEED)


def test_splits_do_not_overlap() -> None:
    assert not set(TUNING_SEEDS) & set(HELDOUT_SEEDS)


def test_documents_cover_every_page_in_order(disc: Disc) -> None:
    for case in disc.cases:
        page = 1
        for doc in case["documents"]:
            assert doc["kind"] in KINDS, (case["path"], doc)
            assert doc["first_page"] == page, (case["path"], doc)
            assert doc["last_page"] >= doc["first_page"], (case["path"], doc)
            page = doc["last_page"] + 1
        assert page - 1 == case["pages"], case["path"]
        assert case["documents"][0]["kind"] == "cover"


def test_page_counts_and_rotations_match_the_pdfs(disc: Disc) -> None:
    for case in disc.cases:
        with pymupdf.open(stream=_pdf(disc, case["path"]), filetype="pdf") as pdf:
            assert pdf.page_count == case["pages"], case["path"]
            assert len(case["page_rotations"]) == case["pages"]
            for page, turned in zip(pdf, case["page_rotations"], strict=True):
                if case["scanned"]:
                    assert not page.get_text().strip(), "a scan has no text layer"
                    landscape = page.rect.width > page.rect.height
                    assert landscape == (turned in (90, 270)), (case["path"], page.number, turned)
                else:
                    assert turned == 0
                    assert page.get_text().strip(), "a born-digital page has text"


def test_transcripts_are_documents_of_their_own(disc: Disc) -> None:
    seen = 0
    for case in disc.cases:
        documents = {(d["kind"], d["first_page"], d["last_page"]) for d in case["documents"]}
        records = [d for d in case["documents"] if d["kind"] in ("inspection_record", "inquiry_record")]
        assert len(records) == len(case["transcripts"])
        for record in case["transcripts"]:
            seen += 1
            assert (record["kind"], record["first_page"], record["last_page"]) in documents
            assert record["officers"], record
            assert record["start"] and (record["end"] is None or record["end"] > record["start"])
            if "single_officer" in record["defects"]:
                assert len(record["officers"]) == 1
            if "missing_badge" in record["defects"]:
                assert any(o["badge"] is None for o in record["officers"])
            if "recorder_is_officer" in record["defects"]:
                assert record["recorder"] in [o["name"] for o in record["officers"]]
    assert seen >= len(disc.cases)


def test_every_candidate_folder_exists_and_holds_its_cases(disc: Disc) -> None:
    folders = {c["folder"]: c for c in disc.candidates}
    assert folders, "a disc has candidates"
    for folder, candidate in folders.items():
        assert (disc.root / folder).is_dir(), folder
        assert candidate["unit"] in candidate["unit_aliases"]
    for case in disc.cases:
        assert _pdf(disc, case["path"]).startswith(b"%PDF"), case["path"]
        if case["candidate_folder"] is not None:
            assert case["candidate_folder"] in folders
            assert case["path"].startswith(case["candidate_folder"] + "/")
            assert case["unit"] in folders[case["candidate_folder"]]["unit_aliases"]


def test_the_same_seed_gives_the_same_bytes(disc: Disc, tmp_path: Path) -> None:
    assert corpus_main(["--seed", str(SEED), "--out", str(tmp_path)]) == 0
    again = tmp_path / "disc"
    written = sorted(p.relative_to(disc.root) for p in disc.root.rglob("*") if p.is_file())
    assert written == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in written:
        assert (disc.root / rel).read_bytes() == (again / rel).read_bytes(), rel
    assert json.loads((tmp_path / "truth.json").read_text(encoding="utf-8")) == json.loads(disc.truth_json())


def test_overlapping_records_are_exactly_the_flagged_ones(disc: Disc) -> None:
    for case in disc.cases:
        records = [r for r in case["transcripts"] if r["end"] is not None]
        partners: dict[int, int] = {}
        for i, a in enumerate(records):
            for j, b in enumerate(records):
                same_officers = {o["name"] for o in a["officers"]} == {o["name"] for o in b["officers"]}
                if i != j and same_officers and a["start"] < b["end"] and b["start"] < a["end"]:
                    partners[i] = j
        for i, record in enumerate(records):
            assert ("overlapping_records" in record["defects"]) == (i in partners), (case["path"], record)


def test_a_recorder_is_an_officer_only_where_that_is_planted(disc: Disc) -> None:
    for case in disc.cases:
        for record in case["transcripts"]:
            is_officer = record["recorder"] in [o["name"] for o in record["officers"]]
            assert is_officer == ("recorder_is_officer" in record["defects"]), (case["path"], record)
