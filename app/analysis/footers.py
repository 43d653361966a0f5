"""Page-number footers in the forms bureaus print them, and what they say about a document's bounds.

A transcript prints “第1页 共2页” (or “共2页 第1页”, “第 1 页/共 2 页”, “1/2” …) on every page: its
page 1 starts a record and its page N ends it. A bare page number (“- 3 -”, “第3页”) has no total:
it numbers pages but cannot bound a document, so it is kept apart (``total`` is None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.analysis.pages import Line
from app.analysis.textnorm import fold

_PAGE = "[页贝頁]"  # OCR reads 页 as 贝 now and then
_NTH = "[第笫]"  # and 第 as 笫
_SEP = r"[,，、/\\|.．:：;；(（]?(?:之)?"
_WITH_TOTAL = [
    (re.compile(rf"{_NTH}(\d{{1,3}}){_PAGE}{_SEP}共(\d{{1,3}}){_PAGE}"), 1, 2),
    (re.compile(rf"共(\d{{1,3}}){_PAGE}{_SEP}{_NTH}(\d{{1,3}}){_PAGE}"), 2, 1),
    (re.compile(rf"{_NTH}(\d{{1,3}})/(\d{{1,3}}){_PAGE}"), 1, 2),
    (re.compile(r"^[-—–_~]*(\d{1,3})/(\d{1,3})[-—–_~]*$"), 1, 2),
]
_NUMBER_ONLY = [
    re.compile(r"^[-—–_~]+(\d{1,3})[-—–_~]+$"),
    re.compile(rf"^{_NTH}(\d{{1,3}}){_PAGE}$"),
]
_CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"两": 2}
_CN_COUNT = re.compile(rf"(?<=[第笫共])[〇一二两三四五六七八九十]{{1,3}}(?={_PAGE})")


def _cn_count(match: re.Match[str]) -> str:
    """第二页 → 第2页, 共十二页 → 共12页."""
    text = match.group(0)
    if "十" in text:
        tens, _, units = text.partition("十")
        return str(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0))
    return "".join(str(_CN_DIGITS[ch]) for ch in text)


@dataclass(frozen=True)
class Footer:
    number: int
    total: int | None
    """None for a bare page number, which does not bound a document"""
    text: str


def read_footer(text: str) -> Footer | None:
    """The page footer one line (or one row of cells) states, if any."""
    folded = _CN_COUNT.sub(_cn_count, fold(text))
    for pattern, number_group, total_group in _WITH_TOTAL:
        match = pattern.search(folded)
        if match:
            number, total = int(match.group(number_group)), int(match.group(total_group))
            if 1 <= number <= total:
                return Footer(number, total, text)
    for pattern in _NUMBER_ONLY:
        match = pattern.search(folded)
        if match and int(match.group(1)) >= 1:
            return Footer(int(match.group(1)), None, text)
    return None


def _rows(lines: list[Line]) -> list[str]:
    """Cells that share a vertical position, joined left to right (OCR splits “第1页，” from “共2页”)."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        middle = (line.box[1] + line.box[3]) / 2
        if rows:
            last = rows[-1][0]
            if abs(middle - (last.box[1] + last.box[3]) / 2) < max(0.006, (last.box[3] - last.box[1]) / 2):
                rows[-1].append(line)
                continue
        rows.append([line])
    return ["".join(ln.text for ln in sorted(row, key=lambda ln: ln.box[0])) for row in rows]


def find_page_footer(lines: list[Line]) -> Footer | None:
    """The footer of a page's bottom band: one with a total wins over a bare page number."""
    found = [read_footer(line.text) for line in lines] + [read_footer(row) for row in _rows(lines)]
    with_total = [f for f in found if f is not None and f.total is not None]
    if with_total:
        return with_total[-1]
    bare = [f for f in found if f is not None]
    return bare[-1] if bare else None
