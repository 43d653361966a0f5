"""A section of the score form that folds under its header, and the bar that jumps to each section.

The bar sits above the scrolling form, so every section (the 笔录基本要素 too) stays one click or
one Alt+digit away, however long the items above it are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget


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
        self.header.setText(f"{self.title}　{text}" if text else self.title)


class SectionBar(QWidget):
    """One button per section: opens it and scrolls to it; Alt+1…Alt+9 do the same from the keyboard."""

    jump = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(2)
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
            self.row.insertWidget(index, button)
            self.buttons.append(button)
        if self.row.count() == len(self.buttons):
            self.row.addStretch(1)

    def set_progress(self, index: int, text: str) -> None:
        if index < len(self.buttons):
            self.buttons[index].setToolTip(
                " · ".join(x for x in (text, f"Alt+{index + 1}" if index < 9 else "") if x)
            )

    def _activate(self, index: int) -> None:
        if index < len(self.buttons):
            self.jump.emit(index)
