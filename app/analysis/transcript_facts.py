"""Transcript facts as hints for the expert: who, when, where, and what the record shows.

Records come on many forms: the 2024 templates, older local ones (one 检查人 line per officer),
tables, and sentences (``……执法人员甲、乙到某某公司进行现场检查，丙记录``). ``labels`` knows every
form's labels, so each value ends where the next label begins; ``officers`` pairs names with their
执法证号 in printed order; ``freetext`` reads the sentences. A fact the record does not give is
None and raises no flag: a flag says what the record shows, not what could not be read.
Checks point at the 2024 sheet's 笔录基本要素 (element ids of the ``transcript_elements`` group);
flags are what reviewers flag. The expert decides; nothing here scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from app.analysis import freetext
from app.analysis.labels import Field, fields, is_label_text, opens_with_label
from app.analysis.moments import Moment, moment, span
from app.analysis.officers import Token, clause_end, from_notice, pair, split_glued, tokens
from app.analysis.pages import PageText
from app.analysis.stream import Stream, build
from app.analysis.textnorm import fold

FLAG_TEXT = {
    "single_officer": ("执法人员少于两人", "fewer than two officers"),
    "missing_badge": ("执法人员未记录执法证号", "an officer's badge number is not recorded"),
    "no_end_time": ("没有结束时间", "no end time"),
    "time_not_to_minute": ("时间未精确到分钟", "a time is not given to the minute"),
    "recorder_is_officer": ("询问人与记录人为同一人", "the interviewer is also the recorder"),
    "overlapping_records": (
        "同一执法人员的两份笔录时间重叠",
        "two records by the same officers overlap in time",
    ),
}


@dataclass
class TranscriptFacts:
    kind: str
    first_page: int
    last_page: int
    start: str | None = None
    end: str | None = None
    place: str | None = None
    subject: str | None = None
    """the inspected unit, or the person interviewed"""
    party: str | None = None
    """the unit the record is about: the inspected unit, or the interviewee's 工作单位"""
    officers: list[dict[str, str | None]] = field(default_factory=list)
    recorder: str | None = None
    checks: dict[str, bool] = field(default_factory=dict)
    found: dict[str, bool] = field(default_factory=dict)
    """which facts the record gives at all: a fact not found raises no flag"""
    flags: list[str] = field(default_factory=list)
    unplaced_badges: list[str] = field(default_factory=list)
    """badges listed apart from fewer names than there are officers, so whose is a guess"""

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "first_page": self.first_page,
            "last_page": self.last_page,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "subject": self.subject,
            "party": self.party,
            "officers": self.officers,
            "recorder": self.recorder,
            "checks": self.checks,
            "found": self.found,
            "flags": [
                {"code": f, "message": FLAG_TEXT[f][0], "message_en": FLAG_TEXT[f][1]} for f in self.flags
            ],
        }


_EDGES = " ,，、;；。.:：()（）[]【】<>《》/\\_-—－~"
_PLACEHOLDERS = {"", "无", "/", "//", "——", "空", "略"}
SUBJECT_KEYS = {
    "inspection_record": ("subject_inspection", "unit_name", "subject_inquiry"),
    "inquiry_record": ("subject_inquiry", "subject_inspection"),
}


def _clean(value: str) -> str | None:
    cleaned = value.strip(_EDGES)
    return None if cleaned in _PLACEHOLDERS else cleaned


def _first(stream: Stream, found: list[Field], keys: tuple[str, ...]) -> str | None:
    """The first non-empty value of the first key that has one."""
    for key in keys:
        for item in found:
            if item.key == key:
                value = _clean(stream.text[item.start : item.end])
                if value:
                    return value
    return None


@dataclass
class _People:
    officers: list[dict[str, str | None]]
    recorder: str | None
    badges_expected: bool


