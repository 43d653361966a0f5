"""Whether the top of a page reads as a document title, whether or not the title is in the vocabulary.

A person sees a title without reading it: a short line, centred, in a larger type than the body,
first on the page or just below a header (the bureau's name, a 文号 or 编号 line). The same holds for
OCR lines: their box height stands for the type size. A spaced-out line (“授 权 委 托 书”) is a title
by its spacing. A title may run over two lines (“涉嫌环境犯罪案件” / “移送书”).

Lines that are never titles: fields (“时间：…”), questions and answers, sentences, numbered headings
(“一、…”), page numbers. A vocabulary match on a top row is taken even when the layout is plain (a
scan's title is often not centred after skew or cropping).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from app.analysis.footers import find_page_footer, read_footer
from app.analysis.pages import TOP_BAND, Line, PageText
from app.analysis.textnorm import cjk_count, fold
from app.analysis.titles import Title, key, match_tail, match_title, unknown_kind

TITLE_ZONE = 0.32
"""A title starts above this fraction of the page (it may sit below a header and a 文号 line)."""
MAX_ROWS = 4
"""Rows looked at from the top, header rows not counted."""
MAX_TITLE_CHARS = 24
CENTRE_TOLERANCE = 0.08
LARGER = 1.18
"""A title's type is at least this much taller than the body's."""

HEADER = re.compile(
    r"(局|厅|委员会|人民政府|政府|大队|支队|总队|分局|中心|执法处|监察室|公司|研究院|监测站|站|所|文书)$"
)
"""A bureau's or a company's name, or a form series (“环境行政处罚文书”), printed above the title."""
DOC_NUMBER = re.compile(r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）].{0,8}号|编号|No\.|^\d{4}年\d{1,2}月\d{1,2}日$")
NOT_A_TITLE = re.compile(
    r"^(问|答)\s*[:：]|[:：]|。|^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十\d]+[)）]|^\d+[、.．]"
)
NOUN_END = re.compile(
    r"(书|表|录|单|证|报告|通知|回执|目录|证明|材料|记录|复印件|清单|说明|函|据|照|件|图|意见|笔录|批复|方案|协议|合同)$"
)
LABEL = re.compile(r"^(附件\d*|附表\d*|附|副本|正本|存根|第.联|\(?续\)?|续页)$")
"""A short tag in a corner above the title (附件, 副本), not a title."""
CONTINUED = re.compile(r"续页|[（(]续[)）]|接上页")


@dataclass(frozen=True)
class Row:
    box: tuple[float, float, float, float]
    text: str
    spaced: bool
    """printed with a space between every character (授 权 委 托 书)"""

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def centre(self) -> float:
        return (self.box[0] + self.box[2]) / 2


def rows(lines: list[Line]) -> list[Row]:
    """Lines that share a vertical position as one row (OCR may return a spaced title char by char)."""
    grouped: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        middle = (line.box[1] + line.box[3]) / 2
        if grouped:
            last = grouped[-1][0]
            if abs(middle - (last.box[1] + last.box[3]) / 2) < (last.box[3] - last.box[1]) * 0.45:
                grouped[-1].append(line)
                continue
        grouped.append([line])
    result = []
    for group in grouped:
        group.sort(key=lambda ln: ln.box[0])
        box = (
            min(ln.box[0] for ln in group),
            min(ln.box[1] for ln in group),
            max(ln.box[2] for ln in group),
            max(ln.box[3] for ln in group),
        )
        text = " ".join(ln.text.strip() for ln in group)
        chars = [c for c in text.strip() if not c.isspace()]
        spaced = (
            len(chars) >= 3 and bool(re.fullmatch(r"(\S\s+)+\S", text.strip())) and len(group) <= len(chars)
        )
        result.append(
            Row(box, text, spaced or (len(group) >= 3 and all(len(fold(ln.text)) <= 2 for ln in group)))
        )
    return result


def is_header(row: Row) -> bool:
    """A bureau's name, a 文号 or 编号 line, a date: printed above a title, never one."""
    folded = fold(row.text)
    if folded.startswith("关于"):
        return False  # “关于某某公司 / …的报告”: the first line of a title
    return bool(HEADER.search(folded) or DOC_NUMBER.search(folded)) and not NOUN_END.search(folded)


def _could_be_title(text: str, longest: int = MAX_TITLE_CHARS) -> bool:
    folded = fold(text)
    if read_footer(text) is not None:
        return False  # a page number (printed at the top, or the page is upside down)
    characters = key(text)
    if not 2 <= len(characters) <= longest or NOT_A_TITLE.search(folded):
        return False
    return cjk_count(folded) >= max(2, int(len(folded) * 0.6))


def _looks_like_title(row: Row, body_height: float | None) -> bool:
    """Centred and set apart (larger type, spaced out, or a document noun at its end)."""
    if not _could_be_title(row.text):
        return False
    centred = abs(row.centre - 0.5) <= CENTRE_TOLERANCE and row.box[2] - row.box[0] <= 0.8
    if not centred:
        return False
    larger = body_height is not None and row.height >= body_height * LARGER
    return larger or row.spaced or bool(NOUN_END.search(key(row.text)))


def body_height(page_rows: list[Row], exclude: list[Row]) -> float | None:
    """The usual line height on the page (its body type), from the rows that are not candidates."""
    skip = {id(r) for r in exclude}
    heights = [r.height for r in page_rows if id(r) not in skip and len(key(r.text)) >= 4]
    return statistics.median(heights) if len(heights) >= 2 else None


@dataclass(frozen=True)
class TopReading:
    title: Title | None
    header_rows: int
    """header rows above the title (bureau name, 文号)"""
    continued: bool
    """the top says it continues a document (“续页”)"""


def _matches(row: Row) -> bool:
    return match_title(row.text) is not None


def _title(text: str) -> Title:
    """A title recognised by its layout: the vocabulary names its kind if it ends with a known name."""
    found = match_title(text)
    if found is not None:
        return found
    tail = match_tail(key(text))
    if tail is not None:
        return Title(tail[0], text, key(text), False)
    return Title(unknown_kind(text), text, key(text), False)


def read_top(page: PageText) -> TopReading:
    """The title at the top of a page, if its top reads as one."""
    page_rows = rows(page.lines)
    top = [r for r in page_rows if r.box[1] < TITLE_ZONE]
    candidates: list[Row] = []
    headers = 0
    continued = False
    for row in top:
        if CONTINUED.search(fold(row.text)) and len(key(row.text)) <= 12:
            continued = True
        if LABEL.search(key(row.text)) or (is_header(row) and not _matches(row)):
            headers += 1
            continue
        candidates.append(row)
        if len(candidates) >= MAX_ROWS:
            break
    if not candidates:
        return TopReading(None, headers, continued)
    reference = body_height(page_rows, candidates[:2])
    for index, row in enumerate(candidates[:3]):
        text = row.text
        following = candidates[index + 1] if index + 1 < len(candidates) else None
        if "。" in fold(text):
            break  # a sentence that names a paper (……营业执照复印件等证据为凭。) is body text
        known = match_title(text)
        if known is not None:
            return TopReading(known, headers, continued)
        if following is not None and _looks_like_title(row, reference):
            joined = text + following.text
            two_lines = match_title(joined)
            if two_lines is not None:
                return TopReading(Title(two_lines.kind, joined, two_lines.phrase), headers, continued)
            if (
                abs(following.centre - 0.5) <= CENTRE_TOLERANCE  # the second line of the same title:
                and abs(following.height - row.height) < row.height * 0.2  # centred, same type, close
                and following.box[1] - row.box[3] < row.height * 1.2
                and _could_be_title(joined, 2 * MAX_TITLE_CHARS)
            ):
                return TopReading(_title(joined), headers, continued)
        if _looks_like_title(row, reference):
            return TopReading(_title(text), headers, continued)
        if NOT_A_TITLE.search(fold(text)) or len(key(text)) > MAX_TITLE_CHARS:
            break  # body text (a field, a question, a sentence): no title further down
    return TopReading(None, headers, continued)


TALLER_BAND = (0.07, 0.32)
"""Where a scan's title is looked for again when the first band showed none (a title below a header)."""


def needs_taller_band(page: PageText) -> bool:
    """A scanned page whose title band showed no title it knows, and whose top is not a record's body."""
    top = [line for line in page.lines if line.box[1] < TOP_BAND]
    if any(re.search(r"^[问答何][:：]", fold(line.text)) for line in top):
        return False
    reading = read_top(page)
    footer = find_page_footer([line for line in page.lines if line.box[1] >= TOP_BAND])
    if footer is not None and footer.total is not None and footer.number > 1 and not reading.header_rows:
        return False  # page k of a document, no header above where a title would be: nothing to learn
    return reading.title is None or not reading.title.known
