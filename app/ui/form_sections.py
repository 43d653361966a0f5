"""A section of the score form that folds under its header, and the bar that jumps to each section.

The bar sits above the scrolling form, so every section (the 笔录基本要素 too) stays one click or
one Alt+digit away, however long the items above it are.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QLayout, QLayoutItem, QToolButton, QVBoxLayout, QWidget


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto the next line when the width runs out.

    The 2024 case sheets have four sections with long titles; in one row they made the form wider than
    its pane at 1366 px, taking the page's share of the window.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self.spacing(), 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            line = max(line, hint.height())
        return y + line - rect.y()


class FoldingSection(QWidget):
    """A header button (▸/▾, title, progress) over a body that it shows or hides."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.header = QToolButton()
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.header.setStyleSheet("QToolButton { border: none; font-weight: bold; font-size: 13px; }")
        self.header.setText(title)
        # narrower than its text if need be: the text then goes onto two lines (``_fit_header``), so a
        # long title and its progress never make the form wider than its pane
        self.header.setMinimumWidth(40)
        self._progress = ""
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(8, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.body)
        self.header.toggled.connect(self._show)

    def _show(self, on: bool) -> None:
        self.body.setVisible(on)
        self.header.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def set_open(self, on: bool) -> None:
        self.header.setChecked(on)
        self._show(on)

    def set_progress(self, text: str) -> None:
        self._progress = text
        self._fit_header()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_header()

    def _fit_header(self) -> None:
        """Title and progress on one line where they fit, else the progress under the title."""
        metrics = self.header.fontMetrics()
        room = max(40, self.width() - 32)  # the arrow and the button's padding
        one_line = f"{self.title}　{self._progress}" if self._progress else self.title
        if metrics.horizontalAdvance(one_line) <= room:
            text = one_line
        else:
            title = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, room)
            progress = metrics.elidedText(self._progress, Qt.TextElideMode.ElideRight, room)
            text = f"{title}\n{progress}" if self._progress else title
        self.header.setToolTip(one_line if text != one_line else "")
        if text != self.header.text():
            self.header.setText(text)


class SectionBar(QWidget):
    """One button per section: opens it and scrolls to it; Alt+1…Alt+9 do the same from the keyboard."""

    jump = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = FlowLayout(self)
        self.buttons: list[QToolButton] = []
        self.shortcuts: list[QShortcut] = []
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), parent or self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda n=number - 1: self._activate(n))
            self.shortcuts.append(shortcut)

    def set_sections(self, titles: list[str]) -> None:
        for button in self.buttons:
            self.row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for index, title in enumerate(titles):
            button = QToolButton()
            button.setAutoRaise(True)
            button.setText(f"{index + 1} {title}" if index < 9 else title)
            button.setToolTip(f"Alt+{index + 1}" if index < 9 else "")
            button.clicked.connect(lambda _c=False, n=index: self.jump.emit(n))
            self.row.addWidget(button)
            self.buttons.append(button)

    def set_progress(self, index: int, text: str) -> None:
        if index < len(self.buttons):
            self.buttons[index].setToolTip(
                " · ".join(x for x in (text, f"Alt+{index + 1}" if index < 9 else "") if x)
            )

    def _activate(self, index: int) -> None:
        if index < len(self.buttons):
            self.jump.emit(index)
