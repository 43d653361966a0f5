"""The rubric format's new parts (加分, facts, readings, families) are validated like the rest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.rubric import catalog
from app.rubric.engine import ScoreInputError, compute_case
from app.rubric.loader import parse_rubric
from app.rubric.validate import validate

BASE = """
id = "tiny"
title = "小评分表"
version = "1"
source = "test"
family = "fam"
case_types = ["seizure"]

[scoring]
method = "ratio"
base = 50
weight = 50
total = 100
items_total = 10

[[facts]]
id = "case_closed"
label = "案件已结案"

[[readings]]
id = "normative_floor"
value = "0"
text = "细则未说明"

[[items]]
id = "a"
label = "甲"
points = 10
applies_if = "case_closed"
criteria = [
  { id = "x", label = "x", points = 4, zeroes_item = true },
  { id = "y", label = "y", points = 6 },
]

[[items]]
id = "b"
label = "加分"
points = 15
step = 15
bonus = true
"""


def problems(text: str) -> list[str]:
    rubric, found = parse_rubric(text, "tiny.toml")
    assert rubric is not None
    return [str(p) for p in found + validate(rubric)]


def test_the_extended_format_reads_and_scores() -> None:
    assert problems(BASE) == []
    rubric, _ = parse_rubric(BASE, "tiny.toml")
    assert rubric.bonus_total == 15 and rubric.item("a").criteria[0].zeroes_item
    # x scored 0 zeroes the item: 50 + 50 × 0/10 = 50, + 15 bonus
    result = compute_case(
        rubric, {"scores": {"a": {"criteria": {"x": 0, "y": 6}}, "b": 15}, "facts": {"case_closed": True}}
    )
    assert result.score == 65
    with pytest.raises(ScoreInputError, match="unknown fact"):
        compute_case(rubric, {"scores": {"b": 0}, "facts": {"closed": True}, "missing": ["a"]})
    with pytest.raises(ScoreInputError, match="true or false"):
        compute_case(rubric, {"scores": {"b": 0}, "facts": {"case_closed": "yes"}, "missing": ["a"]})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('applies_if = "case_closed"', 'applies_if = "closed"'), "not one of the rubric's facts"),
        (("bonus = true", 'bonus = true\nnot_applicable = "x"'), "cannot be not applicable"),
        (('family = "fam"\n', ""), "needs a family"),
        (("items_total = 10", "items_total = 25"), "add up to 10, not the stated 25"),
        (("total = 100", 'total = 100\nbonus = "somewhere"'), "bonus must be one of"),
        (('value = "0"', 'value = "0"\nwhy = "typo"'), "unknown key 'why'"),
        (('value = "0"', 'value = "none"'), "reading says none but the rubric is set to 0"),
    ],
)
def test_mistakes_in_the_new_parts_are_reported(change, message) -> None:
    old, new = change
    assert old in BASE
    found = problems(BASE.replace(old, new, 1))
    assert any(message in p for p in found), found


def test_a_family_needs_one_default_and_no_case_type_twice() -> None:
    rubrics, errors = catalog.load_all(None)
    assert errors == []
    general = rubrics["case-review-2024-general"]
    seizure = rubrics["case-review-2024-seizure"]
    broken = {**rubrics, seizure.id: replace(seizure, family_default=True, case_types=("general_penalty",))}
    found = [str(p) for e in catalog.family_errors(broken) for p in e.problems]
    assert any("2 default sheets" in p for p in found)
    assert any("'general_penalty' is also" in p for p in found)
    assert general.family_default
