"""Worked examples for every 2024 sheet, each computed by hand from the 细则's words (quoted in the docstring).

Formula (all sheets): 案卷得分 = 合法性评查得分(50) + 规范性评查得分(50 × 对应评查项目得分之和 /
参与评查项目标准分之和 − 基本要素扣分值之和); 存在任一项重大问题的，直接评为0分.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from app.rubric import catalog
from app.rubric.engine import ScoreInputError, compute_case
from app.rubric.model import Rubric

SHEETS = {
    "general": "case-review-2024-general",
    "no_penalty": "case-review-2024-no-penalty",
    "daily": "case-review-2024-daily-penalty",
    "seizure": "case-review-2024-seizure",
    "detention": "case-review-2024-detention-referral",
    "crime": "case-review-2024-crime-referral",
}


def sheet(name: str) -> Rubric:
    found = catalog.get(SHEETS[name], None)
    assert isinstance(found, Rubric)
    return found


def full(rubric: Rubric, **changes: object) -> dict[str, object]:
    """Every standard item at full points, bonus items at 0, then the changes."""
    scores: dict[str, object] = {i.id: 0 if i.bonus else float(i.points) for i in rubric.items}
    scores.update(changes)
    return scores


def two_places(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


@pytest.mark.parametrize(
    ("name", "items_total", "bonus", "count"),
    [
        ("general", 100, 0, 14),
        ("no_penalty", 100, 0, 12),
        ("daily", 120, 0, 16),
        ("seizure", 100, 0, 9),
        ("detention", 100, 15, 12),
        ("crime", 100, 15, 9),
    ],
)
def test_each_sheet_has_the_points_and_items_of_the_text(name, items_total, bonus, count) -> None:
    """“1.一般行政处罚(总分 100 分)”“2.不予行政处罚(总分 100 分)”“3.按日连续处罚(总分 120 分)”
    “4、查封/扣押(总分 100 分)”“5、移送拘留(总分 100 分,另设 15 分加分项。)”
    “6、移送涉嫌环境污染犯罪(总分 100 分,另设 15 分加分项。)” — and every item's note names its 序号."""
    rubric = sheet(name)
    assert sum(i.points for i in rubric.standard_items) == items_total
    assert rubric.bonus_total == bonus
    assert len(rubric.items) == count
    numbers = [int(re.match(r"第(\d+)项", i.note).group(1)) for i in rubric.items]
    assert numbers == list(range(1, count + 1))
    assert rubric.scoring.total == 100 and rubric.family == "case-review-2024"


def test_every_sheet_carries_the_25_item_veto_list() -> None:
    """“合法性评查”采用一票否决制 — “由 5 大项 31 小项修订为 5 大项 25 小项”, for 一般行政处罚、不予行政处罚及 4 类案件."""
    for name in SHEETS:
        rubric = sheet(name)
        assert len(rubric.gates) == 25
        assert {g.group for g in rubric.gates} == {"执法主体", "违法主体", "违法事实", "法律适用", "执法程序"}
        assert (
            "不予行政处罚案件作出决定前未告知程序性权利的，暂不作为合法性评查内容"
            in rubric.gates[13].description
        )
        inputs = {"scores": full(rubric), "facts": {"case_closed": True} if rubric.facts else {}}
        gated = compute_case(
            rubric, {**inputs, "gates": {"g24_daily_order_of_decisions": "早于原处罚决定书送达"}}
        )
        assert gated.score == 0


def test_no_penalty_worked_example() -> None:
    """2.不予行政处罚: “11 不予行政处罚决定书 … 20 分 … 8.在法定期限内作出决定 (1 分)”;
    “7 … 责令改正决定在不予行政处罚决定书中体现的，本项无需评审”; “已结案案件无结案审批表的，本项得 0 分”."""
    rubric = sheet("no_penalty")
    decision = {
        "criteria": {
            "facts": 3,
            "evidence": 3,
            "law": 3,
            "statements": 3,
            "corrected": 2,
            "remedy": 2,
            "education": 3,
            "in_time": 0,
        }
    }
    inputs = {
        "scores": {
            "filing_approval": 3,
            "inspection_record": 9,
            "inquiry_record": 10,
            "other_evidence": 6,
            "investigation_report": 8,
            "hearing_notice": 8,
            "decision": decision,
        },
        "not_applicable": ["monitoring", "rectification_order", "hearing_invitation", "hearing_record"],
        "missing": ["closing_approval"],
        "facts": {"case_closed": False},
        "deductions": {"document_elements": ["party_details"]},
    }
    # earned 3 + 9 + 10 + 6 + 8 + 8 + 19 = 63; standard 4 + 10 + 10 + 8 + 8 + 10 + 20 = 70 (结案审批表: not closed)
    # 50 + 50 × 63/70 − 2 = 50 + 45 − 2 = 93
    result = compute_case(rubric, inputs)
    assert result.score == Decimal("93")
    assert result.item_scores["decision"] == Decimal("19")
    assert any(s.rule == "fact_not_applicable" for s in result.steps)


