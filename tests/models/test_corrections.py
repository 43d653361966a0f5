"""A person's correction of a case file's facts wins, and outlives re-import."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.files import case_pdf


def _disc(tmp_path: Path) -> Path:
    root = tmp_path / "disc"
    folder = root / "01_德州市生态环境局/集体/推选案卷"
    folder.mkdir(parents=True)
    (folder / "德环罚〔2017〕3号.pdf").write_bytes(case_pdf())
    return root


def test_correction_survives_reimport(cli, tmp_path: Path) -> None:
    disc = _disc(tmp_path)
    cli("import", disc)
    case = cli("cases", "--json").json()[0]
    assert case["case_type"] == "general_penalty"  # the cover says 行政处罚案卷, the 文号 罚
    result = cli(
        "case",
        "set",
        str(case["id"]),
        "--case-type",
        "seizure",
        "--unit",
        "德州市生态环境局德城分局",
        "--json",
    )
    assert result.code == 0, result.err
    corrected = result.json()
    assert corrected["case_type"] == "seizure"
    assert corrected["provenance"]["case_type"]["found_by"] == "manual"
    cli("import", disc)
    again = cli("cases", "--json").json()[0]
    assert again["case_type"] == "seizure" and again["unit"] == "德州市生态环境局德城分局"
    cleared = cli("case", "set", str(case["id"]), "--clear", "unit", "--json").json()
    assert cleared["unit"] is None


def test_bad_corrections_are_refused(cli, tmp_path: Path) -> None:
    cli("import", _disc(tmp_path))
    result = cli("case", "set", "999", "--unit", "x")
    assert result.code == 2 and "没有编号为 999" in result.err and "no case file" in result.err
    result = cli("case", "set", "1")
    assert result.code == 2 and "no field" in result.err
