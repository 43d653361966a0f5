"""A typo on the command line gets a message in both languages and stores nothing (issue 13, points 8-9)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.models.cases import CaseRepository
from tests.helpers.files import case_pdf

RUBRIC = "transcripts-2024"


@pytest.fixture
def one_case(cli, tmp_path: Path) -> int:
    root = tmp_path / "disc"
    target = root / "集体/推选案卷/德环罚〔2017〕3号.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(case_pdf(pages=3))
    assert cli("import", root).code == 0
    return int(cli("cases", "--json").json()[0]["id"])


def _bilingual(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text) and "error" in text


@pytest.mark.parametrize(
    "value",
    [
        "inspection_record=abc",
        "inspection_record=",
        "=",
        "inspection_record=nan",
        "inspection_record=-nan",
        "inspection_record=inf",
        "inspection_record=1e999",
        "inspection_record.production=nan",
        "inspection_record.production=abc",
    ],
)
def test_a_score_that_is_not_a_number_is_a_message_and_nothing_is_stored(
    cli, one_case: int, value: str
) -> None:
    result = cli("score", "set", one_case, "inquiry_record=10", value, "--rubric", RUBRIC)
    assert result.code == 2
    assert _bilingual(result.err)
    shown = cli("score", "show", one_case, "--rubric", RUBRIC, "--json").json()
    assert shown["history"] == []


def test_a_complete_that_cannot_complete_stores_nothing(cli, one_case: int) -> None:
    result = cli("score", "set", one_case, "inspection_record=20", "--complete", "--rubric", RUBRIC)
    assert result.code == 2
    assert "未保存" in result.err and "nothing from this command was stored" in result.err
    shown = cli("score", "show", one_case, "--rubric", RUBRIC, "--json").json()
    assert shown["history"] == [] and shown["status"] != "complete"


@pytest.mark.parametrize(
    "content", ["[1, 2]", '"text"', "42", '{"scores": "x"}', '{"scores": {"inspection_record": [1]}}']
)
def test_rubric_compute_on_input_of_the_wrong_shape_is_a_message(cli, tmp_path: Path, content: str) -> None:
    source = tmp_path / "input.json"
    source.write_text(content, encoding="utf-8")
    result = cli("rubric", "compute", RUBRIC, source)
    assert result.code == 2, result
    assert _bilingual(result.err)


def test_a_store_that_goes_bad_under_a_running_command_is_a_message(
    cli, one_case: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def malformed(self):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(CaseRepository, "list", malformed)
    result = cli("cases")
    assert result.code == 2
    assert "数据库文件已损坏" in result.err and "damaged" in result.err


def test_usage_errors_lead_with_chinese(cli) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli("score", "set")
    assert exit_.value.code == 2


def test_usage_error_text_is_bilingual(capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main

    with pytest.raises(SystemExit):
        main(["score", "set", "1", "x=1"])
    err = capsys.readouterr().err
    assert "错误：命令行参数不正确" in err and "error: reviewdesk score set" in err


def test_an_output_into_a_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    from app.atomic import write_durably
    from app.errors import UsageError

    target = tmp_path / "没有这个文件夹" / "out.zip"
    with pytest.raises(UsageError) as error:
        write_durably(target, b"data")
    assert error.value.code == "output_folder_missing"
    assert not target.parent.exists()


def test_check_xlsx_into_a_missing_folder_is_a_message(cli, one_case: int, tmp_path: Path) -> None:
    result = cli("check", "--scheme", "haixi-2017-collective", "--xlsx", tmp_path / "typo" / "check.xlsx")
    assert result.code == 2
    assert "输出文件夹不存在" in result.err and not (tmp_path / "typo").exists()


def test_compute_still_works_on_a_good_input(cli, tmp_path: Path) -> None:
    source = tmp_path / "input.json"
    source.write_text(
        json.dumps({"scores": {"inspection_record": 20, "inquiry_record": 30}}), encoding="utf-8"
    )
    result = cli("rubric", "compute", RUBRIC, source, "--json")
    assert result.code == 0, result.err