def test_daily_penalty_worked_example_on_120_points() -> None:
    """3.按日连续处罚“(总分 120 分)”; 案卷得分 = 50 + 50 × 对应评查项目得分之和 / 参与评查项目标准分之和 − …;
    “12 再次责令改正违法行为决定书 … 无再次责令改正违法行为决定书的，本项得 0 分”;
    “13 按日连续处罚决定书 … 无按日连续处罚决定书的，本项得 0 分”."""
    rubric = sheet("daily")
    inputs = {
        "scores": full(rubric, hearing_notice=3),
        "missing": ["daily_penalty_decision", "repeat_rectification_order", "closing_approval"],
        "facts": {"case_closed": True},
    }
    for missing in inputs["missing"]:
        inputs["scores"].pop(missing)
    # earned 120 − 15 − 5 − 3 − 7 = 90 of 120: 50 + 50 × 90/120 = 50 + 37.5 = 87.5
    result = compute_case(rubric, inputs)
    assert result.score == Decimal("87.5")
    ratio = next(s.text for s in result.steps if s.rule == "ratio")
    assert "50 × 90.00 / 120" in ratio and "〔读法 items_total = 120〕" in ratio
    missing = [s.text for s in result.steps if s.rule == "missing_zero"]
    assert len(missing) == 3 and all("〔读法 missing_document = zero〕" in t for t in missing)


def test_seizure_worked_example() -> None:
    """4、查封/扣押: “3 监测/检测/鉴定 … 2.报告出具机构的资质认定标志、监测/检测/鉴定字号。(1 分)(若无,本项得 0 分)”;
    “7 … 1.无正当理由未制作现场笔录的，本项得 0 分”; “8 … 如未出现应当作出延长查封/扣押决定书的情形，本项无需评审”."""
    rubric = sheet("seizure")
    monitoring = {
        "criteria": {
            "institution": 1,
            "qualification": 0,
            "client_project": 1,
            "timing": 1,
            "points_match": 0.5,
            "method": 0.5,
            "result": 1,
            "signatures": 1,
        }
    }
    inputs = {
        "scores": {
            "inspection_record": 10,
            "inquiry_record": 10,
            "monitoring": monitoring,
            "other_evidence": 8,
            "seizure_approval": 10,
            "seizure_decision": 8,
            "seizure_release": 11,
        },
        # 有正当理由未制作现场笔录 (reading seizure_record_justified); no extension was needed
        "not_applicable": ["seizure_record", "seizure_extension"],
        "deductions": {"transcript_elements": ["credentials", "rights_notice"]},
    }
    # monitoring: qualification 0 → the whole item 0 (reading qualification_zeroes = item)
    # earned 10 + 10 + 0 + 8 + 10 + 8 + 11 = 57; standard 10 + 10 + 7 + 8 + 10 + 20 + 11 = 76
    # 50 + 50 × 57/76 − (1.5 + 1.5) = 50 + 37.5 − 3 = 84.5
    result = compute_case(rubric, inputs)
    assert result.score == Decimal("84.5")
    assert result.item_scores["monitoring"] == 0
    assert "qualification 为0，本项得0分" in next(s.text for s in result.steps if s.text.startswith("监测"))


