"""Transcript facts as hints for the expert: who, when, where, and what the record shows.

Fields are read between the labels the official templates print (时间、地点、被调查询问人、
调查询问人及执法证编号、记录人 …) on folded text, so a value that OCR split across lines is whole.
Checks point at the 2024 sheet's 笔录基本要素 (element ids of the ``transcript_elements`` group);
flags are what reviewers flag. The expert decides; nothing here scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations

from app.analysis.pages import PageText
from app.analysis.textnorm import fold

LABELS = [
    "时间",
    "地点",
    "被检查(勘察)人名称或姓名",
    "被检查(勘察)人名称",
    "被检查人",
    "被调查询问人",
    "统一社会信用代码",
    "法定代表人",
    "现场负责人",
    "性别",
    "年龄",
    "身份证件号码",
    "工作单位",
    "职务",
    "电话",
    "与本案关系",
    "住址",
    "检查(勘察)人及执法证编号",
    "调查询问人及执法证编号",
    "检查人及执法证号",
    "询问人及执法证号",
    "记录人",
    "其他参加人",
    "告知事项",
    "执法人员表明身份",
    "确认",
    "请确认",
    "现场检查(勘察)情况",
    "询问内容",
]
_LABEL_RE = re.compile(
    "|".join(re.escape(fold(label)) + ":" for label in sorted(LABELS, key=len, reverse=True))
)
# "姓名(执法证号:123456)"; OCR may misread the label or drop the closing bracket, so any short
# non-digit label is accepted and the bracket may be open.
_OFFICER = re.compile(r"([\u4e00-\u9fff·]{2,4})(?:\([^0-9()]{0,6}?([0-9A-Za-z]{5,})\)?)?")
_MOMENT = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月(\d{1,2})日)?(\d{1,2})时(?:(\d{1,2})分)?")

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
    officers: list[dict[str, str | None]] = field(default_factory=list)
    recorder: str | None = None
    checks: dict[str, bool] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "first_page": self.first_page,
            "last_page": self.last_page,
            "start": self.start,
            "end": self.end,
            "place": self.place,
            "subject": self.subject,
            "officers": self.officers,
            "recorder": self.recorder,
            "checks": self.checks,
            "flags": [
                {"code": f, "message": FLAG_TEXT[f][0], "message_en": FLAG_TEXT[f][1]} for f in self.flags
            ],
        }


def _fields(text: str) -> dict[str, str]:
    """Label → value, each value running to the next label."""
    found: dict[str, str] = {}
    marks = list(_LABEL_RE.finditer(text))
    for index, mark in enumerate(marks):
        label = mark.group(0)[:-1]
        end = marks[index + 1].start() if index + 1 < len(marks) else min(len(text), mark.end() + 120)
        found.setdefault(label, text[mark.end() : end])
    return found


def _moment(text: str, default: datetime | None = None) -> tuple[datetime | None, bool]:
    """A 时间 value as a datetime, and whether it was given to the minute."""
    match = _MOMENT.search(text)
    if not match:
        return None, False
    year, month, day, hour, minute = match.groups()
    base = default or datetime(2000, 1, 1)
    try:
        moment = datetime(
            int(year or base.year),
            int(month or base.month),
            int(day or base.day),
            int(hour),
            int(minute or 0),
        )
    except ValueError:
        return None, False
    return moment, minute is not None


def extract(kind: str, pages: list[PageText]) -> TranscriptFacts:
    facts = TranscriptFacts(kind, pages[0].page, pages[-1].page)
    text = fold("".join(p.text for p in pages))
    fields = _fields(text)
    when = fields.get("时间", "")
    start_text, _, end_text = when.partition("至")
    start, start_minute = _moment(start_text)
    end, end_minute = _moment(end_text, start) if end_text else (None, False)
    facts.start = start.isoformat(timespec="minutes") if start else None
    facts.end = end.isoformat(timespec="minutes") if end else None
    facts.place = fields.get("地点") or None
    facts.subject = next(
        (
            fields[k]
            for k in ("被调查询问人", "被检查(勘察)人名称或姓名", "被检查(勘察)人名称", "被检查人")
            if fields.get(k)
        ),
        None,
    )
    officer_text = next(
        (fields[k] for k in fields if k.endswith(("执法证编号", "执法证号")) and "人" in k and fields[k]), ""
    )
    for name, badge in _OFFICER.findall(officer_text):
        if name not in ("执法证号", "执法证编号"):
            facts.officers.append({"name": name, "badge": badge or None})
    recorder = fields.get("记录人", "")
    facts.recorder = (_OFFICER.match(recorder).group(1) if _OFFICER.match(recorder) else None) or None

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
    if len(facts.officers) < 2:
        facts.flags.append("single_officer")
    if any(o["badge"] is None for o in facts.officers):
        facts.flags.append("missing_badge")
    if start and not end:
        facts.flags.append("no_end_time")
    elif (start and not start_minute) or (end and not end_minute):
        facts.flags.append("time_not_to_minute")
    if facts.recorder and any(o["name"] == facts.recorder for o in facts.officers):
        facts.flags.append("recorder_is_officer")
    return facts


def flag_overlaps(records: list[TranscriptFacts]) -> None:
    """Two records with the same officers cannot have been made at overlapping times."""
    for a, b in combinations(records, 2):
        if not (a.start and a.end and b.start and b.end):
            continue
        same = {o["name"] for o in a.officers} == {o["name"] for o in b.officers} and a.officers
        if same and a.start < b.end and b.start < a.end:
            for record in (a, b):
                if "overlapping_records" not in record.flags:
                    record.flags.append("overlapping_records")
