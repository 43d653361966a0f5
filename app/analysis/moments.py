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
_UNTIL = re.compile(r"至|到|止|~|—|–|－")


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
    return re.sub(r"(?<=\d)[Ool|I]|[Ool|I](?=\d)", lambda m: m.group(0).translate(_SLIPS), text).translate(
        _SLIPS
    )


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


def span(value: str) -> tuple[Moment | None, Moment | None]:
    """Start and end; a blank end (``至  时  分``) is None."""
    text = arabic(value)
    start = _moment(text, None)
    if start is None:
        return None, None
    date = _DATE.search(text)
    first_clock = _CLOCK.search(text, date.end() if date else 0)
    rest = text[first_clock.end() :] if first_clock else ""
    until = _UNTIL.search(rest)
    tail = rest[until.end() :] if until else rest
    end = _moment(tail, start.at)
    if end and end.at < start.at and end.at.hour < 12 and end.at + timedelta(hours=12) >= start.at:
        end = Moment(end.at + timedelta(hours=12), end.to_minute)  # 下午三时至四时
    return start, end


def moment(value: str, base: datetime | None) -> Moment | None:
    """One moment (a 开始时间 or 结束时间 cell)."""
    return _moment(arabic(value), base)
