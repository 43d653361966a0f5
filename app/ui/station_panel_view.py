"""The panel in the desk: cases × experts with spread and adjudication marks, rankings, missing reviews.

Everything shown comes from ``app.aggregate.panel.build_panel``, the same report the command line
prints; the lead's decision is recorded through ``app.aggregate.adjudication`` (no SQL here).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.aggregate import adjudication
from app.aggregate.panel import CaseResult, PanelReport, Settings, build_panel
from app.errors import KnownError
from app.models.store import Store
from app.rubric import catalog
from app.rubric.rounding import format_points
from app.rubric.scheme import Scheme

STATUS_COLORS = {"flagged": "#f8d7a8", "rereview": "#f3e3a0", "decided": "#cfe8cf"}


def _item(text: object, align_right: bool = False) -> QTableWidgetItem:
    shown = format_points(text) if isinstance(text, Decimal) else ("" if text is None else str(text))
    item = QTableWidgetItem(shown)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class AdjudicationDialog(QDialog):
    """The lead's decision on one case: the score that stands, or re-review by named experts; a reason."""

    def __init__(
        self, case: CaseResult, assigned: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.case = case
        self.setWindowTitle(self.tr("裁定：{case}").format(case=case.label))
        scores = "；".join(f"{s.name} {format_points(s.score)}" for s in case.scores)
        self.stands = QRadioButton(self.tr("认定得分"))
        self.again = QRadioButton(self.tr("要求复评"))
        self.stands.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.stands)
        choice.addButton(self.again)
        self.score = QDoubleSpinBox()
        self.score.setDecimals(2)
        self.score.setSingleStep(0.5)
        self.score.setRange(0, float(case.rubric_total))
        self.score.setValue(float(case.final))
        self.experts = QListWidget()
        names = {s.name for s in case.scores} | {name for _id, name in assigned}
        for name in sorted(names):
            entry = QListWidgetItem(name)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.experts.addItem(entry)
        self.experts.setMaximumHeight(110)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("裁定理由（必填，记入历史和签名的评审结果）"))
        form = QFormLayout()
        form.addRow(self.tr("各专家评分："), QLabel(scores))
        form.addRow(
            self.tr("合议分 / 分差："),
            QLabel(f"{format_points(case.combined or case.final)} / {format_points(case.spread)}"),
        )
        form.addRow(self.stands, self.score)
        form.addRow(self.again, self.experts)
        form.addRow(self.tr("理由："), self.reason)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[Decimal | None, list[str], str]:
        """(score or None, experts asked to review again, reason) as entered."""
        reason = self.reason.toPlainText().strip()
        if self.stands.isChecked():
            return Decimal(str(round(self.score.value(), 2))), [], reason
        names = [
            self.experts.item(i).text()
            for i in range(self.experts.count())
            if self.experts.item(i).checkState() == Qt.CheckState.Checked
        ]
        return None, names, reason


