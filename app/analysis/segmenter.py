"""Split a case file into its documents, from every signal a person would use.

Signals, per page: whether its top reads as a title (known or not: a short, centred, larger line,
see title_layout), the page footer (第k页 共N页 in its many forms), and a transcript's own marks
(问/答 lines, its opening fields, 以下空白); then the PDF's bookmarks and the 卷内目录 as hints.

Rules, strongest first:
- a footer that says page 1 starts a document; a footer that says page k, where the running
  document started k-1 pages earlier, continues it whatever its top says (a repeated or misread
  title does not cut a record), and such pages are protected from bookmarks and the 卷内目录;
- a page whose top reads as a title starts a document, unless it repeats the running document's
  title on a page that neither opens a new record (时间：…至…) nor follows the running one's end;
- a page without a title continues the running document, unless that document has ended (its
  footer reached 共N页, a record closed with 以下空白, or its last page carried the officers' and
  the recorder's signatures and this page carries none) and the page does not go on with 问/答;
- a copy of an identity card (公民身份号码, 签发机关 …) is a paper of its own, untitled as it is: bureaus
  file one behind a 授权委托书 or a 营业执照 copy, and it is no page of either;
- the 卷内目录's page numbers are checked against the pages found: the most common difference is
  taken as its offset (they are often one or two off) and the corrected entries fill in starts
  nothing else showed. Each document records how it was found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.analysis.footers import Footer, find_page_footer
from app.analysis.pages import BOTTOM_BAND, TOP_BAND, PageText
from app.analysis.record_marks import RecordMarks, record_marks
from app.analysis.textnorm import cjk_count, fold
from app.analysis.title_layout import read_top
from app.analysis.titles import Title, kind_of
from app.analysis.toc import TocEntry, parse_toc
from app.models.documents import Document
from app.vocabulary import TRANSCRIPT_KINDS

ONE_PAGE_KINDS = ("service_receipt",)
"""One sheet each: the same title on the next page is the next one (a 送达回证 per paper served)."""
ID_CARD_FRONT = ("姓名", "性别", "民族", "出生", "住址")
ID_CARD_BACK = ("签发机关", "有效期限")
ID_CARD_MAX_CHARACTERS = 240
"""A card's copy is a few printed fields; a page of prose that quotes them is something else."""
FILE_NUMBERING_MIN = 8
"""A footer total this large and close to the file's page count numbers the whole file, not a document."""


@dataclass
class _Start:
    page: int
    kind: str | None
    phrase: str
    title: str
    signals: list[str] = field(default_factory=list)
    known: bool = True
    """the kind comes from a vocabulary title (a hint may not change it)"""
    total: int | None = None
    """共N页 of the footer that started it"""


@dataclass(frozen=True)
class PageSignals:
    page: int
    title: Title | None
    footer: Footer | None
    marks: RecordMarks
    content: bool
    """the page shows some text (a blank back side does not)"""
    id_card: bool = False
    """the page is a copy of an identity card"""


def page_signals(text: PageText) -> PageSignals:
    top, bottom = text.band(TOP_BAND, 1 - BOTTOM_BAND)
    # a footer read at the top: printed there, or the scan is upside down and was not turned
    footer = find_page_footer(bottom) or find_page_footer(top)
    return PageSignals(
        text.page,
        read_top(text).title,
        footer,
        record_marks(text.lines),
        cjk_count(text.text) >= 4,
        is_id_card(text.text),
    )


def is_id_card(text: str) -> bool:
    """A copy of a 居民身份证, either side.

    The front's 公民身份号码 under its name, sex, birth and address fields, or the back's 居民身份证
    with 签发机关 or 有效期限: a 授权委托书 names a 身份证号 once, a card shows its printed fields.
    """
    flat = fold(text)
    if len(flat) > ID_CARD_MAX_CHARACTERS:
        return False
    front = "公民身份号码" in flat and sum(word in flat for word in ID_CARD_FRONT) >= 3
    back = "居民身份证" in flat and any(word in flat for word in ID_CARD_BACK)
    return front or back


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


def _document_footer(footer: Footer | None, count: int) -> Footer | None:
    """The footer if it counts a document's pages (not a bare number, not the whole file's)."""
    if footer is None or footer.total is None:
        return None
    if footer.total >= FILE_NUMBERING_MIN and footer.total >= count - 3:
        return None
    return footer


class _Walk:
    """One pass over the pages, page by page, as a person leafs through the file."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.starts: dict[int, _Start] = {}
        self.protected: set[int] = set()
        self.current: _Start | None = None
        self.last_footer: Footer | None = None
        self.closed = False
        """the running record closed on the previous page (（以下空白）)"""
        self.signed_off = False
        """the previous page carried the record's closing signatures (officers' and recorder's)"""
        self.record_closed = False
        """the running record printed （以下空白） on one of its pages so far"""
        self.id_card = False
        """the previous page was a copy of an identity card"""

    def ended(self, page: int) -> bool:
        """The running document has had all the pages its footer announced."""
        if self.current is None:
            return False
        if self.last_footer is not None and self.last_footer.number == self.last_footer.total:
            return True
        total = self.current.total
        return total is not None and page - self.current.page >= total

    def finished(self) -> bool:
        """The running record closed (以下空白) and signed off on the page before this one.

        以下空白 printed, then the officers' and the recorder's signatures: a record is complete
        once both are done, so the same title on the next sheet heads the next record of its kind.
        """
        return self.record_closed and self.signed_off

    def begin(self, sig: PageSignals, reasons: list[str]) -> None:
        title = sig.title
        kind: str | None
        if title is not None:
            kind, phrase, text, known = title.kind, title.phrase, title.text, title.known
        else:
            kind, phrase, text, known = sig.marks.opening_kind if sig.marks.opening else None, "", "", False
        self.current = _Start(sig.page, kind, phrase, text, reasons, known)
        self.starts[sig.page] = self.current
        self.record_closed = False

    def step(self, sig: PageSignals) -> None:
        footer = _document_footer(sig.footer, self.count)
        current = self.current
        title = sig.title
        transcript = current is not None and current.kind in TRANSCRIPT_KINDS
        reasons: list[str] = []
        if footer is not None and footer.number == 1:
            reasons.append(f"页脚“{footer.text.strip()}”")
            if title is not None:
                reasons.insert(0, f"标题“{title.text}”")
            self.begin(sig, reasons)
            self.current.total = footer.total  # type: ignore[union-attr]
        elif footer is not None and current is not None and sig.page - current.page + 1 == footer.number:
            self.protected.add(sig.page)  # page k of the document that started k-1 pages ago
            if current.total is None:
                current.total = footer.total
            if current.kind is None and title is not None and title.known:
                # its first page's title was unreadable; a later page repeats it
                current.kind, current.phrase, current.title = title.kind, title.phrase, title.text
                current.signals.append(f"续页标题“{title.text}”")
        elif title is not None:
            same = current is not None and title.phrase == current.phrase
            # the same title after 以下空白 is no proof of a new record: the close and signatures
            # often run over onto a sheet that repeats the title; a new record shows its opening
            if (
                not same
                or self.ended(sig.page)
                or (transcript and sig.marks.opening)
                or (transcript and self.finished() and not sig.marks.confirms_at_top)
                or title.kind in ONE_PAGE_KINDS
            ):
                reasons.append(f"标题“{title.text}”" + ("" if title.known else "（版式）"))
                self.begin(sig, reasons)
        elif current is not None and sig.content and not (transcript and sig.marks.questions):
            if sig.id_card and not self.id_card:  # its back on the next page stays with it
                self.begin(sig, ["身份证复印件"])
            elif self.ended(sig.page):
                self.begin(sig, ["上一份文书页脚已到末页"])
            elif transcript and self.closed and not sig.marks.confirms_at_top:
                self.begin(sig, ["上一份笔录已结束（以下空白）"])
            elif transcript and self.signed_off and not (sig.marks.signatures or sig.marks.confirms_at_top):
                # an untitled paper after a record's last page (an ID card or licence copy): a
                # page of the record would carry its signature line as every page before did
                self.begin(sig, ["上一份笔录已签名结束"])
        if sig.page == 1 and sig.page not in self.starts:
            self.begin(sig, ["首页"])
            if self.current is not None and self.current.kind is None:
                self.current.kind = "cover"
        self.last_footer = footer
        self.closed = sig.marks.closing
        self.signed_off = sig.marks.signed_off
        self.record_closed = self.record_closed or sig.marks.closing
        self.id_card = sig.id_card


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
    walk = _Walk(count)
    for text in pages:
        walk.step(page_signals(text))
    starts, protected = walk.starts, walk.protected

    for level, mark, page in bookmarks or []:
        if level != 1 or not 1 <= page <= count or page in protected:
            continue
        kind = kind_of(mark)
        if page in starts:
            starts[page].signals.append("书签")
            if starts[page].kind is None or (not starts[page].known and kind not in (None, "other")):
                starts[page].kind = kind
        else:
            starts[page] = _Start(page, kind, "", mark, [f"书签“{mark}”"], False)

    for toc_page, lines in (toc_page_lines or {}).items():
        entries = parse_toc(lines)
        if not entries:
            continue
        offset = toc_offset(entries, starts)
        note = f"卷内目录（页码偏差 {offset:+d}）" if offset else "卷内目录"
        for entry in entries:
            page = entry.first + offset
            if not 1 <= page <= count or page == toc_page or page in protected:
                continue
            if page in starts:
                starts[page].signals.append(note)
                if starts[page].kind is None or (
                    not starts[page].known and entry.kind not in (None, "other")
                ):
                    starts[page].kind = entry.kind  # a title read by its layout alone may be misread
            else:
                starts[page] = _Start(page, entry.kind, "", entry.title, [f"{note}：{entry.title}"], False)

    ordered = sorted(starts.values(), key=lambda s: s.page)
    segments = []
    for index, start in enumerate(ordered):
        last = ordered[index + 1].page - 1 if index + 1 < len(ordered) else count
        segments.append(
            Document(start.kind or "other", start.page, last, start.title, "; ".join(start.signals))
        )
    return segments
