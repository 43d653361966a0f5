"""A case file's category from every clue a person would use, strongest first.

1. what the bureau wrote: the folder, the file name, the cover's 案卷类别 or its title (按日连续处罚案卷);
2. the letter of the 文号 (青环罚 → a penalty, 环查/封/扣 → 查封扣押, 环限/停 → 限产停产, 环移 → a
   referral — which one the text says);
3. the decision document inside (按日连续处罚决定书, 查封（扣押）决定书, 责令限制生产决定书, 涉嫌环境犯罪
   案件移送书 …).

A generic answer (a plain 行政处罚案卷 cover, a 罚 number: 一般行政处罚) only counts when the text was
read and nothing more specific found in it — special cases carry 罚 numbers too, so for a scan
without text the number alone decides nothing. A 四个配套办法 folder is made specific by the 文号
or the decision inside.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.intake import phrases as vocab

MAX_PAGES_READ = 200

DECISION_TITLES: list[tuple[str, tuple[str, ...]]] = [
    ("daily_penalty", ("按日连续处罚决定书", "按日连续处罚事先告知书")),
    ("detention_referral", ("行政拘留处罚案件移送书", "移送行政拘留", "适用行政拘留")),
    (
        "crime_referral",
        ("涉嫌环境犯罪案件移送书", "涉嫌犯罪案件移送书", "涉嫌环境污染犯罪", "涉嫌污染环境罪"),
    ),
    ("production_limit", ("责令限制生产决定书", "责令停产整治决定书", "限制生产决定书", "停产整治决定书")),
    ("seizure", ("查封（扣押）决定书", "查封(扣押)决定书", "查封决定书", "扣押决定书", "查封、扣押决定书")),
    ("court_enforcement", ("强制执行申请书", "行政处罚强制执行申请书", "准予强制执行")),
    # A bare 案件移送书 to the police that names no crime (those titles rank above) is the 行政拘留
    # referral of 环境保护法 第六十三条: a crime referral always says 涉嫌…犯罪.
    ("detention_referral", ("案件移送书",)),
    # 催告 is what the law requires before a bureau may apply to the court (行政强制法 第五十四条):
    # a case file holding a 催告书 was bound for the court even when its 申请书 is not in it (a scan
    # whose pages were not all filed, an application still being drafted). Weakest: only over 罚.
    ("court_enforcement", ("履行行政处罚决定催告书", "催告书")),
]
"""Titles of the documents that make a case one of the special categories, most telling first.

Only titles: every penalty decision warns that the bureau 将依法申请人民法院强制执行, and many that
it may 按日连续处罚 — phrases that say nothing about the case's own category.
"""
REFERRALS: list[tuple[str, tuple[str, ...]]] = [
    ("detention_referral", ("行政拘留",)),
    ("crime_referral", ("犯罪", "刑事", "污染环境罪")),
]
NUMBER_LETTERS: list[tuple[str, str]] = [
    ("按日", "daily_penalty"),
    ("封", "seizure"),
    ("扣", "seizure"),
    ("查", "seizure"),
    ("限", "production_limit"),
    ("停", "production_limit"),
    ("移", "referral"),
    ("罚", "general_penalty"),
]
"""The kind letter at the end of a 文号's prefix (青环罚〔2017〕12号 → 罚)."""
_OCR_SLIPS = str.maketrans(
    {"(": "（", ")": "）", "査": "查", "決": "决", "書": "书", "執": "执", "處": "处", "罸": "罚", "續": "续"}
)
"""What OCR reads in these titles for what is printed: half-width brackets (after NFKC), and the
traditional or variant forms its models return for a few simplified characters."""
GENERIC = frozenset({"general_penalty", "four_measures"})
PENALTY_TITLE_RE = re.compile(r"行\s*政\s*处\s*罚\s*案\s*卷")


@dataclass(frozen=True)
class TypeClue:
    case_type: str
    found_by: str
    """folder, file_name, cover, case_number, decision"""
    detail: str


def from_words(text: str, found_by: str, detail: str) -> TypeClue | None:
    found = vocab.first_match(text, vocab.CASE_TYPES)
    return TypeClue(found[0], found_by, detail) if found else None


def from_cover(cover: str) -> tuple[TypeClue | None, TypeClue | None]:
    """(what the cover states — 案卷类别 or a 按日连续处罚案卷 title —, the generic 行政处罚案卷 title).

    Read line by line with the spaces taken out: covers space their titles (``按 日 连 续 处 罚 案 卷``)
    and OCR adds spaces of its own.
    """
    lines = [_flat(line) for line in cover.splitlines()]
    # the label's value on its line, or in the next cell of a table read line by line
    labelled = vocab.COVER_LABELS["case_type"].search("\n".join(lines))
    if labelled:
        clue = from_words(labelled.group(1)[:12], "cover", labelled.group(0))
        if clue:
            return clue, None
    for line in lines:
        if "案卷" in line:
            clue = from_words(line, "cover", line)
            if clue:
                return clue, None
    generic = PENALTY_TITLE_RE.search(cover)
    return None, (TypeClue("general_penalty", "cover", generic.group(0)) if generic else None)


def _flat(text: str) -> str:
    """For matching titles: widths folded, OCR's usual slips undone, no white space."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).translate(_OCR_SLIPS)


def from_number(number: str, texts: Callable[[], Iterable[str]]) -> TypeClue | None:
    """The 文号's letter; 移 is a referral whose kind only the text tells."""
    prefix = number.split("〔", 1)[0]
    for letters, case_type in NUMBER_LETTERS:
        if letters in prefix[-3:]:
            if case_type != "referral":
                return TypeClue(case_type, "case_number", number)
            for text in texts():
                found = vocab.first_match(text, REFERRALS)
                if found:
                    return TypeClue(found[0], "case_number", f"{number}（{found[1]}）")
            return None
    return None


def from_decision(texts: Iterable[str]) -> TypeClue | None:
    """The most telling special document title anywhere in the text."""
    best: tuple[int, str, str] | None = None
    for text in texts:
        flat = _flat(text)
        for rank, (case_type, titles) in enumerate(DECISION_TITLES):
            if best is not None and rank >= best[0]:
                break
            title = next((t for t in titles if t in flat), None)
            if title:
                best = (rank, case_type, title)
    return TypeClue(best[1], "decision", best[2]) if best else None


def decide(
    stated: list[TypeClue],
    generic_cover: TypeClue | None,
    number: str | None,
    texts: Callable[[], Iterable[str]],
) -> TypeClue | None:
    """The case type from the clues, ``stated`` strongest first (folder, file name, cover)."""
    first = stated[0] if stated else None
    if first is not None and first.case_type != "four_measures":
        return first
    by_number = from_number(number, texts) if number else None
    inferred = by_number if by_number and by_number.case_type not in GENERIC else from_decision(texts())
    if first is not None:  # 四个配套办法: which of the four, when the 文号 or the decision says
        if inferred is None or inferred.case_type not in vocab.FOUR_MEASURES:
            return first
        return TypeClue(inferred.case_type, inferred.found_by, f"{first.detail}；{inferred.detail}")
    if inferred:
        return inferred
    if not any(text.strip() for text in texts()):
        return None  # a scan: a 罚 number is as much a 按日连续处罚 or 限产 case as a general one
    if generic_cover and by_number:  # 行政处罚案卷 and a 罚 number: both say 一般行政处罚
        return TypeClue(generic_cover.case_type, "cover", f"{generic_cover.detail}；{by_number.detail}")
    return generic_cover or by_number
