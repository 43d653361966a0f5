"""A scanned page is detected once and each of its lines recognised once, whatever the passes ask.

The engine here is a stand-in that counts what it is asked (no models): the point is the work the
page reader orders, not what OCR reads.
"""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from app.analysis.pages import BOTTOM_BAND, TOP_BAND, PageReader


def _quad(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)


class CountingEngine:
    """Boxes at fixed fractions of the page; every crop read as the text of its row number."""

    def __init__(self, rows: list[float]) -> None:
        self.rows = rows
        self.detections = 0
        self.recognised = 0
        self.classified = 0

    def detect(self, image: np.ndarray, max_side: int) -> list[np.ndarray]:
        self.detections += 1
        height, width = image.shape[:2]
        return [_quad(0.1 * width, y * height, 0.8 * width, y * height + 20) for y in self.rows]

    def classify(self, crops: list[np.ndarray]) -> list[tuple[bool, float]]:
        self.classified += len(crops)
        return [(False, 0.99)] * len(crops)

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        self.recognised += len(crops)
        return [("行文字", 0.9)] * len(crops)


ROWS = [0.05, 0.2, 0.3, 0.5, 0.7, 0.95]
"""one title line, four body lines, one footer line"""


@pytest.fixture()
def page() -> pymupdf.Document:
    doc = pymupdf.open()
    doc.new_page(width=595, height=842)
    return doc


def test_the_full_pass_reads_only_what_the_bands_did_not(page) -> None:
    engine = CountingEngine(ROWS)
    reader = PageReader(page, engine)  # type: ignore[arg-type]
    bands = reader.ocr_page(0, "bands")
    in_bands = [y for y in ROWS if y < TOP_BAND or y + 20 / 1754 > 1 - BOTTOM_BAND]
    assert [round(line.box[1], 2) for line in bands.lines] == in_bands == [0.05, 0.95]
    assert engine.recognised == 2
    full = reader.ocr_page(0, "full", bands.rotation)
    assert len(full.lines) == len(ROWS)
    assert engine.recognised == len(ROWS)
    assert engine.detections == 1
    assert [round(line.box[1], 2) for line in full.lines] == ROWS


def test_a_strip_is_read_from_the_boxes_already_found(page) -> None:
    engine = CountingEngine(ROWS)
    reader = PageReader(page, engine)  # type: ignore[arg-type]
    reader.ocr_page(0, "bands")
    strip = reader.ocr_strip(0, 0, 0.07, 0.32)
    assert [round(line.box[1], 2) for line in strip] == [0.2, 0.3]
    assert engine.detections == 1


def test_another_rotation_than_the_one_decided_detects_again(page) -> None:
    engine = CountingEngine(ROWS)
    reader = PageReader(page, engine)  # type: ignore[arg-type]
    reader.ocr_page(0, "bands")
    turned = reader.ocr_page(0, "bands", 180)
    assert turned.rotation == 180
    assert engine.detections == 2


def test_a_page_read_whole_at_a_known_rotation_is_not_classified(page) -> None:
    engine = CountingEngine(ROWS)
    reader = PageReader(page, engine)  # type: ignore[arg-type]
    full = reader.ocr_page(0, "full", 0)
    assert engine.detections == 1 and engine.classified == 0
    assert len(full.lines) == len(ROWS)
    assert full.lines[0].box[0] == pytest.approx(0.1, abs=0.01)


def test_the_full_text_pass_reuses_what_the_documents_pass_read(tmp_path) -> None:
    """The desk's order: every file's documents first, its full text later, each page detected once."""
    from app.analysis.analyzer import Analyzer
    from app.intake.importer import Importer
    from app.models.cases import CaseRepository
    from app.models.store import Store

    scan = pymupdf.open()
    for _ in range(5):  # image-only pages: no text layer, so every one is OCR'd
        scan.new_page(width=595, height=842).insert_image(pymupdf.Rect(50, 50, 300, 300), pixmap=_white())
    disc = tmp_path / "disc"
    disc.mkdir()
    (disc / "行政处罚案卷（扫描件）.pdf").write_bytes(scan.tobytes())
    store = Store.open(tmp_path / "data")
    try:
        Importer(store, "test").run([disc])
        case = CaseRepository(store.db).list()[0]
        engine = CountingEngine(ROWS)
        analyzer = Analyzer(store, ocr=engine, ocr_workers=1)  # type: ignore[arg-type]
        documents = analyzer.analyze_file(case.sha256, case.source_path, titles_only=True)
        after_documents = (engine.detections, engine.recognised)
        full_text = analyzer.analyze_file(case.sha256, case.source_path)
    finally:
        store.close()
    assert after_documents[0] == 5
    # each run counts the pages OCR read: the first every page's bands (and the cover whole), the second the rest
    assert (documents.ocr_pages, full_text.ocr_pages) == (5, 4)
    assert engine.detections == 5, "no page detected a second time"
    assert engine.recognised == 5 * len(ROWS), "no line read a second time"


def _white() -> pymupdf.Pixmap:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pix.clear_with(255)
    return pix