def test_detention_referral_bonus_is_added_to_the_case_score() -> None:
    """5、移送拘留“(总分 100 分,另设 15 分加分项。)”; “12 加分项 公安机关作出拘留决定。(15 分) 本项为加分项”;
    “案卷评查存在任一项重大问题的，直接评为 0 分”."""
    rubric = sheet("detention")
    inputs = {
        "scores": full(rubric, referral_letter=5, police_decision=15),
        "missing": ["decision"],
        "deductions": {"document_elements": ["handler_opinion"]},
    }
    inputs["scores"].pop("decision")
    # earned 100 − 15 − 5 = 80 of 100 → 50 + 40 − 2 = 88; + 加分 15 = 103 (reading bonus = case_score)
    result = compute_case(rubric, inputs)
    assert result.score == Decimal("103")
    assert "〔读法 bonus = case_score〕" in result.steps[-1].text
    # the bonus is all or nothing (step 15)
    with pytest.raises(ScoreInputError, match="step 15"):
        compute_case(rubric, {**inputs, "scores": {**inputs["scores"], "police_decision": 7.5}})
    # a 重大问题 gives 0, bonus included
    gated = compute_case(rubric, {**inputs, "gates": {"g02_officers": "移送书只有一名执法人员签名"}})
    assert gated.score == 0


def test_crime_referral_missing_filing_approval_is_not_applicable() -> None:
    """6、移送涉嫌环境污染犯罪: “3 立案审批表 … 无立案审批表的，本项无需评审” (not 得 0 分 as on the other sheets);
    “9 加分项 公安机关作出立案决定。(15 分)”."""
    rubric = sheet("crime")
    inputs = {
        "scores": {
            "referral_approval": 15,
            "referral_letter": 12,
            "inspection_record": 12,
            "inquiry_record": 9,
            "other_evidence": 9,
            "investigation_report": 6,
            "police_filing": 0,
        },
        "missing": ["filing_approval"],
        "not_applicable": ["monitoring"],
    }
    # earned 15 + 12 + 12 + 9 + 9 + 6 = 63; standard 15 + 15 + 15 + 15 + 12 + 12 = 84
    # 50 + 50 × 63/84 = 50 + 37.5 = 87.5; no 立案决定, no bonus
    result = compute_case(rubric, inputs)
    assert result.score == Decimal("87.5")
    assert result.item_scores["filing_approval"] is None
    assert compute_case(
        rubric, {**inputs, "scores": {**inputs["scores"], "police_filing": 15}}
    ).score == Decimal("102.5")


def test_closing_approval_of_a_case_not_closed_is_not_applicable() -> None:
    """Point 5: “14 结案审批表 … 已结案案件无结案审批表的，本项得 0 分” — only a closed case loses it."""
    rubric = sheet("general")
    scores = full(rubric)
    scores.pop("closing_approval")
    inputs = {"scores": scores, "missing": ["closing_approval"]}
    # not closed: 结案审批表 out of the sum, 97/97 → 100
    assert compute_case(rubric, {**inputs, "facts": {"case_closed": False}}).score == Decimal("100")
    # closed: 0 of 3 → 50 + 50 × 97/100 = 98.5
    assert compute_case(rubric, {**inputs, "facts": {"case_closed": True}}).score == Decimal("98.5")
    # unknown: the expert is asked before the case can be completed
    with pytest.raises(ScoreInputError, match="case_closed"):
        compute_case(rubric, inputs)
    asked = compute_case(rubric, inputs, partial=True)
    assert not asked.complete
    assert "〔读法 case_closed = ask〕" in next(s.text for s in asked.steps if s.rule == "ask")
    # a case said not closed cannot also have its 结案审批表 scored
    with pytest.raises(ScoreInputError, match="not applicable"):
        compute_case(rubric, {"scores": full(rubric), "facts": {"case_closed": False}})


def test_hearing_documents_missing_after_a_request_are_deducted() -> None:
    """Point 11: “9 行政处罚听证通知书 … 不符合听证条件或执法对象未提出听证申请的，本项无需评审” — a hearing
    was requested, so both apply; missing, they score 0 and stay in the denominator."""
    rubric = sheet("general")
    scores = full(rubric)
    for item in ("hearing_invitation", "hearing_record"):
        scores.pop(item)
    missing = compute_case(rubric, {"scores": scores, "missing": ["hearing_invitation", "hearing_record"]})
    # earned 100 − 4 − 8 = 88 of 100 → 50 + 44 = 94
    assert missing.score == Decimal("94")
    not_requested = compute_case(
        rubric, {"scores": scores, "not_applicable": ["hearing_invitation", "hearing_record"]}
    )
    assert not_requested.score == Decimal("100")  # 88/88


