"""The scoring form, built from the rubric: nothing about any item is written here.

Every edit goes straight to ``ScoreRepository.change`` (one transaction with its history row), so
what was typed is in the store by the time the next key is pressed. Undo and redo replay changes
through the same path, so they are validated and recorded like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.models.cases import CaseFile
from app.models.scores import STATUS_LABELS, ScoreRepository, ScoreSheet
from app.rubric.model import Item, Rubric
from app.rubric.rounding import as_json_number
from app.ui.evidence import EvidenceLink
from app.vocabulary import DOCUMENT_LABELS

# Which analysis checks and flags speak to which 笔录基本要素 element of the 2024 sheet.
ELEMENT_HINTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "time_place": (("time_place",), ("no_end_time", "time_not_to_minute")),
    "officers": (("officers",), ("single_officer", "missing_badge", "recorder_is_officer")),
    "subject": (("subject",), ()),
    "credentials": (("credentials",), ()),
    "rights_notice": (("rights_notice",), ()),
    "subject_signatures": (("signature_line_each_page", "closing_confirmation"), ()),
    "blank_marked": (("blank_marked",), ()),
}


FACT_UNKNOWN = "unknown"
FACT_VALUES: dict[str, bool | None] = {FACT_UNKNOWN: None, "yes": True, "no": False}


def _fact_data(value: object) -> str:
    return "yes" if value is True else "no" if value is False else FACT_UNKNOWN


FOLD_GATES_OVER = 5
"""more veto items than this are folded under one line"""


class ScoreForm(QWidget):
    """Scores one case under one rubric; emits ``completed`` after Ctrl+Enter locked the case."""

    completed = Signal(int)
    page_requested = Signal(int)
    changed = Signal()

    def __init__(self, repository: ScoreRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self.sheet: ScoreSheet | None = None
        self.case: CaseFile | None = None
        self.undo_stack: list[tuple[str, Any, Any]] = []
        self.redo_stack: list[tuple[str, Any, Any]] = []
        self._loading = False
        self.editors: dict[str, QWidget] = {}
        self.evidence_source: Callable[[], tuple[int, str | None]] | None = None
        """the page in view and the text found on it, for "cite this page" (set by the window)"""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        header = QHBoxLayout()
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.status = QLabel()
        self.complete_button = QPushButton(self.tr("完成 (Ctrl+Enter)"))
        self.complete_button.clicked.connect(self.complete)
        self.reopen_button = QPushButton(self.tr("重新打开…"))
        self.reopen_button.clicked.connect(self._ask_reopen)
        header.addWidget(self.total)
        header.addWidget(self.status, 1)
        header.addWidget(self.complete_button)
        header.addWidget(self.reopen_button)
        layout.addLayout(header)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        layout.addWidget(self.message)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        # The form follows the pane's width; long criteria and notes wrap instead of scrolling sideways.
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll, 1)
        self.explanation = QTextBrowser()
        self.explanation.setMaximumHeight(130)
        layout.addWidget(self.explanation)

    # -- building -------------------------------------------------------------------------------

    def unload(self) -> None:
        """No case: nothing can be changed or completed until the next case's form is built."""
        self.sheet = None
        self.case = None
        self.editors.clear()
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.scroll.takeWidget()
        self.total.setText("…")
        self.explanation.clear()

    def load(self, case: CaseFile, rubric: Rubric, transcripts: list[dict[str, Any]]) -> None:
        self.case = case
        self.sheet = self.repository.sheet(case.id, rubric)
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.editors.clear()
        body = QWidget()
        column = QVBoxLayout(body)
        for fact in rubric.facts:
            column.addWidget(self._fact_row(fact.id, fact.label, fact.question))
        if len(rubric.gates) > FOLD_GATES_OVER:
            column.addWidget(self._gates_section(rubric))
        else:
            for gate in rubric.gates:
                column.addWidget(self._gate_row(gate.id, gate.label, gate.description))
        for item in rubric.items:
            column.addWidget(self._item_box(item))
        for group in rubric.deductions:
            column.addWidget(self._deduction_box(group, case, transcripts))
        column.addStretch(1)
        self.scroll.setWidget(body)
        self._refresh()

    def _fact_row(self, fact_id: str, label: str, question: str) -> QWidget:
        """A yes/no case fact the expert confirms; unknown until answered (e.g. 已结案)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        text = QLabel(label)
        text.setToolTip(question)
        combo = QComboBox()
        combo.setToolTip(question)
        for answer, value in (
            (self.tr("未确认"), FACT_UNKNOWN),
            (self.tr("是"), "yes"),
            (self.tr("否"), "no"),
        ):
            combo.addItem(answer, value)
        path = f"facts/{fact_id}"
        combo.setCurrentIndex(
            max(0, combo.findData(_fact_data(self.sheet.get(path) if self.sheet else None)))
        )
        combo.currentIndexChanged.connect(lambda _i: self._apply(path, FACT_VALUES[combo.currentData()]))
        line.addWidget(text)
        line.addWidget(combo, 1)
        self.editors[path] = combo
        return row

    def _gates_section(self, rubric: Rubric) -> QWidget:
        """A long veto list (the 2024 sheets' 25 合法性 items) folded under one line, open when one is raised.

        Twenty-five rows above the items would push every score off the screen of a laptop.
        """
        assert self.sheet is not None
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 0)
        raised = sum(1 for gate in rubric.gates if self.sheet.get(f"gates/{gate.id}"))
        toggle = QToolButton()
        toggle.setCheckable(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setText(
            self.tr("合法性评查·重大问题（一票否决）：{count} 项，已认定 {raised} 项").format(
                count=len(rubric.gates), raised=raised
            )
        )
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(12, 0, 0, 0)
        for gate in rubric.gates:
            rows.addWidget(self._gate_row(gate.id, gate.label, gate.description))

        def show(on: bool) -> None:
            body.setVisible(on)
            toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

        toggle.toggled.connect(show)
        toggle.setChecked(raised > 0)
        show(raised > 0)
        layout.addWidget(toggle)
        layout.addWidget(body)
        return section

    def _gate_row(self, gate_id: str, label: str, description: str) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        box = QCheckBox(self.tr("重大问题：") + label)
        box.setToolTip(description)
        reason = QLineEdit()
        reason.setPlaceholderText(self.tr("认定理由（必填）"))
        path = f"gates/{gate_id}"
        current = self.sheet.get(path) if self.sheet else None
        box.setChecked(bool(current))
        reason.setText(current or "")
        reason.setEnabled(bool(current))
        box.toggled.connect(
            lambda on: (reason.setEnabled(on), reason.setFocus() if on else self._apply(path, None))
        )
        reason.textEdited.connect(lambda text: self._apply(path, text.strip() or None))
        line.addWidget(box)
        line.addWidget(reason, 1)
        self.editors[path] = reason
        return row

    def _item_box(self, item: Item) -> QGroupBox:
        assert self.sheet is not None
        box = QGroupBox(
            self.tr("{label}（{points} 分）").format(label=item.label, points=as_json_number(item.points))
        )
        box.setMinimumWidth(0)
        box.setToolTip(item.note or "")
        form = QFormLayout(box)
        path = f"scores/{item.id}"
        if item.kind == "level":
            combo = QComboBox()
            combo.addItem(self.tr("未评"), None)
            for level in item.levels:
                combo.addItem(f"{level.label}（{as_json_number(level.points)}）", level.id)
            current = self.sheet.get(path)
            if isinstance(current, dict):
                combo.setCurrentIndex(max(0, combo.findData(current.get("level"))))
            combo.currentIndexChanged.connect(
                lambda _i: self._apply(path, {"level": combo.currentData()} if combo.currentData() else None)
            )
            editor: QWidget = combo
        else:
            spin = QDoubleSpinBox()
            step = float(item.step)
            spin.setDecimals(2)
            spin.setSingleStep(step)
            spin.setRange(-step, float(item.points))
            spin.setSpecialValueText(self.tr("未评"))
            current = self.sheet.get(path)
            spin.setValue(float(current) if isinstance(current, int | float) else -step)
            spin.setKeyboardTracking(True)
            spin.valueChanged.connect(lambda value: self._apply(path, None if value < 0 else value))
            editor = spin
        form.addRow(self.tr("得分"), editor)
        self.editors[path] = editor
        flags = QHBoxLayout()
        if item.not_applicable is not None:
            na = QCheckBox(self.tr("无需评审"))
            na.setToolTip(item.not_applicable)
            na.setChecked(bool(self.sheet.get(f"not_applicable/{item.id}")))
            na.toggled.connect(lambda on: self._apply(f"not_applicable/{item.id}", on))
            flags.addWidget(na)
            self.editors[f"not_applicable/{item.id}"] = na
        missing = QCheckBox(self.tr("文书缺失"))
        missing.setChecked(bool(self.sheet.get(f"missing/{item.id}")))
        missing.toggled.connect(lambda on: self._apply(f"missing/{item.id}", on))
        flags.addWidget(missing)
        flags.addStretch(1)
        self.editors[f"missing/{item.id}"] = missing
        form.addRow(flags)
        if item.criteria:
            hint = "；".join(f"{c.label}（{as_json_number(c.points)}）" for c in item.criteria)
            criteria = QLabel(hint)
            criteria.setWordWrap(True)
            criteria.setStyleSheet("color: #666; font-size: 11px;")
            form.addRow(criteria)
        note = QLineEdit(self.sheet.get(f"notes/{item.id}") or "")
        note.setPlaceholderText(self.tr("备注（可写页码，如“第7页”）"))
        note.textEdited.connect(lambda text: self._apply(f"notes/{item.id}", text or None))
        form.addRow(self.tr("备注"), note)
        self.editors[f"notes/{item.id}"] = note
        evidence = EvidenceLink()
        evidence.set_value(self.sheet.get(f"evidence/{item.id}"))
        evidence.cite.connect(lambda: self._cite(item.id))
        evidence.clear.connect(lambda: self._set_evidence(item.id, None))
        evidence.page_requested.connect(self.page_requested)
        form.addRow(self.tr("依据"), evidence)
        self.editors[f"evidence/{item.id}"] = evidence
        return box

    def _cite(self, item_id: str) -> None:
        """The page in view (and the text found there, if any) becomes the item's evidence."""
        if self.evidence_source is None:
            return
        page, quote = self.evidence_source()
        if page < 1:
            return
        self._set_evidence(item_id, {"page": page, "text": quote} if quote else {"page": page})

    def _set_evidence(self, item_id: str, value: dict[str, Any] | None) -> None:
        path = f"evidence/{item_id}"
        self._apply(path, value)
        editor = self.editors.get(path)
        if isinstance(editor, EvidenceLink) and self.sheet is not None:
            editor.set_value(self.sheet.get(path))

    def _deduction_box(self, group: Any, case: CaseFile, transcripts: list[dict[str, Any]]) -> QGroupBox:
        assert self.sheet is not None
        box = QGroupBox(
            self.tr("{label}（扣分，上限 {cap}）").format(label=group.label, cap=as_json_number(group.cap))
        )
        column = QVBoxLayout(box)
        if group.documents:
            documents = [d for d in case.documents if d.kind in group.documents] or []
            targets = [
                (
                    f"p{d.first_page}",
                    self.tr("第{page}页 {kind}").format(
                        page=d.first_page, kind=DOCUMENT_LABELS.get(d.kind, d.kind)
                    ),
                    d.first_page,
                )
                for d in documents
            ]
            if not targets:
                targets = [("全部笔录", self.tr("全部笔录（尚未找到文书）"), 0)]
        else:
            targets = [("全卷", self.tr("全卷"), 0)]
        facts = {f"p{record['first_page']}": record for record in transcripts}
        for key, label, page in targets:
            heading = QPushButton(label)
            heading.setFlat(True)
            heading.setStyleSheet("text-align: left; font-weight: bold;")
            if page:
                heading.clicked.connect(lambda _c=False, p=page: self.page_requested.emit(p))
            column.addWidget(heading)
            record = facts.get(key)
            for element in group.elements:
                path = f"deductions/{group.id}/{key}/{element.id}"
                # A check box never wraps its text: the element's wording goes in a wrapping label.
                check = QCheckBox(f"−{as_json_number(element.points)}")
                check.setToolTip(element.label)
                check.setChecked(bool(self.sheet.get(path)))
                check.toggled.connect(lambda on, p=path: self._apply(p, on))
                self.editors[path] = check
                text = QLabel(element.label)
                text.setWordWrap(True)
                text.setBuddy(check)
                row = QHBoxLayout()
                row.addWidget(check)
                row.addWidget(text, 1)
                hint = self._hint(record, element.id)
                if hint:
                    tip = QLabel(hint)
                    tip.setWordWrap(True)
                    tip.setMinimumWidth(84)
                    tip.setMaximumWidth(150)
                    tip.setStyleSheet("color: #b45309;" if hint.startswith("⚑") else "color: #2e7d32;")
                    row.addWidget(tip)
                column.addLayout(row)
        return box

    @staticmethod
    def _hint(record: dict[str, Any] | None, element: str) -> str:
        """What analysis saw for this element, beside the box: a hint, never a tick."""
        if record is None or element not in ELEMENT_HINTS:
            return ""
        checks, flags = ELEMENT_HINTS[element]
        raised = [f["message"] for f in record["flags"] if f["code"] in flags]
        if raised:
            return "⚑ " + "；".join(raised)
        if all(record["checks"].get(c) for c in checks):
            return "✓ " + QCoreApplication.translate("ScoreForm", "文中可见")
        return "⚑ " + QCoreApplication.translate("ScoreForm", "文中未见")

    # -- changing -------------------------------------------------------------------------------

    def _apply(self, path: str, value: Any, record: bool = True) -> None:
        if self._loading or self.sheet is None:
            return
        old = self.sheet.get(path)
        try:
            self.sheet = self.repository.change(self.sheet, path, value)
        except KnownError as error:
            self.message.setText(error.zh)
            return
        self.message.clear()
        if record and old != self.sheet.get(path):
            self.undo_stack.append((path, old, self.sheet.get(path)))
            self.redo_stack.clear()
        self._refresh()
        self.changed.emit()

    def undo(self) -> None:
        if self.undo_stack:
            path, old, new = self.undo_stack.pop()
            self._apply(path, old, record=False)
            self.redo_stack.append((path, old, new))
            self._reload_editors()

    def redo(self) -> None:
        if self.redo_stack:
            path, old, new = self.redo_stack.pop()
            self._apply(path, new, record=False)
            self.undo_stack.append((path, old, new))
            self._reload_editors()

    def complete(self) -> None:
        if self.sheet is None:
            return
        try:
            self.sheet = self.repository.complete(self.sheet)
        except KnownError as error:
            self.message.setText(error.zh)
            return
        self.message.clear()
        self._refresh()
        self.changed.emit()
        self.completed.emit(self.sheet.case_id)

    def reopen(self, reason: str) -> bool:
        if self.sheet is None:
            return False
        try:
            self.sheet = self.repository.reopen(self.sheet, reason)
        except KnownError as error:
            self.message.setText(error.zh)
            return False
        self._refresh()
        self.changed.emit()
        return True

    def _ask_reopen(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        reason, ok = QInputDialog.getText(
            self, self.tr("重新打开"), self.tr("重新打开已完成的案卷，请说明理由：")
        )
        if ok:
            self.reopen(reason)

    def _reload_editors(self) -> None:
        """Editors show the sheet after an undo or redo (without writing anything back)."""
        assert self.sheet is not None
        self._loading = True
        try:
            for path, editor in self.editors.items():
                value = self.sheet.get(path)
                if isinstance(editor, QDoubleSpinBox):
                    editor.setValue(float(value) if isinstance(value, int | float) else editor.minimum())
                elif isinstance(editor, QCheckBox):
                    editor.setChecked(bool(value))
                elif isinstance(editor, QLineEdit):
                    editor.setText(value or "")
                elif isinstance(editor, EvidenceLink):
                    editor.set_value(value)
                elif isinstance(editor, QComboBox) and path.startswith("facts/"):
                    editor.setCurrentIndex(max(0, editor.findData(_fact_data(value))))
                elif isinstance(editor, QComboBox):
                    editor.setCurrentIndex(
                        max(0, editor.findData(value.get("level") if isinstance(value, dict) else None))
                    )
        finally:
            self._loading = False

    def _refresh(self) -> None:
        assert self.sheet is not None
        result = self.sheet.result()
        # A running total means something only once something is scored or marked.
        touched = any(score is not None for score in result.item_scores.values()) or any(
            self.sheet.inputs.get(k) for k in ("not_applicable", "missing", "gates")
        )
        shown = as_json_number(result.score) if touched else "—"
        self.total.setText(f"{shown} / {as_json_number(self.sheet.rubric.scoring.total)}")
        label = QCoreApplication.translate("CaseTableModel", STATUS_LABELS[self.sheet.status])
        status = label + ("" if result.complete else self.tr("（未评完）"))
        if self.sheet.outdated:
            status += self.tr(" · 评分标准已更新")
        self.status.setText(status)
        locked = self.sheet.status == "complete"
        self.scroll.widget().setEnabled(not locked) if self.scroll.widget() else None
        self.complete_button.setEnabled(not locked)
        self.reopen_button.setEnabled(locked)
        lines = [step.text for step in result.steps] if touched else [self.tr("尚未评分。")]
        self.explanation.setPlainText("\n".join(lines))
