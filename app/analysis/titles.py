"""The names of the documents in a case file, and matching a line of text against them.

The vocabulary comes from the 2024 案卷评查细则 (the documents it names for every case type) and from
the wording of real 卷内目录. Matching is done on a key that keeps only letters and digits (so spaces,
全角/半角 brackets and 、/ inside a title do not matter) and tolerates OCR slips: a phrase matches a
line when some part of the line is within a small edit distance of it (one character wrong or missing
in a short title, two in a long one). A line that carries much more than the phrase is a sentence that
mentions it, not a title. The closest phrase wins, the longest among equals, so that
“行政处罚事先（听证）告知书” is not read as a 决定书 and “现场检查（勘察）笔录” is not an 询问笔录.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from app.analysis.footers import find_page_footer
from app.analysis.pages import Line
from app.analysis.textnorm import fold

# kind, phrases (as printed); the first phrase is the canonical title
TITLES: list[tuple[str, tuple[str, ...]]] = [
    ("toc", ("卷内目录", "卷内文件目录", "案卷目录")),
    (
        "filing_approval",
        ("立案审批表", "立案登记表", "案件立案审批表", "立案呈批表", "行政处罚立案审批表", "立案审查表"),
    ),
    (
        "inspection_record",
        ("现场检查（勘察）笔录", "现场检查笔录", "现场勘察笔录", "现场检查（勘验）笔录", "勘验笔录"),
    ),
    ("inquiry_record", ("调查询问笔录", "询问笔录", "调查笔录", "询问调查笔录")),
    ("investigation_report", ("案件调查报告", "调查终结报告", "案件调查终结报告", "调查报告")),
    (
        "hearing_notice",
        (
            "行政处罚事先（听证）告知书",
            "行政处罚事先告知书",
            "行政处罚听证告知书",
            "听证告知书",
            "事先告知书",
            "陈述申辩告知书",
        ),
    ),
    (
        "decision",
        (
            "行政处罚决定书",
            "不予行政处罚决定书",
            "查封（扣押）决定书",
            "查封、扣押决定书",
            "解除查封（扣押）决定书",
            "查封（扣押）延期决定书",
            "按日连续处罚决定书",
            "责令限制生产决定书",
            "责令停产整治决定书",
        ),
    ),
    ("service_receipt", ("送达回证", "送达地址确认书", "送达回执")),
    ("closing_approval", ("结案审批表", "结案报告", "结案呈批表", "行政处罚结案审批表")),
    (
        "evidence",
        (
            "监测报告",
            "检测报告",
            "鉴定报告",
            "监测（检测）报告",
            "现场照片",
            "照片",
            "现场照片及说明",
            "照片证据",
            "视听资料",
            "营业执照",
            "营业执照（副本）复印件",
            "营业执照复印件",
            "居民身份证复印件",
            "身份证复印件",
            "法定代表人身份证明",
            "事业单位法人证书",
            "书证",
            "证据材料",
            "证据清单",
            "采样记录",
            "取样记录",
            "现场采样记录",
            "证人证言",
            "排污许可证",
            "环评批复",
            "环境影响评价批复",
            "竣工环境保护验收意见",
            "验收报告",
            "情况说明",
            "危险废物称重记录",
            "自动监测数据",
            "执法证复印件",
        ),
    ),
    (
        "other",
        (
            "授权委托书",
            "责令改正违法行为决定书",
            "责令改正决定书",
            "非税收入一般缴款书",
            "罚没收据",
            "罚款收据",
            "卷内备考表",
            "备考表",
            "移送案件受案回执",
            "受案回执",
            "立案告知书",
            "行政处罚听证通知书",
            "听证通知书",
            "听证笔录",
            "听证报告",
            "集体讨论记录",
            "重大案件集体讨论记录",
            "案件集体讨论记录",
            "法制审核意见书",
            "法制审核意见",
            "案件审查意见书",
            "行政处罚决定审批表",
            "案件处理审批表",
            "催告书",
            "履行行政处罚决定催告书",
            "强制执行申请书",
            "行政强制执行申请书",
            "查封（扣押）审批表",
            "查封（扣押）现场笔录",
            "查封（扣押）清单",
            "解除查封（扣押）清单",
            "复查笔录",
            "陈述申辩笔录",
            "陈述申辩书",
            "行政拘留处罚案件移送审批表",
            "适用行政拘留处罚案件移送书",
            "案件移送审批表",
            "案件移送书",
            "涉嫌环境犯罪案件移送审批表",
            "涉嫌环境犯罪案件移送书",
            "移送材料清单",
            "延期（分期）缴纳罚款审批表",
            "行政处罚案件办理情况说明",
            "公开情况截图",
        ),
    ),
    ("cover", ("行政处罚案卷", "案卷封面", "行政执法案卷", "环境行政处罚案卷", "卷宗封面")),
]

_NOT_KEPT = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]")
MAX_TITLE_EXTRA = 6
"""A title line may carry a little more (“（续页）”, a number, a province) but is not a sentence."""

EVIDENCE_WORDS = re.compile(
    r"复印件|复制件|执照|身份证|证件|照片|图片|截图|监测|检测|鉴定|化验|采样|取样|称重|台账|数据|证明|"
    r"说明|证言|录像|视听|许可证|批复|合同|发票|清单|记录表|记录|图"
)
"""Words that make an unknown title a piece of evidence rather than a procedural paper."""
PROCEDURAL_WORDS = re.compile(
    r"决定书|通知书|告知书|审批表|呈批表|回执|回证|缴款书|委托书|备考表|讨论记录|申请书"
)


TRADITIONAL = str.maketrans(
    "結書錄調詢問記處罰決審報證場檢査執據約託權備卷內頁", "结书录调询问记处罚决审报证场检查执据约托权备卷内页"
)
"""Traditional forms OCR now and then returns for the simplified characters of titles."""


def key(text: str) -> str:
    """What titles are compared on: letters, digits and CJK only (spaces, brackets and 、/ dropped)."""
    return _NOT_KEPT.sub("", fold(text)).translate(TRADITIONAL)


def allowed_slips(length: int) -> int:
    """How many characters OCR may have got wrong or lost in a phrase of this length."""
    return 0 if length <= 3 else 1 if length <= 9 else 2


@dataclass(frozen=True)
class Title:
    kind: str
    text: str
    """the line as read"""
    phrase: str
    """the key of the phrase that matched (or of the line, for a title not in the vocabulary): two
    documents of one kind differ by it (监测报告 vs 现场照片)"""
    known: bool = True
    """in the vocabulary; False for a title recognised by its place and size alone"""


_PHRASES: list[tuple[str, str]] = [(key(p), kind) for kind, phrases in TITLES for p in phrases]
_BY_CHAR: dict[str, set[int]] = defaultdict(set)
for _index, (_phrase, _kind) in enumerate(_PHRASES):
    for _char in _phrase:
        _BY_CHAR[_char].add(_index)


def _substring_distance(phrase: str, text: str) -> tuple[int, int]:
    """Fewest edits that turn ``phrase`` into some part of ``text``, and that part's length."""
    previous = [(0, 0)] * (len(text) + 1)  # (distance, length of the text part) ending at each position
    for i, p_char in enumerate(phrase, 1):
        current = [(i, 0)]
        for j, t_char in enumerate(text, 1):
            substitute = previous[j - 1]
            options = (
                (substitute[0] + (p_char != t_char), substitute[1] + 1),
                (previous[j][0] + 1, previous[j][1]),  # phrase char missing from text
                (current[j - 1][0] + 1, current[j - 1][1] + 1),  # extra char in text
            )
            current.append(min(options))
        previous = current
    return min(previous[1:], default=(len(phrase), 0))


