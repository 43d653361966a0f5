"""Evidence on an item: "page 7" (and the text found there), one click back to that page."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class EvidenceLink(QWidget):
    """Shows an item's evidence as a link; ``cite`` asks for the page in view, ``clear`` removes it."""

    cite = Signal()
    clear = Signal()
    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value: dict[str, Any] | None = None
        self.link = QLabel()
        self.link.setWordWrap(True)
        self.link.linkActivated.connect(lambda href: self.page_requested.emit(int(href.split(":")[1])))
        cite = QToolButton()
        cite.setText(self.tr("引用当前页"))
        cite.setToolTip(self.tr("把正在看的页（及查找到的文字）记为本项的依据"))
        cite.clicked.connect(self.cite)
        self.remove = QToolButton()
        self.remove.setText("×")
        self.remove.setToolTip(self.tr("删除依据"))
        self.remove.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(cite)
        row.addWidget(self.link, 1)
        row.addWidget(self.remove)
        self.set_value(None)

    def set_value(self, value: dict[str, Any] | None) -> None:
        self.value = value if isinstance(value, dict) and value.get("page") else None
        self.remove.setVisible(self.value is not None)
        if self.value is None:
            none_yet = self.tr("尚无依据")
            self.link.setText(f"<span style='color:#888'>{escape(none_yet)}</span>")
            return
        page = int(self.value["page"])
        text = self.tr("第 {page} 页").format(page=page)
        quote = self.value.get("text")
        if quote:
            text += f"：“{quote}”"
        self.link.setText(f"<a href='page:{page}'>{escape(text)}</a>")