def test_the_normative_part_is_clamped_at_zero() -> None:
    """Point 11: “规范性评查得分(50×对应评查项目得分之和/参与评查项目标准分之和-基本要素扣分值之和)” may fall
    below 0; the reading normative_floor = 0 keeps it there, so the 合法性评查得分(50) stands."""
    rubric = sheet("general")
    scores = {i.id: 0 for i in rubric.items}
    scores.update({"decision": 15, "inspection_record": 5})
    every = {g.id: [e.id for e in g.elements] for g in rubric.deductions}
    result = compute_case(rubric, {"scores": scores, "deductions": every})
    # 50 × 20/100 = 10; deductions 10 + 10 = 20; 10 − 20 = −10 → 0; case 50 + 0 = 50 (not 40)
    assert result.score == Decimal("50")
    floor = next(s for s in result.steps if s.rule == "normative_floor")
    assert "〔读法 normative_floor = 0〕" in floor.text and "= -10.00" in floor.text


def test_every_reading_is_named_on_the_sheet() -> None:
    """Where the text is silent the choice is a named reading with its value and the words behind it."""
    for name in SHEETS:
        readings = {r.id: r.value for r in sheet(name).readings}
        assert readings["normative_floor"] == "0" and readings["missing_document"] == "zero"
        assert readings["qualification_zeroes"] == "item" and readings["deduction_apply"] == "once"
    assert {r.id: r.value for r in sheet("detention").readings}["bonus"] == "case_score"
    assert {r.id: r.value for r in sheet("seizure").readings}["seizure_record_justified"] == "not_applicable"
    assert {r.id: r.value for r in sheet("no_penalty").readings}["no_penalty_notice_missing"] == "zero"
    assert {r.id: r.value for r in sheet("general").readings}["case_closed"] == "ask"


@pytest.mark.parametrize(
    ("case_type", "expected"),
    [
        ("general_penalty", "case-review-2024-general"),
        ("production_limit", "case-review-2024-general"),
        ("no_penalty", "case-review-2024-no-penalty"),
        ("daily_penalty", "case-review-2024-daily-penalty"),
        ("seizure", "case-review-2024-seizure"),
        ("detention_referral", "case-review-2024-detention-referral"),
        ("crime_referral", "case-review-2024-crime-referral"),
        ("court_enforcement", "case-review-2024-general"),
        (None, "case-review-2024-general"),
    ],
)
def test_the_case_type_picks_the_sheet(case_type, expected) -> None:
    """“删除限产停产类文书评查项(作为一般行政处罚参与评查)”: 限产停产 is scored on the general sheet."""
    rubrics, errors = catalog.load_all(None)
    assert errors == []
    choice = catalog.sheet_for_case(rubrics, "case-review-2024", case_type)
    assert choice.rubric.id == expected
    assert choice.reason == ("default" if case_type in (None, "court_enforcement") else "case_type")
    chosen = catalog.sheet_for_case(rubrics, "case-review-2024", case_type, "case-review-2024-seizure")
    assert chosen.rubric.id == "case-review-2024-seizure" and chosen.reason == "override"


def test_cli_lists_every_sheet_and_computes_the_hand_result(cli, tmp_path) -> None:
    listed = cli("rubric", "list", "--json")
    assert listed.code == 0, listed.err
    assert set(SHEETS.values()) <= {row["id"] for row in listed.json()}
    rubric = sheet("detention")
    inputs = {
        "scores": full(rubric, referral_letter=5, police_decision=15),
        "missing": ["decision"],
        "deductions": {"document_elements": ["handler_opinion"]},
    }
    inputs["scores"].pop("decision")
    path = tmp_path / "input.json"
    path.write_text(json.dumps(inputs, ensure_ascii=False), encoding="utf-8")
    result = cli("rubric", "compute", "case-review-2024-detention-referral", path, "--json")
    assert result.code == 0, result.err
    assert result.json()["score"] == 103  # as by hand above
    human = cli("rubric", "compute", "case-review-2024-detention-referral", path)
    assert "加分 15.00" in human.out and "得分 / score: 103" in human.out
