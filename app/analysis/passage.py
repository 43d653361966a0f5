"""The stored OCR text of a passage the expert marked on a scanned page: the lines its box touches.

Lines are stored with boxes as fractions of the upright page (``app.analysis.pages``); the marked box
comes in fractions of the page as stored in the PDF, so each line is turned back the way ``find``
turns its matches before the two are compared.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from app.analysis.find import Box, to_stored_page


def ocr_text_in_box(db: Database, sha256: str, page: int, box: Box) -> str:
    """The lines whose boxes intersect ``box``, top to bottom and left to right, one per line."""
    row = db.execute(
        "SELECT rotation, lines_json FROM page_texts WHERE sha256 = ? AND page = ?", [sha256, page]
    ).fetchone()
    if row is None:
        return ""
    rotation, lines_json = row
    touched: list[tuple[float, float, str]] = []
    for raw in json.loads(lines_json):
        upright = tuple(raw[:4])
        x0, y0, x1, y1 = to_stored_page(upright, int(rotation))
        if x0 < box[2] and box[0] < x1 and y0 < box[3] and box[1] < y1:
            touched.append((upright[1], upright[0], str(raw[4])))  # reading order: the upright page's
    return "\n".join(text for _y, _x, text in sorted(touched))
