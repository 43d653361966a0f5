"""Analysing case files: page text, documents, transcript facts, in passes that pay off early.

1. every page's text layer, or OCR of its title and footer bands (~0.5 s a scanned page), and the
   full text of any 卷内目录 page → the documents are known in seconds;
2. full OCR of the transcript pages → transcript facts and flags;
3. full OCR of every other scanned page → search finds everything (skipped with ``titles_only``).

Results are cached by the file's SHA-256 and analyser version and never redone unless forced;
each page is written in its own transaction, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf

from app.analysis.cover_facts import fill_missing_case_facts
from app.analysis.ocr import OcrEngine, int8_recogniser, runtime, shipped_int8
from app.analysis.ocr_workers import OcrWorkers
from app.analysis.pages import TOP_BAND, Line, PageLayout, PageReader, PageText
from app.analysis.segmenter import segment
from app.analysis.title_layout import TALLER_BAND, needs_taller_band
from app.analysis.transcript_facts import extract, flag_overlaps
from app.models.analyses import AnalysisRepository, StoredPage
from app.models.documents import Document, DocumentRepository
from app.models.store import Store
from app.vocabulary import TRANSCRIPT_KINDS

ANALYZER_VERSION = "6"
"""raised when segmentation or facts change: stores analysed before are analysed again (5: records under
one title split by their openings and sign-offs, ID-card copies as papers of their own; 6: the text
layer of a page with a /Rotate stored where it is shown)"""


class AnalysisCancelled(Exception):
    """The user cancelled; what was analysed so far is kept."""


@dataclass
class AnalysisProgress:
    sha256: str
    label: str
    phase: str
    """pages, transcripts, full_text"""
    done: int
    total: int


@dataclass
class FileAnalysis:
    sha256: str
    label: str
    status: str
    """cached, analysed, failed"""
    pages: int = 0
    ocr_pages: int = 0
    seconds: float = 0.0
    error: str | None = None


@dataclass
class AnalysisReport:
    files: list[FileAnalysis] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        report: dict[str, object] = {"files": [f.__dict__ for f in self.files]}
        if any(f.ocr_pages for f in self.files):
            report["ocr_runtime"] = runtime()  # which runtime read the scans (openvino, or the fallback)
            int8 = report["ocr_runtime"] == "openvino" and int8_recogniser() is not None
            report["ocr_recogniser"] = "int8" if int8 else "float"
            report["ocr_int8_shipped"] = shipped_int8() is not None
        return report


def _band_page(reader: PageReader, index: int) -> PageText:
    """A scanned page's title and footer bands (the title band deeper when a title may sit lower)."""
    page = reader.ocr_page(index, "bands")
    return _taller_title_band(reader, page) if needs_taller_band(page) else page


def _taller_title_band(reader: PageReader, page: PageText) -> PageText:
    """The scan's top read again, deeper: a title below a header line falls outside the first band."""
    start, end = TALLER_BAND
    # a line cut by the strip's top edge was read whole before
    found = reader.ocr_strip(page.page - 1, page.rotation, start + 0.005, end)
    if not found:
        return page
    reach = min(line.box[1] for line in found)
    kept = [ln for ln in page.lines if ln.box[1] < TOP_BAND and ln.box[3] <= reach + 0.004]
    kept += [ln for ln in page.lines if ln.box[1] >= TOP_BAND]
    known = set(kept)
    lines = sorted(
        kept + [ln for ln in found if ln not in known], key=lambda ln: (round(ln.box[1] * 80), ln.box[0])
    )
    return PageText(page.page, page.source, page.scope, page.rotation, lines)


def _ranges(documents: list[Document]) -> list[tuple[str, int, int]]:
    return [(d.kind, d.first_page, d.last_page) for d in documents]