@lru_cache(maxsize=4096)
def match_key(text_key: str, max_extra: int | None = MAX_TITLE_EXTRA) -> tuple[str, str, int] | None:
    """(kind, phrase, edits) of the vocabulary phrase ``text_key`` reads as, or None."""
    if not text_key:
        return None
    hits: dict[int, int] = defaultdict(int)
    for char in set(text_key):
        for index in _BY_CHAR.get(char, ()):
            hits[index] += 1
    best: tuple[int, int, str, str] | None = None
    for index, shared in hits.items():
        phrase, kind = _PHRASES[index]
        slips = allowed_slips(len(phrase))
        if shared < len(set(phrase)) - slips:
            continue
        if max_extra is not None and len(text_key) > len(phrase) + max_extra + slips:
            continue
        distance, span = _substring_distance(phrase, text_key)
        if distance > slips:
            continue
        if max_extra is not None and len(text_key) - span > max_extra:
            continue
        rank = (distance, -len(phrase), phrase, kind)
        if best is None or rank < best:
            best = rank
    return (best[3], best[2], best[0]) if best else None


@lru_cache(maxsize=4096)
def match_tail(text_key: str) -> tuple[str, str, int] | None:
    """(kind, phrase, edits) of the vocabulary phrase a long title ends with (“关于…案的调查报告”)."""
    best: tuple[int, int, str, str] | None = None
    for phrase, kind in _PHRASES:
        slips = allowed_slips(len(phrase))
        if len(phrase) < 4 or len(text_key) < len(phrase):
            continue
        distance, _span = _substring_distance(phrase, text_key[-(len(phrase) + slips) :])
        if distance <= slips:
            rank = (distance, -len(phrase), phrase, kind)
            if best is None or rank < best:
                best = rank
    return (best[3], best[2], best[0]) if best else None


def match_title(text: str) -> Title | None:
    """The vocabulary title a line reads as, tolerating spaces, bracket widths and OCR slips."""
    found = match_key(key(text))
    return Title(found[0], text, found[1]) if found else None


def unknown_kind(text: str) -> str:
    """The kind (evidence or other) of a title the vocabulary does not know."""
    folded = fold(text)
    if PROCEDURAL_WORDS.search(folded):
        return "other"
    return "evidence" if EVIDENCE_WORDS.search(folded) else "other"


def find_title(lines: list[Line]) -> Title | None:
    """The first line of a top band that reads as a vocabulary title."""
    for line in lines:
        title = match_title(line.text)
        if title is not None:
            return title
    return None


def find_footer(lines: list[Line]) -> tuple[int, int] | None:
    """(page, of) from a 第X页 共Y页 footer, in any of its printed forms."""
    footer = find_page_footer(lines)
    if footer is None or footer.total is None:
        return None
    return footer.number, footer.total


def kind_of(text: str) -> str | None:
    """The document kind a free-text title (bookmark, 卷内目录 entry) names, or None."""
    found = match_key(key(text), None)
    return found[0] if found else None
