"""Is a file a case file, a supporting document, something else, or rejected? And why.

Decided from content first (the text of the first pages), then from folder and file names, the
文号 in the name and the page count: a scan without text has only those until OCR (segmentation
issue) refines the decision.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.intake import folders
from app.intake import phrases as vocab
from app.intake.inspection import DocxInspection, PdfInspection
from app.intake.sources import CONTAINER_KINDS
from app.problems import Problem, problem
from app.vocabulary import FILE_KIND_LABELS

MIN_CASE_PAGES = 4
"""A case file runs from 立案 to 结案: fewer pages than this is a certificate or a letter."""
PAGES_ALONE_SUGGEST_CASE = 15


@dataclass(frozen=True)
class Classification:
    cls: str
    reason: str
    role: str | None = None
    problem: Problem | None = None


def _has_any(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if w in text), None)


def _flat(text: str) -> str:
    """Widths folded and white space gone: covers and forms space their titles (行 政 处 罚 案 卷)."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _case_marker(text: str) -> str | None:
    flat = _flat(text)
    return next((w for w in vocab.CASE_TEXT_MARKERS if _flat(w) in flat), None)


def _classify_pdf(path: str, facts: PdfInspection) -> Classification:
    if facts.problem is not None and facts.problem.severity == "error":
        return Classification("rejected", facts.problem.zh, problem=facts.problem)
    name = path.rsplit("/", 1)[-1]
    text = "\n".join(facts.first_pages_text)
    head = facts.first_pages_text[0] if facts.first_pages_text else ""
    integrity = _has_any(name, vocab.INTEGRITY_WORDS) or _has_any(head, vocab.INTEGRITY_WORDS)
    if integrity and facts.pages < MIN_CASE_PAGES:
        return Classification("supporting", f"廉洁执法证明：“{integrity}”", "integrity_certificate")
    merit = _has_any(name, vocab.MERIT_WORDS) or _has_any(head, vocab.MERIT_WORDS)
    if merit and facts.pages < MIN_CASE_PAGES * 3:
        return Classification("supporting", f"事迹材料：“{merit}”", "merit_statement")
    if facts.has_text:
        marker = _case_marker(text)
        if marker:
            return Classification("case_file", f"前几页文字含“{marker}”")
    reasons = []
    folder_word = _has_any(path.rsplit("/", 1)[0] if "/" in path else "", vocab.CASE_WORDS)
    if folder_word:
        reasons.append(f"目录名含“{folder_word}”")
    elif name_word := _has_any(name.rsplit(".", 1)[0], ("案卷",)):
        reasons.append(f"文件名含“{name_word}”")
    elif not facts.has_text and not _has_any(name, vocab.DATA_WORDS):
        # A scan inside a candidate's own folder (个人：马海军/02.pdf): what else would a bureau put there
        # at case-file length? Certificates and merit statements were told apart above.
        owner = folders.submitting_index(folders.read_path(path.split("/")[:-1]))
        if owner is not None:
            reasons.append(f"扫描件，位于候选人报送目录“{path.split('/')[owner]}”")
    number = vocab.CASE_NUMBER_RE.search(name)
    if number:
        reasons.append(f"文件名含文号“{number.group(0)}”")
    if reasons and facts.pages >= MIN_CASE_PAGES:
        reasons.append(f"{facts.pages} 页")
        return Classification("case_file", "；".join(reasons))
    if facts.pages >= PAGES_ALONE_SUGGEST_CASE and not facts.has_text:
        return Classification("case_file", f"扫描件，{facts.pages} 页（仅凭页数，待识别后确认）")
    return Classification("other", "未发现案卷特征")


def classify(
    kind: str, path: str, pdf: PdfInspection | None = None, docx: DocxInspection | None = None
) -> Classification:
    """The class of one stored file of sniffed ``kind`` found at ``path`` inside its source."""
    name = path.rsplit("/", 1)[-1]
    lower = name.lower()
    if kind == "empty":
        return Classification("rejected", "空文件", problem=problem("empty_file"))
    if kind == "pdf":
        assert pdf is not None
        return _classify_pdf(path, pdf)
    if lower.endswith(".pdf"):
        zh, en = FILE_KIND_LABELS.get(kind, FILE_KIND_LABELS["unknown"])
        found = problem("wrong_type", name=name, actual=zh, actual_en=en)
        return Classification("rejected", found.zh, problem=found)
    if kind == "docx":
        if docx is not None and docx.problem is not None:
            return Classification("rejected", docx.problem.zh, problem=docx.problem)
        text = docx.text if docx else ""
        if _has_any(name, vocab.MERIT_WORDS) or _has_any(text[:200], vocab.MERIT_WORDS):
            return Classification("supporting", "Word 文档：事迹材料", "merit_statement")
        return Classification("supporting", "Word 文档", "document")
    if kind == "xlsx" or (kind == "text" and lower.endswith(".csv")):
        return Classification("supporting", "数据表", "data_table")
    if kind == "ole":
        if lower.endswith((".xls", ".et")):
            return Classification("supporting", "旧版 Excel 数据表", "data_table")
        found = problem("legacy_doc")
        return Classification("rejected", found.zh, problem=found)
    if kind == "zip" and lower.endswith((".docx", ".xlsx", ".pptx")):
        found = problem("damaged_docx")
        return Classification("rejected", found.zh, problem=found)
    if kind in CONTAINER_KINDS:
        return Classification("other", "压缩包或光盘映像，已展开其中的文件", "container")
    if kind in ("jpeg", "png", "gif", "tiff", "bmp"):
        return Classification("other", "图片", "image")
    return Classification("other", "其他文件")