class Analyzer:
    """Analyses files of one store; one instance per thread (PyMuPDF and the OCR engine are not shared).

    Scanned pages are read by ``ocr_workers`` threads at a time (default: chosen by the OCR runtime,
    see ocr_workers.py); with ``ocr_workers=1`` every page is read in the calling thread by ``ocr``.
    """

    def __init__(
        self,
        store: Store,
        progress: Callable[[AnalysisProgress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        ocr: OcrEngine | None = None,
        ocr_workers: int | None = None,
    ) -> None:
        self.store = store
        self.db = store.db
        self.progress = progress or (lambda _p: None)
        self.cancelled = cancelled or (lambda: False)
        self.ocr = OcrWorkers(ocr_workers, inline=ocr)
        self._ocr_read: set[int] = set()
        """the pages OCR read in the file being analysed, bands or whole (its ``ocr_pages``)"""
        self._layouts: dict[str, dict[int, PageLayout]] = {}
        """a scanned file's page layouts (text boxes, lines read) kept from its documents pass for its
        full-text pass: the desk's order (every file's documents first) would otherwise detect and
        read each page's bands twice (28 % more CPU on a disc of 20 files, measured)"""
        self.documents = DocumentRepository(store.db)
        self.analyses = AnalysisRepository(store.db)

    def close(self) -> None:
        """Stop the OCR workers (they hold the models); the analyser can still be used after."""
        self.ocr.close()

    def analyze_file(
        self, sha256: str, label: str, force: bool = False, titles_only: bool = False
    ) -> FileAnalysis:
        started = time.perf_counter()
        cached = self.analyses.state(sha256)
        wanted = "segmented" if titles_only else "complete"
        if (
            not force
            and cached
            and cached[0] == ANALYZER_VERSION
            and (cached[1] == "complete" or cached[1] == wanted)
        ):
            return FileAnalysis(sha256, label, "cached")
        if force:
            self.analyses.forget(sha256)
            self._layouts.pop(sha256, None)
        blob = self.store.blobs.path_for(sha256)
        if not blob.is_file():
            return FileAnalysis(
                sha256,
                label,
                "failed",
                error=f"数据目录中缺少这个文件的副本（{blob.name[:12]}…），请重新导入光盘。"
                f" / the store's copy of this file is missing ({blob.name[:12]}…); import the disc again",
            )
        try:
            doc = pymupdf.open(blob, filetype="pdf")
        except Exception as exc:  # PyMuPDF raises several types for damaged files
            return FileAnalysis(
                sha256,
                label,
                "failed",
                error=f"PDF 文件无法打开（{exc}）/ the PDF cannot be opened ({exc})",
            )
        with doc:
            result = FileAnalysis(sha256, label, "analysed", pages=doc.page_count)
            self._ocr_read.clear()
            reader = PageReader(doc, self.ocr, self._layouts.setdefault(sha256, {}))
            texts = self._first_pass(reader, sha256, label)
            toc_lines = {p.page: p.lines for p in texts if p.scope == "full" and self._is_toc(p)}
            toc_scans = [p.page for p in texts if p.scope == "bands" and self._is_toc(p)]
            self._read_whole(reader, sha256, texts, toc_scans)
            toc_lines.update({number: texts[number - 1].lines for number in toc_scans})
            bookmarks = [(level, title, page) for level, title, page in doc.get_toc(simple=True)]
            found = segment(texts, bookmarks, toc_lines)
            self._store_segments(sha256, doc.page_count, found)
            self._transcripts(reader, sha256, label, texts)
            # the transcripts' pages are now read whole (their opening fields, 以下空白, signatures
            # that ran over a page): segment again, and redo the facts if the documents moved
            refined = segment(texts, bookmarks, toc_lines)
            if _ranges(refined) != _ranges(found):
                self._store_segments(sha256, doc.page_count, refined)
                self._transcripts(reader, sha256, label, texts)
            if not titles_only:
                self._full_text(reader, sha256, label, texts)
                self.analyses.set_status(sha256, doc.page_count, "complete", ANALYZER_VERSION)
                self._layouts.pop(sha256, None)  # every page is read whole: nothing left to reuse
            # after the full text when there is one: a decision's title anywhere names the case type
            self._cover_facts(reader, sha256, texts)
        result.ocr_pages = len(self._ocr_read)
        result.seconds = round(time.perf_counter() - started, 2)
        return result

    # -- passes ---------------------------------------------------------------------------------

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise AnalysisCancelled()

    def _first_pass(self, reader: PageReader, sha256: str, label: str) -> list[PageText]:
        stored = self._stored_pages(sha256)
        count = reader.doc.page_count
        scanned = [i for i in range(count) if i + 1 not in stored and not reader.has_text_layer(i)]
        bands = self.ocr.ordered(lambda index: _band_page(reader, index), scanned)
        waiting = set(scanned)
        texts = []
        try:
            for index in range(count):
                self._check_cancel()
                self.progress(AnalysisProgress(sha256, label, "pages", index, count))
                page = stored.get(index + 1)
                if page is None:
                    if index in waiting:
                        page = next(bands)
                        self._ocr_read.add(index + 1)
                    else:
                        page = reader.text_layer(index)
                    self._store_page(sha256, page)
                texts.append(page)
        finally:
            bands.close()
        self.progress(AnalysisProgress(sha256, label, "pages", count, count))
        return texts

    def _transcripts(self, reader: PageReader, sha256: str, label: str, texts: list[PageText]) -> None:
        documents = [d for d in self.documents.documents(sha256) if d.kind in TRANSCRIPT_KINDS]
        numbers = [n for d in documents for n in range(d.first_page, d.last_page + 1)]
        self._read_whole(reader, sha256, texts, numbers, label, "transcripts")
        records = [
            extract(d.kind, [texts[n - 1] for n in range(d.first_page, d.last_page + 1)]) for d in documents
        ]
        flag_overlaps(records)
        self.analyses.save_transcript_facts(
            sha256, [(record.first_page, record.kind, record.as_json()) for record in records]
        )

    def _cover_facts(self, reader: PageReader, sha256: str, texts: list[PageText]) -> None:
        """A scan's cover read whole, for the case facts intake could not read without a text layer."""
        if not texts or texts[0].source != "ocr":
            return
        self._read_whole(reader, sha256, texts, [1])
        fill_missing_case_facts(self.db, sha256, [page.text for page in texts])

    def _full_text(self, reader: PageReader, sha256: str, label: str, texts: list[PageText]) -> None:
        self._read_whole(reader, sha256, texts, [p.page for p in texts], label, "full_text")

    def _read_whole(
        self,
        reader: PageReader,
        sha256: str,
        texts: list[PageText],
        numbers: list[int],
        label: str = "",
        phase: str = "",
    ) -> None:
        """The listed pages read whole where only their bands are known, stored one by one in order.

        The OCR workers read ahead while each page is stored; a cancel stops between pages.
        """
        wanted = [n for n in dict.fromkeys(numbers) if texts[n - 1].scope != "full"]
        pages = self.ocr.ordered(lambda n: reader.ocr_page(n - 1, "full", texts[n - 1].rotation), wanted)
        try:
            for done, number in enumerate(wanted):
                self._check_cancel()
                if phase:
                    self.progress(AnalysisProgress(sha256, label, phase, done, len(wanted)))
                full = next(pages)
                self._ocr_read.add(number)
                self._store_page(sha256, full)
                texts[number - 1] = full
        finally:
            pages.close()

    def refresh_facts(self, sha256: str) -> None:
        """After a person corrected the documents: facts for the transcripts as they now stand."""
        with pymupdf.open(self.store.blobs.path_for(sha256), filetype="pdf") as doc:
            stored = self._stored_pages(sha256)
            texts = [stored[n] for n in range(1, doc.page_count + 1)]
            self._transcripts(PageReader(doc, self.ocr), sha256, "", texts)

    # -- storage --------------------------------------------------------------------------------

    @staticmethod
    def _is_toc(page: PageText) -> bool:
        return any("卷内目录" in line.text.replace(" ", "") for line in page.band()[0])

    def _stored_pages(self, sha256: str) -> dict[int, PageText]:
        pages = {}
        for stored in self.analyses.pages(sha256):
            lines = [Line(tuple(raw[:4]), raw[4], raw[5]) for raw in stored.lines]  # type: ignore[arg-type]
            pages[stored.page] = PageText(stored.page, stored.source, stored.scope, stored.rotation, lines)
        return pages

    def _store_page(self, sha256: str, page: PageText) -> None:
        lines = [line.as_list() for line in page.lines]
        stored = StoredPage(page.page, page.source, page.scope, page.rotation, lines)
        self.analyses.save_page(sha256, stored, page.text, page.confidence)

    def _store_segments(self, sha256: str, pages: int, found: list[Document]) -> None:
        self.analyses.save_segments(sha256, pages, found, ANALYZER_VERSION)
