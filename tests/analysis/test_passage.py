"""The OCR text of a marked passage: the lines the box touches, in reading order, on turned scans too."""

from __future__ import annotations

import json

from app.analysis.passage import ocr_text_in_box
from app.models.store import Store


def _page(
    store: Store, lines: list[tuple[tuple[float, float, float, float], str]], rotation: int = 0
) -> None:
    store.db.execute(
        """INSERT INTO page_texts (sha256, page, source, scope, rotation, confidence, text, lines_json)
           VALUES ('f', 1, 'ocr', 'full', ?, 0.9, ?, ?)""",
        [rotation, "\n".join(t for _b, t in lines), json.dumps([[*b, t, 0.9] for b, t in lines])],
    )


def test_the_lines_a_box_touches_in_reading_order(store: Store) -> None:
    _page(
        store,
        [
            ((0.1, 0.5, 0.9, 0.55), "记录人：方淑"),
            ((0.1, 0.2, 0.9, 0.25), "询问人：韩明"),
            ((0.1, 0.8, 0.9, 0.85), "第3页"),
        ],
    )
    assert ocr_text_in_box(store.db, "f", 1, (0.4, 0.22, 0.5, 0.52)) == "询问人：韩明\n记录人：方淑"
    assert ocr_text_in_box(store.db, "f", 1, (0.4, 0.6, 0.5, 0.7)) == ""
    assert ocr_text_in_box(store.db, "f", 2, (0.0, 0.0, 1.0, 1.0)) == ""  # a page never read


def test_a_turned_scan_is_matched_where_the_pdf_shows_the_line(store: Store) -> None:
    # read after turning 90° counter-clockwise: the upright top band is the stored page's right edge
    _page(store, [((0.0, 0.0, 0.5, 0.1), "执法证号"), ((0.0, 0.5, 0.5, 0.6), "其他")], rotation=90)
    assert ocr_text_in_box(store.db, "f", 1, (0.92, 0.1, 0.98, 0.3)) == "执法证号"
    assert ocr_text_in_box(store.db, "f", 1, (0.0, 0.0, 0.1, 0.1)) == ""
