"""A transcript's start and end from its 时间 field, however the form wrote them.

``2024年5月6日14时05分至15时30分``, ``2024-05-06 14:05—15:30``, ``二〇一七年五月四日九时三十分``,
``下午3时``; a blank end (``至  时  分``) is no end. Whether each moment was given to the minute is
kept, because a record that is not is a defect the reviewer marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"[〇零○一二两三四五六七八九十]+(?=[年月日时点分号])")
_SLIPS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "吋": "时", "點": "点", "：": ":"})
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?|(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_CLOCK = re.compile(r"(上午|下午|晚上|中午)?(\d{1,2})(?:[时点](?:(\d{1,2})分)?|:(\d{2}))")
_UNTIL = re.compile(r"至|到|止|~|～|—|–|－|-")
_SPACE = re.compile(r"\s+")
_STRAY = re.compile(r"(?<=\d)\s*[.,，·'`、]\s*(?=\d{1,3}[年月日时点分])")
"""A speck OCR read inside a number (``20.20年``): a date's own separators (2020.07.24) stay."""
_AT = (
    r"(?:\d{4}年\d{1,2}月\d{1,2}[日号]?|\d{4}[-./]\d{1,2}[-./]\d{1,2})?"
    r"(?:上午|下午|晚上|中午)?\d{1,2}(?:[时点](?:\d{1,2}分)?|:\d{2})"
)
_WHAT = r"(?:现场检查|检查|勘察|询问|调查询问|调查|笔录)"
_CLOSING = [
    re.compile(rf"{_WHAT}?(?:结束|终止)时间[:为]?(?P<at>{_AT})"),  # 笔录结束时间：15时30分
    re.compile(rf"(?P<at>{_AT}){_WHAT}(?:结束|完毕|终止)"),  # 于15时30分询问结束
    re.compile(rf"{_WHAT}(?:于|在)(?P<at>{_AT})(?:结束|完毕|终止)"),  # 询问于15时30分结束
]
"""An end written outside the 时间 field, as older forms and free-text records do. The sentence
form names what ended: an answer's ``18时结束生产`` is not the record's end."""


@dataclass(frozen=True)
class Moment:
    at: datetime
    to_minute: bool

    def iso(self) -> str:
        return self.at.isoformat(timespec="minutes")


def _cn_to_int(text: str, digitwise: bool) -> str:
    if digitwise:
        return "".join(str(_DIGITS.get(ch, 0)) for ch in text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return str((_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(units, 0) if units else 0))
    return "".join(str(_DIGITS.get(ch, 0)) for ch in text)


def arabic(text: str) -> str:
    """Chinese numerals before 年月日时分 as digits; OCR's letters for digits undone."""

    def convert(match: re.Match[str]) -> str:
        following = text[match.end()] if match.end() < len(text) else ""
        return _cn_to_int(match.group(0), digitwise=following == "年")

    text = _CN_NUMBER.sub(convert, text)
    text = re.sub(r"(?<=\d)[Ool|I]|[Ool|I](?=\d)", lambda m: m.group(0).translate(_SLIPS), text).translate(
        _SLIPS
    )
    return _STRAY.sub("", text)


def _moment(text: str, base: datetime | None) -> Moment | None:
    date = _DATE.search(text)
    clock = _CLOCK.search(text, date.end() if date else 0)
    if not clock:
        return None
    year = month = day = None
    if date:
        year, month, day = (int(g) for g in (date.groups()[:3] if date.group(1) else date.groups()[3:]))
    elif base is None:
        return None
    base = base or datetime(2000, 1, 1)
    part, hour_text, minute_text, colon_minute = clock.groups()
    hour = int(hour_text)
    if part in ("下午", "晚上") and hour < 12:
        hour += 12
    minute = minute_text or colon_minute
    try:
        at = datetime(year or base.year, month or base.month, day or base.day, hour, int(minute or 0))
    except ValueError:
        return None
    return Moment(at, minute is not None)


def span(value: str, until_needed: bool = False) -> tuple[Moment | None, Moment | None]:
    """Start and end; a blank end (``至  时  分``) is None.

    ``until_needed``: the text is more than one field (a record's opening lines), so a second clock
    is the end only after 至/到/—; elsewhere it is any other moment the text mentions.
    """
    text = _SPACE.sub("", arabic(value))
    start = _moment(text, None)
    if start is None:
        return None, None
    date = _DATE.search(text)
    first_clock = _CLOCK.search(text, date.end() if date else 0)
    rest = text[first_clock.end() :] if first_clock else ""
    until = _UNTIL.search(rest[:3] if until_needed else rest)  # 至, 起至, 开始至
    if until_needed and until is None:
        return start, None
    tail = rest[until.end() :] if until else rest
    end = _moment(tail, start.at)
    if end and end.at < start.at and end.at.hour < 12 and end.at + timedelta(hours=12) >= start.at:
        end = Moment(end.at + timedelta(hours=12), end.to_minute)  # 下午三时至四时
    return start, end


def moment(value: str, base: datetime | None) -> Moment | None:
    """One moment (a 开始时间 or 结束时间 cell)."""
    return _moment(_SPACE.sub("", arabic(value)), base)


def closing_end(text: str, start: Moment) -> Moment | None:
    """An end stated apart from the 时间 field (``笔录结束时间：15时30分``, ``于15:30检查结束``)."""
    flat = _SPACE.sub("", arabic(text)).replace("：", ":")
    for pattern in _CLOSING:
        for match in pattern.finditer(flat):
            end = _moment(match.group("at"), start.at)
            if end and end.at < start.at and end.at.hour < 12 and end.at + timedelta(hours=12) >= start.at:
                end = Moment(end.at + timedelta(hours=12), end.to_minute)
            if end and start.at < end.at <= start.at + timedelta(hours=24):
                return end
    return None
