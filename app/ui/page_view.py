"""Continuous scroll through a case PDF, rendering only the pages in view (and one ahead).

PyMuPDF is not thread-safe, so pages render on the GUI thread, lazily, into a small cache of
QImages made straight from the pixmap's raw samples (PNG encoding would cost 20-470 ms a page).
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pymupdf
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

CACHE_PAGES = 24
GAP = 12


class PageLabel(QLabel):
    def __init__(self, size: QSize) -> None:
        super().__init__()
        self.setFixedSize(size)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: white; border: 1px solid #c8c8c8;")
        self.rendered = False


class PageView(QScrollArea):
    """Shows one document; ``page_shown`` fires with the 1-based page number once it is on screen."""

    page_shown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("QScrollArea { background: #5f6368; }")
        self._doc: pymupdf.Document | None = None
        self._labels: list[PageLabel] = []
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self._container = QWidget()
        self._layout = QVBoxLayout(self._container)
        self._layout.setSpacing(GAP)
        self._layout.setContentsMargins(GAP, GAP, GAP, GAP)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._container)
        self.verticalScrollBar().valueChanged.connect(self._render_visible)
        self.verticalScrollBar().valueChanged.connect(self._track_anchor)
        # The page the reader is on: kept through resizes, which move every page's position.
        self._anchor = 1
        self._repositioning = False
        self._reanchor = QTimer(self, singleShot=True, interval=0)
        self._reanchor.timeout.connect(self._restore_anchor)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self._render_visible)

    @property
    def page_count(self) -> int:
        return len(self._labels)

    def open(self, path: Path) -> None:
        self.close_document()
        self._doc = pymupdf.open(path)
        for page in self._doc:
            label = PageLabel(self._fitted_size(page.rect))
            label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._labels.append(label)
            self._layout.addWidget(label)
        self.verticalScrollBar().setValue(0)
        self._pending.start()

    def _fitted_size(self, rect: pymupdf.Rect) -> QSize:
        """Fit width: the viewport less the margins and the vertical scroll bar."""
        width = self.viewport().width() - 2 * GAP
        if not self.verticalScrollBar().isVisible():
            width -= self.verticalScrollBar().sizeHint().width()
        scale = max(200, width) / rect.width if rect.width else 1.0
        return QSize(int(rect.width * scale), int(rect.height * scale))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._doc is None:
            return
        for label, page in zip(self._labels, self._doc, strict=True):
            size = self._fitted_size(page.rect)
            if size != label.size():
                label.setFixedSize(size)
                label.clear()
                label.rendered = False
        self._cache.clear()
        # Until the layout and the scroll bar's range have settled, scrolling is theirs, not the
        # reader's: keep the anchor and return to it on the next turn of the event loop.
        self._repositioning = True
        self._reanchor.start()

    def _restore_anchor(self) -> None:
        self._repositioning = False
        self.go_to_page(self._anchor)

    def close_document(self) -> None:
        for label in self._labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self._labels.clear()
        self._cache.clear()
        self._anchor = 1
        if self._doc is not None:
            self._doc.close()
            self._doc = None

    def go_to_page(self, number: int) -> None:
        """Scroll so that 1-based page ``number`` is at the top."""
        if not 1 <= number <= len(self._labels):
            return
        self._anchor = number
        self._layout.activate()
        self._container.adjustSize()
        self._repositioning = True
        try:
            self.verticalScrollBar().setValue(self._page_top(number - 1))
        finally:
            self._repositioning = False
        self._pending.start()

    def _track_anchor(self) -> None:
        if not self._repositioning and self._labels:
            self._anchor = self.current_page()

    def _page_top(self, index: int) -> int:
        """Where page ``index`` (0-based) starts.

        Computed, not read from the widgets, whose positions lag behind a resize until the
        layout's deferred events have run.
        """
        return GAP + sum(label.height() + GAP for label in self._labels[:index])

    def current_page(self) -> int:
        top = self.verticalScrollBar().value()
        position = GAP
        for index, label in enumerate(self._labels):
            position += label.height() + GAP
            if position > top:
                return index + 1
        return max(1, len(self._labels))

    def _render_visible(self) -> None:
        if self._doc is None:
            return
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        tops, position = [], GAP
        for label in self._labels:
            tops.append(position)
            position += label.height() + GAP
        visible = [
            i for i, lab in enumerate(self._labels) if tops[i] < bottom and tops[i] + lab.height() > top
        ]
        if visible:
            visible.append(min(visible[-1] + 1, len(self._labels) - 1))
        for index in visible:
            self._show(index)

    def _show(self, index: int) -> None:
        label = self._labels[index]
        if label.rendered:
            return
        pixmap = self._cache.get(index)
        if pixmap is None:
            pixmap = self._render(index, label.size())
            self._cache[index] = pixmap
            while len(self._cache) > CACHE_PAGES:
                old, _ = self._cache.popitem(last=False)
                self._labels[old].clear()
                self._labels[old].rendered = False
        label.setPixmap(pixmap)
        label.rendered = True
        self.page_shown.emit(index + 1)

    def _render(self, index: int, size: QSize) -> QPixmap:
        assert self._doc is not None
        page = self._doc[index]
        ratio = self.devicePixelRatioF()
        scale = size.width() * ratio / page.rect.width
        pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap
