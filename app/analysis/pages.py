"""The text of a page, from its text layer or by OCR, with line boxes and confidence.

Titles sit in the top band of a page and "第X页 共Y页" in the bottom band; reading the lines that
touch those two bands is enough to segment a scanned case file, and the full page (~1–3 s) can
follow later.

Which way up a scan is gets decided once per page, from the whole page (orientation.py); the
text boxes found for that decision are the ones the bands are read from, and the ones the full
pass reads later: a page is detected once, its band lines are recognised once, and no line is
classified again (the page's orientation holds for its lines). Lines come in reading order
(reading_order.py), whatever the skew.

PyMuPDF is not thread-safe: a PageReader owns its open document and touches it under a lock, so
that OCR workers (ocr_workers.py) may read several of its pages at once, each with its own engine.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pymupdf

from app.analysis.find import shown_box
from app.analysis.ocr import MIN_SCORE, READ_TALLER, OcrEngine, crop
from app.analysis.ocr_workers import OcrWorkers
from app.analysis.orientation import DETECT_SIDE, orient
from app.analysis.reading_order import reading_order, skew

TOP_BAND = 0.14
BOTTOM_BAND = 0.10
MIN_TEXT_CHARS = 20
OCR_DPI = 150


@dataclass(frozen=True)
class Line:
    """A line of text; box as fractions of the (upright) page: x0, y0, x1, y1 in 0..1."""

    box: tuple[float, float, float, float]
    text: str
    score: float = 1.0

    def as_list(self) -> list[object]:
        return [round(v, 4) for v in self.box] + [self.text, round(self.score, 3)]


@dataclass
class PageText:
    page: int
    """1-based"""
    source: str
    """text (the PDF's text layer) or ocr"""
    scope: str
    """full, or bands (top and bottom strips only)"""
    rotation: int = 0
    """degrees the scan was turned (counter-clockwise) to read it upright"""
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def confidence(self) -> float:
        if not self.lines:
            return 0.0
        return sum(line.score for line in self.lines) / len(self.lines)

    def band(self, top: float = TOP_BAND, bottom: float = 1 - BOTTOM_BAND) -> tuple[list[Line], list[Line]]:
        """Lines of the top strip and of the bottom strip."""
        return [ln for ln in self.lines if ln.box[1] < top], [ln for ln in self.lines if ln.box[3] > bottom]


@dataclass
class PageLayout:
    """What reading a scanned page has learnt so far: which way up, its text boxes, the boxes read."""

    rotation: int
    skew: float
    width: int
    height: int
    """of the upright page, in pixels"""
    quads: list[np.ndarray]
    """text boxes in the upright page's pixels"""
    readings: dict[int, tuple[str, float]] = field(default_factory=dict)
    """box index → text and confidence, for the boxes read so far"""


def _to_array(pix: pymupdf.Pixmap) -> np.ndarray:
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n).copy()


