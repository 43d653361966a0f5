"""The centre pane: a tool row (zoom, fit, turn, find), page thumbnails and the page view.

Find searches the case's stored page text — the text layer or the OCR of a scan — so scanned pages
are found too; matches are drawn on the pages and Enter / Shift+Enter (F3 / Shift+F3) step through
them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.analysis.find import Match
from app.ui.page_view import PageView

THUMB_WIDTH = 96


class ThumbnailStrip(QListWidget):
    """One small picture per page, drawn only when scrolled into view."""

    def __init__(self, view: PageView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListWidget.Movement.Static)
        self.setIconSize(QSize(THUMB_WIDTH, int(THUMB_WIDTH * 1.42)))
        self.setSpacing(4)
        self.setFixedWidth(THUMB_WIDTH + 36)
        self._drawn: set[int] = set()
        self._timer = QTimer(self, singleShot=True, interval=30)
        self._timer.timeout.connect(self.draw_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())
        self.itemClicked.connect(lambda item: view.go_to_page(self.row(item) + 1))

    def load_pages(self, pages: int) -> None:
        self.clear()
        self._drawn.clear()
        blank = QPixmap(self.iconSize())
        blank.fill(Qt.GlobalColor.white)
        for number in range(1, pages + 1):
            QListWidgetItem(QIcon(blank), str(number), self)  # owned by the list, not by Python
        self._timer.start()

    def redraw(self) -> None:
        self._drawn.clear()
        self._timer.start()

    def draw_visible(self) -> None:
        if not self.isVisible() or self.count() == 0:
            return
        viewport = self.viewport().rect()
        for row in range(self.count()):
            item = self.item(row)
            if row in self._drawn or not self.visualItemRect(item).intersects(viewport):
                continue
            self._drawn.add(row)
            item.setIcon(QIcon(QPixmap.fromImage(self.view.thumbnail(row, THUMB_WIDTH))))

    def follow(self, page: int) -> None:
        if 1 <= page <= self.count():
            self.setCurrentRow(page - 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()


class FindBox(QLineEdit):
    """As wide as its whole placeholder wants ("Fin…" was all English showed), narrower only when cramped."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        wanted = self.fontMetrics().horizontalAdvance(self.placeholderText()) + 48
        return QSize(max(hint.width(), wanted), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(120, super().minimumSizeHint().height())


class ViewerPane(QWidget):
    def __init__(
        self, view: PageView, finder: Callable[[str], list[Match]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.finder = finder
        self.matches: list[Match] = []
        self.current = -1
        self.thumbnails = ThumbnailStrip(view)
        self.thumbnails.setVisible(False)
        tools = QHBoxLayout()
        tools.setContentsMargins(4, 2, 4, 2)
        self.tool_buttons: list[QToolButton] = []
        for slot in (
            lambda: view.zoom_by(-1),
            lambda: view.zoom_by(1),
            lambda: view.set_zoom_mode("width"),
            lambda: view.set_zoom_mode("page"),
            self._rotate,
            self.toggle_thumbnails,
        ):
            button = QToolButton()
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            tools.addWidget(button)
            self.tool_buttons.append(button)
        # the zoom in force, read as a status (grey, no frame), not as one more button beside them
        self.zoom_label = QLabel(view.zoom_text())
        self.zoom_label.setMinimumWidth(56)
        self.zoom_label.setStyleSheet("color: #666; font-style: italic; padding-left: 6px;")
        view.zoom_changed.connect(self.zoom_label.setText)
        tools.addWidget(self.zoom_label)
        tools.addStretch(1)
        self.find_box = FindBox()
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(340)
        self.find_box.returnPressed.connect(self._enter)
        self.find_box.textChanged.connect(lambda _t: self._debounce.start())
        self.find_status = QLabel()
        self.find_status.setMinimumWidth(70)
        tools.addWidget(self.find_box)
        tools.addWidget(self.find_status)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.search)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.thumbnails)
        body.addWidget(view, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(tools)
        layout.addLayout(body, 1)
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.thumbnails.follow(view.current_page()))
        self.retranslate()
        for keys, slot in (
            ("Ctrl+F", self.focus_find),
            ("F3", lambda: self.step(1)),
            ("Shift+F3", lambda: self.step(-1)),
            ("Ctrl+=", lambda: view.zoom_by(1)),
            ("Ctrl++", lambda: view.zoom_by(1)),
            ("Ctrl+-", lambda: view.zoom_by(-1)),
            ("Ctrl+0", lambda: view.set_zoom_mode("width")),
            ("Ctrl+9", lambda: view.set_zoom_mode("page")),
            ("Ctrl+R", self._rotate),
            ("Ctrl+T", self.toggle_thumbnails),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    def retranslate(self) -> None:
        texts = (
            ("−", self.tr("缩小 (Ctrl+-)")),
            ("+", self.tr("放大 (Ctrl+=)")),
            (self.tr("适合宽度"), self.tr("适合宽度 (Ctrl+0)")),
            (self.tr("适合页面"), self.tr("适合页面 (Ctrl+9)")),
            ("⟳", self.tr("顺时针旋转 (Ctrl+R)")),
            (self.tr("缩略图"), self.tr("显示或隐藏缩略图 (Ctrl+T)")),
        )
        for button, (text, tip) in zip(self.tool_buttons, texts, strict=True):
            button.setText(text)
            button.setToolTip(tip)
        self.zoom_label.setText(self.view.zoom_text())
        placeholder = self.tr("在本案卷中查找（含扫描页）Ctrl+F")
        self.find_box.setPlaceholderText(placeholder)
        self.find_box.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- called by the window when a case opens ---------------------------------------------------

    def document_opened(self) -> None:
        self.thumbnails.load_pages(self.view.page_count)
        self.matches, self.current = [], -1
        if self.find_box.text().strip():
            self.search()
        else:
            self.find_status.clear()

    # -- tools ------------------------------------------------------------------------------------

    def _rotate(self) -> None:
        self.view.rotate(90)
        self.thumbnails.redraw()

    def toggle_thumbnails(self) -> None:
        self.thumbnails.setVisible(not self.thumbnails.isVisible())

    def focus_find(self) -> None:
        self.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_box.selectAll()

    def _enter(self) -> None:
        from PySide6.QtWidgets import QApplication

        backwards = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self._debounce.isActive():
            self._debounce.stop()
            self.search()
            return
        self.step(-1 if backwards else 1)

    def search(self) -> None:
        query = self.find_box.text().strip()
        self.matches = self.finder(query) if query else []
        self.current = -1
        if not query:
            self.find_status.clear()
            self.view.set_matches({}, None)
            return
        if not self.matches:
            self.find_status.setText(self.tr("未找到"))
            self.view.set_matches({}, None)
            return
        here = self.view.current_page()
        self.current = next((i for i, m in enumerate(self.matches) if m.page >= here), 0)
        self._show_current()

    def step(self, delta: int) -> None:
        if not self.matches:
            self.search()
            return
        self.current = (self.current + delta) % len(self.matches)
        self._show_current()

    def _show_current(self) -> None:
        by_page: dict[int, list] = {}
        position: tuple[int, int] | None = None
        for index, match in enumerate(self.matches):
            boxes = by_page.setdefault(match.page, [])
            if index == self.current:
                position = (match.page, len(boxes))
            boxes.append(match.box)
        self.view.set_matches(by_page, position)
        match = self.matches[self.current]
        self.find_status.setText(f"{self.current + 1} / {len(self.matches)}")
        self.view.show_box(match.page, match.box)
