"""Find text in one case file, with where it is on the page, from the stored page text (text layer or OCR).

Every page's lines are stored with boxes as fractions of the upright page (``app.analysis.pages``),
so the same search serves born-digital and scanned pages. A match inside a line gets the part of the
line's box its characters take (Chinese is close to monospaced); boxes are returned as fractions of
the page as it is stored in the PDF, so the viewer can draw them at any zoom or rotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlite_utils import Database

from app.models.analyses import AnalysisRepository
from app.textwidth import char_width

if TYPE_CHECKING:
    import pymupdf

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Match:
    page: int
    """1-based"""
    source: str
    """text (the PDF's text layer: the viewer can place it exactly) or ocr"""
    box: Box
    """x0, y0, x1, y1 as fractions of the page as stored in the PDF"""
    line: str


def find_in_file(db: Database, sha256: str, query: str, limit: int = 2000) -> list[Match]:
    needle = _normal(query)
    if not needle:
        return []
    matches: list[Match] = []
    for page in AnalysisRepository(db).pages(sha256):
        for raw in page.lines:
            box, text = tuple(float(v) for v in raw[:4]), _normal(str(raw[4]))  # type: ignore[arg-type]
            for start in _occurrences(text, needle):
                part = _part_of_line(box, text, start, len(needle))
                matches.append(
                    Match(page.page, page.source, to_stored_page(part, page.rotation), str(raw[4]))
                )
                if len(matches) >= limit:
                    return matches
    return matches


def _normal(text: str) -> str:
    """Case and spaces do not matter (OCR puts spaces between some characters)."""
    return "".join(text.split()).casefold()


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start >= 0:
        found.append(start)
        start = haystack.find(needle, start + len(needle))
    return found


def _part_of_line(box: tuple[float, ...], text: str, start: int, length: int) -> Box:
    """The share of the line's box the characters take: a Chinese character counts one, a Latin one half."""
    x0, y0, x1, y1 = box
    widths = [char_width(c) / 2 for c in text]
    total = sum(widths)
    if total <= 0:
        return (x0, y0, x1, y1)
    before = sum(widths[:start])
    taken = sum(widths[start : start + length])
    scale = (x1 - x0) / total
    return (x0 + before * scale, y0, x0 + (before + taken) * scale, y1)


def to_stored_page(box: Box, rotation: int) -> Box:
    """From the upright page (the scan turned ``rotation`` degrees counter-clockwise) back to the PDF page.

    Undoing a counter-clockwise turn is the same turn clockwise.
    """
    return rotate_for_view(box, rotation)


def shown_box(page: pymupdf.Page, rect: pymupdf.Rect) -> Box:
    """A rectangle in a page's unturned points as fractions of the page as shown (its /Rotate applied).

    PyMuPDF puts text, search hits and redactions in the unturned points; analysis, search and the
    viewer place boxes on the page as shown.
    """
    shown = rect * page.rotation_matrix
    width, height = page.rect.width or 1, page.rect.height or 1
    return (shown.x0 / width, shown.y0 / height, shown.x1 / width, shown.y1 / height)


def rotate_for_view(box: Box, degrees_clockwise: int) -> Box:
    """The same box on a page shown turned clockwise by 0, 90, 180 or 270 degrees."""
    x0, y0, x1, y1 = box
    turn = degrees_clockwise % 360
    if turn == 90:
        return (1 - y1, x0, 1 - y0, x1)
    if turn == 180:
        return (1 - x1, 1 - y1, 1 - x0, 1 - y0)
    if turn == 270:
        return (y0, 1 - x1, y1, 1 - x0)
    return box
