"""Validation names the file, the line and the item, and catches what a station would by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.rubric.loader import RubricError, load_rubric

GOOD = """
id = "tiny"
title = "小评分表"
version = "1"
source = "test"

[scoring]
method = "sum"
total = 10

[[items]]
id = "a"
label = "甲"
points = 6
criteria = [
  { id = "x", label = "x", points = 4 },
  { id = "y", label = "y", points = 2 },
]

[[items]]
id = "b"
label = "乙"
points = 4

[[deductions]]
id = "d"
label = "扣分"
cap = 3
elements = [ { id = "e", label = "e", points = 1 } ]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rubric.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(RubricError) as error:
        load_rubric(_write(tmp_path, text))
    return [str(p) for p in error.value.problems]


def test_good_rubric_loads(tmp_path: Path) -> None:
    assert load_rubric(_write(tmp_path, GOOD)).id == "tiny"


def test_points_that_do_not_add_up(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path, GOOD.replace("points = 4\n\n[[deductions]]", "points = 5\n\n[[deductions]]")
    )
    assert any("add up to 11, not the stated 10" in p for p in problems)


def test_criteria_that_do_not_add_up_name_line_and_item(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        GOOD.replace('{ id = "y", label = "y", points = 2 }', '{ id = "y", label = "y", points = 1 }'),
    )
    found = next(p for p in problems if "criteria add up" in p)
    assert found.startswith(f"{tmp_path / 'rubric.toml'}:12: [a]")


def test_negative_cap_and_unknown_key_and_reference(tmp_path: Path) -> None:
    text = GOOD.replace("cap = 3", "cap = -1").replace(
        'label = "乙"', 'label = "乙"\ndocument = "nonsense"\npionts = 3'
    )
    problems = _problems(tmp_path, text)
    assert any("[d] cap -1 is below zero" in p for p in problems)
    assert any("unknown key 'pionts'" in p for p in problems)
    assert any("unknown document kind 'nonsense'" in p for p in problems)


def test_duplicate_ids_and_bad_toml(tmp_path: Path) -> None:
    assert any("used 2 times" in p for p in _problems(tmp_path, GOOD.replace('id = "b"', 'id = "a"')))
    assert any("not valid TOML" in p for p in _problems(tmp_path, GOOD + "\n[[items]\n"))


def test_cli_validate_exit_codes(cli, tmp_path: Path) -> None:
    assert cli("rubric", "validate", "--all").code == 0
    bad = _write(tmp_path, GOOD.replace("cap = 3", "cap = -2"))
    result = cli("rubric", "validate", bad)
    assert result.code == 1 and "cap -2 is below zero" in result.out


def test_content_hash_ignores_layout_but_not_content(tmp_path: Path) -> None:
    first = load_rubric(_write(tmp_path, GOOD)).content_hash
    relaid = load_rubric(
        _write(tmp_path, "# a comment\n" + GOOD.replace("points = 6", "points=6"))
    ).content_hash
    changed = load_rubric(_write(tmp_path, GOOD.replace('label = "甲"', 'label = "甲二"'))).content_hash
    assert first == relaid != changed


def test_level_items_score_by_choice(tmp_path: Path) -> None:
    from app.rubric.engine import ScoreInputError, compute_case

    text = GOOD.replace(
        'id = "b"\nlabel = "乙"\npoints = 4',
        'id = "b"\nlabel = "乙"\npoints = 4\nkind = "level"\nlevels = [\n'
        '  { id = "good", label = "好", points = 4 },\n  { id = "fair", label = "一般", points = 2 },\n'
        '  { id = "poor", label = "差", points = 0 },\n]',
    )
    rubric = load_rubric(_write(tmp_path, text))
    result = compute_case(rubric, {"scores": {"a": {"criteria": {"x": 3, "y": 2}}, "b": {"level": "fair"}}})
    assert result.score == 7  # 3 + 2 + 2
    with pytest.raises(ScoreInputError, match="choose a level"):
        compute_case(rubric, {"scores": {"a": 6, "b": 4}})
    with pytest.raises(ScoreInputError, match="unknown level"):
        compute_case(rubric, {"scores": {"a": 6, "b": {"level": "excellent"}}})
    over = text.replace(
        '{ id = "good", label = "好", points = 4 }', '{ id = "good", label = "好", points = 5 }'
    )
    assert any("level 'good' gives 5, outside 0..4" in p for p in _problems(tmp_path, over))
