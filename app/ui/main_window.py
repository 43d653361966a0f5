"""The desk's main window: case queue | page viewer | scoring form and case information.

Sizes, position, the case and the page are remembered, so a desk killed at any moment reopens where
the expert was; every score is already in the store.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CaseFile, CaseRepository
from app.models.documents import TRANSCRIPT_KINDS, DocumentRepository
from app.models.scores import ScoreRepository
from app.models.store import Store
from app.rubric import catalog
from app.rubric.model import Rubric
from app.ui.case_info import CaseInfo
from app.ui.case_table import CaseTableModel
from app.ui.page_view import PageView
from app.ui.score_form import ScoreForm

DEFAULT_RUBRIC = "transcripts-2024"
SHORTCUTS = [
    ("F8 / Shift+F8", "下一份 / 上一份未完成的案卷"),
    ("Ctrl+Enter", "完成本案卷并打开下一份"),
    ("Tab / Shift+Tab", "在评分项之间移动；数字键直接给分"),
    ("Ctrl+Z / Ctrl+Shift+Z", "撤销 / 重做"),
    ("PgDn / PgUp", "下一页 / 上一页"),
    ("F1", "本快捷键表"),
]


class MainWindow(QMainWindow):
    first_page_shown = Signal()

    def __init__(self, store: Store, settings: QSettings, expert: str = "") -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.repository = CaseRepository(store.db)
        self.documents = DocumentRepository(store.db)
        self.scores = ScoreRepository(store.db, expert or "expert")
        self.rubrics = {r.id: r for r in catalog.load_all(store.root)[0].values() if isinstance(r, Rubric)}
        self.setWindowTitle(self.tr("案卷评审台 ReviewDesk"))
        self.model = CaseTableModel()
        self.queue = QTableView()
        self.queue.setModel(self.model)
        self.queue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue.verticalHeader().hide()
        self.queue.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.queue.horizontalHeader().setStretchLastSection(True)
        self.queue.setAlternatingRowColors(True)
        self.viewer = PageView()
        self.info = CaseInfo()
        self.form = ScoreForm(self.scores)
        self.rubric_choice = QComboBox()
        for rubric in sorted(self.rubrics.values(), key=lambda r: r.id):
            self.rubric_choice.addItem(rubric.title, rubric.id)
        wanted = str(self.settings.value("desk/rubric", DEFAULT_RUBRIC))
        self.rubric_choice.setCurrentIndex(max(0, self.rubric_choice.findData(wanted)))
        self.rubric_choice.currentIndexChanged.connect(self._rubric_changed)
        scoring = QWidget()
        scoring_layout = QVBoxLayout(scoring)
        scoring_layout.setContentsMargins(0, 0, 0, 0)
        scoring_layout.addWidget(self.rubric_choice)
        scoring_layout.addWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(scoring, self.tr("评分"))
        self.tabs.addTab(self.info, self.tr("文书与信息"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        self.queue_title = QLabel()
        left_layout.addWidget(self.queue_title)
        left_layout.addWidget(self.queue)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.viewer)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.page_label = QLabel()
        self.statusBar().addPermanentWidget(self.page_label)
        self._add_actions()
        self.queue.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._open_row(cur.row()))
        self.viewer.page_shown.connect(self._on_page_shown)
        self.viewer.verticalScrollBar().valueChanged.connect(self._page_moved)
        self.info.page_requested.connect(self.viewer.go_to_page)
        self.form.page_requested.connect(self.viewer.go_to_page)
        self.form.completed.connect(self._completed)
        self.form.changed.connect(self._form_changed)
        self._first_page_reported = False
        self._target_page = 1
        self._restore_layout()
        self.reload_cases()

    @property
    def rubric(self) -> Rubric:
        return self.rubrics[self.rubric_choice.currentData()]

    def _add_actions(self) -> None:
        for text, keys, slot in (
            (self.tr("下一份未完成的案卷"), [QKeySequence(Qt.Key.Key_F8)], lambda: self.step_unfinished(1)),
            (
                self.tr("上一份未完成的案卷"),
                [QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F8)],
                lambda: self.step_unfinished(-1),
            ),
            (self.tr("下一页"), [QKeySequence(Qt.Key.Key_PageDown)], lambda: self._page(1)),
            (self.tr("上一页"), [QKeySequence(Qt.Key.Key_PageUp)], lambda: self._page(-1)),
            (
                self.tr("完成并打开下一份"),
                [
                    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
                    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter),
                ],
                self.form.complete,
            ),
            (self.tr("撤销"), [QKeySequence.StandardKey.Undo], self.form.undo),
            (self.tr("重做"), [QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")], self.form.redo),
            (self.tr("快捷键"), [QKeySequence(Qt.Key.Key_F1)], self.show_shortcuts),
        ):
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, self.tr("快捷键"), f"<table>{rows}</table>")

    def reload_cases(self) -> None:
        cases = self.repository.list()
        self.model.set_cases(cases, self.scores.statuses(self.rubric.id))
        self.queue_title.setText(self.tr("案卷队列（{count} 份）").format(count=len(cases)))
        if not cases:
            self.info.show_case(None)
            return
        last = int(self.settings.value("desk/last_case", 0) or 0)
        row = self.model.row_of(last)
        self.queue.selectRow(row if row is not None else 0)

    def current_case(self) -> CaseFile | None:
        row = self.queue.currentIndex().row()
        return self.model.case_at(row) if row >= 0 else None

    def _open_row(self, row: int) -> None:
        if row < 0:
            return
        case = self.model.case_at(row)
        transcripts = self.documents.facts(case.sha256)
        self.info.show_case(case, transcripts)
        self.form.load(case, self.rubric, transcripts)
        same_case = int(self.settings.value("desk/last_case", 0) or 0) == case.id
        remembered = int(self.settings.value("desk/last_page", 0) or 0) if same_case else 0
        self.settings.setValue("desk/last_case", case.id)
        self.viewer.open(self._blob_path(case))
        transcript = next((d for d in case.documents if d.kind in TRANSCRIPT_KINDS), None)
        self._target_page = remembered or (transcript.first_page if transcript else 1)
        if self._target_page > 1:
            # after layout, so the page's position is known
            QTimer.singleShot(0, lambda: self.viewer.go_to_page(self._target_page))
        self._update_page_label()

    def _rubric_changed(self) -> None:
        self.settings.setValue("desk/rubric", self.rubric.id)
        self.model.set_cases(self.repository.list(), self.scores.statuses(self.rubric.id))
        case = self.current_case()
        row = self.queue.currentIndex().row()
        if case is not None:
            self._open_row(row)

    def _blob_path(self, case: CaseFile) -> Path:
        return self.store.blobs.path_for(case.sha256)

    def step_unfinished(self, delta: int) -> None:
        """The next (or previous) case not yet complete, wrapping around."""
        count = self.model.rowCount()
        start = self.queue.currentIndex().row()
        for offset in range(1, count + 1):
            row = (start + delta * offset) % count
            if self.model.status_of(row) != "complete":
                self.queue.selectRow(row)
                return

    def _completed(self, case_id: int) -> None:
        self.model.set_status(case_id, "complete")
        self.step_unfinished(1)

    def _form_changed(self) -> None:
        if self.form.sheet is not None:
            self.model.set_status(self.form.sheet.case_id, self.form.sheet.status)

    def _page(self, delta: int) -> None:
        self.viewer.go_to_page(self.viewer.current_page() + delta)

    def _on_page_shown(self, page: int) -> None:
        if page == self._target_page and not self._first_page_reported:
            self._first_page_reported = True
            self.first_page_shown.emit()

    def _page_moved(self) -> None:
        self._update_page_label()
        if self.viewer.page_count:
            self.settings.setValue("desk/last_page", self.viewer.current_page())

    def _update_page_label(self) -> None:
        if self.viewer.page_count:
            self.page_label.setText(f"第 {self.viewer.current_page()} / {self.viewer.page_count} 页")

    def _restore_layout(self) -> None:
        geometry = self.settings.value("desk/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        state = self.settings.value("desk/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([380, 560, 426])

    def closeEvent(self, event) -> None:
        self.settings.setValue("desk/geometry", self.saveGeometry())
        self.settings.setValue("desk/splitter", self.splitter.saveState())
        self.settings.sync()
        self.viewer.close_document()
        super().closeEvent(event)