class PanelView(QWidget):
    """Tabs: 案卷 × 专家, 排名, 未交评审; the lead adjudicates from the case table."""

    changed = Signal()

    def __init__(self, store: Store, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.user = user
        self.panel: PanelReport | None = None
        self.settings = Settings()
        found, _errors = catalog.load_all(store.root)
        self.schemes = sorted((r for r in found.values() if isinstance(r, Scheme)), key=lambda s: s.id)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.cases = QTableWidget()
        self.cases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cases.doubleClicked.connect(lambda _index: self.adjudicate_selected())
        self.adjudicate_button = QPushButton(self.tr("裁定所选案卷…"))
        self.adjudicate_button.clicked.connect(self.adjudicate_selected)
        self.scheme = QComboBox()
        self.scheme.addItem(self.tr("（不计算候选得分）"), "")
        for scheme in self.schemes:
            self.scheme.addItem(scheme.title, scheme.id)
        self.scheme.currentIndexChanged.connect(lambda _i: self.refresh())
        self.scheme_inputs: dict[str, Any] = {}
        inputs_button = QPushButton(self.tr("方案所需数据…"))
        inputs_button.setToolTip(self.tr("JSON 文件：各候选的案件数、罚款额、得票等（格式见 README）"))
        inputs_button.clicked.connect(self._choose_scheme_inputs)
        self.rankings = QTableWidget()
        self.rankings_note = QLabel()
        self.rankings_note.setWordWrap(True)
        self.missing = QTableWidget()
        self.tabs = QTabWidget()
        case_page = QWidget()
        case_layout = QVBoxLayout(case_page)
        case_layout.addWidget(self.cases)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("橙色：分差超过容限待裁定；黄色：待复评；绿色：已裁定。双击裁定。")))
        row.addStretch(1)
        row.addWidget(self.adjudicate_button)
        case_layout.addLayout(row)
        rank_page = QWidget()
        rank_layout = QVBoxLayout(rank_page)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("评选方案：")))
        top.addWidget(self.scheme, 1)
        top.addWidget(inputs_button)
        rank_layout.addLayout(top)
        rank_layout.addWidget(self.rankings_note)
        rank_layout.addWidget(self.rankings)
        self.tabs.addTab(case_page, self.tr("案卷 × 专家"))
        self.tabs.addTab(rank_page, self.tr("排名"))
        self.tabs.addTab(self.missing, self.tr("未交评审"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs)

    # -- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        scheme_id = self.scheme.currentData()
        scheme = next((s for s in self.schemes if s.id == scheme_id), None)
        self.rankings_note.clear()
        try:
            self.panel = build_panel(self.store, self.settings, scheme, self.scheme_inputs)
        except KnownError as error:
            self.panel = build_panel(self.store, self.settings)
            self.rankings_note.setText(error.zh)
        self._fill_cases(self.panel)
        self._fill_rankings(self.panel)
        self._fill_missing(self.panel)
        flagged = sum(1 for c in self.panel.cases if c.status == "flagged")
        self.summary.setText(
            self.tr(
                "已收到 {cases} 份案卷的评分，{experts} 位专家；待裁定 {flagged} 份，未交评审 {missing} 项。"
            ).format(
                cases=len(self.panel.cases),
                experts=len(self.panel.experts),
                flagged=flagged,
                missing=len(self.panel.missing),
            )
        )

    def _fill_cases(self, panel: PanelReport) -> None:
        experts = panel.experts
        header = [
            self.tr("案卷"),
            *[e.name for e in experts],
            self.tr("合议分"),
            self.tr("分差"),
            self.tr("裁定"),
            self.tr("得分"),
        ]
        self.cases.clear()
        self.cases.setColumnCount(len(header))
        self.cases.setHorizontalHeaderLabels(header)
        self.cases.setRowCount(len(panel.cases))
        marks = {
            "ok": "",
            "flagged": self.tr("待裁定"),
            "rereview": self.tr("待复评"),
            "decided": self.tr("已裁定"),
        }
        for row, case in enumerate(panel.cases):
            by_expert = {s.fingerprint: s.score for s in case.scores}
            cells: list[Any] = [case.label, *[by_expert.get(e.fingerprint) for e in experts]]
            cells += [case.combined, case.spread, marks[case.status], case.final]
            for column, value in enumerate(cells):
                item = _item(value, align_right=column > 0 and column != len(cells) - 2)
                color = STATUS_COLORS.get(case.status)
                if color:
                    item.setBackground(QColor(color))
                self.cases.setItem(row, column, item)
        self.cases.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.cases.resizeColumnsToContents()
        self.cases.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _fill_rankings(self, panel: PanelReport) -> None:
        header = [self.tr("级别"), self.tr("名次"), self.tr("候选"), self.tr("总分"), self.tr("入选")]
        self.rankings.clear()
        self.rankings.setColumnCount(len(header))
        self.rankings.setHorizontalHeaderLabels(header)
        ranked = []
        if panel.candidates is not None:
            ranked = sorted(panel.candidates.candidates, key=lambda c: (c.level, c.rank or 10**6))
        self.rankings.setRowCount(len(ranked))
        for row, cand in enumerate(ranked):
            values = [
                cand.level or "—",
                cand.rank,
                cand.name,
                cand.total,
                self.tr("是") if cand.selected else "",
            ]
            for column, value in enumerate(values):
                self.rankings.setItem(row, column, _item(value, align_right=column in (1, 3)))
        self.rankings.resizeColumnsToContents()
        self.rankings.horizontalHeader().setStretchLastSection(True)

    def _fill_missing(self, panel: PanelReport) -> None:
        header = [self.tr("专家编号"), self.tr("专家"), self.tr("案卷"), self.tr("评审包已发出")]
        self.missing.clear()
        self.missing.setColumnCount(len(header))
        self.missing.setHorizontalHeaderLabels(header)
        self.missing.setRowCount(len(panel.missing))
        for row, item in enumerate(panel.missing):
            sent = self.tr("是") if item["packet_sent"] else self.tr("否")
            for column, value in enumerate([item["expert_id"], item["expert"], item["case"], sent]):
                self.missing.setItem(row, column, _item(value))
        self.missing.resizeColumnsToContents()
        self.missing.horizontalHeader().setStretchLastSection(True)

    def _choose_scheme_inputs(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("方案所需数据"), "", self.tr("JSON (*.json)")
        )
        if name:
            self.load_scheme_inputs(Path(name))

    def load_scheme_inputs(self, path: Path) -> None:
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.rankings_note.setText(self.tr("无法读取 {path}：{error}").format(path=path, error=exc))
            return
        self.scheme_inputs = loaded if isinstance(loaded, dict) else {}
        self.refresh()

    # -- adjudication ---------------------------------------------------------------------------

    def selected_case(self) -> CaseResult | None:
        rows = self.cases.selectionModel().selectedRows() if self.cases.selectionModel() else []
        if not rows or self.panel is None:
            return None
        return self.panel.cases[rows[0].row()]

    def adjudicate_selected(self) -> None:
        case = self.selected_case()
        if case is None:
            return
        dialog = AdjudicationDialog(case, adjudication.assigned_experts(self.store, case), self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            score, experts, reason = dialog.chosen()
            try:
                self.record(case, score, experts, reason)
                return
            except KnownError as error:
                dialog.error.setText(error.zh)

    def record(self, case: CaseResult, score: Decimal | None, experts: list[str], reason: str) -> None:
        """Checked as on the command line; raises KnownError with the reason it was refused."""
        if score is not None:
            score = adjudication.parse_score(str(score), case)
        elif experts:
            experts = adjudication.match_experts(
                experts, case, adjudication.assigned_experts(self.store, case)
            )
        adjudication.record(self.store, case, reason, self.user, score, experts or None)
        self.refresh()
        self.changed.emit()

    def case_row(self, label_end: str) -> int:
        """The row of the case whose label ends with ``label_end`` (a 文号), or −1."""
        assert self.panel is not None
        return next((i for i, c in enumerate(self.panel.cases) if c.label.endswith(label_end)), -1)


def save_outputs(store: Store, panel: PanelReport, folder: Path) -> list[Path]:
    """The panel's xlsx and PDF and every bureau's findings, into ``folder``."""
    from app.aggregate.findings import case_findings
    from app.reports.findings_files import write_findings
    from app.reports.panel_pdf import write_panel_pdf
    from app.reports.panel_xlsx import write_panel_xlsx

    folder.mkdir(parents=True, exist_ok=True)
    write_panel_xlsx(panel, folder / "专家评分汇总.xlsx")
    write_panel_pdf(panel, folder / "专家评分汇总.pdf")
    written = [folder / "专家评分汇总.xlsx", folder / "专家评分汇总.pdf"]
    return written + write_findings(case_findings(store, panel), folder / "评查意见")
