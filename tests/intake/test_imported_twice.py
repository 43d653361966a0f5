"""One disc imported from two places: every case file is there twice, and each copy says so."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers.files import case_pdf


def test_the_same_disc_from_two_folders_marks_each_copy(cli, tmp_path: Path) -> None:
    disc = tmp_path / "disc" / "集体" / "推选案卷"
    disc.mkdir(parents=True)
    (disc / "德环罚〔2017〕3号.pdf").write_bytes(case_pdf())
    shutil.copytree(tmp_path / "disc", tmp_path / "copy")
    assert cli("import", tmp_path / "disc").code == 0
    again = cli("import", tmp_path / "copy", "--json").json()
    told = [f["problem"]["code"] for f in again["files"] if f.get("problem")]
    assert told == ["imported_twice"], "the import report says what the case list will say"
    cases = cli("cases", "--json").json()
    assert len(cases) == 2
    for case in cases:
        codes = [p["code"] for p in case["problems"]]
        assert "imported_twice" in codes and "duplicate_submission" not in codes
    single = cli("case", "show", str(cases[1]["id"]), "--json").json()
    assert "imported_twice" in [p["code"] for p in single["problems"]]
