"""The text of a page, from its text layer or by OCR, with line boxes and confidence.

Titles sit in the top band of a page and "第X页 共Y页" in the bottom band; reading the lines that
touch those two bands is enough to segment a scanned case file, and the full page (~1–3 s) can
follow later.

Which way up a scan is gets decided from the whole page (orientation.py); the text boxes found
for that decision are the ones the bands are read from, so the first pass detects a page once.
Band lines come in reading order (reading_order.py), whatever the skew.

PyMuPDF is not thread-safe: one PageReader per thread, on its own open document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pymupdf

from app.analysis.ocr import MIN_SCORE, OcrEngine, crop
from app.analysis.orientation import DETECT_SIDE, Orientation, orient
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


def _to_array(pix: pymupdf.Pixmap) -> np.ndarray:
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n).copy()


class PageReader:
    """Reads pages of one open PDF."""

    def __init__(self, doc: pymupdf.Document, ocr: OcrEngine) -> None:
        self.doc = doc
        self.ocr = ocr

    def has_text_layer(self, index: int) -> bool:
        text = self.doc[index].get_text("text")
        return len(re.sub(r"\s", "", text)) >= MIN_TEXT_CHARS

    def text_layer(self, index: int) -> PageText:
        page = self.doc[index]
        width, height = page.rect.width or 1, page.rect.height or 1
        lines = []
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                text = "".join(span["text"] for span in line["spans"]).strip()
                if text:
                    x0, y0, x1, y1 = line["bbox"]
                    lines.append(Line((x0 / width, y0 / height, x1 / width, y1 / height), text))
        lines.sort(key=lambda ln: (round(ln.box[1] * 80), ln.box[0]))
        return PageText(index + 1, "text", "full", 0, lines)

    @lru_cache(maxsize=4)  # noqa: B019 - a reader lives for one document's analysis
    def _render(self, index: int, dpi: int) -> np.ndarray:
        return _to_array(self.doc[index].get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB))

    @lru_cache(maxsize=4)  # noqa: B019 - as _render
    def _orientation(self, index: int) -> Orientation:
        return orient(self.ocr, self._render(index, OCR_DPI))

    def orientation(self, index: int) -> int:
        """Degrees (counter-clockwise) that turn the scan upright."""
        return self._orientation(index).rotation

    def _boxes_at(self, index: int, rotation: int | None) -> Orientation:
        """The page's text boxes, upright as decided, or turned by ``rotation`` when one is given."""
        if rotation is None:
            return self._orientation(index)
        upright = np.ascontiguousarray(np.rot90(self._render(index, OCR_DPI), rotation // 90))
        quads = self.ocr.detect(upright, DETECT_SIDE)
        height, width = upright.shape[:2]
        return Orientation(rotation, skew(quads), width, height, upright, quads, "as asked")

    def _bands(self, found: Orientation) -> list[Line]:
        """The lines touching the top band or the bottom band, in reading order."""
        top, bottom = TOP_BAND * found.height, (1 - BOTTOM_BAND) * found.height
        chosen = [i for i, q in enumerate(found.quads) if q[:, 1].min() < top or q[:, 1].max() > bottom]
        crops = [crop(found.image, found.quads[i]) for i in chosen]
        readings = dict(zip(chosen, self.ocr.recognize(crops), strict=True))
        kept = [i for i in chosen if readings[i][0].strip() and readings[i][1] >= MIN_SCORE]
        lines = []
        for row in reading_order([found.quads[i] for i in kept], found.skew):
            for position in row:
                quad = found.quads[kept[position]]
                text, score = readings[kept[position]]
                box = (
                    max(float(quad[:, 0].min()) / found.width, 0.0),
                    max(float(quad[:, 1].min()) / found.height, 0.0),
                    min(float(quad[:, 0].max()) / found.width, 1.0),
                    min(float(quad[:, 1].max()) / found.height, 1.0),
                )
                lines.append(Line(box, text, score))
        return lines

    def ocr_page(self, index: int, scope: str, rotation: int | None = None) -> PageText:
        """OCR of the bands or the whole page, upright; the rotation is found when not given."""
        if scope == "bands":
            found = self._boxes_at(index, rotation)
            return PageText(index + 1, "ocr", scope, found.rotation, self._bands(found))
        if rotation is None:
            rotation = self.orientation(index)
        upright = np.ascontiguousarray(np.rot90(self._render(index, OCR_DPI), rotation // 90))
        height, width = upright.shape[:2]
        lines = []
        for read in self.ocr.read(upright):
            x0, y0, x1, y1 = read.box
            lines.append(Line((x0 / width, y0 / height, x1 / width, y1 / height), read.text, read.score))
        return PageText(index + 1, "ocr", scope, rotation, lines)