def _people(stream: Stream, found: list[Field]) -> _People:
    """Officers and recorder from the header's fields.

    A person label and the badge and unit labels that follow it belong together: one 检查人
    line per officer, or one line for all.
    """
    officer_tokens: list[Token] = []
    recorder_tokens: list[Token] = []
    group: list[Token] | None = None
    expected = False
    for item in found:
        if item.key == "officer":
            group = officer_tokens
            expected = expected or bool(re.search("[证證号]", item.label))
        elif item.key == "recorder":
            group = recorder_tokens
        elif item.key in ("badge", "unit") and group is not None:
            if item.key == "badge":
                group.append(Token("badge_label", item.label, item.label_start))
                expected = expected or group is officer_tokens
        else:
            group = None
            continue
        # a label in a sentence (……执法人员甲、乙于……，丙记录) names people up to the clause's end
        whole = item.colon and item.key in ("officer", "recorder")
        end = item.end if whole else clause_end(stream.text, item.start, item.end)
        group.extend(tokens(stream, item.start, end))
    recorder = next((t.text for t in recorder_tokens if t.kind == "name"), None)
    return _People(pair(officer_tokens), recorder, expected)


def _with_notice(
    stream: Stream, limit: int, officers: list[dict[str, str | None]]
) -> tuple[list[dict[str, str | None]], list[str], bool]:
    """Officers completed from the notice.

    Its names when the header has none, its badge numbers when the header gives none. Returns the
    officers, the badges whose owner is a guess, and whether the notice lists badges at all.
    """
    notice_officers, badges = from_notice(stream, limit, min(len(stream.text), limit + 600))
    officers = officers or notice_officers
    if officers and len(badges) == 1 and len(officers) > 1:
        badges = split_glued(badges[0], len(officers))
    unplaced: list[str] = []
    if officers and badges and all(o["badge"] is None for o in officers):
        for officer, badge in zip(officers, badges, strict=False):
            officer["badge"] = badge
        if len(badges) < len(officers):
            unplaced = list(badges)  # whose they are, another record may say: see settle_badges
    return officers, unplaced, bool(badges)


def extract(kind: str, pages: list[PageText]) -> TranscriptFacts:
    facts = TranscriptFacts(kind, pages[0].page, pages[-1].page)
    stream = build(pages, is_label_text, opens_with_label)
    found, limit = fields(stream)
    header = [f for f in found if f.label_start < limit]
    later = [f for f in found if f.label_start >= limit and f.colon]

    start, end = _times(stream, header or found, limit)
    facts.start = start.iso() if start else None
    facts.end = end.iso() if end else None
    facts.place = _first(stream, header, ("place",)) or _first(stream, later, ("place",))
    keys = SUBJECT_KEYS.get(kind, SUBJECT_KEYS["inspection_record"])
    facts.subject = _first(stream, header, keys) or _first(stream, later, keys)

    sentences = freetext.read(stream.text[:limit])
    facts.place = facts.place or sentences.place
    facts.subject = facts.subject or sentences.subject
    facts.party = _party(stream, header, kind, facts.subject) or sentences.party or facts.subject

    people = _people(stream, header)
    if not people.officers:  # no officer in the header: a field further on may name them
        further = _people(stream, later)
        people = _People(further.officers, people.recorder, people.badges_expected or further.badges_expected)
    officers, unplaced, listed = _with_notice(stream, limit, people.officers)
    facts.officers, facts.unplaced_badges = officers, unplaced
    facts.recorder = people.recorder or sentences.recorder or _recorder_anywhere(stream, found)
    badges_expected = people.badges_expected or listed or any(o["badge"] for o in officers)

    facts.found = {
        "start": start is not None,
        "end": end is not None,
        "place": facts.place is not None,
        "subject": facts.subject is not None,
        "party": facts.party is not None,
        "officers": bool(officers),
        "badges_expected": badges_expected,  # the form has a place for 执法证号, or prints some
        "recorder": facts.recorder is not None,
    }
    text = fold("".join(p.text for p in pages))
    facts.checks = {
        "time_place": bool(start and end and facts.place),
        "officers": bool(facts.officers and facts.recorder),
        "subject": bool(facts.subject),
        "credentials": "执法证件" in text and ("已确认" in text or "无异议" in text),
        "rights_notice": all(w in text for w in ("回避", "陈述", "申辩")) and "配合" in text,
        "closing_confirmation": "以上笔录" in text,
        "blank_marked": "以下空白" in text,
        "signature_line_each_page": all(("签字" in p.text or "签名" in p.text) for p in pages),
    }
    if officers and len(officers) < 2:
        facts.flags.append("single_officer")
    if badges_expected and any(o["badge"] is None for o in officers):
        facts.flags.append("missing_badge")
    if start and not end:
        facts.flags.append("no_end_time")
    if (start and not start.to_minute) or (end and not end.to_minute):
        facts.flags.append("time_not_to_minute")
    if kind == "inquiry_record" and facts.recorder and any(o["name"] == facts.recorder for o in officers):
        facts.flags.append("recorder_is_officer")
    return facts


