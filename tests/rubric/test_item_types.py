"""Each item type scores, reads a CLI value, describes itself and reports its own problems."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.rubric import catalog
from app.rubric.item_types import (
    CRITERIA,
    LEVEL,
    POINTS,
    CliValueError,
    ScoreInputError,
    describe_value,
    item_type,
)
from app.rubric.loader import parse_rubric
from app.rubric.model import Criterion, Item, Level
from app.rubric.validate import validate

PLAIN = Item("bonus", "加分", Decimal(15), step=Decimal(15))
BY_CRITERIA = Item(
    "record",
    "笔录",
    Decimal(10),
    criteria=(
        Criterion("who", "谁", Decimal("2.5")),
        Criterion("what", "什么", Decimal("7.5"), zeroes_item=True),
    ),
)
LEVELS = Item(
    "quality",
    "质量",
    Decimal(10),
    kind="level",
    levels=(Level("good", "好", Decimal(10)), Level("fair", "中", Decimal(6))),
)


def test_the_type_follows_the_kind_and_the_criteria() -> None:
    assert item_type(PLAIN) is POINTS and item_type(BY_CRITERIA) is CRITERIA and item_type(LEVELS) is LEVEL


def test_points_in_steps_up_to_the_item() -> None:
    assert POINTS.score(PLAIN, 15)[0] == 15
    for wrong in (7.5, 30, -15, {"level": "good"}):
        with pytest.raises(ScoreInputError):
            POINTS.score(PLAIN, wrong)
    assert POINTS.cli_value(PLAIN, "", "15") == ("scores/bonus", 15)
    with pytest.raises(CliValueError):
        POINTS.cli_value(PLAIN, "x", "15")
    with pytest.raises(CliValueError):
        POINTS.cli_value(PLAIN, "", "nan")


def test_criteria_sum_and_a_qualifying_criterion_zeroes_the_item() -> None:
    earned, standard, _ = CRITERIA.score(BY_CRITERIA, {"criteria": {"who": 2, "what": 7}})
    assert (earned, standard) == (Decimal(9), Decimal(10))
    assert CRITERIA.score(BY_CRITERIA, {"criteria": {"who": 2.5, "what": 0}})[0] == 0
    excluded = CRITERIA.score(BY_CRITERIA, {"criteria": {"what": 7.5}, "not_applicable": ["who"]})
    assert excluded[:2] == (Decimal("7.5"), Decimal("7.5"))
    with pytest.raises(ScoreInputError):
        CRITERIA.score(BY_CRITERIA, {"criteria": {"who": 3}})
    assert CRITERIA.cli_value(BY_CRITERIA, "who", "2.5") == ("scores/record/who", 2.5)
    with pytest.raises(CliValueError):
        CRITERIA.cli_value(BY_CRITERIA, "nobody", "1")
    assert CRITERIA.progress(BY_CRITERIA, {"criteria": {"who": 2}}) == (1, 2)
    assert CRITERIA.progress(BY_CRITERIA, 9) == (2, 2)  # the total given at once still reads
    parts = CRITERIA.parts(BY_CRITERIA, {"criteria": {"who": 2}})
    assert [(p.id, p.given) for p in parts] == [("who", Decimal(2)), ("what", None)]
    out = {"criteria": {"what": 7}, "not_applicable": ["who"]}
    assert [p.excluded for p in CRITERIA.parts(BY_CRITERIA, out)] == [True, False]
    assert CRITERIA.progress(BY_CRITERIA, out) == (1, 1)


def test_levels_are_chosen_by_name() -> None:
    assert LEVEL.score(LEVELS, {"level": "fair"})[0] == 6
    with pytest.raises(ScoreInputError):
        LEVEL.score(LEVELS, 6)
    assert LEVEL.cli_value(LEVELS, "", "good") == ("scores/quality", {"level": "good"})
    with pytest.raises(CliValueError):
        LEVEL.cli_value(LEVELS, "", "excellent")
    assert LEVEL.problems(Item("q", "q", Decimal(5), kind="level")) == ["a level item needs levels"]


def test_values_read_alike_in_the_history() -> None:
    items = {i.id: i for i in (PLAIN, BY_CRITERIA, LEVELS)}
    assert describe_value("scores/bonus", None, items) == "—"
    assert describe_value("scores/bonus", 30.0, items) == "30.00"
    assert describe_value("scores/record/who", 2.5, items) == "2.50"
    assert describe_value("scores/record", {"criteria": {"who": 2}}, items) == "who 2.00"
    assert describe_value("scores/quality", {"level": "good"}, items) == "good"


def test_hints_and_deduction_keys_come_from_the_rubric_file_and_leave_its_hash_alone() -> None:
    rubric = catalog.get("transcripts-2024", None)
    group = rubric.deductions[0]
    assert (group.whole_key, group.target_key("inquiry_record", 7)) == ("全部笔录", "p7")
    officers = next(e for e in group.elements if e.id == "officers")
    assert officers.checks == ("officers",) and "single_officer" in officers.flags
    source = Path(rubric.path).read_text(encoding="utf-8")
    bare = "\n".join(
        line
        for line in source.splitlines()
        if not line.startswith(("document_key", "whole_key", "whole_label"))
    ).replace(
        ', checks = ["officers"], flags = ["single_officer", "missing_badge", "recorder_is_officer"]', ""
    )
    plain, problems = parse_rubric(bare)
    assert not problems and plain is not None and plain.content_hash == rubric.content_hash
    assert plain.deductions[0].elements[1].checks == ()


def test_a_document_key_that_cannot_tell_documents_apart_is_refused() -> None:
    source = Path(catalog.get("transcripts-2024", None).path).read_text(encoding="utf-8")
    bad = source.replace('document_key = "p{page}"', 'document_key = "record"')
    rubric, problems = parse_rubric(bad)
    assert rubric is not None and not problems
    assert any("same key" in p.message for p in validate(rubric))


def test_nothing_scored_yet_is_not_full_marks() -> None:
    """A ratio sheet with nothing in its denominator is full marks only when every item is 无需评审."""
    from app.rubric.engine import compute_case

    rubric = catalog.get("transcripts-2024", None)
    started = compute_case(rubric, {}, partial=True)
    assert not started.complete
    ratio = next(step for step in started.steps if step.rule == "ratio")
    assert ratio.value == 0 and "尚未评分" in ratio.text