class PageReader:
    """Reads pages of one open PDF."""

    def __init__(
        self,
        doc: pymupdf.Document,
        ocr: OcrEngine | OcrWorkers,
        layouts: dict[int, PageLayout] | None = None,
    ) -> None:
        self.doc = doc
        self.ocr = ocr
        self._layouts: dict[int, PageLayout] = {} if layouts is None else layouts
        """page index → what reading it learnt; given by a caller that opens the file again later"""
        self._doc_lock = threading.Lock()

    @property
    def engine(self) -> OcrEngine:
        """The calling thread's engine."""
        return self.ocr.engine() if isinstance(self.ocr, OcrWorkers) else self.ocr

    def has_text_layer(self, index: int) -> bool:
        with self._doc_lock:
            text = self.doc[index].get_text("text")
        return len(re.sub(r"\s", "", text)) >= MIN_TEXT_CHARS

    def text_layer(self, index: int) -> PageText:
        """The text layer's lines, boxes on the page as shown.

        PyMuPDF gives a page's text in its unturned points; a page with a /Rotate (a portrait form
        stored as a landscape sheet turned, as some scanners and PDF printers write them) is turned
        here, or its title would not be at its top: such a case file lost every title but the
        first page's, its 卷内目录 and half its documents.
        """
        lines = []
        with self._doc_lock:
            page = self.doc[index]
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    text = "".join(span["text"] for span in line["spans"]).strip()
                    if text:
                        lines.append(Line(shown_box(page, pymupdf.Rect(line["bbox"])), text))
        lines.sort(key=lambda ln: (round(ln.box[1] * 80), ln.box[0]))
        return PageText(index + 1, "text", "full", 0, lines)

    @lru_cache(maxsize=4)  # noqa: B019 - a reader lives for one document's analysis
    def _render(self, index: int, dpi: int) -> np.ndarray:
        with self._doc_lock:
            return _to_array(self.doc[index].get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB))

    def _upright(self, index: int, rotation: int) -> np.ndarray:
        return np.ascontiguousarray(np.rot90(self._render(index, OCR_DPI), rotation // 90))

    def orientation(self, index: int) -> int:
        """Degrees (counter-clockwise) that turn the scan upright."""
        return self._layout(index, None).rotation

    def _layout(self, index: int, rotation: int | None) -> PageLayout:
        """The page's text boxes, upright as decided, or turned by ``rotation`` when one is given.

        Found once per page and kept (boxes and readings are small): the full pass reads the boxes
        the first pass found, and does not detect or read the bands again.
        """
        known = self._layouts.get(index)
        if known is not None and (rotation is None or known.rotation == rotation):
            return known
        if rotation is None:
            found = orient(self.engine, self._render(index, OCR_DPI))
            layout = PageLayout(found.rotation, found.skew, found.width, found.height, found.quads)
        else:
            upright = self._upright(index, rotation)
            quads = self.engine.detect(upright, DETECT_SIDE)
            height, width = upright.shape[:2]
            layout = PageLayout(rotation, skew(quads), width, height, quads)
        self._layouts[index] = layout
        return layout

    def _lines(self, index: int, layout: PageLayout, chosen: list[int]) -> list[Line]:
        """The chosen boxes read (those not read before), kept when confident, in reading order."""
        unread = [i for i in chosen if i not in layout.readings]
        if unread:
            image = self._upright(index, layout.rotation)
            crops = [crop(image, layout.quads[i], READ_TALLER) for i in unread]
            layout.readings.update(zip(unread, self.engine.recognize(crops), strict=True))
        readings = layout.readings
        kept = [i for i in chosen if readings[i][0].strip() and readings[i][1] >= MIN_SCORE]
        lines = []
        for row in reading_order([layout.quads[i] for i in kept], layout.skew):
            for position in row:
                quad = layout.quads[kept[position]]
                text, score = readings[kept[position]]
                box = (
                    max(float(quad[:, 0].min()) / layout.width, 0.0),
                    max(float(quad[:, 1].min()) / layout.height, 0.0),
                    min(float(quad[:, 0].max()) / layout.width, 1.0),
                    min(float(quad[:, 1].max()) / layout.height, 1.0),
                )
                lines.append(Line(box, text, score))
        return lines

    def ocr_page(self, index: int, scope: str, rotation: int | None = None) -> PageText:
        """OCR of the bands or the whole page, upright; the rotation is found when not given."""
        layout = self._layout(index, rotation)
        if scope == "bands":
            top, bottom = TOP_BAND * layout.height, (1 - BOTTOM_BAND) * layout.height
            chosen = [i for i, q in enumerate(layout.quads) if q[:, 1].min() < top or q[:, 1].max() > bottom]
        else:
            chosen = list(range(len(layout.quads)))
        return PageText(index + 1, "ocr", scope, layout.rotation, self._lines(index, layout, chosen))

    def ocr_strip(self, index: int, rotation: int, start: float, end: float) -> list[Line]:
        """The lines that begin between ``start`` and ``end`` (fractions of the upright page's height)."""
        layout = self._layout(index, rotation)
        top, bottom = start * layout.height, end * layout.height
        chosen = [i for i, q in enumerate(layout.quads) if top <= q[:, 1].min() < bottom]
        return self._lines(index, layout, chosen)
