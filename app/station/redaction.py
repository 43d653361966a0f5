"""Blind packets that are blind: the unit, its 文号 and its letterhead removed from the PDF itself.

Hiding the unit in the app is not enough when each PDF's cover and headers still name it. For each
case file of a blind packet: every occurrence of the unit's name, the 文号 (and an individual
candidate's name) is covered by a redaction and *removed*: PyMuPDF's ``apply_redactions`` deletes the
text under it from the text layer and blanks the image pixels under it (a scanned page). On scanned
pages the places come from the stored OCR lines (``app.analysis.find``), since there is no text layer
to search. The letterhead — a line in the top band of a page naming the unit, or ending in 文件 —
is removed as a whole line. Every redaction is listed (page, what, where, from which layer) in the
packet's manifest, so the station can check what was removed and that nothing named remains.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pymupdf

from app.analysis.find import Match, shown_box

LETTERHEAD_BAND = 0.2
"""the top fifth of a page, where a 红头 letterhead sits"""
FILL = (0, 0, 0)
MARK = "〔盲评隐去〕"
"""written (white on the black box) where text was removed: the reader sees that, and not what, was there"""


@dataclass(frozen=True)
class Redaction:
    page: int
    """1-based"""
    kind: str
    """unit, case_number, candidate or letterhead"""
    source: str
    """text (the PDF's text layer) or ocr (the stored OCR lines of a scan)"""
    box: tuple[float, float, float, float]
    """x0, y0, x1, y1 as fractions of the page as shown (its /Rotate applied)"""

    def as_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "kind": self.kind,
            "source": self.source,
            "box": [round(v, 4) for v in self.box],
        }


def terms_for(unit: str | None, case_number: str | None, candidate: str | None) -> dict[str, list[str]]:
    """What to remove, by kind; the 文号 also without its spaces (covers print it either way)."""
    terms: dict[str, list[str]] = {}
    if unit:
        terms["unit"] = [unit]
    if case_number:
        terms["case_number"] = sorted({case_number, "".join(case_number.split())})
    if candidate:
        terms["candidate"] = [candidate]
    return terms


def redact_pdf(
    data: bytes, terms: dict[str, list[str]], ocr_find: Callable[[str], list[Match]] | None = None
) -> tuple[bytes, list[Redaction]]:
    """The PDF with every term and letterhead removed, and the list of what was removed."""
    found: list[Redaction] = []
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        ocr_boxes = _ocr_boxes(terms, ocr_find) if ocr_find else {}
        for index, page in enumerate(doc):
            number = index + 1
            width, height = page.rect.width, page.rect.height
            # Rects here are in the page's unturned points, as PyMuPDF searches and redacts; on a
            # page with a /Rotate the stored OCR boxes (the page as shown) are turned back first.
            rects: list[tuple[str, str, pymupdf.Rect]] = []
            for kind, texts in terms.items():
                for text in texts:
                    rects += [(kind, "text", r) for r in page.search_for(text)]
            rects += [("letterhead", "text", r) for r in _letterhead_lines(page, terms)]
            for kind, box in ocr_boxes.get(number, []):
                shown = pymupdf.Rect(box[0] * width, box[1] * height, box[2] * width, box[3] * height)
                rects.append((kind, "ocr", shown * page.derotation_matrix))
            marks: list[tuple[pymupdf.Rect, float]] = []
            for kind, source, rect in rects:
                shown = rect * page.rotation_matrix
                if page.rotation:  # a redaction's own text runs along the unturned sheet: written after
                    page.add_redact_annot(rect, fill=FILL)
                    marks.append((rect, max(4.0, min(10.0, shown.height * 0.6, shown.width / len(MARK)))))
                else:
                    size = max(4.0, min(10.0, shown.height * 0.7, shown.width / len(MARK)))
                    page.add_redact_annot(
                        rect, text=MARK, fontname="china-s", fontsize=size, fill=FILL, text_color=(1, 1, 1)
                    )
                found.append(Redaction(number, kind, source, shown_box(page, rect)))
            if rects:
                page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)  # type: ignore[attr-defined]  # not in the stubs
            for rect, size in marks:
                page.insert_textbox(
                    rect,
                    MARK,
                    fontname="china-s",
                    fontsize=size,
                    color=(1, 1, 1),
                    rotate=page.rotation,
                    align=1,
                )
        redacted = doc.tobytes(garbage=3, deflate=True) if found else data
    return redacted, _unique(found)


def _letterhead_lines(page: pymupdf.Page, terms: dict[str, list[str]]) -> list[pymupdf.Rect]:
    """Text lines in the top band that name the unit or end in 文件 (the 红头)."""
    names = terms.get("unit", [])
    limit = page.rect.height * LETTERHEAD_BAND
    found = []
    for block in page.get_text("dict").get("blocks", []):
        for line in block.get("lines", []):
            text = "".join(span["text"] for span in line.get("spans", [])).strip()
            rect = pymupdf.Rect(line["bbox"])
            if (rect * page.rotation_matrix).y0 > limit or not text:  # the top of the page as shown
                continue
            if any(name in text for name in names) or text.replace(" ", "").endswith("文件"):
                found.append(rect)
    return found


def _ocr_boxes(
    terms: dict[str, list[str]], ocr_find: Callable[[str], list[Match]]
) -> dict[int, list[tuple[str, tuple[float, float, float, float]]]]:
    """Per page, the boxes of the terms on scanned pages; a unit in the top band takes its whole width."""
    boxes: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}
    for kind, texts in terms.items():
        for text in texts:
            for match in ocr_find(text):
                if match.source != "ocr":
                    continue  # the text layer is searched directly
                x0, y0, x1, y1 = match.box
                if kind == "unit" and y0 < LETTERHEAD_BAND:
                    boxes.setdefault(match.page, []).append(("letterhead", (0.03, y0, 0.97, y1)))
                else:
                    boxes.setdefault(match.page, []).append((kind, (x0, y0, x1, y1)))
    return boxes


def _unique(found: list[Redaction]) -> list[Redaction]:
    seen: set[tuple[int, str, tuple[float, ...]]] = set()
    unique = []
    for item in found:
        key = (item.page, item.kind, tuple(round(v, 3) for v in item.box))
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def remaining(data: bytes, terms: dict[str, list[str]]) -> list[str]:
    """Terms still in the text layer (none after redaction): the station's check of a blind file."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        text = "".join("".join(page.get_text().split()) for page in doc)
    return sorted({t for texts in terms.values() for t in texts if "".join(t.split()) in text})
