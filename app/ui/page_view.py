"""Continuous scroll through a case PDF, rendering only the pages in view (and one ahead).

PyMuPDF is not thread-safe, so pages render on the GUI thread, lazily, into a cache bounded in
bytes of QImages made straight from the pixmap's raw samples (PNG encoding would cost 20-470 ms a
page). Fit width, fit page or a zoom factor; the pages can be turned; search matches are drawn
over the page as boxes given in fractions of the page, so they follow any zoom or turn.

Dragging with the left button marks a passage (Esc or a click clears it): its box is kept in
fractions of the stored page too, and its text is read from the text layer under the box or, on a
scanned page, from the stored OCR lines the box touches (``ocr_text``, given by the window).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.analysis.find import Box, rotate_for_view, shown_box

CACHE_BYTES = 192 * 1024 * 1024
"""rendered pages kept: about 60 full-HD pages; a page in view is never evicted"""
GAP = 12
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
SCREEN_POINTS = 96 / 72
MATCH = QColor(255, 200, 0, 90)
CURRENT_MATCH = QColor(255, 120, 0, 140)
SELECTION = QColor(40, 120, 255, 70)
SELECTION_EDGE = QColor(40, 120, 255, 200)
DRAG_THRESHOLD = 4
"""pixels a press must move to mark a passage; less is a click, which clears the mark"""
QUOTE_LIMIT = 200
"""characters of a marked passage kept as evidence: enough to recognise it on the sheet"""


@dataclass(frozen=True)
class Selection:
    """A passage the expert marked: where (fractions of the stored page) and what it says."""

    page: int
    """1-based"""
    box: Box
    text: str


def quote_of(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Whitespace collapsed (lines of a PDF end anywhere), cut to ``limit`` characters with an ellipsis."""
    collapsed = " ".join(text.split())
    return collapsed if len(collapsed) <= limit else collapsed[: limit - 1].rstrip() + "…"


class PageLabel(QWidget):
    """One page: white until rendered, then its picture, with any search matches drawn over it.

    A plain widget painting itself: a style sheet on each of 300 labels cost more than the page.
    """

    def __init__(self, size: QSize, on_marked: Callable[[PageLabel, QRectF | None], None]) -> None:
        super().__init__()
        self.setFixedSize(size)
        self.rendered = False
        self.highlights: list[tuple[Box, bool]] = []
        self.selection: Box | None = None
        """the marked passage, fractions of the page as shown"""
        self._pixmap: QPixmap | None = None
        self._on_marked = on_marked
        self.setCursor(Qt.CursorShape.CrossCursor)  # the page says it can be marked by dragging
        self._press: QPointF | None = None
        self._drag: QRectF | None = None

    # -- marking a passage: the view decides what it says -----------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._press = event.position()
        self._drag = None
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            super().mouseMoveEvent(event)
            return
        here = event.position()
        if self._drag is None and (here - self._press).manhattanLength() < DRAG_THRESHOLD:
            return
        self._drag = QRectF(self._press, here).normalized().intersected(QRectF(self.rect()))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        marked, self._press, self._drag = self._drag, None, None
        self._on_marked(self, marked if marked is not None and not marked.isEmpty() else None)
        self.update()

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def pixmap(self) -> QPixmap:
        return self._pixmap if self._pixmap is not None else QPixmap()

    def clear(self) -> None:
        self._pixmap = None
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        width, height = self.width(), self.height()
        painter.fillRect(0, 0, width, height, Qt.GlobalColor.white)
        if self._pixmap is not None:
            painter.drawPixmap(0, 0, self._pixmap)
        painter.setPen(QColor("#c8c8c8"))
        painter.drawRect(0, 0, width - 1, height - 1)
        for (x0, y0, x1, y1), current in self.highlights:
            rect = QRectF(x0 * width, y0 * height, (x1 - x0) * width, (y1 - y0) * height).adjusted(
                -1, -1, 1, 1
            )
            painter.fillRect(rect, CURRENT_MATCH if current else MATCH)
        marked = self._drag
        if marked is None and self.selection is not None:
            x0, y0, x1, y1 = self.selection
            marked = QRectF(x0 * width, y0 * height, (x1 - x0) * width, (y1 - y0) * height)
        if marked is not None:
            painter.fillRect(marked, SELECTION)
            painter.setPen(SELECTION_EDGE)
            painter.drawRect(marked)
        painter.end()


