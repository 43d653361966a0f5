"""A case scored on each 2024 sheet from its first item to completion with the keyboard alone.

Alt+N opens a section of the form, typing puts points in the box that has the cursor, Enter moves
to the next box and, after the last one, to 完成, where Enter completes the case.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QCheckBox, QVBoxLayout, QWidget

from app.analysis.analyzer import Analyzer
from app.intake.importer import Importer
from app.models.cases import CaseRepository
from app.models.documents import DocumentRepository
from app.models.scores import ScoreRepository
from app.models.store import Store
from app.rubric import catalog
from app.rubric.engine import compute_case
from app.rubric.model import Item, Rubric
from app.rubric.rounding import format_points
from app.ui.score_form import ScoreForm
from app.workflow import analyse_listed

SHEETS = [
    "case-review-2024-general",
    "case-review-2024-no-penalty",
    "case-review-2024-daily-penalty",
    "case-review-2024-seizure",
    "case-review-2024-detention-referral",
    "case-review-2024-crime-referral",
    "transcripts-2024",
]


@pytest.fixture(scope="module")
def scored_store(demo_disc, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("keyboard") / "data"
    store = Store.open(data)
    Importer(store, "tester").run([demo_disc.root])
    first = CaseRepository(store.db).list()[0]
    analyse_listed(Analyzer(store), [first.id], titles_only=True)
    store.close()
    return data


def typed_value(item: Item, index: int) -> Decimal:
    """What the expert types in the index-th box of an item: full points, one step less in the last."""
    points = item.criteria[index].points if item.criteria else item.points
    last = index == max(len(item.criteria), 1) - 1
    zeroes = bool(item.criteria) and item.criteria[index].zeroes_item
    return points - item.step if last and not zeroes and points >= item.step else points


def expected_inputs(rubric: Rubric, deduction: dict[str, Any]) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for item in rubric.items:
        if item.criteria:
            scores[item.id] = {"criteria": {c.id: typed_value(item, i) for i, c in enumerate(item.criteria)}}
        else:
            scores[item.id] = typed_value(item, 0)
    return {"scores": scores, "deductions": deduction}


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "the cursor went nowhere"
    qtbot.keyClick(target, key, modifier)


@pytest.mark.parametrize("rubric_id", SHEETS)
def test_a_case_is_scored_to_completion_with_the_keyboard_alone(
    qtbot, scored_store: Path, rubric_id: str
) -> None:
    store = Store.open(scored_store)
    try:
        case = CaseRepository(store.db).list()[0]
        rubric = catalog.get(rubric_id, None)
        transcripts = DocumentRepository(store.db).facts(case.sha256)
        window = QWidget()
        form = ScoreForm(ScoreRepository(store.db, "专家甲"), window)
        QVBoxLayout(window).addWidget(form)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        form.load(case, rubric, transcripts)
        titles = [section.title for section in form.sections]

        # the 笔录基本要素 first: Alt+N opens it with the cursor on its first box; Space ticks it
        group = next(g for g in rubric.deductions if g.id == "transcript_elements")
        press(qtbot, Qt.Key(Qt.Key.Key_1 + titles.index(group.label)), Qt.KeyboardModifier.AltModifier)
        qtbot.wait(10)
        tick = QApplication.focusWidget()
        assert isinstance(tick, QCheckBox) and "time_place" in next(
            p for p, e in form.editors.items() if e is tick
        )
        press(qtbot, Qt.Key.Key_Space)
        key = next(p for p, e in form.editors.items() if e is tick).split("/")[2]

        # then every item, box by box, from the first
        press(qtbot, Qt.Key(Qt.Key.Key_1 + titles.index("评分项目")), Qt.KeyboardModifier.AltModifier)
        qtbot.wait(10)
        for item in rubric.items:
            for index in range(max(len(item.criteria), 1)):
                box = QApplication.focusWidget()
                assert isinstance(box, QAbstractSpinBox), f"{item.id}: the cursor is not in a score box"
                qtbot.keyClicks(box, str(typed_value(item, index)))
                press(qtbot, Qt.Key.Key_Return)
            if item is rubric.items[0]:
                assert "暂计" in form.total.text() and f"已评 1/{len(rubric.items)} 项" in form.total.text()
        assert QApplication.focusWidget() is form.complete_button
        press(qtbot, Qt.Key.Key_Return)

        inputs = expected_inputs(rubric, {group.id: {key: ["time_place"]}})
        expected = compute_case(rubric, inputs)
        sheet = ScoreRepository(store.db, "reader").sheet(case.id, rubric)
        assert sheet.status == "complete", form.message.text()
        for item_id, given in inputs["scores"].items():
            stored = sheet.inputs["scores"][item_id]
            if isinstance(given, dict):
                assert {k: Decimal(str(v)) for k, v in stored["criteria"].items()} == given["criteria"]
            else:
                assert Decimal(str(stored)) == given
        assert sheet.inputs["deductions"] == {group.id: {key: ["time_place"]}}
        total = store.db.execute(
            "SELECT total FROM scores WHERE case_id = ? AND rubric_id = ?", [case.id, rubric.id]
        ).fetchone()[0]
        assert format_points(total) == format_points(expected.score)
        assert form.total.text() == f"{format_points(expected.score)} / {format_points(rubric.scoring.total)}"
        if rubric_id == "transcripts-2024":
            # by hand: each record 35 − 0.25 (the last criterion one step short) → 30 + 70 × 69.5/70 − 3
            assert expected.score == Decimal("96.5")
        window.close()
    finally:
        store.close()


LEVEL_SHEET = """
id = "levels-test"
title = "等级评分测试表"
version = "1"
source = "test"

[scoring]
method = "sum"
total = 20

[[items]]
id = "quality"
label = "卷面质量"
points = 10
kind = "level"
levels = [
  { id = "good", label = "好", points = 10 },
  { id = "fair", label = "中", points = 6 },
  { id = "poor", label = "差", points = 2 },
]

[[items]]
id = "order"
label = "装订顺序"
points = 10
step = 1
"""


def test_a_level_is_chosen_with_the_arrow_keys(qtbot, scored_store: Path) -> None:
    from app.rubric.loader import parse_rubric
    from app.rubric.validate import validate

    rubric, problems = parse_rubric(LEVEL_SHEET)
    assert rubric is not None and not problems and not validate(rubric)
    store = Store.open(scored_store)
    try:
        case = CaseRepository(store.db).list()[0]
        window = QWidget()
        form = ScoreForm(ScoreRepository(store.db, "专家甲"), window)
        QVBoxLayout(window).addWidget(form)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        form.load(case, rubric, [])
        press(
            qtbot,
            Qt.Key(Qt.Key.Key_1 + [s.title for s in form.sections].index("评分项目")),
            Qt.KeyboardModifier.AltModifier,
        )
        qtbot.wait(10)
        press(qtbot, Qt.Key.Key_Down)  # 未评 → 好
        press(qtbot, Qt.Key.Key_Down)  # 好 → 中
        press(qtbot, Qt.Key.Key_Return)
        qtbot.keyClicks(QApplication.focusWidget(), "7")
        press(qtbot, Qt.Key.Key_Return)
        press(qtbot, Qt.Key.Key_Return)
        sheet = ScoreRepository(store.db, "reader").sheet(case.id, rubric)
        assert sheet.status == "complete", form.message.text()
        assert sheet.inputs["scores"] == {"quality": {"level": "fair"}, "order": 7}
        assert form.total.text() == "13.00 / 20.00"
        window.close()
    finally:
        store.close()
