"""File inspection: what intake needs from a stored file (page count, first pages' text, damage, encryption).

Not to be confused with a case file's documents (its 文书, found by analysis): `app.models.documents`.

PyMuPDF is not thread-safe: call these from one thread at a time (intake runs them in its own
worker, one file after another).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import pymupdf

from app.problems import Problem, problem

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

FIRST_PAGES = 3
MIN_TEXT_CHARS = 20
"""Fewer characters than this on a page means it is a scan without a text layer."""


@dataclass
class PdfInspection:
    pages: int = 0
    has_text: bool = False
    first_pages_text: list[str] = field(default_factory=list)
    problem: Problem | None = None


def _ends_with_eof_marker(path: Path, data: bytes | None) -> bool:
    if data is not None:
        return b"%%EOF" in data[-2048:]
    with path.open("rb") as fp:
        fp.seek(0, 2)
        size = fp.tell()
        fp.seek(max(0, size - 2048))
        return b"%%EOF" in fp.read()


def inspect_pdf(
    path: Path, enough: Callable[[str], bool] | None = None, data: bytes | None = None
) -> PdfInspection:
    """Facts about a PDF; damage and encryption become a problem, never an exception.

    Reads the text of up to the first three pages; stops early once ``enough`` says a page's text
    settles what the file is (text extraction is most of the cost of inspecting a PDF: the fonts are
    loaded then). ``data``, the file's bytes when the caller has them in memory, spares MuPDF its
    hundreds of small reads and seeks of ``path``.
    """
    facts = PdfInspection()
    try:
        if data is not None:
            doc = pymupdf.open(stream=data, filetype="pdf")
        else:
            doc = pymupdf.open(path, filetype="pdf")
    except Exception:  # PyMuPDF raises several types for damaged files
        facts.problem = problem("corrupt_pdf")
        return facts
    with doc:
        if doc.needs_pass:
            facts.problem = problem("encrypted_pdf")
            return facts
        facts.pages = doc.page_count
        if facts.pages == 0:
            facts.problem = problem("corrupt_pdf")
            return facts
        if doc.is_repaired and not _ends_with_eof_marker(path, data):
            facts.problem = problem("truncated_pdf")
        try:
            for index in range(min(FIRST_PAGES, facts.pages)):
                text = doc[index].get_text("text")
                facts.first_pages_text.append(text)
                if enough is not None and enough(text):
                    break
        except Exception:
            facts.problem = problem("corrupt_pdf")
            return facts
    facts.has_text = any(len(re.sub(r"\s", "", t)) >= MIN_TEXT_CHARS for t in facts.first_pages_text)
    return facts


@dataclass
class DocxInspection:
    text: str = ""
    problem: Problem | None = None

    @property
    def characters(self) -> int:
        """Characters without white space, the way Word's 字数 counts Chinese text."""
        return len(re.sub(r"\s", "", self.text))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def inspect_docx(path: Path) -> DocxInspection:
    """The body text of a .docx, paragraphs on their own lines."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > 64 * 1024 * 1024:
                return DocxInspection(problem=problem("damaged_docx"))
            root = ElementTree.fromstring(archive.read(info))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        return DocxInspection(problem=problem("damaged_docx"))
    paragraphs = []
    for para in root.iter(f"{_W}p"):
        paragraphs.append("".join(node.text or "" for node in para.iter(f"{_W}t")))
    return DocxInspection(text="\n".join(paragraphs))