def _party(stream: Stream, header: list[Field], kind: str, subject: str | None) -> str | None:
    """The unit the record is about: the inspected unit, or the interviewee's 工作单位."""
    if kind != "inquiry_record":
        return subject
    after_subject = False
    for item in header:
        if item.key == "subject_inquiry":
            after_subject = True
        elif item.key in ("officer", "recorder", "others"):
            after_subject = False
        elif item.key in ("unit", "unit_name") and after_subject:
            value = _clean(stream.text[item.start : item.end])
            if value:
                return value
    return None


def _recorder_anywhere(stream: Stream, found: list[Field]) -> str | None:
    for item in found:
        if item.key == "recorder" and item.colon:
            name = next((t.text for t in tokens(stream, item.start, item.end) if t.kind == "name"), None)
            if name:
                return name
    return None


def _times(stream: Stream, found: list[Field], limit: int) -> tuple[Moment | None, Moment | None]:
    """Start and end from the 时间 field, 开始时间/结束时间 cells, or the header's first date."""
    for item in found:
        if item.key == "time":
            start, end = span(stream.text[item.start : item.end])
            if start:
                return start, end
    start_cell = next((f for f in found if f.key == "start"), None)
    if start_cell:
        start = moment(stream.text[start_cell.start : start_cell.end], None)
        end_cell = next((f for f in found if f.key == "end"), None)
        end = (
            moment(stream.text[end_cell.start : end_cell.end], start.at if start else None)
            if end_cell
            else None
        )
        if start:
            return start, end
    return span(stream.text[: max(limit, 200)][:400])


def settle_badges(records: list[TranscriptFacts]) -> None:
    """Give a badge listed without its name to the officer another record of the case pairs it with.

    ``执法人员甲、乙……执法证件（456）`` does not say whose 456 is; a record of the same case that
    prints ``乙（456）`` does.
    """
    owner: dict[str, str] = {}
    for record in records:
        if not record.unplaced_badges:
            for officer in record.officers:
                if officer["badge"]:
                    owner.setdefault(officer["badge"], officer["name"] or "")
    for record in records:
        if not record.unplaced_badges:
            continue
        names = [o["name"] for o in record.officers]
        placed = {owner[b]: b for b in record.unplaced_badges if owner.get(b) in names}
        rest = iter(b for b in record.unplaced_badges if b not in placed.values())
        for officer in record.officers:
            officer["badge"] = placed.get(officer["name"] or "")
        for officer in record.officers:
            if officer["badge"] is None and officer["name"] not in placed:
                officer["badge"] = next(rest, None)


def flag_overlaps(records: list[TranscriptFacts]) -> None:
    """Two records with the same officers cannot have been made at overlapping times.

    The analyzer calls this once with all of a case file's records, so badges whose owner only
    another record shows are settled here first.
    """
    settle_badges(records)
    for a, b in combinations(records, 2):
        if not (a.start and a.end and b.start and b.end):
            continue
        same = {o["name"] for o in a.officers} == {o["name"] for o in b.officers} and a.officers
        if same and a.start < b.end and b.start < a.end:
            for record in (a, b):
                if "overlapping_records" not in record.flags:
                    record.flags.append("overlapping_records")
