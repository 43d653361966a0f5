"""Impossible schedules across a campaign.

- The same officer in two records, in different case files, at overlapping times: an officer is
  known by the 执法证号 where the record gives it, else by name within the case file's unit.
- A record that ends before it starts.
- A record dated after the decision it supports (the decision's own date, its last date), or an
  inquiry dated before the case was filed (立案). Inspections often precede 立案 — that is how
  violations are found — so only inquiries are held to it.
Records of one case file are left to the analyzer, which already flags overlaps inside a file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from app.analysis.moments import arabic
from app.models.transcripts import StoredDocumentText, StoredTranscript

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_BADGE = re.compile(r"[^0-9A-Za-z]")


@dataclass(frozen=True)
class DoubleBooking:
    a: StoredTranscript
    b: StoredTranscript
    officer: str
    badge: str | None


@dataclass(frozen=True)
class OutOfLine:
    record: StoredTranscript
    code: str
    """``times_out_of_order``, ``after_decision`` or ``before_filing``"""
    reference: date | None = None


def _when(value: object) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _officer_keys(record: StoredTranscript) -> list[tuple[str, str, str | None]]:
    """(key, name, badge) per officer: the badge where given, else the name within the unit."""
    unit = next((c.unit for c in record.cases if c.unit), "")
    keys: list[tuple[str, str, str | None]] = []
    for officer in record.facts.get("officers") or []:
        if not isinstance(officer, dict):
            continue
        name = str(officer.get("name") or "")
        badge = _BADGE.sub("", str(officer.get("badge") or "")) or None
        if badge and len(badge) >= 4:
            keys.append((f"badge:{badge}", name, badge))
        elif name:
            keys.append((f"name:{unit}:{name}", name, None))
    return keys


def find_double_bookings(records: list[StoredTranscript]) -> list[DoubleBooking]:
    """Overlapping records of one officer in different case files, by a sweep over each officer's day."""
    spans: dict[str, list[tuple[datetime, datetime, StoredTranscript, str, str | None]]] = defaultdict(list)
    for record in records:
        start, end = _when(record.facts.get("start")), _when(record.facts.get("end"))
        if start is None or end is None or end <= start:
            continue
        for key, name, badge in _officer_keys(record):
            spans[key].append((start, end, record, name, badge))
    found: dict[tuple[tuple[str, int], tuple[str, int]], DoubleBooking] = {}
    for entries in spans.values():
        entries.sort(key=lambda e: e[0])
        active: list[tuple[datetime, datetime, StoredTranscript, str, str | None]] = []
        for entry in entries:
            start = entry[0]
            active = [a for a in active if a[1] > start]
            for other in active:
                a, b = other[2], entry[2]
                if a.sha256 == b.sha256 or _same_event(a, b):
                    continue
                pair = (a.key, b.key) if a.key <= b.key else (b.key, a.key)
                found.setdefault(pair, DoubleBooking(a, b, entry[3], entry[4]))
            active.append(entry)
    return sorted(found.values(), key=lambda d: (d.a.key, d.b.key))


def _same_event(a: StoredTranscript, b: StoredTranscript) -> bool:
    """One inspection filed in two case files (a penalty and a seizure) is one event, not two."""
    return (
        a.facts.get("start") == b.facts.get("start")
        and bool(a.facts.get("party"))
        and a.facts.get("party") == b.facts.get("party")
    )


SIGNED_LINE_REST = 12
"""a dated line is the document's own date (落款, 负责人意见：同意立案 2024年5月9日) when, without the date,
at most this many characters are left; a longer line is a sentence that mentions a date (我局于…对你单位
进行了调查) and says nothing of when the document was made"""


def last_date(text: str) -> date | None:
    """The date a document was made: its last date standing on a line of its own (or beside a short label)."""
    found = None
    for line in arabic(text).splitlines():
        for match in _DATE.finditer(line):
            rest = (line[: match.start()] + line[match.end() :]).strip(" \t　：:，,。")
            if len(rest) > SIGNED_LINE_REST:
                continue
            try:
                found = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
    return found


def timelines(documents: list[StoredDocumentText]) -> dict[str, dict[str, date]]:
    """Per file: the 立案 date (its approval's last date) and the decision's date."""
    found: dict[str, dict[str, date]] = defaultdict(dict)
    for document in documents:
        when = last_date(document.text)
        if when is None:
            continue
        key = "filed" if document.kind == "filing_approval" else "decided"
        known = found[document.sha256].get(key)
        if known is None or (key == "decided" and when > known) or (key == "filed" and when < known):
            found[document.sha256][key] = when
    return found


def find_out_of_line(records: list[StoredTranscript], lines: dict[str, dict[str, date]]) -> list[OutOfLine]:
    found: list[OutOfLine] = []
    for record in records:
        start, end = _when(record.facts.get("start")), _when(record.facts.get("end"))
        if start and end and end < start:
            found.append(OutOfLine(record, "times_out_of_order"))
        if start is None:
            continue
        line = lines.get(record.sha256, {})
        decided, filed = line.get("decided"), line.get("filed")
        if decided and start.date() > decided:
            found.append(OutOfLine(record, "after_decision", decided))
        elif filed and record.kind == "inquiry_record" and start.date() < filed:
            found.append(OutOfLine(record, "before_filing", filed))
    return found
