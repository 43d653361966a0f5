"""The case queue: the table of case files, its filter (words and status), and a hint when it is empty.

Filtering is a ``QSortFilterProxyModel`` over ``CaseTableModel``, so the window never hides rows by
hand and the view can be sorted by any column; the rest of the desk speaks in case ids, not rows.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.cases import CaseFile
from app.ui.case_table import UNIT_COLUMN, CaseTableModel
from app.ui.other_sheets import OtherSheet

Index = QModelIndex | QPersistentModelIndex


class CaseFilter(QSortFilterProxyModel):
    """Rows whose shown text holds every word typed, and whose status is the one chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.status: str | None = None

    def set_filter(self, text: str, status: str | None) -> None:
        self.beginFilterChange()
        self.words, self.status = text.split(), status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def status_changed(self) -> None:
        """A case's status changed: only a status filter can show or hide it."""
        if self.status is not None:
            self.set_filter(" ".join(self.words), self.status)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseTableModel)
        if self.status is not None and (model.status_of(source_row) == "complete") != (
            self.status == "complete"
        ):
            return False
        text = model.row_text(source_row)
        return all(word in text for word in self.words)


class CaseQueue(QWidget):
    """Emits ``case_chosen`` with the case id (or -1) when the expert moves to another case."""

    case_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel()
        self.proxy = CaseFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(UNIT_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # every row two lines high (status over 推/抽, unit over type), set once: sizing each row to
        # its contents costs a pass over every case
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.table.fontMetrics().lineSpacing() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.viewport().installEventFilter(self)
        self.model.modelReset.connect(self.fit_columns)
        self.model.dataChanged.connect(lambda *_a: self.fit_columns())
        self.title = QLabel()
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self.apply_filter())
        self.status = QComboBox()
        for _label, data in self._status_choices():
            self.status.addItem("", data)
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #555; font-size: 14px; padding: 16px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_hint)
        # the title shares its row with the status choice; the filter has a row of its own, so its
        # placeholder is whole even in a queue as narrow as it is at 1366 px
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.stack)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._chosen())
        self.retranslate()

    def _status_choices(self) -> list[tuple[str, str | None]]:
        return [(self.tr("全部"), None), (self.tr("未完成"), "open"), (self.tr("已完成"), "complete")]

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("筛选… (Ctrl+L)"))  # whole even in a narrow queue
        self.filter.setToolTip(self.tr("筛选：单位、文号、类型、状态… (Ctrl+L)"))
        for index, (label, _data) in enumerate(self._status_choices()):
            self.status.setItemText(index, label)
        self.empty_hint.setText(
            self.tr("还没有案卷。\n\n按 Ctrl+O 导入光盘文件夹，\n或把光盘、映像、压缩包\n或 PDF 拖到窗口上。")
        )
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._update_title()

    def fit_columns(self) -> None:
        """Unit over type as wide as it needs, but no wider than the view has left beside the status.

        Elided beyond that (the tooltip has them whole); the columns after it are a scroll away.
        """
        view = self.table.viewport().width()
        header = self.table.horizontalHeader()
        status = max(self.table.sizeHintForColumn(0), header.sectionSizeHint(0))
        self.table.setColumnWidth(0, min(status, view // 2))  # a long status elides, the unit stays
        wanted = self.table.sizeHintForColumn(UNIT_COLUMN)
        header_wanted = header.sectionSizeHint(UNIT_COLUMN)
        left = view - self.table.columnWidth(0)
        self.table.setColumnWidth(UNIT_COLUMN, max(min(max(wanted, header_wanted), left), 48))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the view's own width: it changes with the pane, and when a vertical scroll bar comes or goes
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- contents -------------------------------------------------------------------------------------

    def set_cases(
        self,
        cases: list[CaseFile],
        statuses: dict[int, str],
        elsewhere: dict[int, list[OtherSheet]] | None = None,
    ) -> None:
        """New contents; the case that was current stays current (without a second ``case_chosen``)."""
        current = self.current_case()
        self.table.selectionModel().blockSignals(True)
        self.model.set_cases(cases, statuses, elsewhere)
        self.stack.setCurrentWidget(self.table if cases else self.empty_hint)
        if current is not None:
            self.select_case(current.id)
        self.table.selectionModel().blockSignals(False)
        self._update_title()

    def set_status(self, case_id: int, status: str, elsewhere: list[OtherSheet] | None = None) -> None:
        if elsewhere is not None:
            self.model.set_elsewhere(case_id, elsewhere)
        self.model.set_status(case_id, status)
        self.proxy.status_changed()

    def apply_filter(self) -> None:
        self.proxy.set_filter(self.filter.text(), self.status.currentData())
        self._update_title()

    def _update_title(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        text = self.tr("案卷队列（{count} 份）").format(count=total)
        if shown != total:
            text += self.tr("，显示 {shown} 份").format(shown=shown)
        self.title.setText(text)

    # -- the current case -------------------------------------------------------------------------------

    def current_case(self) -> CaseFile | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.case_at(index.row()) if index.isValid() else None

    def select_case(self, case_id: int) -> bool:
        """Make ``case_id`` current if it is shown; False when it is not in the queue or filtered out."""
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        return True

    def shown_cases(self) -> list[CaseFile]:
        """The cases in the order the expert sees them."""
        return [
            self.model.case_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            for row in range(self.proxy.rowCount())
        ]

    def step_unfinished(self, delta: int) -> None:
        """The next (or previous) shown case not yet complete, wrapping around."""
        shown = self.shown_cases()
        if not shown:
            return
        current = self.current_case()
        start = next((i for i, c in enumerate(shown) if current and c.id == current.id), -1)
        for offset in range(1, len(shown) + 1):
            case = shown[(start + delta * offset) % len(shown)]
            if self.model.status_of(self.model.row_of(case.id) or 0) != "complete":
                self.select_case(case.id)
                return

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def _chosen(self) -> None:
        case = self.current_case()
        self.case_chosen.emit(case.id if case else -1)
