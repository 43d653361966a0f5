"""The analysis meets issue 11's goals on discs it was not written against (the held-out seeds).

The discs come from ``tests/corpus`` (an independent generator, see its TRUTH.md); they are imported
and analysed as ``reviewdesk analyze --all`` does, and read back only through the app's public APIs.
The figures and the misses behind them: ``python3 benchmarks/analysis_quality.py --corpus heldout``.
"""

from __future__ import annotations

import json

import pytest

from tests.corpus import HELDOUT_SEEDS
from tests.corpus.score import FLAGS, measure

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return measure(tmp_path_factory.mktemp("heldout"), HELDOUT_SEEDS)


def _misses(report: dict, *names: str) -> str:
    shown = {name: report["misses"].get(name, [])[:8] for name in names}
    return json.dumps(shown, ensure_ascii=False, indent=1)


def test_the_heldout_part_is_big_enough_and_fully_imported(report: dict) -> None:
    assert report["cases"] >= 20
    assert report["scanned_cases"] >= 6
    assert report["imported"]["rate"] == 1.0, _misses(report, "imported")


def test_every_flag_is_planted_somewhere(report: dict) -> None:
    for flag in FLAGS:
        planted = report["flags"][flag]["tp"] + report["flags"][flag]["fn"]
        assert planted > 0, flag


def test_transcript_page_ranges_born_digital(report: dict) -> None:
    ranges = report["transcript_ranges"]
    assert ranges["born_digital"]["rate"] >= 0.98, _misses(report, "transcript_range:born_digital")


def test_transcript_page_ranges_scanned(report: dict) -> None:
    ranges = report["transcript_ranges"]
    assert ranges["scanned"]["rate"] >= 0.95, _misses(report, "transcript_range:scanned")


def test_every_document_range(report: dict) -> None:
    assert report["document_ranges"]["all"]["rate"] >= 0.95, _misses(report, "document_range")


def test_no_upright_page_is_turned(report: dict) -> None:
    assert report["rotation"]["upright_turned"] == 0, _misses(report, "upright_pages")


def test_case_facts(report: dict) -> None:
    facts = report["case_facts"]
    assert facts["all"]["rate"] >= 0.98, _misses(report, "case_facts")
    for name in ("unit", "candidate_kind", "candidate_name", "selection"):
        assert facts[name]["rate"] == 1.0, (name, _misses(report, "case_facts"))


def test_officers_with_their_badges(report: dict) -> None:
    assert report["officers_with_badges"]["rate"] >= 0.95, _misses(report, "officers")


@pytest.mark.parametrize("flag", FLAGS)
def test_flag_precision_and_recall(report: dict, flag: str) -> None:
    found = report["flags"][flag]
    assert found["precision"] >= 0.9 and found["recall"] >= 0.9, (found, _misses(report, f"flag:{flag}"))


def test_check_sees_one_candidate_per_submitting_folder(report: dict) -> None:
    seen = report["candidates"]
    assert seen["candidates_seen"] == seen["submitting_folders"], _misses(report, "candidates")
    assert seen["folders_with_exactly_their_candidate"] == seen["submitting_folders"], _misses(
        report, "candidates"
    )
