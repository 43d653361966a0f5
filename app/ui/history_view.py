"""Every change to the open case's scores: when, who, what, from, to, and the reason for a reopening."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.rubric.model import Rubric
from app.rubric.rounding import format_points

SECTION_LABELS = {
    "not_applicable": QT_TRANSLATE_NOOP("HistoryView", "无需评审"),
    "missing": QT_TRANSLATE_NOOP("HistoryView", "文书缺失"),
    "notes": QT_TRANSLATE_NOOP("HistoryView", "备注"),
    "evidence": QT_TRANSLATE_NOOP("HistoryView", "依据"),
    "gates": QT_TRANSLATE_NOOP("HistoryView", "重大问题"),
}


class HistoryView(QTableWidget):
    """时间 | 项目 (and a reopening's reason) | 原值 | 新值; who made the change is in each row's tooltip.

    The item's name takes the room that is left and wraps, so old → new always show in a pane as
    narrow as the form's at 1366 px, without scrolling sideways.
    """

    TIME, WHAT, OLD, NEW = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("时间"), self.tr("项目"), self.tr("原值"), self.tr("新值")])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_history(self, rubric: Rubric | None, history: list[dict[str, Any]]) -> None:
        self.setRowCount(0)
        for entry in reversed(history):  # newest first
            row = self.rowCount()
            self.insertRow(row)
            what = self._what(rubric, entry["path"])
            if entry.get("reason"):
                what += "\n" + self.tr("理由：") + entry["reason"]
            cells = [
                str(entry["at"])[5:16].replace("T", " "),
                what,
                _shown(entry["old"]),
                _shown(entry["new"]),
            ]
            who = self.tr("专家：") + entry["expert"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{entry['at']}\n{who}" if column == self.TIME else f"{text}\n{who}")
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    def _what(self, rubric: Rubric | None, path: str) -> str:
        if path == "status":
            return self.tr("状态")
        section, *rest = path.split("/")
        labels = {i.id: i.label for i in rubric.items} if rubric else {}
        if section == "scores" and rest:
            label = labels.get(rest[0], rest[0])
            if len(rest) == 2 and rubric is not None:
                item = next((i for i in rubric.items if i.id == rest[0]), None)
                criterion = (
                    next((c.label for c in item.criteria if c.id == rest[1]), rest[1]) if item else rest[1]
                )
                return f"{label} · {criterion}"
            return label
        if section == "deductions" and len(rest) == 3 and rubric is not None:
            group = next((g for g in rubric.deductions if g.id == rest[0]), None)
            element = (
                next((e.label for e in group.elements if e.id == rest[2]), rest[2]) if group else rest[2]
            )
            return self.tr("扣分：") + f"{element}（{rest[1]}）"
        if section == "gates" and rest and rubric is not None:
            return self.tr("重大问题：") + next((g.label for g in rubric.gates if g.id == rest[0]), rest[0])
        name = self.tr(SECTION_LABELS[section]) if section in SECTION_LABELS else section
        return f"{name}：{labels.get(rest[0], rest[0])}" if rest else name


def _shown(value: Any) -> str:
    if value is None or value is False:
        return "—"
    if value is True:
        return "✓"
    if isinstance(value, int | float | Decimal):
        return format_points(value)
    if isinstance(value, dict):
        if "page" in value:
            return f"p.{value['page']}" + (f" “{value['text']}”" if value.get("text") else "")
        if "level" in value:
            return str(value["level"])
        if "points" in value:
            return format_points(value["points"])
        return json.dumps(value, ensure_ascii=False)
    return str(value)
