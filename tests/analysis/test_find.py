"""Find in a case file: text-layer and OCR'd pages alike, boxes back on the stored page."""

from __future__ import annotations

import json

import pytest

from app.analysis.find import find_in_file, rotate_for_view, to_stored_page
from app.models.store import Store


def _page(
    store: Store, page: int, lines: list[tuple[tuple[float, float, float, float], str]], rotation: int = 0
) -> None:
    store.db.execute(
        """INSERT INTO page_texts (sha256, page, source, scope, rotation, confidence, text, lines_json)
           VALUES ('f', ?, 'ocr', 'full', ?, 0.9, ?, ?)""",
        [page, rotation, "\n".join(t for _b, t in lines), json.dumps([[*b, t, 0.9] for b, t in lines])],
    )


def test_matches_carry_the_part_of_the_line_they_take(store: Store) -> None:
    _page(
        store, 1, [((0.1, 0.2, 0.9, 0.25), "询问人：韩明、冯俊怡"), ((0.1, 0.3, 0.5, 0.35), "记录人：方淑")]
    )
    _page(store, 2, [((0.0, 0.5, 1.0, 0.55), "韩 明 签字")])
    matches = find_in_file(store.db, "f", "韩明")
    assert [m.page for m in matches] == [1, 2]
    x0, y0, x1, y1 = matches[0].box
    # "询问人：韩明、冯俊怡": 10 characters, 韩明 is the 5th and 6th → 0.1 + 0.8 × 4/10 … 0.1 + 0.8 × 6/10
    assert (round(x0, 3), y0, round(x1, 3), y1) == (0.42, 0.2, 0.58, 0.25)
    assert find_in_file(store.db, "f", "  ") == [] and find_in_file(store.db, "f", "不存在") == []


def test_boxes_of_a_turned_scan_go_back_to_the_stored_page(store: Store) -> None:
    # the scan was read after turning it 90° counter-clockwise: upright top-left is stored top-right
    _page(store, 1, [((0.0, 0.0, 0.5, 0.1), "执法证号")], rotation=90)
    (match,) = find_in_file(store.db, "f", "执法证号")
    assert match.box == pytest.approx((0.9, 0.0, 1.0, 0.5))


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_turning_there_and_back_is_the_identity(turn: int) -> None:
    box = (0.1, 0.2, 0.4, 0.3)
    assert to_stored_page(rotate_for_view(box, -turn % 360), turn) == pytest.approx(box)
    assert rotate_for_view((0.0, 0.0, 0.5, 0.1), 90) == pytest.approx((0.9, 0.0, 1.0, 0.5))
