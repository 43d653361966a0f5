"""Split a case file into its documents, from every signal a person would use.

Signals, per page: the title in the top band, the 第X页 共Y页 footer, the PDF's bookmarks, and the
卷内目录. A page starts a new document when its title differs from the running document's, when
its footer says page 1, or when a bookmark starts there; a page without a title continues the
running document. The 卷内目录's page numbers are checked against the pages that were found by
title: the most common difference is taken as the directory's offset (they are often one or two
off) and the corrected entries fill in starts no title showed. Each document records how it was
found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.analysis.pages import BOTTOM_BAND, TOP_BAND, PageText
from app.analysis.titles import Title, find_footer, find_title, kind_of
from app.analysis.toc import TocEntry, parse_toc
from app.models.documents import Document


@dataclass
class _Start:
    page: int
    kind: str | None
    phrase: str
    title: str
    signals: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PageSignals:
    page: int
    title: Title | None
    footer: tuple[int, int] | None


def page_signals(text: PageText) -> PageSignals:
    top, bottom = text.band(TOP_BAND, 1 - BOTTOM_BAND)
    return PageSignals(text.page, find_title(top), find_footer(bottom))


def toc_offset(entries: list[TocEntry], starts: dict[int, _Start]) -> int:
    """How far the 卷内目录's page numbers are from where its documents were found (most common)."""
    differences: Counter[int] = Counter()
    for entry in entries:
        for delta in (-2, -1, 0, 1, 2):
            start = starts.get(entry.first + delta)
            if start is not None and entry.kind is not None and start.kind == entry.kind:
                differences[delta] += 1
    if not differences:
        return 0
    best = max(differences.values())
    return min((d for d, n in differences.items() if n == best), key=abs)


def segment(
    pages: list[PageText],
    bookmarks: list[tuple[int, str, int]] | None = None,
    toc_page_lines: dict[int, list] | None = None,
) -> list[Document]:
    """Documents of a case file.

    From its page texts (bands or full), its bookmarks (level, title, page) and the full lines of
    any 卷内目录 page.
    """
    if not pages:
        return []
    count = len(pages)
    signals = [page_signals(p) for p in pages]
    starts: dict[int, _Start] = {}
    current: _Start | None = None
    last_footer: tuple[int, int] | None = None
    for sig in signals:
        title, footer = sig.title, sig.footer
        begins = False
        reasons = []
        if title is not None and (current is None or title.phrase != current.phrase):
            begins, reasons = True, [f"标题“{title.text}”"]
        if footer is not None and footer[0] == 1:
            begins = True
            reasons.append(f"页脚 第1页共{footer[1]}页")
        elif (
            footer is None
            and last_footer is not None
            and last_footer[0] == last_footer[1]
            and title is not None
        ):
            begins = True
            reasons.append("上一份文书页脚已到末页")
        if sig.page == 1 and not begins:
            begins, reasons = True, ["首页"]
        if begins:
            kind = title.kind if title else ("cover" if sig.page == 1 else None)
            current = _Start(
                sig.page, kind, title.phrase if title else "", title.text if title else "", reasons
            )
            starts[sig.page] = current
        last_footer = footer

    for level, text, page in bookmarks or []:
        if level != 1 or not 1 <= page <= count:
            continue
        kind = kind_of(text)
        if page in starts:
            starts[page].signals.append("书签")
            if starts[page].kind is None:
                starts[page].kind = kind
        else:
            starts[page] = _Start(page, kind, "", text, [f"书签“{text}”"])

    for toc_page, lines in (toc_page_lines or {}).items():
        entries = parse_toc(lines)
        if not entries:
            continue
        offset = toc_offset(entries, starts)
        note = f"卷内目录（页码偏差 {offset:+d}）" if offset else "卷内目录"
        for entry in entries:
            page = entry.first + offset
            if not 1 <= page <= count or page == toc_page:
                continue
            if page in starts:
                starts[page].signals.append(note)
                if starts[page].kind is None:
                    starts[page].kind = entry.kind
            else:
                starts[page] = _Start(page, entry.kind, "", entry.title, [f"{note}：{entry.title}"])

    ordered = sorted(starts.values(), key=lambda s: s.page)
    segments = []
    for index, start in enumerate(ordered):
        last = ordered[index + 1].page - 1 if index + 1 < len(ordered) else count
        segments.append(
            Document(start.kind or "other", start.page, last, start.title, "; ".join(start.signals))
        )
    return segments
