"""The editor of one rubric item, chosen by its type (``app.rubric.item_types``): nothing else branches on it.

``points``: one box. ``criteria``: one box per 评分细则 line, the item's total shown as their sum.
``level``: a list of the levels. Every box starts at 未评 (not scored), which is not 0.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QGridLayout, QLabel, QToolButton, QWidget

from app.rubric.item_types import item_type
from app.rubric.model import Item
from app.rubric.rounding import format_points, to_decimal

Apply = Callable[[str, Any], None]


def points_box(maximum: object, step: object, value: object) -> QDoubleSpinBox:
    """A box from 未评 (one step below zero) to ``maximum``; typing replaces what is there."""
    spin = QDoubleSpinBox()
    spin.setDecimals(2)
    spin.setSingleStep(float(to_decimal(step)))
    spin.setRange(-float(to_decimal(step)), float(to_decimal(maximum)))
    spin.setSpecialValueText(QCoreApplication.translate("ItemEditor", "未评"))
    spin.setKeyboardTracking(True)
    spin.setMinimumWidth(84)
    show_points(spin, value)
    return spin


def show_points(spin: QDoubleSpinBox, value: object) -> None:
    spin.blockSignals(True)
    spin.setValue(float(value) if isinstance(value, int | float) else spin.minimum())
    spin.blockSignals(False)


def stored_value(spin: QDoubleSpinBox) -> float | int | None:
    value = spin.value()
    if value < 0:
        return None
    return int(value) if value == int(value) else value


class ItemEditor(ABC):
    """What scores one item: ``widget`` goes in the item's box, ``fields`` are its inputs by score path.

    ``fields`` is in the order Enter walks them; ``show`` puts a stored value back without writing.
    """

    def __init__(self, item: Item) -> None:
        self.item = item
        self.widget = QWidget()
        self.fields: dict[str, QWidget] = {}
        self.toggles: dict[str, QWidget] = {}
        """other inputs by path (not walked by Enter), e.g. a criterion's 无需评审"""

    @abstractmethod
    def show(self, raw: object) -> None:
        """Put a stored value back into the boxes without writing it."""

    def summary(self, raw: object, earned: Decimal | None) -> str:
        """A line under the item's title: how far it is scored and what it earns so far."""
        done, total = item_type(self.item).progress(self.item, raw)
        if not done:
            return QCoreApplication.translate("ItemEditor", "未评")
        shown = QCoreApplication.translate("ItemEditor", "小计 {earned} / {points}").format(
            earned=format_points(earned), points=format_points(self.item.points)
        )
        if total > 1 and done < total:
            shown += " · " + QCoreApplication.translate("ItemEditor", "已评 {done}/{total} 条细则").format(
                done=done, total=total
            )
        return shown


class PointsEditor(ItemEditor):
    def __init__(self, item: Item, raw: object, apply: Apply) -> None:
        super().__init__(item)
        path = f"scores/{item.id}"
        spin = points_box(item.points, item.step, raw)
        spin.valueChanged.connect(lambda _v: apply(path, stored_value(spin)))
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(QCoreApplication.translate("ItemEditor", "得分")), 0, 0)
        grid.addWidget(spin, 0, 1)
        grid.addWidget(QLabel(f"/ {format_points(item.points)}"), 0, 2)
        grid.setColumnStretch(3, 1)
        self.spin = spin
        self.fields[path] = spin

    def show(self, raw: object) -> None:
        show_points(self.spin, raw)


