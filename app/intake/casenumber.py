"""A case's 文号 from a cover, a file name or OCR text, in one spelling.

A 文号 is the issuing unit's short prefix with its kind letter, the year in hexagonal brackets and
a serial: ``青环罚〔2017〕12号``, ``西环罚字〔2017〕第16号``. Covers print it in whatever brackets
the clerk's font had (［］, [], （）), and OCR reads the brackets of a scan as 【】, 「」, ｛｝, <>, or
drops one of them, reads 号 as 亏 or 弓 or loses it at the line's end, and the digits 0 and 1 as O
and l. The strict pattern is tried first; the tolerant one only where it finds nothing, and only
where the prefix ends the way a 文号's does (a kind letter or 字) so a year in prose is not taken
for one.
"""

from __future__ import annotations

import re

from app.intake import phrases as vocab

_OPEN = "〔［[（(【「『｛{<〈《"
_CLOSE = "〕］]）)】」』｝}>〉》"
_DIGIT = r"[\dOoDlI|]"
_TOLERANT = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,12}}?)(?P<open>[{re.escape(_OPEN)}])?"
    rf"(?P<year>(?:19|20|2O|l9|I9){_DIGIT}{{2}})(?P<close>[{re.escape(_CLOSE)}])?"
    rf"(?P<nth>第)?(?P<serial>{_DIGIT}{{1,5}})(?P<suffix>[号號亏弓导]?)"
)
_LABEL = re.compile(r"^.*?(?:文号|案号|编号|卷号|字号)[:：]?")
_KIND_END = re.compile(r"(?:[罚查封扣限停移]|字|按日)$")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1"})


def normalise(number: str) -> str:
    """One spelling of a 文号: no spaces, the hexagonal brackets 〔〕 the standard prescribes."""
    cleaned = "".join(number.split())
    for opening in _OPEN:
        cleaned = cleaned.replace(opening, "〔")
    for closing in _CLOSE:
        cleaned = cleaned.replace(closing, "〕")
    return cleaned


def find(text: str) -> tuple[str, str] | None:
    """(the 文号 in one spelling, the line's text it was read from) of the first 文号 in ``text``, or None.

    Spaces inside a line are dropped first: OCR puts them between characters that were printed close.
    """
    lines = [re.sub(r"[ \t\u3000]+", "", line) for line in text.splitlines()]
    for line in lines:
        strict = vocab.CASE_NUMBER_RE.search(line)
        if strict:
            number = normalise(strict.group(0))
            prefix, bracket, rest = number.partition("〔")
            return _trim(prefix) + bracket + rest, strict.group(0)
    for line in lines:
        for match in _TOLERANT.finditer(line):
            found = _read(match)
            if found:
                return found, match.group(0)
    return None


def _trim(prefix: str) -> str:
    """The prefix without a label or the unit's name run into it (文号：, …环境保护局)."""
    return re.split(r"[局队厅委:：]", _LABEL.sub("", prefix))[-1]


def _read(match: re.Match[str]) -> str | None:
    prefix = _trim(match.group("prefix"))
    if not prefix or not _KIND_END.search(prefix):
        return None
    brackets = bool(match.group("open")) + bool(match.group("close"))
    marks = brackets + bool(match.group("nth")) + bool(match.group("suffix"))
    # two marks (a bracket, the other, 第, 号) and one of them a bracket or 第, else it could be anything
    if marks < 2 or not (brackets or match.group("nth")):
        return None
    following = match.string[match.end() :][:1]
    if not match.group("suffix") and following and (following.isdigit() or following in "年月日"):
        return None
    year = match.group("year").translate(_OCR_DIGITS)
    serial = match.group("serial").translate(_OCR_DIGITS)
    nth = "第" if match.group("nth") else ""
    return f"{prefix}〔{year}〕{nth}{serial}号"
