"""The station's completeness check in the desk: choose the scheme (and period), read the findings."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CaseFile, CaseRepository
from app.models.store import Store
from app.rubric import catalog
from app.rubric.scheme import Scheme
from app.station.check import Period, check_submissions
from app.ui import labels

YEAR = re.compile(r"[〔\[（(]((?:19|20)\d\d)[〕\]）)]")


def case_years(cases: list[CaseFile], fallback: int) -> tuple[int, int]:
    """The first and last year named in the cases' 文号 (环罚〔2024〕3号); ``fallback`` when none names one."""
    years = [int(m.group(1)) for c in cases if (m := YEAR.search(c.value("case_number") or ""))]
    return (min(years), max(years)) if years else (fallback, fallback)


def without_mnemonic(text: str) -> str:
    """A menu's "&File" is a column's "File"."""
    return re.sub(r"\(&\w\)|&(?=\w)", "", text)


class CheckDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("报送材料检查"))
        self.resize(980, 560)
        found, _errors = catalog.load_all(store.root)
        self.schemes = sorted((r for r in found.values() if isinstance(r, Scheme)), key=lambda s: s.id)
        self.scheme = QComboBox()
        for scheme in self.schemes:
            self.scheme.addItem(scheme.title, scheme.id)
        self.use_period = QCheckBox(self.tr("活动期间"))
        # the campaign's period is proposed from the cases' own years (文号 〔2024〕), not today's
        first, last = case_years(CaseRepository(store.db).list(), QDate.currentDate().year())
        self.start = QDateEdit(QDate(first, 1, 1))
        self.end = QDateEdit(QDate(last, 12, 31))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        run = QPushButton(self.tr("检查"))
        run.setDefault(True)
        run.clicked.connect(self.run_check)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("评选方案：")))
        top.addWidget(self.scheme, 1)
        top.addWidget(self.use_period)
        top.addWidget(self.start)
        top.addWidget(QLabel("—"))
        top.addWidget(self.end)
        top.addWidget(run)
        self.summary = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                without_mnemonic(text)
                for text in (self.tr("候选"), self.tr("问题"), self.tr("说明"), self.tr("文件"))
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # names stay whole on one line (a unit's name broke mid-word); the explanation takes the rest
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def run_check(self) -> None:
        if not self.schemes:
            self.summary.setText(self.tr("没有可用的评选方案。"))
            return
        scheme = self.schemes[self.scheme.currentIndex()]
        period = None
        if self.use_period.isChecked():
            period = Period(self.start.date().toPython(), self.end.date().toPython())
        cands, findings = check_submissions(self.store, scheme, period)
        names = {c.id: c.name for c in cands}
        self.summary.setText(
            self.tr("{candidates} 个候选，{findings} 项问题。").format(
                candidates=len(cands), findings=len(findings)
            )
        )
        self.table.setRowCount(0)
        for finding in findings:
            row = self.table.rowCount()
            self.table.insertRow(row)
            veto = finding.severity == "veto"
            english = labels.english()
            cells = [
                names.get(finding.candidate, finding.candidate),
                finding.code.replace("_", " ") if english else finding.label,
                labels.in_language(finding.zh, finding.en),
                PurePosixPath(finding.file).name if finding.file else "",
            ]
            tips = [finding.candidate, finding.code, finding.zh if english else finding.en, finding.file]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tips[column])
                if veto:
                    item.setForeground(QColor("#b00020"))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