class PageView(QScrollArea):
    """Shows one document; ``page_shown`` fires with the 1-based page number once it is on screen."""

    page_shown = Signal(int)
    zoom_changed = Signal(str)
    selection_changed = Signal(object)
    """the new ``Selection``, or None when it was cleared"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("QScrollArea { background: #5f6368; }")
        self._doc: pymupdf.Document | None = None
        self._labels: list[PageLabel] = []
        """the open document's pages: the first ones of ``_pool``"""
        self._pool: list[PageLabel] = []
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self._cache_bytes = 0
        self.zoom_mode = "width"
        """width, page, or factor (``zoom`` × actual size)"""
        self.zoom = 1.0
        self.rotation = 0
        """degrees clockwise, the same for every page"""
        self._matches: dict[int, list[Box]] = {}
        self._current_match: tuple[int, int] | None = None
        self.selection: Selection | None = None
        self.ocr_text: Callable[[int, Box], str] | None = None
        """the stored OCR lines' text inside a box (fractions of the stored page) of a 1-based page"""
        self._container = QWidget()
        self._layout = QVBoxLayout(self._container)
        self._layout.setSpacing(GAP)
        self._layout.setContentsMargins(GAP, GAP, GAP, GAP)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._container)
        self.verticalScrollBar().valueChanged.connect(self._render_visible)
        self.verticalScrollBar().valueChanged.connect(self._track_anchor)
        # The page the reader is on: kept through resizes, which move every page's position.
        self._anchor, self._anchor_offset = 1, 0
        self._retries = 0
        self._repositioning = False
        self._reanchor = QTimer(self, singleShot=True, interval=0)
        self._reanchor.timeout.connect(self._restore_anchor)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self._render_visible)
        self._ahead = 0
        self._ahead_timer = QTimer(self, singleShot=True, interval=15)
        self._ahead_timer.timeout.connect(self._render_ahead)

    @property
    def page_count(self) -> int:
        return len(self._labels)

    def open(self, path: Path) -> None:
        """Show a document; page widgets are reused from the last one (creating 300 costs more than a render)."""
        self.close_document()
        self._doc = pymupdf.open(path)
        for index, page in enumerate(self._doc):
            size = self._page_size(page.rect)
            if index < len(self._pool):
                label = self._pool[index]
                label.setFixedSize(size)
                label.show()
            else:
                label = PageLabel(size, self._marked)
                label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                self._pool.append(label)
                self._layout.addWidget(label)
            self._labels.append(label)
        for spare in self._pool[len(self._labels) :]:
            spare.hide()
        self.verticalScrollBar().setValue(0)
        self._pending.start()

    def _page_size(self, rect: pymupdf.Rect) -> QSize:
        """The page's size on screen under the zoom mode and the turn."""
        page_w, page_h = (rect.height, rect.width) if self.rotation % 180 else (rect.width, rect.height)
        if not page_w or not page_h:
            return QSize(200, 280)
        width = self.viewport().width() - 2 * GAP
        if not self.verticalScrollBar().isVisible():
            width -= self.verticalScrollBar().sizeHint().width()
        width = max(200, width)
        if self.zoom_mode == "page":
            height = max(200, self.viewport().height() - 2 * GAP)
            scale = min(width / page_w, height / page_h)
        elif self.zoom_mode == "factor":
            scale = self.zoom * SCREEN_POINTS
        else:
            scale = width / page_w
        # width / page_w * page_w is 798.999… for a 799 px width: floor with a little slack, never over
        return QSize(int(page_w * scale + 1e-6), int(page_h * scale + 1e-6))

    # -- zoom and turn ----------------------------------------------------------------------------

    def set_zoom_mode(self, mode: str) -> None:
        self.zoom_mode = mode
        self._relayout()

    def zoom_by(self, steps: int) -> None:
        """One step in or out from the current scale, whatever mode showed it."""
        current = self._current_factor()
        if steps > 0:
            bigger = [z for z in ZOOM_STEPS if z > current + 0.01]
            self.zoom = bigger[0] if bigger else ZOOM_STEPS[-1]
        else:
            smaller = [z for z in ZOOM_STEPS if z < current - 0.01]
            self.zoom = smaller[-1] if smaller else ZOOM_STEPS[0]
        self.zoom_mode = "factor"
        self._relayout()

    def rotate(self, degrees: int = 90) -> None:
        self.rotation = (self.rotation + degrees) % 360
        self._relayout()

    def _current_factor(self) -> float:
        if self._doc is None or not self._labels:
            return self.zoom
        index = self.current_page() - 1
        rect = self._doc[index].rect
        page_w = rect.height if self.rotation % 180 else rect.width
        return self._labels[index].width() / (page_w * SCREEN_POINTS) if page_w else self.zoom

    def zoom_text(self) -> str:
        if self.zoom_mode == "width":
            return self.tr("适合宽度")
        if self.zoom_mode == "page":
            return self.tr("适合页面")
        return f"{round(self.zoom * 100)}%"

    def _relayout(self) -> None:
        if self._doc is not None:
            self._resize_pages(rerender=True)
        self.zoom_changed.emit(self.zoom_text())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._doc is not None:
            self._resize_pages(rerender=False)

    def _resize_pages(self, rerender: bool) -> None:
        """New sizes for the pages; a page whose size changed (or every page, after a turn) renders anew."""
        assert self._doc is not None
        for index, (label, page) in enumerate(zip(self._labels, self._doc, strict=True)):
            size = self._page_size(page.rect)
            if size == label.size() and not rerender:
                continue
            label.setFixedSize(size)
            label.clear()
            label.rendered = False
            if index in self._cache:
                self._cache_bytes -= _bytes(self._cache.pop(index))
        if rerender:
            self.set_matches(self._matches, self._current_match)
            self._show_selection()
        # Until the layout and the scroll bar's range have settled, scrolling is theirs, not the
        # reader's: keep the anchor and return to it on the next turn of the event loop.
        self._repositioning = True
        self._reanchor.start()

    def _restore_anchor(self) -> None:
        self._repositioning = False
        self._scroll_to(self._anchor, self._anchor_offset)

    def close_document(self) -> None:
        for label in self._labels:
            label.clear()
            label.rendered = False
            label.highlights = []
            label.selection = None
        self.selection = None
        self._labels.clear()
        self._cache.clear()
        self._cache_bytes = 0
        self._matches = {}
        self._current_match = None
        self._anchor, self._anchor_offset = 1, 0
        if self._doc is not None:
            self._doc.close()
            self._doc = None

    def go_to_page(self, number: int) -> None:
        """Scroll so that 1-based page ``number`` is at the top."""
        self._scroll_to(number, 0)

    def show_box(self, number: int, box: Box) -> None:
        """Scroll so that a box on page ``number`` (fractions of the stored page) is in view, a little below the top."""
        if not 1 <= number <= len(self._labels):
            return
        _x0, y0, _x1, _y1 = rotate_for_view(box, self.rotation)
        self._scroll_to(number, int(y0 * self._labels[number - 1].height()) - self.viewport().height() // 4)

    def _scroll_to(self, number: int, offset: int) -> None:
        """Put page ``number``'s top ``offset`` pixels above the top of the view (below, if negative)."""
        if not 1 <= number <= len(self._labels):
            return
        self._anchor, self._anchor_offset = number, offset
        self._layout.activate()
        self._container.adjustSize()
        wanted = max(0, self._page_top(number - 1) + offset)
        self._repositioning = True
        try:
            self.verticalScrollBar().setValue(wanted)
        finally:
            self._repositioning = False
        short = self.verticalScrollBar().maximum() < wanted
        if short and self._retries < 3:
            # A document just opened: the scroll range follows the layout on the next turn of the
            # event loop; come back to the place then (the reader has not scrolled in between). A
            # page near the end may never reach the top, hence the bound.
            self._retries += 1
            self._repositioning = True
            self._reanchor.start()
        else:
            self._retries = 0
        self._pending.start()

    def _track_anchor(self) -> None:
        if not self._repositioning and self._labels:
            self._anchor, self._anchor_offset = self.current_page(), 0

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
        for index in visible:
            self._show(index, keep=set(visible))
        if visible and visible[-1] + 1 < len(self._labels):
            self._ahead = visible[-1] + 1
            self._ahead_timer.start()

    def _render_ahead(self) -> None:
        """The next page, after the visible ones have been painted: scrolling on finds it ready."""
        if self._doc is not None and self._ahead < len(self._labels):
            self._show(self._ahead, keep={self._ahead})

    def _show(self, index: int, keep: set[int]) -> None:
        label = self._labels[index]
        if label.rendered:
            if index in self._cache:
                self._cache.move_to_end(index)  # recently seen: evicted last
            return
        pixmap = self._cache.get(index)
        if pixmap is None:
            pixmap = self._render(index, label.size())
            self._cache[index] = pixmap
            self._cache_bytes += _bytes(pixmap)
            self._evict(keep)
        label.set_pixmap(pixmap)
        label.rendered = True
        self.page_shown.emit(index + 1)

    def _evict(self, keep: set[int]) -> None:
        """Oldest first, never a page in view, until the cache is within its byte budget."""
        for old in list(self._cache):
            if self._cache_bytes <= CACHE_BYTES:
                return
            if old in keep:
                continue
            self._cache_bytes -= _bytes(self._cache.pop(old))
            self._labels[old].clear()
            self._labels[old].rendered = False

    @property
    def cache_bytes(self) -> int:
        return self._cache_bytes

    # -- search matches -------------------------------------------------------------------------

    def set_matches(self, matches: dict[int, list[Box]], current: tuple[int, int] | None) -> None:
        """Boxes per 1-based page (fractions of the stored page) and which one is current."""
        for number in set(self._matches) | set(matches):
            if 1 <= number <= len(self._labels):
                boxes = matches.get(number, [])
                self._labels[number - 1].highlights = [
                    (rotate_for_view(box, self.rotation), current == (number, i))
                    for i, box in enumerate(boxes)
                ]
                self._labels[number - 1].update()
        self._matches = matches
        self._current_match = current

    # -- the marked passage -----------------------------------------------------------------------

    def _marked(self, label: PageLabel, rect: QRectF | None) -> None:
        """A drag on a page (None: a click) marks its passage, or clears the mark."""
        if rect is None or label not in self._labels:
            self.clear_selection()
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)  # Esc reaches the view that shows the mark
        width, height = label.width(), label.height()
        shown: Box = (rect.left() / width, rect.top() / height, rect.right() / width, rect.bottom() / height)
        number = self._labels.index(label) + 1
        self.select(number, rotate_for_view(shown, -self.rotation % 360))

    def select(self, number: int, box: Box) -> Selection | None:
        """Mark the passage in ``box`` (fractions of the stored page) of page ``number`` and read its text."""
        if self._doc is None or not 1 <= number <= len(self._labels):
            return None
        self.selection = Selection(number, box, quote_of(self.text_in(number, box)))
        self._show_selection()
        self.selection_changed.emit(self.selection)
        return self.selection

    def clear_selection(self) -> None:
        if self.selection is None:
            return
        self.selection = None
        self._show_selection()
        self.selection_changed.emit(None)

    def _show_selection(self) -> None:
        for number, label in enumerate(self._labels, 1):
            wanted = (
                rotate_for_view(self.selection.box, self.rotation)
                if self.selection is not None and self.selection.page == number
                else None
            )
            if label.selection != wanted:
                label.selection = wanted
                label.update()

    def text_in(self, number: int, box: Box) -> str:
        """The text layer's words inside the box; the OCR lines it touches when the page has no text layer."""
        assert self._doc is not None
        page = self._doc[number - 1]
        width, height = page.rect.width, page.rect.height
        x0, y0, x1, y1 = box
        # the box is on the page as shown (a /Rotate applied); the text layer is in unturned points
        shown = pymupdf.Rect(x0 * width, y0 * height, x1 * width, y1 * height)
        text = page.get_textbox(shown * page.derotation_matrix) or ""
        if not text.strip() and self.ocr_text is not None:
            text = self.ocr_text(number, box)
        return text

    def page_in_view(self, number: int) -> bool:
        """Whether any of page ``number`` shows in the viewport."""
        if not 1 <= number <= len(self._labels):
            return False
        top = self._page_top(number - 1)
        scrolled = self.verticalScrollBar().value()
        return (
            top < scrolled + self.viewport().height() and top + self._labels[number - 1].height() > scrolled
        )

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.selection is not None:
            self.clear_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def _render(self, index: int, size: QSize) -> QPixmap:
        assert self._doc is not None
        page = self._doc[index]
        ratio = self.devicePixelRatioF()
        page_w = page.rect.height if self.rotation % 180 else page.rect.width
        scale = size.width() * ratio / page_w
        pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()
        if self.rotation:
            image = image.transformed(QTransform().rotate(self.rotation))
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap

    def exact_boxes(self, number: int, query: str) -> list[Box]:
        """Where the text layer has ``query`` on page ``number``, as fractions of the page as shown."""
        if self._doc is None or not 1 <= number <= len(self._labels):
            return []
        page = self._doc[number - 1]
        return [shown_box(page, rect) for rect in page.search_for(query)]

    def thumbnail(self, index: int, width: int) -> QImage:
        """A small picture of a page for the thumbnail strip (not cached here)."""
        assert self._doc is not None
        page = self._doc[index]
        scale = width / page.rect.width if page.rect.width else 0.1
        pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
        image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888).copy()
        return image.transformed(QTransform().rotate(self.rotation)) if self.rotation else image


def _bytes(pixmap: QPixmap) -> int:
    return pixmap.width() * pixmap.height() * max(pixmap.depth(), 24) // 8
