"""A record's text as comparable units: names, places, dates and numbers masked.

A record copied from another case keeps its questions and answers and changes the names and the
dates; masking those makes the copy read the same as its source. A unit is one answer of an
inquiry (问/答), or one sentence of an inspection record's narrative. Two records that share only the
form's fixed wording (the 告知 paragraph, "是否申请回避") are told apart later, by how many records
share a unit; here every unit is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.analysis.moments import arabic

MASK_VERSION = "3"
"""bumped when masking changes, so cached units are rebuilt"""

_ORG_SUFFIXES = (
    "有限责任公司|股份有限公司|有限公司|集团公司|分公司|公司|合作社|加工厂|养殖场|养殖小区|"
    "经营部|商行|门店|个体工商户"
)
"""only suffixes that end a name: a bare 厂 or 站 also ends 厂长 and 污水站, which are the record's own words"""
ORG_RE = re.compile(
    r"[\u4e00-\u9fff（）()A-Za-z0-9]{2,30}?(?:" + _ORG_SUFFIXES + r")(?![\u4e00-\u9fff]{0,1}[局])"
)
"""a company or other organisation named in a record (某某环保科技有限公司, 某某村养殖场)"""
PLACE_RE = re.compile(
    r"[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|自治州|州|县|区|旗|镇|乡|村|街道|社区|组|路|街|大道|巷|弄|号院|号楼|号|工业园区?|园区|开发区)"
)
DATE_RE = re.compile(
    r"\d{2,4}年\d{1,2}月(?:\d{1,2}[日号])?|\d{4}[./-]\d{1,2}[./-]\d{1,2}[日号]?|\d{1,2}月\d{1,2}[日号]|\d{4}年"
)
CLOCK_RE = re.compile(r"(?:上午|下午|晚上|中午)?\d{1,2}\s*(?:[时点:：]\s*\d{0,2}\s*分?)")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
SPACE_RE = re.compile(r"[^\S\n]+")
"""spaces go; line ends stay, because a record's printed lines (its header fields, the signature line)
are units of their own and must not be glued into the sentence after them"""
_PUNCT = str.maketrans(
    {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", "．": "。"}
)
QA_RE = re.compile(r"(问|答)\s*[：:]")
SENTENCE_RE = re.compile(r"[^。；！？\n]+[。；！？]?")


@dataclass(frozen=True)
class Unit:
    """One comparable piece of a record: the masked text and where it came from."""

    kind: str
    """``answer`` (of a 问/答 pair), ``question``, or ``sentence``"""
    masked: str
    original: str
    ordinal: int


def normalise(text: str) -> str:
    """Full-width punctuation, no spaces (line ends kept): the same text reads the same however laid out."""
    return SPACE_RE.sub("", text.translate(_PUNCT))


def mask(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with the given names, organisations, places, dates, times and numbers replaced by marks."""
    text = normalise(arabic(text))
    for name in sorted({normalise(n) for n in names if n and len(n) >= 2}, key=len, reverse=True):
        text = text.replace(name, "〈名〉")
    text = ORG_RE.sub("〈单位〉", text)
    text = DATE_RE.sub("〈日期〉", text)
    text = CLOCK_RE.sub("〈时间〉", text)
    text = PLACE_RE.sub("〈地点〉", text)
    return NUMBER_RE.sub("〈数〉", text)


LABEL_LINE_RE = re.compile(r"^[\u4e00-\u9fff（）()〈〉]{2,16}：")
"""a printed field (时间：, 被检查人签字：): a unit of its own, never glued to the sentence after it"""


def _sentences(text: str) -> list[str]:
    """Sentences across printed lines (a sentence wraps), each field line on its own."""
    found: list[str] = []
    running: list[str] = []

    def flush() -> None:
        found.extend(m.group(0) for m in SENTENCE_RE.finditer("".join(running)))
        running.clear()

    for line in text.split("\n"):
        if LABEL_LINE_RE.match(line):
            flush()
            found.append(line)
        else:
            running.append(line)
    flush()
    return found


def _pieces(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each 问/答 turn when the text is a dialogue, else of each sentence."""
    parts = QA_RE.split(text)
    if len(parts) >= 5:  # at least two 问/答 markers
        return [
            ("answer" if parts[i] == "答" else "question", parts[i + 1].replace("\n", ""))
            for i in range(1, len(parts) - 1, 2)
        ]
    return [("sentence", sentence) for sentence in _sentences(text)]


def units(kind: str, text: str, names: Iterable[str] = ()) -> list[Unit]:
    """The record's comparable units: answers and questions of an inquiry, else its sentences.

    The whole record is masked at once (a record has tens of units; campaigns, tens of thousands
    of records), then split; the unmasked pieces are kept to show a reviewer. An inspection record
    written as 问/答 (some bureaus do) is read as one.
    """
    del kind  # the text says whether it is a dialogue, whatever the record's kind
    masked = _pieces(mask(text, names))
    originals = _pieces(text)
    if len(originals) != len(masked):
        originals = masked
    found: list[Unit] = []
    for (role, body), (_, original) in zip(masked, originals, strict=True):
        if body:
            found.append(Unit(role, body, original.strip(), len(found)))
    return found
