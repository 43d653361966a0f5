"""A record's end however it is written, and no end invented where none was (issue 11: no_end_time)."""

from __future__ import annotations

import pytest

from app.analysis.moments import span
from app.analysis.pages import Line, PageText
from app.analysis.transcript_facts import extract


def facts_of(text: str, kind: str = "inquiry_record"):
    rows = text.split("\n")
    lines = [Line((0.08, i / 60, 0.92, i / 60 + 0.012), row) for i, row in enumerate(rows)]
    return extract(kind, [PageText(1, "text", "full", 0, lines)])


def inquiry(time_line: str, closing: str = "", answer: str = "答：我是公司的环保专员。") -> str:
    return "\n".join(
        [
            "某市生态环境局",
            "调查询问笔录",
            time_line,
            "地点：某市生态环境局询问室",
            "被调查询问人：张某　　性别：男",
            "调查询问人及执法证编号：李明（43030012）、王强（43030045）",
            "记录人：赵红",
            "询问内容：问：请介绍一下你的基本情况。",
            answer,
            closing,
            "以上笔录已阅，属实。",
        ]
    )


@pytest.mark.parametrize(
    ("value", "end"),
    [
        ("2024年5月6日14时05分至14时30分", "2024-05-06T14:30"),
        ("2024年5月6日14时05分至 14 时 30 分", "2024-05-06T14:30"),  # OCR's spaces in the clock
        ("2024年5月6日14:05至 15 : 30", "2024-05-06T15:30"),
        ("2024年5月6日 14:05 开始，14:30 结束", "2024-05-06T14:30"),
        ("2024年5月6日14时05分起至2024年5月6日15时30分止", "2024-05-06T15:30"),
        ("2024-05-06 14:05～15:30", "2024-05-06T15:30"),
        ("2024-05-06 14:05-15:30", "2024-05-06T15:30"),
        ("2024年5月6日下午2时05分至3时30分", "2024-05-06T15:30"),
        ("二〇二四年五月六日十四时五分至十五时三十分", "2024-05-06T15:30"),
        ("2024年5月6日14时05分至    时    分", None),  # the form's blank end
        ("2024年5月6日14时05分至", None),
    ],
)
def test_the_time_fields_end_in_its_many_spellings(value: str, end: str | None) -> None:
    start, found = span(value)
    assert start is not None and start.iso() == "2024-05-06T14:05"
    assert (found.iso() if found else None) == end


@pytest.mark.parametrize(
    "closing",
    [
        "笔录结束时间：15时30分",
        "询问结束时间：2024年5月6日15:30",
        "询问于15时30分结束。",
        "于下午3时30分询问结束。",
    ],
)
def test_an_end_written_at_the_foot_is_the_records_end(closing: str) -> None:
    facts = facts_of(inquiry("时间：2024年5月6日14时05分", closing))
    assert (facts.start, facts.end) == ("2024-05-06T14:05", "2024-05-06T15:30")
    assert "no_end_time" not in facts.flags


@pytest.mark.parametrize(
    "answer",
    [
        "答：我们每天8时开始，18时结束生产。",  # an answer's times are not the record's
        "答：设备于16时30分停机，17:00完毕。",
    ],
)
def test_a_blank_end_is_flagged_whatever_times_the_answers_mention(answer: str) -> None:
    facts = facts_of(inquiry("时间：2024年5月6日14时05分至    时    分", answer=answer))
    assert facts.start == "2024-05-06T14:05" and facts.end is None
    assert "no_end_time" in facts.flags


def test_without_a_time_label_a_later_clock_is_not_taken_for_the_end() -> None:
    """OCR lost the 时间 label: the first moment is the start, and only 至 would introduce an end."""
    facts = facts_of(inquiry("2024年5月6日14时05分", answer="答：我们17时30分下班。"))
    assert facts.start == "2024-05-06T14:05" and facts.end is None
    assert "no_end_time" in facts.flags


def test_a_speck_ocr_read_inside_the_year_does_not_hide_the_start() -> None:
    """``20.20年``: the start is still read, so the blank end is still flagged."""
    facts = facts_of(inquiry("时间：20.20年07月24日15时10分至\n时\n分"))
    assert facts.start == "2020-07-24T15:10" and facts.end is None
    assert "no_end_time" in facts.flags
    start, end = span("2020.07.24 15:10至16:00")  # a date's own dots stay separators
    assert start is not None and end is not None and end.iso() == "2020-07-24T16:00"
