"""Scanned pages read by several OCR threads at once: in order, one engine per thread, same text.

The pool is tested with stand-in engines (no models); the last test analyses a generated scan
with one worker and with two and compares every stored page.
"""

from __future__ import annotations

import itertools
import random
import threading
import time
from pathlib import Path

import pytest

from app.analysis.analyzer import Analyzer
from app.analysis.ocr import GAP, ROW_COLUMNS, STRIDE, OcrEngine, pack_rows
from app.analysis.ocr_workers import READ_AHEAD, OcrWorkers
from app.demo.casepdf import build_case_pdf
from app.demo.content import make_bureau, make_case
from app.demo.scan import scan_pdf
from app.intake.importer import Importer
from app.models.analyses import AnalysisRepository
from app.models.cases import CaseRepository
from app.models.documents import DocumentRepository
from app.models.store import Store


class StandInEngine:
    """Remembers the thread that made it."""

    def __init__(self) -> None:
        self.thread = threading.current_thread().name


def test_pages_come_back_in_order_whichever_finishes_first() -> None:
    workers = OcrWorkers(2, make_engine=StandInEngine)  # type: ignore[arg-type]

    def read(page: int) -> tuple[int, object]:
        time.sleep(0.03 if page % 2 == 0 else 0.0)  # even pages are slower
        return page, workers.engine()

    try:
        results = list(workers.ordered(read, range(10)))
    finally:
        workers.close()
    assert [page for page, _ in results] == list(range(10))
    engines = {id(engine): engine for _, engine in results}
    assert len(engines) == 2, "each worker thread reads with an engine of its own"
    assert all(engine.thread.startswith("ocr-") for engine in engines.values())


def test_one_worker_reads_in_the_calling_thread_with_the_engine_given() -> None:
    given = StandInEngine()
    workers = OcrWorkers(1, inline=given)  # type: ignore[arg-type]
    seen = list(workers.ordered(lambda _page: (threading.current_thread(), workers.engine()), [1, 2, 3]))
    assert all(thread is threading.current_thread() and engine is given for thread, engine in seen)


def test_a_cancel_drops_the_pages_not_yet_started() -> None:
    started: list[int] = []
    workers = OcrWorkers(2, make_engine=StandInEngine)  # type: ignore[arg-type]

    def read(page: int) -> int:
        started.append(page)
        time.sleep(0.02)
        return page

    pages = workers.ordered(read, range(100))
    assert next(pages) == 0
    pages.close()  # what the analyser does when the expert cancels
    workers.close()
    assert len(started) <= 2 * READ_AHEAD + 2, started


def test_a_failure_in_a_worker_reaches_the_analyser() -> None:
    workers = OcrWorkers(2, make_engine=StandInEngine)  # type: ignore[arg-type]

    def read(page: int) -> int:
        if page == 3:
            raise ValueError("damaged page")
        return page

    with pytest.raises(ValueError, match="damaged page"):
        list(workers.ordered(read, range(6)))
    workers.close()


def test_lines_are_laid_side_by_side_in_rows_without_overlapping() -> None:
    widths = [320, 96, 112, 2400, 104, 2104, 328, 640, 2600, 96, 104, 96, 104, 96, 104]
    rows = pack_rows(widths)
    placed = sorted(index for row in rows for index, _ in row)
    assert placed == list(range(len(widths)))
    for row in rows:
        spans = sorted((offset, offset + widths[index]) for index, offset in row)
        assert all(offset % STRIDE == 0 for offset, _ in spans)
        assert all(after[0] - before[1] >= GAP for before, after in itertools.pairwise(spans))
        assert len(row) == 1 or spans[-1][1] <= ROW_COLUMNS
    assert [len(row) for row in rows if any(widths[i] > ROW_COLUMNS for i, _ in row)] == [1]
    used = sum(widths)
    assert used > 0.8 * sum(max(o + widths[i] for i, o in row) for row in rows), "little of a row unused"


def test_lines_read_side_by_side_read_as_each_alone() -> None:
    """A row's output steps are cut at the lines' offsets: each line's text is its own."""
    import numpy as np
    import pymupdf

    def line_image(text: str) -> np.ndarray:
        doc = pymupdf.open()
        page = doc.new_page(width=24 * len(text) + 20, height=34)
        page.insert_text((10, 24), text, fontname="china-s", fontsize=20)
        pix = page.get_pixmap(dpi=100, colorspace=pymupdf.csRGB)
        return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width, 3).copy()

    texts = ["现场检查笔录", "被检查单位：测试市化工有限公司", "执法证号：63001234", "以下空白"]
    engine = OcrEngine(threads=1)
    together = engine.recognize([line_image(text) for text in texts])
    alone = [engine.recognize([line_image(text)])[0] for text in texts]
    assert [text for text, _ in together] == texts
    assert [text for text, _ in alone] == texts


@pytest.fixture(scope="module")
def scanned_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(5)
    bureau = make_bureau(rng, "测试市生态环境局", "测环罚", "测试市", "6300")
    built = build_case_pdf(make_case(rng, bureau, 1, "general_penalty", 1, []), rng, True, False)
    folder = tmp_path_factory.mktemp("scan") / "disc"
    folder.mkdir()
    (folder / "扫描案卷.pdf").write_bytes(scan_pdf(built.data, rng, dpi=150, max_skew=1.0, noise=0.02))
    return folder


def _analysed(root: Path, disc: Path, workers: int) -> tuple[list[tuple], list[tuple]]:
    store = Store.open(root)
    try:
        Importer(store, "test").run([disc])
        case = CaseRepository(store.db).list()[0]
        analyzer = Analyzer(store, ocr_workers=workers)
        try:
            result = analyzer.analyze_file(case.sha256, case.source_path)
        finally:
            analyzer.close()
        assert result.status == "analysed" and result.ocr_pages == result.pages
        pages = [
            (p.page, p.scope, p.rotation, p.lines) for p in AnalysisRepository(store.db).pages(case.sha256)
        ]
        documents = [
            (d.kind, d.first_page, d.last_page) for d in DocumentRepository(store.db).documents(case.sha256)
        ]
        return pages, documents
    finally:
        store.close()


@pytest.mark.slow
def test_two_workers_read_a_scanned_case_exactly_as_one(tmp_path: Path, scanned_case: Path) -> None:
    alone = _analysed(tmp_path / "one", scanned_case, 1)
    together = _analysed(tmp_path / "two", scanned_case, 2)
    assert together == alone
    assert any(kind == "inquiry_record" for kind, _, _ in alone[1])
