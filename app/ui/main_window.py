"""The desk's main window: case queue | page viewer | case pane, with sizes and position remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CaseFile, CaseRepository
from app.models.documents import DocumentRepository
from app.models.store import Store
from app.ui.case_info import CaseInfo
from app.ui.case_table import CaseTableModel
from app.ui.page_view import PageView


class MainWindow(QMainWindow):
    first_page_shown = Signal()

    def __init__(self, store: Store, settings: QSettings) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.repository = CaseRepository(store.db)
        self.documents = DocumentRepository(store.db)
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
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        self.queue_title = QLabel()
        left_layout.addWidget(self.queue_title)
        left_layout.addWidget(self.queue)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.viewer)
        self.splitter.addWidget(self.info)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.page_label = QLabel()
        self.statusBar().addPermanentWidget(self.page_label)
        self._add_actions()
        self.queue.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._open_row(cur.row()))
        self.viewer.page_shown.connect(self._on_page_shown)
        self.info.page_requested.connect(self.viewer.go_to_page)
        self.viewer.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self._first_page_reported = False
        self._target_page = 1
        self._restore_layout()
        self.reload_cases()

    def _add_actions(self) -> None:
        for text, keys, slot in (
            (self.tr("下一份案卷"), QKeySequence(Qt.Key.Key_F8), lambda: self._step(1)),
            (self.tr("上一份案卷"), QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F8), lambda: self._step(-1)),
            (self.tr("下一页"), QKeySequence(Qt.Key.Key_PageDown), lambda: self._page(1)),
            (self.tr("上一页"), QKeySequence(Qt.Key.Key_PageUp), lambda: self._page(-1)),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            self.addAction(action)

    def reload_cases(self) -> None:
        cases = self.repository.list()
        self.model.set_cases(cases)
        self.queue_title.setText(self.tr("案卷队列（{count} 份）").format(count=len(cases)))
        if not cases:
            self.info.show_case(None)
            return
        last = int(self.settings.value("desk/last_case", 0) or 0)
        row = self.model.row_of(last)
        self.queue.selectRow(row if row is not None else 0)

    def _open_row(self, row: int) -> None:
        if row < 0:
            return
        case = self.model.case_at(row)
        self.info.show_case(case, self.documents.facts(case.sha256))
        self.settings.setValue("desk/last_case", case.id)
        self.viewer.open(self._blob_path(case))
        transcript = next(
            (d for d in case.documents if d.kind in ("inspection_record", "inquiry_record")), None
        )
        self._target_page = transcript.first_page if transcript else 1
        if transcript is not None:
            # after layout, so the page's position is known
            QTimer.singleShot(0, lambda: self.viewer.go_to_page(self._target_page))
        self._update_page_label()

    def _blob_path(self, case: CaseFile) -> Path:
        return self.store.blobs.path_for(case.sha256)

    def _step(self, delta: int) -> None:
        row = self.queue.currentIndex().row() + delta
        if 0 <= row < self.model.rowCount():
            self.queue.selectRow(row)

    def _page(self, delta: int) -> None:
        self.viewer.go_to_page(self.viewer.current_page() + delta)

    def _on_page_shown(self, page: int) -> None:
        if page == self._target_page and not self._first_page_reported:
            self._first_page_reported = True
            self.first_page_shown.emit()

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
            self.splitter.setSizes([420, 620, 326])

    def closeEvent(self, event) -> None:
        self.settings.setValue("desk/geometry", self.saveGeometry())
        self.settings.setValue("desk/splitter", self.splitter.saveState())
        self.viewer.close_document()
        super().closeEvent(event)
