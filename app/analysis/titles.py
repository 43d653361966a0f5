"""Recognising a document's title at the top of a page, and the 第X页 共Y页 footer.

Titles are matched on folded text (widths unified, no spaces), longest phrase first, so that
“行政处罚事先（听证）告知书” is not read as a 决定书 and “现场检查（勘察）笔录” is not an 询问笔录.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.analysis.pages import Line
from app.analysis.textnorm import fold

# kind, phrases (as printed); the first phrase is the canonical title
TITLES: list[tuple[str, tuple[str, ...]]] = [
    ("toc", ("卷内目录", "卷内文件目录")),
    ("filing_approval", ("立案审批表", "立案登记表", "案件立案审批表")),
    (
        "inspection_record",
        ("现场检查（勘察）笔录", "现场检查(勘察)笔录", "现场检查笔录", "现场勘察笔录", "勘验笔录"),
    ),
    ("inquiry_record", ("调查询问笔录", "询问笔录", "调查笔录")),
    ("investigation_report", ("案件调查报告", "调查终结报告", "案件调查终结报告")),
    ("hearing_notice", ("行政处罚事先（听证）告知书", "行政处罚事先告知书", "听证告知书", "事先告知书")),
    (
        "decision",
        (
            "行政处罚决定书",
            "责令改正违法行为决定书",
            "不予行政处罚决定书",
            "查封、扣押决定书",
            "按日连续处罚决定书",
        ),
    ),
    ("service_receipt", ("送达回证", "送达地址确认书")),
    ("closing_approval", ("结案审批表", "结案报告")),
    (
        "evidence",
        ("监测报告", "检测报告", "鉴定报告", "现场照片", "照片", "营业执照", "书证", "证据材料", "采样记录"),
    ),
    ("cover", ("行政处罚案卷", "案卷封面", "行政执法案卷")),
]
_FOLDED = sorted(
    ((fold(phrase), kind) for kind, phrases in TITLES for phrase in phrases),
    key=lambda p: len(p[0]),
    reverse=True,
)
FOOTER = re.compile(r"第(\d{1,3})页[,，]?共(\d{1,3})页")
MAX_TITLE_EXTRA = 6
"""A title line may carry a little more (“（续页）”, a number) but is not a sentence that mentions it."""


@dataclass(frozen=True)
class Title:
    kind: str
    text: str
    """the line as read"""
    phrase: str
    """the folded phrase that matched: two documents of one kind differ by it (监测报告 vs 现场照片)"""


def find_title(lines: list[Line]) -> Title | None:
    """The first line of the top band that reads as a document title."""
    for line in lines:
        folded = fold(line.text)
        for phrase, kind in _FOLDED:
            if phrase in folded and len(folded) - len(phrase) <= MAX_TITLE_EXTRA:
                return Title(kind, line.text, phrase)
    return None


def find_footer(lines: list[Line]) -> tuple[int, int] | None:
    """(page, of) from a 第X页 共Y页 line."""
    for line in lines:
        match = FOOTER.search(fold(line.text))
        if match:
            number, total = int(match.group(1)), int(match.group(2))
            if 1 <= number <= total:
                return number, total
    return None


def kind_of(text: str) -> str | None:
    """The document kind a free-text title (bookmark, 卷内目录 entry) names, or None."""
    folded = fold(text)
    for phrase, kind in _FOLDED:
        if phrase in folded:
            return kind
    return None
