"""Titles, footers, 卷内目录 rows, facts and corrections on small hand-made inputs."""

from __future__ import annotations

from app.analysis.pages import Line, PageText
from app.analysis.segmenter import segment
from app.analysis.titles import find_footer, find_title
from app.analysis.toc import parse_toc
from app.analysis.transcript_facts import extract, flag_overlaps
from app.models.documents import Document, apply_corrections


def page(
    number: int, top: list[str], bottom: list[str] | None = None, body: list[str] | None = None
) -> PageText:
    lines = [Line((0.3, 0.02 + 0.03 * i, 0.7, 0.04 + 0.03 * i), t) for i, t in enumerate(top)]
    lines += [Line((0.1, 0.3 + 0.03 * i, 0.9, 0.32 + 0.03 * i), t) for i, t in enumerate(body or [])]
    lines += [Line((0.6, 0.93 + 0.02 * i, 0.9, 0.94 + 0.02 * i), t) for i, t in enumerate(bottom or [])]
    return PageText(number, "ocr", "bands", 0, lines)


def test_titles_prefer_the_longest_phrase_and_ignore_sentences() -> None:
    assert find_title([Line((0, 0, 1, 0.05), "行政处罚事先（听证）告知书")]).kind == "hearing_notice"
    assert find_title([Line((0, 0, 1, 0.05), "现场检查(勘察)笔录")]).kind == "inspection_record"
    assert (
        find_title(
            [Line((0, 0, 1, 0.05), "以上事实有现场检查(勘察)笔录、调查询问笔录、监测报告等证据为凭。")]
        )
        is None
    )
    assert find_footer([Line((0, 0.95, 1, 1), "第 2 页， 共 3 页")]) == (2, 3)
    assert find_footer([Line((0, 0.95, 1, 1), "第4页共3页")]) is None


def test_two_inquiry_records_split_by_their_footers() -> None:
    pages = [
        page(1, ["某某生态环境局"]),
        page(2, ["调查询问笔录"], ["第1页，共2页"]),
        page(3, ["调查询问笔录"], ["第2页，共2页"]),
        page(4, ["调查询问笔录"], ["第1页，共1页"]),
        page(5, []),
        page(6, ["行政处罚决定书"]),
    ]
    found = [(s.kind, s.first_page, s.last_page) for s in segment(pages)]
    assert found == [("cover", 1, 1), ("inquiry_record", 2, 3), ("inquiry_record", 4, 5), ("decision", 6, 6)]


def test_toc_fills_what_titles_missed_and_its_offset_is_checked() -> None:
    toc_lines = [
        Line((0.1, 0.20, 0.15, 0.22), "1"),
        Line((0.2, 0.20, 0.5, 0.22), "立案审批表"),
        Line((0.8, 0.20, 0.9, 0.22), "2"),
        Line((0.1, 0.24, 0.15, 0.26), "2"),
        Line((0.2, 0.24, 0.5, 0.26), "调查询问笔录"),
        Line((0.8, 0.24, 0.9, 0.26), "3-4"),
        Line((0.1, 0.28, 0.15, 0.30), "3"),
        Line((0.2, 0.28, 0.5, 0.30), "行政处罚决定书"),
        Line((0.8, 0.28, 0.9, 0.30), "5"),
    ]
    assert [(e.kind, e.first, e.last) for e in parse_toc(toc_lines)] == [
        ("filing_approval", 2, 2),
        ("inquiry_record", 3, 4),
        ("decision", 5, 5),
    ]
    # every page is one later than the directory says; the decision's title is unreadable
    pages = [
        page(1, []),
        page(2, ["卷内目录"]),
        page(3, ["立案审批表"]),
        page(4, ["调查询问笔录"]),
        page(5, []),
        page(6, ["(smudged)"]),
    ]
    found = segment(pages, toc_page_lines={2: toc_lines})
    assert [(s.kind, s.first_page, s.last_page) for s in found] == [
        ("cover", 1, 1),
        ("toc", 2, 2),
        ("filing_approval", 3, 3),
        ("inquiry_record", 4, 5),
        ("decision", 6, 6),
    ]
    assert "页码偏差 +1" in found[-1].found_by


def _record(text: str, number: int = 1) -> PageText:
    return PageText(
        number,
        "text",
        "full",
        0,
        [Line((0, i / 50, 1, i / 50 + 0.01), t) for i, t in enumerate(text.split("\n"))],
    )


RECORD = """调查询问笔录
时间：2024年5月6日14时05分至2024年5月6日15时
地点：某某局询问室
被调查询问人：王某某　　性别：男
调查询问人及执法证编号：李强（执法证号：63001）、张伟
记录人：李强　　工作单位：某某局
我们是某某局的行政执法人员，这是我们的执法证件，请过目确认。你应当配合调查。你有权进行陈述和申辩，有权申请回避。
确认：无异议。
以上笔录已阅无误。（以下空白）
被调查询问人签字："""


def test_facts_flag_what_reviewers_flag() -> None:
    facts = extract("inquiry_record", [_record(RECORD)])
    assert facts.subject == "王某某"
    assert facts.officers == [{"name": "李强", "badge": "63001"}, {"name": "张伟", "badge": None}]
    assert set(facts.flags) == {"missing_badge", "time_not_to_minute", "recorder_is_officer"}
    assert facts.checks["credentials"] and facts.checks["rights_notice"] and facts.checks["blank_marked"]
    other = extract(
        "inquiry_record",
        [_record(RECORD.replace("14时05分至2024年5月6日15时", "14时30分至2024年5月6日16时00分"))],
    )
    flag_overlaps([facts, other])
    assert "overlapping_records" in facts.flags and "overlapping_records" in other.flags


def test_corrections_apply_in_order() -> None:
    found = [Document("cover", 1, 1), Document("inquiry_record", 2, 5), Document("decision", 6, 7)]
    corrected = apply_corrections(found, [("set", "evidence", 4, 5, "甲"), ("delete", None, 6, 7, "甲")])
    assert [(d.kind, d.first_page, d.last_page) for d in corrected] == [
        ("cover", 1, 1),
        ("inquiry_record", 2, 3),
        ("evidence", 4, 5),
    ]


def test_officers_survive_ocr_slips_in_the_badge_label() -> None:
    text = RECORD.replace("李强（执法证号：63001）、张伟", "李强（执法证导：63001）、张伟（执法证号：63002")
    facts = extract("inquiry_record", [_record(text)])
    assert facts.officers == [{"name": "李强", "badge": "63001"}, {"name": "张伟", "badge": "63002"}]
    assert "missing_badge" not in facts.flags
