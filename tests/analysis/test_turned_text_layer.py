"""A born-digital case file whose portrait pages are stored as landscape sheets with a /Rotate.

Some scanners and PDF printers write every page this way; the page looks upright, but PyMuPDF gives
its text in the unturned sheet's points. Analysed, such a file must give the same documents and
transcript facts as the same pages stored upright (before, every title but the cover's was missed:
its 卷内目录 and half its documents were lost).
"""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf
import pytest

from app.analysis.analyzer import Analyzer
from app.demo.casepdf import build_case_pdf
from app.demo.content import make_bureau, make_case
from app.intake.importer import Importer
from app.models.cases import CaseRepository
from app.models.documents import DocumentRepository
from app.models.store import Store


def _case_pdf() -> bytes:
    rng = random.Random(4)
    bureau = make_bureau(rng, "测试市生态环境局", "测环罚", "测试市", "6300")
    return build_case_pdf(make_case(rng, bureau, 1, "general_penalty", 2, []), rng, True, False).data


def _turned(data: bytes, degrees: int) -> bytes:
    """Each page drawn turned on a landscape sheet, with the /Rotate that shows it upright."""
    source = pymupdf.open(stream=data, filetype="pdf")
    out = pymupdf.open()
    for index, page in enumerate(source):
        sheet = out.new_page(width=page.rect.height, height=page.rect.width)
        sheet.show_pdf_page(sheet.rect, source, index, rotate=degrees)
        sheet.set_rotation(degrees)
    return out.tobytes()


def _analysed(root: Path, data: bytes) -> tuple[list[tuple], list[dict]]:
    disc = root / "disc"
    disc.mkdir(parents=True)
    (disc / "测环罚〔2024〕1号.pdf").write_bytes(data)
    store = Store.open(root / "data")
    try:
        Importer(store, "test").run([disc])
        (case,) = CaseRepository(store.db).list()
        analyzer = Analyzer(store)
        try:
            analyzer.analyze_file(case.sha256, case.source_path)
        finally:
            analyzer.close()
        documents = DocumentRepository(store.db)
        kinds = [(d.kind, d.first_page, d.last_page) for d in documents.documents(case.sha256)]
        return kinds, documents.facts(case.sha256)
    finally:
        store.close()


@pytest.fixture(scope="module")
def upright(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple], list[dict]]:
    return _analysed(tmp_path_factory.mktemp("upright"), _case_pdf())


@pytest.mark.parametrize("degrees", [90, 270])
def test_pages_stored_turned_read_as_the_same_pages_upright(tmp_path: Path, upright, degrees: int) -> None:
    data = _turned(_case_pdf(), degrees)
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        assert all(page.rotation == degrees and page.mediabox.width > page.mediabox.height for page in doc)
    documents, facts = _analysed(tmp_path, data)
    assert documents == upright[0]
    assert facts == upright[1]
    assert ("toc", 2, 2) in documents and sum(kind == "inquiry_record" for kind, _, _ in documents) == 2
