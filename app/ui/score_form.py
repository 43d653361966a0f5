"""The scoring form, built from the rubric: nothing about any item is written here.

Every edit goes straight to ``ScoreRepository.change`` (one transaction with its history row), so
what was typed is in the store by the time the next key is pressed. Undo and redo replay changes
through the same path, so they are validated and recorded like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.models.cases import CaseFile
from app.models.scores import STATUS_LABELS, ScoreRepository, ScoreSheet
from app.rubric.engine import CaseScore
from app.rubric.item_types import item_type
from app.rubric.model import DeductionGroup, Element, Item, Rubric
from app.rubric.rounding import format_points
from app.ui.evidence import EvidenceLink
from app.ui.form_sections import FlowLayout, FoldingSection, SectionBar
from app.ui.item_editors import ItemEditor, editor_for
from app.vocabulary import DOCUMENT_LABELS

FACT_UNKNOWN = "unknown"
FACT_VALUES: dict[str, bool | None] = {FACT_UNKNOWN: None, "yes": True, "no": False}


def _fact_data(value: object) -> str:
    return "yes" if value is True else "no" if value is False else FACT_UNKNOWN


FOLD_GATES_OVER = 5
"""more veto items than this are folded under one line"""


class ScoreForm(QWidget):
    """Scores one case under one rubric; emits ``completed`` after Ctrl+Enter locked the case.

    Each item's editor comes from its type (``app.ui.item_editors``); Enter moves from one score box
    to the next and, after the last, to 完成. The form folds into sections (gates, items, each
    deduction group) that the bar above it opens and scrolls to (Alt+1…).
    """

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
        self.item_editors: dict[str, ItemEditor] = {}
        self.item_boxes: dict[str, QGroupBox] = {}
        self.item_summaries: dict[str, QLabel] = {}
        self.score_fields: list[QWidget] = []
        """every score box in the order Enter walks them"""
        self.sections: list[FoldingSection] = []
        self.evidence_source: Callable[[], tuple[int, str | None]] | None = None
        """the page in view and the text found on it, for "cite this page" (set by the window)"""
        self.last_item: str | None = None
        """the item the expert was last in: Ctrl+Shift+C cites into it after a drag took focus away"""
        QApplication.instance().focusChanged.connect(self._remember_item)
        cite_keys = QShortcut(QKeySequence("Ctrl+Shift+C"), self)
        cite_keys.setContext(Qt.ShortcutContext.WindowShortcut)
        cite_keys.activated.connect(self.cite_last_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        header_row = QWidget()
        header = FlowLayout(header_row, spacing=6)
        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.complete_button = QPushButton(self.tr("完成 (Ctrl+Enter)"))
        self.complete_button.setAutoDefault(True)  # Enter on the focused button completes
        self.complete_button.clicked.connect(self.complete)
        self.reopen_button = QPushButton(self.tr("重新打开…"))
        self.reopen_button.clicked.connect(self._ask_reopen)
        # the total, and under it the case's status; the buttons beside them where the pane is wide
        # enough, else under them: in one row they made the pane wider than the page's 60 % allows
        figures = QWidget()
        stacked = QVBoxLayout(figures)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.setSpacing(0)
        stacked.addWidget(self.total)
        stacked.addWidget(self.status)
        header.addWidget(figures)
        header.addWidget(self.complete_button)
        header.addWidget(self.reopen_button)
        layout.addWidget(header_row)
        self.section_bar = SectionBar(self)
        self.section_bar.jump.connect(self.open_section)
        layout.addWidget(self.section_bar)
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
        self._forget_editors()
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.scroll.takeWidget()
        self.section_bar.set_sections([])
        self.total.setText("…")
        self.status.clear()
        self.explanation.clear()
        self.complete_button.setEnabled(False)
        self.reopen_button.setEnabled(False)

    def _forget_editors(self) -> None:
        self.editors.clear()
        self.item_editors.clear()
        self.item_boxes.clear()
        self.last_item = None
        self.item_summaries.clear()
        self.score_fields.clear()
        self.sections.clear()

    def load(self, case: CaseFile, rubric: Rubric, transcripts: list[dict[str, Any]]) -> None:
        self.case = case
        self.sheet = self.repository.sheet(case.id, rubric)
        self.undo_stack.clear()
        self.redo_stack.clear()
        self._forget_editors()
        body = QWidget()
        column = QVBoxLayout(body)
        if rubric.facts or rubric.gates:
            if len(rubric.gates) > FOLD_GATES_OVER:
                # the facts stay in sight: one line each, and an answer changes what can be scored
                for fact in rubric.facts:
                    column.addWidget(self._fact_row(fact.id, fact.label, fact.question))
                self._gates_section(rubric, column)
            else:
                section = self._section(self.tr("案件事实与重大问题"), column)
                for fact in rubric.facts:
                    section.rows.addWidget(self._fact_row(fact.id, fact.label, fact.question))
                for gate in rubric.gates:
                    section.rows.addWidget(self._gate_row(gate.id, gate.label, gate.description))
        items = self._section(self.tr("评分项目"), column)
        for item in rubric.items:
            items.rows.addWidget(self._item_box(item))
        for group in rubric.deductions:
            section = self._section(group.label, column)
            section.rows.addWidget(self._deduction_box(group, case, transcripts))
        column.addStretch(1)
        self.scroll.setWidget(body)
        self.section_bar.set_sections([s.title for s in self.sections])
        for field in self.score_fields:
            field.installEventFilter(self)
        self._refresh()

    def _section(self, title: str, column: QVBoxLayout) -> FoldingSection:
        section = FoldingSection(title)
        column.addWidget(section)
        self.sections.append(section)
        return section

    def open_section(self, index: int) -> None:
        """Unfold a section, bring its header to the top and put the cursor in its first box."""
        if not 0 <= index < len(self.sections):
            return
        section = self.sections[index]
        section.set_open(True)
        first = next(
            (w for w in self._focusable(section.body)),
            section.header,
        )
        first.setFocus(Qt.FocusReason.TabFocusReason)
        # after the layout has taken the unfolded body into account
        # (with the form as context: a form closed before then cancels it)
        QTimer.singleShot(0, self, lambda: self.scroll.verticalScrollBar().setValue(section.y()))

    def _focusable(self, root: QWidget) -> list[QWidget]:
        wanted = (QAbstractSpinBox, QComboBox, QCheckBox)
        return [
            w
            for w in root.findChildren(QWidget)
            if isinstance(w, wanted) and w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        ]

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

    def _gates_section(self, rubric: Rubric, column: QVBoxLayout) -> None:
        """A long veto list (the 2024 sheets' 25 合法性 items) folded under one line, open when one is raised.

        Twenty-five rows above the items would push every score off the screen of a laptop.
        """
        assert self.sheet is not None
        raised = sum(1 for gate in rubric.gates if self.sheet.get(f"gates/{gate.id}"))
        section = self._section(self.tr("合法性评查·重大问题（一票否决）"), column)
        for gate in rubric.gates:
            section.rows.addWidget(self._gate_row(gate.id, gate.label, gate.description))
        section.set_open(raised > 0)

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
        """The item's box: its editor (from its type), 无需评审 / 文书缺失, note and evidence."""
        assert self.sheet is not None
        box = QGroupBox(
            self.tr("{label}（{points} 分）").format(label=item.label, points=format_points(item.points))
        )
        box.setMinimumWidth(0)
        box.setToolTip(item.note or "")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        summary = QLabel()
        summary.setStyleSheet("color: #555;")
        summary.setWordWrap(True)  # "Subtotal … · 2/5 criteria scored" is wider than the pane at 1366
        form.addRow(summary)
        self.item_summaries[item.id] = summary
        editor = editor_for(item, self.sheet.get(f"scores/{item.id}"), self._apply)
        form.addRow(editor.widget)
        self.item_editors[item.id] = editor
        self.item_boxes[item.id] = box
        for path, field in editor.fields.items():
            self.editors[path] = field
            self.score_fields.append(field)
        self.editors.update(editor.toggles)
        flags_row = QWidget()  # the two boxes side by side where they fit, one under the other where not
        flags = FlowLayout(flags_row, spacing=12)
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
        self.editors[f"missing/{item.id}"] = missing
        form.addRow(flags_row)
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

    def _remember_item(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        for item_id, box in self.item_boxes.items():
            if box.isAncestorOf(new):
                self.last_item = item_id
                return

    def cite_last_item(self) -> None:
        """Ctrl+Shift+C: the marked passage (or the page in view) into the item last worked on."""
        if self.sheet is not None and self.last_item in self.item_boxes:
            self._cite(self.last_item)

    def _set_evidence(self, item_id: str, value: dict[str, Any] | None) -> None:
        path = f"evidence/{item_id}"
        self._apply(path, value)
        editor = self.editors.get(path)
        if isinstance(editor, EvidenceLink) and self.sheet is not None:
            editor.set_value(self.sheet.get(path))

    def _targets(self, group: DeductionGroup, case: CaseFile) -> list[tuple[str, str, int]]:
        """(key, heading, first page) of each place the group's elements are ticked on.

        The keys come from the rubric (``document_key``, ``whole_key``): they are stored and signed.
        """
        if not group.documents:
            return [(group.whole_key, group.whole_label, 0)]
        found = [d for d in case.documents if d.kind in group.documents]
        if not found:
            return [(group.whole_key, group.whole_label, 0)]
        return [
            (
                group.target_key(d.kind, d.first_page),
                self.tr("第{page}页 {kind}").format(
                    page=d.first_page,
                    kind=QCoreApplication.translate("vocabulary", DOCUMENT_LABELS.get(d.kind, d.kind)),
                ),
                d.first_page,
            )
            for d in found
        ]

    def _deduction_box(
        self, group: DeductionGroup, case: CaseFile, transcripts: list[dict[str, Any]]
    ) -> QWidget:
        assert self.sheet is not None
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        cap = QLabel(self.tr("扣分制，上限 {cap} 分").format(cap=format_points(group.cap)))
        cap.setStyleSheet("color: #555;")
        column.addWidget(cap)
        records = {record["first_page"]: record for record in transcripts}
        for key, label, page in self._targets(group, case):
            heading = QPushButton(label)
            heading.setFlat(True)
            heading.setStyleSheet("text-align: left; font-weight: bold;")
            # the page number leads; in a narrow pane the end of the title gives way, not the pane
            heading.setMinimumWidth(40)
            heading.setToolTip(label)
            if page:
                heading.clicked.connect(lambda _c=False, p=page: self.page_requested.emit(p))
            column.addWidget(heading)
            record = records.get(page)
            for element in group.elements:
                path = f"deductions/{group.id}/{key}/{element.id}"
                # A check box never wraps its text: the element's wording goes in a wrapping label.
                check = QCheckBox(format_points(-element.points))
                check.setToolTip(element.label)
                check.setChecked(bool(self.sheet.get(path)))
                check.toggled.connect(lambda on, p=path: self._apply(p, on))
                self.editors[path] = check
                text = QLabel(element.label)
                text.setWordWrap(True)
                text.setBuddy(check)
                # the wording beside its box, analysis's hint under the wording: a third column for the
                # hint left the wording a hundred pixels at 1366 and four characters a line
                row = QGridLayout()
                row.setVerticalSpacing(0)
                row.addWidget(check, 0, 0, Qt.AlignmentFlag.AlignTop)
                row.addWidget(text, 0, 1)
                row.setColumnStretch(1, 1)
                hint = self._hint(record, element)
                if hint:
                    tip = QLabel(hint)
                    tip.setWordWrap(True)
                    tip.setStyleSheet("color: #b45309;" if hint.startswith("⚑") else "color: #2e7d32;")
                    row.addWidget(tip, 1, 1)
                column.addLayout(row)
        return box

    @staticmethod
    def _hint(record: dict[str, Any] | None, element: Element) -> str:
        """What analysis saw for this element (the rubric names its checks and flags): a hint, never a tick."""
        if record is None or not (element.checks or element.flags):
            return ""
        raised = [f["message"] for f in record["flags"] if f["code"] in element.flags]
        if raised:
            return "⚑ " + "；".join(raised)
        if all(record["checks"].get(c) for c in element.checks):
            return "✓ " + QCoreApplication.translate("ScoreForm", "文中可见")
        return "⚑ " + QCoreApplication.translate("ScoreForm", "文中未见")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a score box moves to the next one; after the last, to 完成."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            and watched in self.score_fields
        ):
            if isinstance(watched, QAbstractSpinBox):
                watched.interpretText()
            self.next_field(watched)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def next_field(self, after: QWidget) -> None:
        fields = [f for f in self.score_fields if f.isEnabled() and f.isVisibleTo(self)]
        index = fields.index(after) + 1 if after in fields else 0
        target = fields[index] if index < len(fields) else self.complete_button
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self.scroll.ensureWidgetVisible(target, 0, 60) if target is not self.complete_button else None

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
            for item_id, item_editor in self.item_editors.items():
                item_editor.show(self.sheet.get(f"scores/{item_id}"))
            for path, editor in self.editors.items():
                if path.startswith("scores/"):
                    continue
                value = self.sheet.get(path)
                if isinstance(editor, QCheckBox):
                    editor.setChecked(bool(value))
                elif isinstance(editor, QLineEdit):
                    editor.setText(value or "")
                elif isinstance(editor, EvidenceLink):
                    editor.set_value(value)
                elif isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(0, editor.findData(_fact_data(value))))
        finally:
            self._loading = False

    def _refresh(self) -> None:
        assert self.sheet is not None
        result = self.sheet.result()
        self._show_total(result)
        for item in self.sheet.rubric.items:
            summary = self.item_summaries.get(item.id)
            if summary is not None:
                summary.setText(self._item_summary(item, result))
        self._show_progress(result)
        locked = self.sheet.status == "complete"
        self.scroll.widget().setEnabled(not locked) if self.scroll.widget() else None
        self.complete_button.setEnabled(not locked)
        self.reopen_button.setEnabled(locked)
        touched = self._touched(result)
        lines = [step.text for step in result.steps] if touched else [self.tr("尚未评分。")]
        self.explanation.setPlainText("\n".join(lines))

    def _touched(self, result: CaseScore) -> bool:
        assert self.sheet is not None
        return any(score is not None for score in result.item_scores.values()) or any(
            self.sheet.inputs.get(k) for k in ("not_applicable", "missing", "gates", "deductions")
        )

    def done_items(self, result: CaseScore) -> int:
        """Items settled: scored in full (every criterion), marked, or out by a fact."""
        assert self.sheet is not None
        done = 0
        for item in self.sheet.rubric.items:
            if item.id in result.pending:
                continue
            raw = self.sheet.get(f"scores/{item.id}")
            if raw is None:
                done += 1  # not applicable, missing, or settled by a fact
                continue
            given, wanted = item_type(item).progress(item, raw)
            done += given == wanted
        return done

    def _show_total(self, result: CaseScore) -> None:
        """A final total in large type; a running one says how much is scored and that it is provisional."""
        assert self.sheet is not None
        total = format_points(self.sheet.rubric.scoring.total)
        items = len(self.sheet.rubric.items)
        done = self.done_items(result)
        final = result.complete and done == items
        if self.sheet.status == "complete" or final:
            self.total.setText(f"{format_points(result.score)} / {total}")
            self.total.setStyleSheet("font-size: 20px; font-weight: bold; color: #14532d;")
        elif self._touched(result):
            self.total.setText(
                self.tr("已评 {done}/{items} 项 · 暂计 {score}").format(
                    done=done, items=items, score=format_points(result.score)
                )
            )
            self.total.setStyleSheet("font-size: 14px; font-style: italic; color: #92400e;")
        else:
            self.total.setText(self.tr("未评 · 满分 {total}").format(total=total))
            self.total.setStyleSheet("font-size: 14px; color: #555;")
        label = QCoreApplication.translate("CaseTableModel", STATUS_LABELS[self.sheet.status])
        unfinished = self.sheet.status == "in_progress" and not final
        status = label + (self.tr("（未评完）") if unfinished else "")
        if self.sheet.outdated:
            status += self.tr(" · 评分标准已更新")
        self.status.setText(status)

    def _item_summary(self, item: Item, result: CaseScore) -> str:
        assert self.sheet is not None
        if self.sheet.get(f"not_applicable/{item.id}"):
            return self.tr("无需评审")
        if self.sheet.get(f"missing/{item.id}"):
            return self.tr("文书缺失 · 得分 {points}").format(
                points=format_points(result.item_scores.get(item.id))
            )
        editor = self.item_editors.get(item.id)
        if editor is None:
            return ""
        return editor.summary(self.sheet.get(f"scores/{item.id}"), result.item_scores.get(item.id))

    def _show_progress(self, result: CaseScore) -> None:
        """Each section header says how far it is: items scored, elements ticked."""
        assert self.sheet is not None
        rubric = self.sheet.rubric
        for index, section in enumerate(self.sections):
            text = ""
            if section.title == self.tr("合法性评查·重大问题（一票否决）"):
                raised = sum(1 for gate in rubric.gates if self.sheet.get(f"gates/{gate.id}"))
                text = self.tr("{count} 项，已认定 {raised} 项").format(
                    count=len(rubric.gates), raised=raised
                )
            elif section.title == self.tr("评分项目"):
                text = self.tr("已评 {done}/{items} 项").format(
                    done=self.done_items(result), items=len(rubric.items)
                )
            else:
                group = next((g for g in rubric.deductions if g.label == section.title), None)
                if group is not None:
                    deducted = next(
                        (
                            s.value
                            for s in result.steps
                            if s.rule == "deduction" and s.text.startswith(group.label)
                        ),
                        None,
                    )
                    text = self.tr("扣 {points} 分").format(points=format_points(-(deducted or 0)))
            section.set_progress(text)
            self.section_bar.set_progress(index, text)
