"""Intake reads the demo disc's case files as the generator laid them out: class and every fact."""

from __future__ import annotations

import pytest

from app.demo.disc import DemoDisc


@pytest.fixture
def imported(cli, demo_disc: DemoDisc) -> dict:
    return cli("import", demo_disc.root, "--json").json()


def test_every_case_file_is_found_and_nothing_else_is_a_case(
    cli, demo_disc: DemoDisc, imported: dict
) -> None:
    case_paths = {f["source_path"] for f in imported["files"] if f["class"] == "case_file"}
    expected = {c.path for c in demo_disc.cases} | {copy for _orig, copy in demo_disc.duplicates}
    assert case_paths == expected
    supporting = {f["source_path"] for f in imported["files"] if f["class"] == "supporting"}
    assert set(demo_disc.supporting) <= supporting


def test_facts_match_the_generator(cli, demo_disc: DemoDisc, imported: dict) -> None:
    cases = {c["source_path"]: c for c in cli("cases", "--json").json()}
    for truth in demo_disc.cases:
        case = cases[truth.path]
        assert case["unit"] == truth.unit, truth.path
        assert case["candidate"]["kind"] == truth.candidate_kind, truth.path
        assert case["candidate"]["name"] == truth.candidate_name, truth.path
        assert case["selection"] == truth.selection, truth.path
        assert case["case_type"] == truth.case_type, truth.path
        assert case["case_number"] == truth.case_number, truth.path
        assert case["pages"] == truth.pages
        assert case["scanned"] == truth.scanned
        assert case["documents"] == []
        for name in ("unit", "selection", "case_type", "case_number"):
            assert case["provenance"][name]["found_by"] in {"folder", "file_name", "cover"}


def test_duplicate_submission_is_flagged_on_both(cli, demo_disc: DemoDisc, imported: dict) -> None:
    cases = {c["source_path"]: c for c in cli("cases", "--json").json()}
    (original, copy) = demo_disc.duplicates[0]
    for path in (original, copy):
        codes = [p["code"] for p in cases[path]["problems"]]
        assert codes == ["duplicate_submission"]
    assert cases[copy]["selection"] == "sampled" and cases[original]["selection"] == "nominated"
    flagged = [c for c in cases.values() if c["problems"]]
    assert len(flagged) == 2


def test_scans_are_classified_from_folder_names(cli, demo_disc: DemoDisc, imported: dict) -> None:
    files = {f["source_path"]: f for f in imported["files"]}
    scanned = [c for c in demo_disc.cases if c.scanned]
    assert len(scanned) >= 3
    for truth in scanned:
        assert "目录名" in files[truth.path]["reason"] or "文号" in files[truth.path]["reason"]


def test_the_generator_is_deterministic(tmp_path, demo_disc: DemoDisc) -> None:
    from app.demo.disc import generate_demo_disc

    again = generate_demo_disc(tmp_path / "again", scans=False)
    assert [c.path for c in again.cases] == [c.path for c in demo_disc.cases]
    assert [c.documents for c in again.cases] == [c.documents for c in demo_disc.cases]
