"""Search hits on a page stored turned (/Rotate 90): drawn over the word as the page is shown.

The text layer's coordinates are the unturned page's; the viewer shows the page turned. The word
sought is printed red and nothing else is, so where it lands on the page as shown is read from the
rendered picture itself, not from the matrices the fix uses.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PySide6.QtCore import QSettings

from app.analysis.find import Box, find_in_file
from app.models.cases import CaseRepository
from app.models.store import Store
from app.ui.main_window import MainWindow
from app.workflow import analyse_born_digital, import_and_analyse

OUTPUT = Path(__file__).parents[2] / "test-output"
WORD = "排污许可证"
RED = (1, 0, 0)


def _turned_case_file(path: Path, degrees: int) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "德令哈市生态环境局", fontname="china-s", fontsize=16)
    page.insert_text((72, 120), "现场检查（勘察）笔录", fontname="china-s", fontsize=14)
    for row in range(8):
        page.insert_text(
            (72, 170 + 24 * row), "检查人员出示执法证件，说明来意。", fontname="china-s", fontsize=12
        )
    page.insert_text((300, 520), WORD, fontname="china-s", fontsize=14, color=RED)
    page.set_rotation(degrees)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def _red_box(pdf: Path) -> Box:
    """Where the red word is on the page as shown (the /Rotate applied), fractions of that page."""
    with pymupdf.open(pdf) as doc:
        pix = doc[0].get_pixmap(dpi=72)
    image = np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, pix.n).astype(int)
    red = (image[:, :, 0] > 180) & (image[:, :, 1] < 90) & (image[:, :, 2] < 90)
    ys, xs = np.nonzero(red)
    assert len(xs), "the red word is not on the rendered page"
    return (
        xs.min() / pix.width,
        ys.min() / pix.height,
        (xs.max() + 1) / pix.width,
        (ys.max() + 1) / pix.height,
    )


def _covers(highlight: Box, word: Box) -> bool:
    """The highlight holds the word's middle, and the word the highlight's (give or take a little)."""
    hx0, hy0, hx1, hy1 = highlight
    wx0, wy0, wx1, wy1 = word
    word_mid = ((wx0 + wx1) / 2, (wy0 + wy1) / 2)
    high_mid = ((hx0 + hx1) / 2, (hy0 + hy1) / 2)
    slack = 0.02
    return (
        hx0 <= word_mid[0] <= hx1
        and hy0 <= word_mid[1] <= hy1
        and wx0 - slack <= high_mid[0] <= wx1 + slack
        and wy0 - slack <= high_mid[1] <= wy1 + slack
    )


@pytest.fixture(params=[90, 270, 0])
def turned(request, qtbot, tmp_path: Path):
    degrees = request.param
    pdf = _turned_case_file(
        tmp_path / "disc" / "德令哈市生态环境局" / "集体" / "推选案卷" / "德环罚〔2024〕3号.pdf", degrees
    )
    data = tmp_path / "data"
    store = Store.open(data)
    import_and_analyse(store, "tester", [tmp_path / "disc"], full_text=True, analyse=analyse_born_digital)
    desk = MainWindow(store, QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat), dialogs=False)
    qtbot.addWidget(desk)
    desk.resize(1366, 768)
    desk.show()
    qtbot.waitUntil(lambda: desk.viewer.page_count == 1, timeout=5000)
    yield desk, store, pdf, degrees
    desk.close()
    store.close()


def test_a_search_hit_on_a_turned_page_is_drawn_over_the_word(qtbot, turned) -> None:
    desk, _store, pdf, degrees = turned
    word = _red_box(pdf)
    pane = desk.viewer_pane
    pane.find_box.setText(WORD)
    pane._debounce.stop()  # searched now, not again after the store is closed
    pane.search()
    assert len(pane.matches) == 1
    label = desk.viewer._labels[0]
    OUTPUT.mkdir(exist_ok=True)
    qtbot.waitUntil(lambda: label.rendered, timeout=5000)
    assert desk.viewer.grab().save(str(OUTPUT / f"rotated-{degrees}-search-hit.png"))
    ((highlight, current),) = label.highlights
    assert current and _covers(highlight, word), (degrees, highlight, word)
    # turned once more by the expert (Ctrl+R), the highlight follows the word
    desk.viewer.rotate(90)
    ((turned_again, _),) = label.highlights
    x0, y0, x1, y1 = word
    assert _covers(turned_again, (1 - y1, x0, 1 - y0, x1))


def test_stored_text_layer_boxes_are_placed_on_the_page_as_shown(turned) -> None:
    """Analysis stores a turned page's lines where they are shown: a search hit from them lands on the word."""
    _desk, store, pdf, degrees = turned
    (case,) = CaseRepository(store.db).list()
    (match,) = find_in_file(store.db, case.sha256, WORD)
    assert match.source == "text"
    assert _covers(match.box, _red_box(pdf)), degrees
