"""The text of a page, from its text layer or by OCR, with line boxes and confidence.

Titles sit in the top band of a page and "第X页 共Y页" in the bottom band; OCR of those two strips
(~0.2 s) is enough to segment a scanned case file, and the full page (~1–3 s) can follow later.

A sheet fed sideways renders landscape: both quarter turns are tried on the top band and the one
that reads better wins. A sheet upside down reads badly: the half turn is tried when the top band
yields little Chinese text.

PyMuPDF is not thread-safe: one PageReader per thread, on its own open document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pymupdf

from app.analysis.ocr import OcrEngine, OcrLine
from app.analysis.textnorm import cjk_count

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


def _readability(lines: list[OcrLine]) -> float:
    return sum(line.score * cjk_count(line.text) for line in lines)


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

    def _upright_top(self, image: np.ndarray) -> tuple[int, list[OcrLine]]:
        """The rotation that makes the scan upright, and the top band read at that rotation."""
        height, width = image.shape[:2]
        candidates = [90, 270] if width > height * 1.15 else [0]
        best: tuple[float, int, list[OcrLine]] = (-1.0, candidates[0], [])
        for rotation in candidates:
            lines = self._ocr_strip(np.rot90(image, rotation // 90), 0.0, TOP_BAND)
            best = max(best, (_readability(lines), rotation, lines), key=lambda b: b[0])
        if best[0] < 8:  # little Chinese read in the title band: maybe it is upside down
            flipped = (best[1] + 180) % 360
            lines = self._ocr_strip(np.rot90(image, flipped // 90), 0.0, TOP_BAND)
            score = _readability(lines)
            if score >= 8 and score > max(best[0], 0) * 2:
                best = (score, flipped, lines)
        return best[1], best[2]

    def orientation(self, index: int) -> int:
        """Degrees (counter-clockwise) that turn the scan upright."""
        return self._upright_top(self._render(index, OCR_DPI))[0]

    def _ocr_strip(self, image: np.ndarray, start: float, end: float) -> list[OcrLine]:
        height = image.shape[0]
        strip = image[int(height * start) : max(int(height * end), int(height * start) + 1)]
        return self.ocr.read(np.ascontiguousarray(strip))

    def ocr_page(self, index: int, scope: str, rotation: int | None = None) -> PageText:
        """OCR of the bands or the whole page, upright; the rotation is found when not given."""
        image = self._render(index, OCR_DPI)
        top_lines: list[OcrLine] | None = None
        if rotation is None:
            rotation, top_lines = self._upright_top(image)
        upright = np.rot90(image, rotation // 90)
        height, width = upright.shape[:2]
        lines = []
        if scope == "bands":
            strips = [(0.0, TOP_BAND, top_lines), (1 - BOTTOM_BAND, 1.0, None)]
        else:
            strips = [(0.0, 1.0, None)]
        for start, end, known in strips:
            offset = height * start
            for found in known if known is not None else self._ocr_strip(upright, start, end):
                x0, y0, x1, y1 = found.box
                box = (x0 / width, (y0 + offset) / height, x1 / width, (y1 + offset) / height)
                lines.append(Line(box, found.text, found.score))
        return PageText(index + 1, "ocr", scope, rotation, lines)