class CriteriaEditor(ItemEditor):
    """A box per criterion: each wording on a line of its own, its box, points and 无需评审 under it.

    Beside the box the wording had a quarter of a form about 330 px wide at 1366 and wrapped to five
    lines of four characters; over it, it has the whole width and reads as a sentence.
    """

    def __init__(self, item: Item, raw: object, apply: Apply) -> None:
        super().__init__(item)
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(3, 1)
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.excluded: dict[str, QToolButton] = {}
        self.labels: dict[str, QLabel] = {}
        # an item's total given at once (older stores, ``score set ITEM=N``): shown until a criterion is typed
        self.whole = QLabel()
        self.whole.setWordWrap(True)
        self.whole.setStyleSheet("color: #92400e;")
        grid.addWidget(self.whole, 0, 0, 1, 4)
        given = _criteria(raw)
        for index, criterion in enumerate(item.criteria):
            row = 1 + 3 * index
            path = f"scores/{item.id}/{criterion.id}"
            label = QLabel(
                criterion.label
                + (
                    QCoreApplication.translate("ItemEditor", "（为0则本项0分）")
                    if criterion.zeroes_item
                    else ""
                )
            )
            label.setWordWrap(True)
            label.setStyleSheet("color: #333;")
            spin = points_box(criterion.points, item.step, given.get(criterion.id))
            spin.valueChanged.connect(lambda _v, p=path, s=spin: apply(p, stored_value(s)))
            label.setBuddy(spin)
            # “根据案情不涉及相关内容的，对应项目无需评审”: out of the item's standard points
            na = QToolButton()
            na.setCheckable(True)
            na.setText(QCoreApplication.translate("ItemEditor", "无需评审"))
            na.setToolTip(QCoreApplication.translate("ItemEditor", "本条细则无需评审：不计入本项标准分"))
            na.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            na_path = f"scores/{item.id}/not_applicable/{criterion.id}"
            na.toggled.connect(lambda on, p=na_path, s=spin: self._exclude(apply, p, s, on))
            if index:
                grid.setRowMinimumHeight(row - 1, 6)  # a little air between one criterion and the next
            grid.addWidget(label, row, 0, 1, 4)
            grid.addWidget(spin, row + 1, 0)
            grid.addWidget(QLabel(f"/ {format_points(criterion.points)}"), row + 1, 1)
            grid.addWidget(na, row + 1, 2)
            self.spins[criterion.id] = spin
            self.excluded[criterion.id] = na
            self.labels[criterion.id] = label
            self.fields[path] = spin
            self.toggles[na_path] = na
        self._show_excluded(raw)
        self._show_whole(raw)

    def _show_whole(self, raw: object) -> None:
        whole = isinstance(raw, int | float)
        self.whole.setVisible(whole)
        if whole:
            self.whole.setText(
                QCoreApplication.translate(
                    "ItemEditor", "整项得分 {points}（未按细则评分；按细则评分后以细则之和为准）"
                ).format(
                    points=format_points(raw)  # type: ignore[arg-type]
                )
            )

    @staticmethod
    def _exclude(apply: Apply, path: str, spin: QDoubleSpinBox, on: bool) -> None:
        apply(path, on)
        if on:
            show_points(spin, None)
        spin.setEnabled(not on)

    def _show_excluded(self, raw: object) -> None:
        out = set(raw.get("not_applicable", [])) if isinstance(raw, dict) else set()
        for criterion_id, button in self.excluded.items():
            button.blockSignals(True)
            button.setChecked(criterion_id in out)
            button.blockSignals(False)
            self.spins[criterion_id].setEnabled(criterion_id not in out)

    def show(self, raw: object) -> None:
        self._show_whole(raw)
        self._show_excluded(raw)
        given = _criteria(raw)
        for criterion_id, spin in self.spins.items():
            show_points(spin, given.get(criterion_id))


def _criteria(raw: object) -> dict[str, Any]:
    return raw.get("criteria", {}) if isinstance(raw, dict) else {}


class LevelEditor(ItemEditor):
    def __init__(self, item: Item, raw: object, apply: Apply) -> None:
        super().__init__(item)
        path = f"scores/{item.id}"
        combo = QComboBox()
        combo.addItem(QCoreApplication.translate("ItemEditor", "未评"), None)
        for level in item.levels:
            combo.addItem(f"{level.label}（{format_points(level.points)}）", level.id)
        self.combo = combo
        self.show(raw)
        combo.currentIndexChanged.connect(
            lambda _i: apply(path, {"level": combo.currentData()} if combo.currentData() else None)
        )
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(QCoreApplication.translate("ItemEditor", "等级")), 0, 0)
        grid.addWidget(combo, 0, 1)
        grid.setColumnStretch(2, 1)
        self.fields[path] = combo

    def show(self, raw: object) -> None:
        self.combo.blockSignals(True)
        chosen = raw.get("level") if isinstance(raw, dict) else None
        self.combo.setCurrentIndex(max(0, self.combo.findData(chosen)))
        self.combo.blockSignals(False)


EDITORS: dict[str, Callable[[Item, object, Apply], ItemEditor]] = {
    "number": PointsEditor,
    "parts": CriteriaEditor,
    "choice": LevelEditor,
}
"""one editor per input shape (``ItemType.editor``), not per kind: a new kind of one of these shapes
is added in ``app.rubric.item_types`` alone"""


def editor_for(item: Item, raw: object, apply: Apply) -> ItemEditor:
    return EDITORS[item_type(item).editor](item, raw, apply)
