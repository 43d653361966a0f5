"""The case queue's table model: one row per case file, columns the expert scans for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app import vocabulary as vocab
from app.models.cases import CaseFile
from app.models.scores import STATUS_LABELS
from app.ui.labels import in_language, label_of
from app.ui.other_sheets import OtherSheet, describe, status_key, status_text

Index = QModelIndex | QPersistentModelIndex


# Two facts a cell, one above the other: at 1366 px the queue is about 180 px wide, too narrow for
# status, 推/抽, unit and type side by side, and each of them is what the expert scans for. 推/抽 sits
# under the status (a case submitted both as 推选 and as 抽选 is two rows that differ there), the type
# under the unit; the queue elides the unit-and-type column to its width (the tooltip has them whole).
COLUMNS: list[tuple[tuple[str, ...], Callable[[CaseFile], list[str]]]] = [
    (
        (QT_TRANSLATE_NOOP("CaseTableModel", "单位"), QT_TRANSLATE_NOOP("CaseTableModel", "类型")),
        lambda c: [short_unit(c.value("unit")), label_of(vocab.CASE_TYPE_LABELS, c.value("case_type"))],
    ),
    ((QT_TRANSLATE_NOOP("CaseTableModel", "文号"),), lambda c: [c.value("case_number") or "—"]),
    ((QT_TRANSLATE_NOOP("CaseTableModel", "候选"),), lambda c: [_candidate(c)]),
    ((QT_TRANSLATE_NOOP("CaseTableModel", "页数"),), lambda c: [str(c.pages or "?")]),
]
UNIT_COLUMN = 1
"""the unit over the type: the column the queue fits to its width"""
UNIT_SUFFIX = "生态环境局"


def short_unit(unit: str | None) -> str:
    """海西州生态环境局 → 海西州: every unit ends alike, the place tells them apart (the tooltip has it whole)."""
    if not unit:
        return "—"
    return unit.removesuffix(UNIT_SUFFIX) or unit


STATUS_COLUMN = (QT_TRANSLATE_NOOP("CaseTableModel", "状态"), QT_TRANSLATE_NOOP("CaseTableModel", "推/抽"))
# STATUS_LABELS' texts, for the translation files
_STATUS_TEXTS = (
    QT_TRANSLATE_NOOP("CaseTableModel", "未评"),
    QT_TRANSLATE_NOOP("CaseTableModel", "评审中"),
    QT_TRANSLATE_NOOP("CaseTableModel", "已完成"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseTableModel", text)


class CaseTableModel(QAbstractTableModel):
    def __init__(self, cases: list[CaseFile] | None = None) -> None:
        super().__init__()
        self._cases = cases or []
        self._statuses: dict[int, str] = {}
        self._elsewhere: dict[int, list[OtherSheet]] = {}

    def set_cases(
        self,
        cases: list[CaseFile],
        statuses: dict[int, str] | None = None,
        elsewhere: dict[int, list[OtherSheet]] | None = None,
    ) -> None:
        """The cases, each one's status on the sheet shown, and the other sheets it has scores on."""
        self.beginResetModel()
        self._cases = cases
        self._statuses = statuses or {}
        self._elsewhere = elsewhere or {}
        self.endResetModel()

    def set_elsewhere(self, case_id: int, others: list[OtherSheet]) -> None:
        self._elsewhere[case_id] = others
        row = self.row_of(case_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_status(self, case_id: int, status: str) -> None:
        self._statuses[case_id] = status
        row = self.row_of(case_id)
        if row is not None:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def status_of(self, row: int) -> str:
        """The case's status on the sheet shown (what 完成 and the status filter go by)."""
        return self._statuses.get(self._cases[row].id, "not_started")

    def elsewhere(self, row: int) -> list[OtherSheet]:
        return self._elsewhere.get(self._cases[row].id, [])

    def status_text(self, row: int) -> str:
        """未评, 评审中, 已完成 — or 另表已完成 when nothing is on this sheet and another sheet has scores."""
        key = status_key(self.status_of(row), self.elsewhere(row))
        return tr(STATUS_LABELS[key]) if key in STATUS_LABELS else status_text(key)

    def row_text(self, row: int) -> str:
        """What the filter box searches: every column as shown, the file's path and its problems."""
        case = self._cases[row]
        shown = [
            self.status_text(row),
            _selection(case),
            *(t for _labels, cell in COLUMNS for t in cell(case)),
        ]
        unit = case.value("unit") or ""
        return " ".join([*shown, unit, case.source_path, *(_problem_text(p) for p in case.problems)])

    def case_at(self, row: int) -> CaseFile:
        return self._cases[row]

    def row_of(self, case_id: int) -> int | None:
        return next((i for i, c in enumerate(self._cases) if c.id == case_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(COLUMNS) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self._cases[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"{self.status_text(index.row())}\n{_selection(case)}"
            return "\n".join(COLUMNS[index.column() - 1][1](case))
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                *(describe(other) for other in self.elsewhere(index.row())),
                case.value("unit") or "",
                label_of(vocab.CASE_TYPE_LABELS, case.value("case_type")),
                case.source_path,
                *(_problem_text(p) for p in case.problems),
            ]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole:
            from PySide6.QtGui import QColor

            if (
                index.column() == 0
                and self.status_of(index.row()) == "not_started"
                and self.elsewhere(index.row())
            ):
                return QColor("#1d4ed8")  # scored, on another sheet: not the grey of nothing done
            if case.problems:
                return QColor("#b45309")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return "\n".join(
                tr(label) for label in (STATUS_COLUMN if section == 0 else COLUMNS[section - 1][0])
            )
        return None


def _problem_text(problem: dict) -> str:
    return in_language(problem["message"], problem.get("message_en"))


def _selection(case: CaseFile) -> str:
    return label_of(vocab.SELECTION_LABELS, case.value("selection"))


def _candidate(case: CaseFile) -> str:
    """集体, 个人 and the name, or — when intake could not tell (``models.cases.candidate_text``, translated)."""
    text = label_of(vocab.CANDIDATE_LABELS, case.value("candidate_kind"))
    name = case.value("candidate_name")
    return f"{text} {name}" if name else text
