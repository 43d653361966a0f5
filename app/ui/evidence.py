"""Evidence on an item: "page 7" and the passage marked (or the text found) there, one click back to that page."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

SHOWN_QUOTE = 80
"""characters of a quote in the form, where several items share the pane; all of it in the tooltip"""


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
        cite.setToolTip(
            self.tr("把页面上框选的段落（未框选时为正在看的页及查找到的文字）记为本项的依据 (Ctrl+Shift+C)")
        )
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
        self.link.setToolTip("")
        if self.value is None:
            none_yet = self.tr("尚无依据")
            self.link.setText(f"<span style='color:#888'>{escape(none_yet)}</span>")
            return
        page = int(self.value["page"])
        text = self.tr("第 {page} 页").format(page=page)
        quote = self.value.get("text")
        if quote:
            quote = str(quote)
            shown = quote if len(quote) <= SHOWN_QUOTE else quote[: SHOWN_QUOTE - 1] + "…"
            text += f"：“{shown}”"
            self.link.setToolTip(quote)
        self.link.setText(f"<a href='page:{page}'>{escape(text)}</a>")
