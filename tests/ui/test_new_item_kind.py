"""A new kind of rubric item is added in app/rubric/item_types.py alone.

The test adds one ("grade": a level whose CLI value may also be its Chinese label) by registering
it in ``item_types.KINDS`` and nothing else, then goes through every consumer: the loader, the
validator, the engine, the CLI's value parser, the score sheet's parts and the desk's editor.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rubric import item_types
from app.rubric.engine import compute_case
from app.rubric.item_types import LevelType, item_type
from app.rubric.loader import parse_rubric
from app.rubric.model import Item
from app.rubric.validate import validate

SHEET = """
id = "grade-test"
title = "等第评分测试表"
version = "1"
source = "test"

[scoring]
method = "sum"
total = 10

[[items]]
id = "quality"
label = "卷面质量"
points = 10
kind = "grade"
levels = [
  { id = "good", label = "好", points = 10 },
  { id = "fair", label = "中", points = 6 },
]
"""


class GradeType(LevelType):
    """A level that may also be typed by its label (``quality=中``)."""

    kind = "grade"

    def cli_value(self, item: Item, part: str, text: str) -> tuple[str, object]:
        by_label = {level.label: level.id for level in item.levels}
        return super().cli_value(item, part, by_label.get(text, text))


@pytest.fixture
def grade(monkeypatch: pytest.MonkeyPatch) -> GradeType:
    kind = GradeType()
    monkeypatch.setitem(item_types.KINDS, "grade", kind)
    return kind


def test_every_consumer_takes_the_new_kind_from_item_types_alone(grade: GradeType, qtbot) -> None:
    rubric, problems = parse_rubric(SHEET)
    assert rubric is not None and not problems and not validate(rubric)
    item = rubric.items[0]
    assert item_type(item) is grade
    path, value = grade.cli_value(item, "", "中")
    assert (path, value) == ("scores/quality", {"level": "fair"})
    result = compute_case(rubric, {"scores": {"quality": value}})
    assert result.score == Decimal(6) and result.complete
    assert [p.label for p in grade.parts(item, value)] == ["中"]

    from app.ui.item_editors import LevelEditor, editor_for

    applied: list[tuple[str, object]] = []
    editor = editor_for(item, value, lambda path, new: applied.append((path, new)))
    assert isinstance(editor, LevelEditor)
    qtbot.addWidget(editor.widget)
    editor.combo.setCurrentIndex(editor.combo.findData("good"))
    assert applied == [("scores/quality", {"level": "good"})]
