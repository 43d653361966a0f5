"""``reviewdesk score``: the desk's validation and history from the command line."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.files import case_pdf


def _one_case(cli, tmp_path: Path) -> int:
    folder = tmp_path / "disc" / "集体" / "推选案卷"
    folder.mkdir(parents=True)
    (folder / "德环罚〔2017〕3号.pdf").write_bytes(case_pdf())
    cli("import", tmp_path / "disc")
    return cli("cases", "--json").json()[0]["id"]


def test_score_set_show_complete_and_reopen(cli, tmp_path: Path) -> None:
    case_id = _one_case(cli, tmp_path)
    result = cli(
        "score",
        "set",
        str(case_id),
        "inspection_record=30",
        "inquiry_record.production=5.25",
        "--rubric",
        "transcripts-2024",
        "--deduct",
        "transcript_elements/p3/credentials",
        "--note",
        "inspection_record=第3页未出示执法证件",
        "--json",
    )
    assert result.code == 0, result.err
    body = result.json()
    assert body["status"] == "in_progress" and body["result"]["complete"] is True
    # 30 + 70 × (30 + 5.25) / 70 − 4.5 = 60.75
    assert body["result"]["score"] == 60.75
    refused = cli("score", "set", str(case_id), "inquiry_record=40", "--rubric", "transcripts-2024")
    assert refused.code == 2 and "40" in refused.err
    assert cli("score", "set", str(case_id), "--rubric", "transcripts-2024", "--complete").code == 0
    locked = cli("score", "set", str(case_id), "inspection_record=35", "--rubric", "transcripts-2024")
    assert locked.code == 2 and "锁定" in locked.err and "locked" in locked.err
    reopened = cli(
        "score",
        "set",
        str(case_id),
        "inspection_record=35",
        "--rubric",
        "transcripts-2024",
        "--reopen",
        "复核",
        "--json",
    )
    assert reopened.code == 0 and reopened.json()["result"]["score"] == 65.75
    shown = cli("score", "show", str(case_id), "--rubric", "transcripts-2024", "--json").json()
    paths = [h["path"] for h in shown["history"]]
    assert paths[:2] == ["scores/inspection_record", "scores/inquiry_record/production"]
    assert {"path": "status", "reason": "复核"}.items() <= next(
        h for h in shown["history"] if h["reason"]
    ).items()
    assert shown["rubric_hash"].startswith("sha256:") and shown["outdated"] is False


def test_score_needs_a_case_rubric(cli, tmp_path: Path) -> None:
    case_id = _one_case(cli, tmp_path)
    result = cli("score", "show", str(case_id), "--rubric", "wuwei-2019-collective")
    assert result.code == 2 and "scheme" in result.err


def test_history_reads_points_alike_and_a_criterion_may_score_zero(cli, tmp_path: Path) -> None:
    case_id = _one_case(cli, tmp_path)
    first = cli("score", "set", str(case_id), "inspection_record=30", "--rubric", "transcripts-2024")
    assert first.code == 0, first.err
    zero = cli("score", "set", str(case_id), "inquiry_record.production=0", "--rubric", "transcripts-2024")
    assert zero.code == 0, zero.err
    shown = cli("score", "show", str(case_id), "--rubric", "transcripts-2024")
    assert "scores/inspection_record: — → 30.00" in shown.out
    assert "scores/inquiry_record/production: — → 0.00" in shown.out
    assert "None" not in shown.out and "得分 / score: 60.00" in shown.out
    bad = cli("score", "set", str(case_id), "inquiry_record.nobody=1", "--rubric", "transcripts-2024")
    assert bad.code == 2 and "nobody" in bad.err


def test_a_criterion_may_be_not_applicable(cli, tmp_path: Path) -> None:
    case_id = _one_case(cli, tmp_path)
    result = cli(
        "score", "set", str(case_id), "inspection_record=35", "inquiry_record.production=5.25",
        "--na", "inquiry_record.other", "--rubric", "transcripts-2024", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    body = result.json()
    assert body["inputs"]["scores"]["inquiry_record"] == {
        "criteria": {"production": 5.25},
        "not_applicable": ["other"],
    }
    # 30 + 70 × (35 + 5.25) / (70 − 3.5)
    assert body["result"]["score"] == round(30 + 70 * 40.25 / 66.5, 2)
    wrong = cli("score", "set", str(case_id), "--na", "inquiry_record.nobody", "--rubric", "transcripts-2024")
    assert wrong.code == 2 and "nobody" in wrong.err


def test_a_failed_completion_names_the_unscored_items_in_chinese_without_english(cli, tmp_path: Path) -> None:
    case_id = str(_one_case(cli, tmp_path))
    assert cli("score", "set", case_id, "inspection_record=30", "--rubric", "transcripts-2024").code == 0
    result = cli("score", "set", case_id, "--rubric", "transcripts-2024", "--complete")
    assert result.code != 0
    chinese, english = result.err.splitlines()[:2]
    assert "还有未评的项目" in chinese and "笔录" in chinese
    assert not any("a" <= ch.lower() <= "z" for ch in chinese.replace("reviewdesk", ""))
    assert "inquiry_record" in english


def test_a_refused_value_is_explained_in_chinese_with_the_item_s_bounds(cli, tmp_path: Path) -> None:
    case_id = str(_one_case(cli, tmp_path))
    result = cli("score", "set", case_id, "inspection_record=99", "--rubric", "transcripts-2024")
    assert result.code != 0
    chinese, english = result.err.splitlines()[:2]
    assert "现场检查" in chinese and "0 到" in chinese
    assert not any("a" <= ch.lower() <= "z" for ch in chinese)
    assert "inspection_record" in english
