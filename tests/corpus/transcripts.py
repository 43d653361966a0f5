"""Inspection and inquiry records on four layouts, with the defects a reviewer must catch.

- ``hunan-2024``: the 2024 template — one line "检查（勘察）人及执法证编号：甲（证号）、乙（证号）";
- ``tianjin-legacy``: one line per officer, "检查人：甲　　执法证号：…", then 被检查单位 and the rest;
- ``table``: the head of the record is a drawn grid of label and value cells;
- ``free-text``: officers named in the narrative; their badges only in the 告知 sentence
  "这是我们的执法证件（6328085802、6328075255）".
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from tests.corpus.layout import INK, Flow
from tests.corpus.realm import FILLER_QUESTIONS, Violation

LAYOUTS = ("hunan-2024", "tianjin-legacy", "table", "free-text")
INSPECTION_TITLES = ("现场检查（勘察）笔录", "现场检查笔录", "现场勘察笔录", "现场检查(勘察)笔录")
INQUIRY_TITLES = ("调查询问笔录", "询问笔录")


@dataclass
class Plan:
    kind: str
    title: str
    layout: str
    bureau: str
    officers: list[tuple[str, str | None]]
    recorder: str | None
    subject: str
    place: str
    person: str
    job: str
    start: datetime
    end: datetime | None
    to_minute: bool
    violation: Violation
    qa_count: int
    defects: list[str] = field(default_factory=list)

    def truth(self) -> dict[str, object]:
        minute = "%Y-%m-%dT%H:%M"
        return {
            "kind": self.kind,
            "layout": self.layout,
            "officers": [{"name": n, "badge": b} for n, b in self.officers],
            "recorder": self.recorder,
            "subject": self.subject,
            "place": self.place,
            "start": self.start.strftime(minute),
            "end": self.end.strftime(minute) if self.end else None,
            "defects": sorted(self.defects),
        }


@dataclass
class Look:
    """How a bureau prints its records: sizes, bold titles, spaced titles, repeated titles on later pages."""

    title_size: float
    body_size: float
    bold: bool
    spaced: bool
    repeat_title: bool
    bureau_line: bool


def _clock(t: datetime, to_minute: bool, style: str) -> str:
    if style == "ampm":
        half = "上午" if t.hour < 12 else "下午"
        hour = t.hour if t.hour <= 12 else t.hour - 12
        return f"{half}{hour}时{t.minute}分" if to_minute else f"{half}{hour}时"
    if style == "padded":
        return f"{t.hour:02d}时{t.minute:02d}分" if to_minute else f"{t.hour:02d}时"
    return f"{t.hour}时{t.minute}分" if to_minute else f"{t.hour}时"


def _date(t: datetime, padded: bool) -> str:
    return f"{t.year}年{t.month:02d}月{t.day:02d}日" if padded else f"{t.year}年{t.month}月{t.day}日"


def time_text(plan: Plan, style: str, padded: bool, full_end: bool) -> str:
    start = _date(plan.start, padded) + _clock(plan.start, plan.to_minute, style)
    if plan.end is None:
        return start + ("至    时    分" if style != "ampm" else "开始")
    end = _clock(plan.end, plan.to_minute, style)
    if full_end:
        end = _date(plan.end, padded) + end
    return f"{start}至{end}"


def _title(flow: Flow, plan: Plan, look: Look, first: bool) -> None:
    if look.bureau_line:
        flow.line(plan.bureau, look.title_size - 2, align="center", bold=look.bold)
    title = " ".join(plan.title) if look.spaced else plan.title
    flow.line(title, look.title_size, align="center", bold=look.bold)
    flow.gap(6)


def _badge(b: str | None) -> str:
    return b or ""


def _qa_lines(plan: Plan, rng: random.Random) -> list[tuple[str, str]]:
    fill = [
        (q, a.format(person=plan.person, company=plan.subject, job=plan.job)) for q, a in FILLER_QUESTIONS
    ]
    pairs = fill[:2] + list(plan.violation.questions) + fill[2:]
    while len(pairs) < plan.qa_count:
        q, a = rng.choice(fill[2:])
        pairs.append((q, a))
    return pairs[: max(3, plan.qa_count)]


def _sign(flow: Flow, rng: random.Random, label: str, size: float) -> None:
    flow.line(f"{label}：" + "　" * 8 + "年　月　日", size)
    x = flow.left + size * (len(label) + 1.5)
    y = flow.y - size * 0.3
    points = [(x + i * 7.0, y - rng.uniform(0, size)) for i in range(rng.randint(5, 9))]
    flow.page.append(("curve", points, 1.2, INK))


def build(plan: Plan, look: Look, rng: random.Random) -> list[list[tuple]]:
    """The pages of one record."""
    size = look.body_size

    def continued(f: Flow) -> None:
        if look.repeat_title:
            _title(f, plan, look, first=False)

    flow = Flow(continued=continued)
    _title(flow, plan, look, first=True)
    inspection = plan.kind == "inspection_record"
    who = "检查人" if inspection else "询问人"
    names = [n for n, _ in plan.officers]
    if plan.layout == "hunan-2024":
        flow.line("时间：" + time_text(plan, "plain", False, inspection), size)
        flow.line(f"地点：{plan.place}", size)
        if inspection:
            flow.line(f"被检查（勘察）人名称或姓名：{plan.subject}", size)
            flow.line(
                "统一社会信用代码或身份证件号码：91" + "".join(rng.choice("0123456789") for _ in range(16)),
                size,
            )
            flow.line(f"现场负责人：{plan.person}　　电话：139{rng.randrange(10**8):08d}", size)
            flow.line(f"工作单位：{plan.subject}　　职务：{plan.job}", size)
            label = "检查（勘察）人及执法证编号："
        else:
            flow.line(f"被调查询问人：{plan.person}　性别：男　年龄：{rng.randint(28, 58)}", size)
            flow.line(f"工作单位：{plan.subject}　职务：{plan.job}", size)
            flow.line("与本案关系：违法嫌疑单位的工作人员", size)
            label = "调查询问人及执法证编号："
        parts = [f"{n}（{b}）" if b else n for n, b in plan.officers]
        flow.line(label + "、".join(parts), size)
        flow.line(f"记录人：{plan.recorder or ''}　　工作单位：{plan.bureau}", size)
        flow.para(
            f"告知事项：我们是{plan.bureau}的行政执法人员，这是我们的执法证件，请过目确认。今天我们就"
            f"{plan.subject}涉嫌{plan.violation.cause}案依法进行检查并了解有关情况，你应当配合调查，如实提供材料，"
            "不得拒绝、阻碍、隐瞒或者提供虚假情况。依照法律规定，你有权进行陈述和申辩。如果你认为执法人员与案件有直接"
            "利害关系或者有其他关系可能影响公正执法的，有权申请回避。听清楚了吗？是否申请回避？",
            size,
        )
        flow.line("请确认：听清楚了，我不申请回避。", size)
    elif plan.layout == "tianjin-legacy":
        flow.line("时间：" + time_text(plan, "padded", True, False), size)
        flow.line(f"地点：{plan.place}", size)
        for n, b in plan.officers:
            flow.line(f"{who}：{n}　　　执法证号：{_badge(b)}", size)
        flow.line(f"记录人：{plan.recorder or ''}", size)
        if inspection:
            flow.line(f"被检查单位：{plan.subject}", size)
            flow.line(f"现场负责人：{plan.person}　　职务：{plan.job}", size)
        else:
            flow.line(f"被询问人：{plan.person}　　职务：{plan.job}", size)
            flow.line(f"工作单位：{plan.subject}", size)
        flow.para(
            f"我们是{plan.bureau}的行政执法人员，这是我们的执法证件，请确认。今天我们依法进行检查并了解有关情况，"
            "你应当配合调查，如实回答询问和提供材料，不得拒绝、阻碍、隐瞒或者提供虚假情况。如果你认为我们与本次检查"
            "有利害关系，可能影响公正办案，可以申请我们回避，并说明理由。",
            size,
        )
        flow.line("现场负责人确认并签名：已确认，不申请回避。", size)
    elif plan.layout == "table":
        rows: list[list[tuple[str, float]]] = [
            [("时间", 0.2), (time_text(plan, "plain", False, False), 0.8)],
            [("地点", 0.2), (plan.place, 0.8)],
            [
                ("被检查单位" if inspection else "被询问人", 0.2),
                (plan.subject if inspection else plan.person, 0.8),
            ],
        ]
        if not inspection:
            rows.append([("工作单位", 0.2), (plan.subject, 0.45), ("职务", 0.12), (plan.job, 0.23)])
        for n, b in plan.officers:
            rows.append([(who, 0.2), (n, 0.3), ("执法证号", 0.2), (_badge(b), 0.3)])
        rows.append([("记录人", 0.2), (plan.recorder or "", 0.8)])
        flow.grid(rows, size - 0.5)
        flow.gap(6)
        flow.para(
            f"告知：我们是{plan.bureau}执法人员，已向你出示执法证件。你有配合调查、如实提供情况的义务，"
            "有申请执法人员回避和陈述、申辩的权利。是否申请回避？答：不申请。",
            size,
        )
    else:  # free-text
        when = time_text(plan, "ampm", False, False)
        pair = "、".join(names)
        if inspection:
            opening = f"{when}，{plan.bureau}执法人员{pair}到{plan.subject}进行现场检查"
        else:
            opening = f"{when}，{plan.bureau}执法人员{pair}在{plan.place}对{plan.person}（{plan.subject}{plan.job}）进行调查询问"
        if plan.recorder in names:
            opening += f"，由{plan.recorder}记录。"
        elif plan.recorder:
            opening += f"，{plan.recorder}记录。"
        else:
            opening += "。"
        flow.para(opening, size)
        badges = "、".join(b for _, b in plan.officers if b)
        flow.para(
            f"执法人员表明身份：我们是{plan.bureau}的执法人员，这是我们的执法证件（{badges}），请过目。"
            "你有如实回答询问、配合调查的义务，也有申请回避和陈述申辩的权利，听清楚了吗？答：听清楚了，不申请回避。",
            size,
        )
    flow.gap(4)
    if inspection:
        flow.line("现场检查（勘察）情况：", size, bold=look.bold)
        for finding in plan.violation.inspect:
            flow.para(finding + "。", size)
    else:
        flow.line("询问内容：", size, bold=look.bold)
    for q, a in _qa_lines(plan, rng) if plan.qa_count else []:
        flow.para("问：" + q, size, indent_chars=0)
        flow.para("答：" + a, size, indent_chars=0)
    flow.line("以下空白", size, align="center")
    flow.line("以上笔录已阅无误，记录属实。", size, indent=size * 2)
    _sign(flow, rng, "被检查人签字" if inspection else "被询问人签字", size)
    _sign(flow, rng, f"{who}签字", size)
    if plan.layout == "free-text":
        flow.line("　　".join(names), size, indent=size * 6)
    _sign(flow, rng, "记录人签字", size)
    return flow.pages
