"""Each rule a seed notice states, as a worked example computed by hand from the notice's own words.

The docstring of every test quotes the sentence it rests on; the comments carry the hand computation.
Some run through ``reviewdesk rubric compute`` to show the command gives the same numbers.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.rubric import catalog
from app.rubric.engine import ScoreInputError
from app.rubric.scheme import Scheme, parse_scheme
from app.rubric.scheme_engine import compute_scheme
from tests.helpers.cli import run


def scheme(scheme_id: str) -> Scheme:
    found = catalog.get(scheme_id, None)
    assert isinstance(found, Scheme)
    return found


def by_id(result, ident):
    return next(c for c in result.candidates if c.id == ident)


def case(ident: str, selection: str, case_type: str, score: float, **extra):
    return {
        "id": ident,
        "selection": selection,
        "case_type": case_type,
        "score": score,
        "sha256": ident,
    } | extra


def compute_via_cli(tmp_path: Path, scheme_id: str, data: dict) -> dict:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(tmp_path / "data", "rubric", "compute", scheme_id, path, "--json")
    assert result.code == 0, result.err
    return result.json()


def steps_of(candidate: dict) -> str:
    return "\n".join(s["text"] for s in candidate["explanation"])


# ---- point 1: one pool where the notice has one ------------------------------------------------


def test_haixi_collective_one_pool_for_votes_and_places(tmp_path: Path) -> None:
    """000 附1: "环境执法大练兵活动共设表现突出集体2个。" and "该指标得分按各单位实际得票数量计算。"

    One city unit with the fewest votes and three county units: all four are ranked together.
    """
    zero = {"cases": 0, "fines": 0, "major_cases": 0}
    data = {
        "region": {"totals": {"cases": 100, "fines": 100, "major_cases": 10, "key_units": 100}},
        "candidates": [
            {"id": "C", "level": "city", "values": {**zero, "key_units": 40, "votes": 100}},
            {"id": "K1", "level": "county", "values": {**zero, "key_units": 20, "votes": 300}},
            {"id": "K2", "level": "county", "values": {**zero, "key_units": 20, "votes": 200}},
            {"id": "K3", "level": "county", "values": {**zero, "key_units": 20, "votes": 250}},
        ],
    }
    for cand, given in zip(data["candidates"], (10, 5, 8, 1), strict=True):
        cand["manual"] = {"four_measures_cases": given}
    out = compute_via_cli(tmp_path, "haixi-2017-collective", data)
    got = {c["id"]: c for c in out["candidates"]}
    # votes over all four: K1 300 → 20 × 4/4 = 20; K3 250 → 15; K2 200 → 10; C 100 → 20 × 1/4 = 5
    # (ranked among city units alone, C would have had the full 20)
    assert {k: got[k]["indicators"]["satisfaction"] for k in got} == {"K1": 20, "K3": 15, "K2": 10, "C": 5}
    # no cases, every value 0 below its baseline → 0; totals = satisfaction + four_measures_cases
    assert {k: got[k]["total"] for k in got} == {"C": 15, "K1": 25, "K2": 18, "K3": 16}
    # two places in one list: K1 and K2 — not two per level (which would have named four)
    assert sorted(k for k in got if got[k]["selected"]) == ["K1", "K2"]
    assert [got[k]["rank"] for k in ("K1", "K2", "K3", "C")] == [1, 2, 3, 4]
    assert "〔读法 ranking = all〕" in steps_of(got["C"])
    assert {r["name"]: r["value"] for r in out["readings"]}["ranking"] == "all"


def test_wuwei_collective_one_pool_for_votes_and_places() -> None:
    """002 附件2: "生态环境保护执法大练兵活动设表现突出集体2个。" and
    "本项指标满分为10分，根据各单位实际得票数量排名，计算得分。"
    """
    values = {"platform_checks": 0, "random_checks": 1, "cases": 0, "fines": 0, "major_cases": 0}
    values |= {"key_units_share": 0.25}
    manual = {"team_rewards": 0, "team_safety": 0, "team_accountability": 0}
    region = {"totals": {"cases": 100, "fines": 100, "major_cases": 10}}
    levels = {"C": "city", "K1": "county", "K2": "county", "K3": "county"}
    votes = {"C": 10, "K1": 40, "K2": 30, "K3": 20}
    data = {
        "region": region,
        "candidates": [
            {"id": k, "level": levels[k], "values": values | {"votes": votes[k]}, "manual": manual}
            for k in levels
        ],
    }
    result = compute_scheme(scheme("wuwei-2019-collective"), data)
    # every other indicator is 0 (no cases, no events, values 0); votes among all four: 10, 7.5, 5, 2.5
    assert {c.id: c.total for c in result.candidates} == {
        "K1": Decimal("10"),
        "K2": Decimal("7.5"),
        "K3": Decimal("5"),
        "C": Decimal("2.5"),
    }
    assert sorted(c.id for c in result.candidates if c.selected) == ["K1", "K2"]


# ---- point 2: Wuwei 强化监督 zeroed by an integrity problem -----------------------------------------


def test_wuwei_supervision_zeroed_by_staff_integrity_problem() -> None:
    """002 附件2: "累计扣分不超过10分，如扣分分数大于得分分数，则按0分计。参选单位派出人员被查实存在廉洁问题的，该项得0分。" """
    base = {
        "id": "L",
        "level": "county",
        "values": {"platform_checks": 0, "random_checks": 1, "cases": 0, "fines": 0, "major_cases": 0}
        | {"key_units_share": 0.1, "votes": 1},
        "manual": {"team_rewards": 0, "team_safety": 0, "team_accountability": 0},
        "events": {
            "supervision": [
                {"group": "第一轮", "points": 5},
                {"group": "第二轮", "points": 5},
                {"group": "第三轮", "points": 4},
            ]
        },
        "deductions": {"supervision": [{"label": "违反纪律", "points": 4}]},
    }
    region = {"totals": {"cases": 1, "fines": 1, "major_cases": 1}}
    plain = compute_scheme(scheme("wuwei-2019-collective"), {"region": region, "candidates": [base]})
    # 5 + 5 + 4 = 14 earned, − 4 → 10 (a deduction capped at 10 could never take away more than 10)
    assert plain.candidates[0].indicators["supervision"] == Decimal("10")
    flagged = base | {"flags": {"staff_integrity_problem": True}}
    (l_,) = compute_scheme(
        scheme("wuwei-2019-collective"), {"region": region, "candidates": [flagged]}
    ).candidates
    assert l_.indicators["supervision"] == Decimal("0")
    assert any("参选单位派出人员被查实存在廉洁问题的，该项得0分" in s.text for s in l_.steps)
    assert l_.total == plain.candidates[0].total - 10


# ---- point 3: Longwan veto, * item 明确机构职能, 加分项, 装备 折算 -------------------------------------


def _longwan_full() -> dict[str, float]:
    s = scheme("longwan-2022-standardisation")
    return {i.id: float(i.points) for i in s.indicators if i.rule == "manual"}


def test_longwan_veto_for_party_conduct() -> None:
    """001 附件2 直接否决项: "执法机构因党风廉政建设出现问题,造成严重不良影响的,当年不得参与评选。" """
    data = {
        "candidates": [
            {"id": "ok", "level": "county", "manual": _longwan_full()},
            {
                "id": "bad",
                "level": "county",
                "manual": _longwan_full(),
                "flags": {"party_conduct_problem": True},
            },
        ]
    }
    result = compute_scheme(scheme("longwan-2022-standardisation"), data)
    bad, ok = by_id(result, "bad"), by_id(result, "ok")
    assert bad.vetoed and "党风廉政建设" in bad.vetoed and bad.total is None and bad.passed is None
    assert ok.total == Decimal("100") and ok.passed is True


def test_longwan_functions_is_county_free_and_flips_the_pass(tmp_path: Path) -> None:
    """001 附件2: 明确机构职能 "*县级不做要求。" and "2.*的考核项仅针对设区市生态环境部门要求,县级直接得分。" """
    manual = _longwan_full() | {"leading_group": 2, "functions": 0, "responsibilities": 2, "mechanism": 2}
    manual |= {"penalty": 5, "evaluation": 1}  # the county gives only the non-* parts
    out = compute_via_cli(
        tmp_path,
        "longwan-2022-standardisation",
        {"candidates": [{"id": "county", "level": "county", "manual": manual}]},
    )
    (county,) = out["candidates"]
    # 机构设置规范化: leading 2 + functions 0 + 1 (*) + responsibilities 2 + 2 (*) + mechanism 2 + 1 (*) = 10
    # 10 > 80 % × 12 = 9.6 → passes; without 明确机构职能 county-free it would be 9 and fail
    assert county["indicators"]["organisation"] == 10
    assert county["total"] == 98 and county["passed"] is True  # 100 − 2 (leading group)


def test_longwan_bonus_items_capped_at_five() -> None:
    """001 附件2: "加分项5分" — "1. 生态环境执法创新示范做法获得国家、省级肯定的…每项加1分;"
    "2. 带队参加生态环境部强化监督活动、省级交叉执法考评、省级履职效能评估排名前3名的,分别得1分、0.5分、0.3分;"
    """
    events = [
        {"group": "创新1", "points": 1},
        {"group": "创新2", "points": 1},
        {"group": "强化监督", "points": 1},
        {"group": "强化监督", "points": 0.5},  # the same activity: only the best counts
        {"group": "示范推广", "points": 0.3},
    ]
    many = [{"group": f"创新{i}", "points": 1} for i in range(7)]
    data = {
        "candidates": [
            {"id": "A", "level": "city", "manual": _longwan_full(), "events": {"bonus_items": events}},
            {"id": "B", "level": "city", "manual": _longwan_full(), "events": {"bonus_items": many}},
        ]
    }
    result = compute_scheme(scheme("longwan-2022-standardisation"), data)
    a, b = by_id(result, "A"), by_id(result, "B")
    assert a.bonus == Decimal("3.3") and a.total == Decimal("103.3")  # 1 + 1 + 1 + 0.3
    assert b.bonus == Decimal("5") and b.total == Decimal("105")  # 7 → capped at 5


def test_longwan_equipment_supply_is_the_equipment_sheet_converted() -> None:
    """001 附件2 加强装备配备(20分): "按照《浙江省生态环境保护综合行政执法装备能力建设评分细则》(附件3)得分情况折算计分。" """
    manual = _longwan_full() | {"eq_optional": 5}  # the equipment sheet: 100 − 10 = 90
    assert "equipment_supply" not in manual  # no separate entry any more
    (a,) = compute_scheme(
        scheme("longwan-2022-standardisation"),
        {"candidates": [{"id": "A", "level": "city", "manual": manual}]},
    ).candidates
    # 20 × 90/100 = 18; total 100 − 2 = 98; equipment 90 ≥ 85 → passes
    assert a.indicators["equipment"] == Decimal("90") and a.indicators["equipment_supply"] == Decimal("18")
    assert a.total == Decimal("98") and a.passed is True
    assert any("〔读法 conversion = linear〕" in s.text for s in a.steps)


def haixi_lone_candidate(cases: list[dict]) -> dict:
    """One Haixi collective "X" whose only scores that vary are its case files'."""
    return {
        "region": {"totals": {"cases": 1, "fines": 1, "major_cases": 1, "key_units": 1}},
        "candidates": [
            {
                "id": "X",
                "cases": cases,
                "values": {"cases": 0, "fines": 0, "major_cases": 0, "key_units": 1, "votes": 1},
                "manual": {"four_measures_cases": 0},
            }
        ],
    }


# ---- point 4: Haixi's 移送公安机关 slot takes a detention referral -----------------------------------


def test_haixi_police_referral_slot_takes_a_detention_referral(tmp_path: Path) -> None:
    """000 附1: "推选评审案卷:2份行政处罚案卷、1份移送公安机关案卷。" and its 重大案件 list
    "涉嫌环境污染犯罪移送公安机关案件、适用行政拘留移送公安机关案件".
    """
    cases = [
        case("n1", "nominated", "general_penalty", 80),
        case("n2", "nominated", "general_penalty", 90),
        case("n3", "nominated", "detention_referral", 70),
    ]
    data = haixi_lone_candidate(cases)
    out = compute_via_cli(tmp_path, "haixi-2017-collective", data)
    (x,) = out["candidates"]
    # nominated: (80 + 90 + 70)/3 = 80 → 20 × 0.8 = 16 (before: the slot stayed empty, n3 an extra:
    # (80 + 90 + 0 + 70)/4 = 60 → 12); sampled: 4 slots missing → 0
    assert x["indicators"]["case_quality"] == 16
    assert "无移送公安机关案卷" not in steps_of(x)


# ---- point 6: Xinjiang's baseline threshold is a stated parameter ---------------------------------


XJ_REGION = {
    "totals": {"cases": 100, "fines": 1000, "major_cases": 20, "key_units": 100},
    "case_type_average": {"court_enforcement": 50},
}


def _xinjiang(readings: dict | None = None) -> dict:
    data = {
        "region": XJ_REGION,
        "candidates": [
            {
                "id": "K",
                "level": "county",
                "values": {"cases": 6, "fines": 100, "major_cases": 3, "key_units": 10},
                "manual": {"industry_drill": 0, "online_exam": 0},
            }
        ],
    }
    return data | ({"readings": readings} if readings else {})


def test_xinjiang_baseline_is_the_average_to_reach(tmp_path: Path) -> None:
    """004 附件1: "按基准比例和全省总数计算各地州市相关分指标的基准值，作为该市应达到的全省平均水平。" (no 50 %)"""
    out = compute_via_cli(tmp_path, "xinjiang-2017-collective", _xinjiang())
    (k,) = out["candidates"]
    # share 10/100 = 0.1: cases baseline 10, 6 < 1 × 10 → 0; fines baseline 100, 100 = 100 → reached → 5;
    # major baseline 2, 3 > 2 → 10. case quality: 4 slots 0 + court (regional average) 50 → 10 → × 0.4 = 4
    assert k["indicators"]["case_counts"] == 15 and k["total"] == 19
    text = steps_of(k)
    assert "〔读法 baseline_threshold = 1〕" in text and "〔读法 baseline_below = zero〕" in text
    basis = {r["name"]: r["basis"] for r in out["readings"]}["baseline_threshold"]
    assert "作为该市应达到的全省平均水平" in basis


def test_xinjiang_baseline_readings_can_be_changed_for_one_computation() -> None:
    """004 附件1 is silent on the points below the baseline: both readings are parameters, shown when used."""
    half = compute_scheme(scheme("xinjiang-2017-collective"), _xinjiang({"baseline_threshold": "0.5"}))
    # 6 ≥ 0.5 × 10 → 5: the case count reaches half the baseline
    assert half.candidates[0].indicators["case_count"] == Decimal("5") and half.candidates[
        0
    ].total == Decimal("24")
    assert next(r for r in half.readings if r.name == "baseline_threshold").source == "input"
    share = compute_scheme(scheme("xinjiang-2017-collective"), _xinjiang({"baseline_below": "proportional"}))
    # 5 × 6/10 = 3
    assert share.candidates[0].indicators["case_count"] == Decimal("3") and share.candidates[
        0
    ].total == Decimal("22")
    with pytest.raises(ScoreInputError, match="baseline_below must be one of"):
        compute_scheme(scheme("xinjiang-2017-collective"), _xinjiang({"baseline_below": "half"}))


# ---- point 7: Wuwei's disqualification without a key-unit list ------------------------------------


def test_wuwei_collective_without_key_unit_list_is_disqualified() -> None:
    """002 附件2: "未发布重点排污单位名录的，取消其候选集体参评资格。" """
    values = {"platform_checks": 0, "random_checks": 1, "cases": 0, "fines": 0, "major_cases": 0}
    values |= {"key_units_share": 0.5, "votes": 5}
    manual = {"team_rewards": 3, "team_safety": 3, "team_accountability": 4}
    data = {
        "region": {"totals": {"cases": 1, "fines": 1, "major_cases": 1}},
        "candidates": [
            {
                "id": "A",
                "level": "county",
                "values": values,
                "manual": manual,
                "flags": {"no_key_unit_list": True},
            },
            {"id": "B", "level": "county", "values": values, "manual": manual},
        ],
    }
    result = compute_scheme(scheme("wuwei-2019-collective"), data)
    a, b = by_id(result, "A"), by_id(result, "B")
    assert a.vetoed == "未发布重点排污单位名录的，取消其候选集体参评资格" and a.total is None
    # B alone: team 10; satisfaction 1 of 1 → 10; everything else 0 → 20
    assert b.total == Decimal("20") and b.rank == 1


# ---- point 8: unpublished → 0 only where the notice says so ---------------------------------------


def test_unpublished_is_zero_in_haixi_and_a_finding_in_meizhou_and_xinjiang() -> None:
    """000 附2: "处罚情况未在门户网站公开的,该案按0分计。" — 003 only asks to "及时、规范地公开行政处罚信息",
    004 only says the cases "应在当地环保部门网站公开".
    """
    cases = [
        case("a", "nominated", "general_penalty", 80),
        case("b", "nominated", "general_penalty", 90, published=False),
    ]
    person = {"id": "P", "level": "county", "cases": cases, "documents": ["integrity_certificate"]}
    haixi = compute_scheme(
        scheme("haixi-2017-individual"),
        {"candidates": [person | {"values": {"cases": 1, "votes": 1}, "manual": {"merit": 0}}]},
    )
    # (80 + 0)/2 = 40 → 40 × 40/100 = 16
    assert (
        haixi.candidates[0].indicators["case_quality"] == Decimal("16") and haixi.candidates[0].findings == []
    )
    meizhou = compute_scheme(scheme("meizhou-2017-individual"), {"candidates": [person]})
    # (80 + 90)/2 = 85, unchanged; the missing publication is reported, not scored
    assert meizhou.candidates[0].total == Decimal("85")
    assert meizhou.candidates[0].findings == ["案卷 b 处罚情况未在门户网站公开"]
    xinjiang = compute_scheme(scheme("xinjiang-2017-individual-cases"), {"candidates": [person]})
    assert xinjiang.candidates[0].total == Decimal("85") and xinjiang.candidates[0].findings


# ---- point 9: Xinjiang's 重点行业执法能手 is a contest per industry ----------------------------------


def _industry_data() -> dict:
    cert = ["integrity_certificate"]
    return {
        "candidates": [
            {
                "id": "P",
                "reports": [
                    {"id": "p-steel", "industry": "steel", "score": 80},
                    {"id": "p-power", "industry": "thermal_power", "score": 90},
                ],
                "documents": cert,
            },
            {"id": "Q", "reports": [{"id": "q-steel", "industry": "steel", "score": 85}], "documents": cert},
            {
                "id": "R",
                "reports": [{"id": "r-power", "industry": "thermal_power", "score": 70}],
                "documents": cert,
            },
        ]
    }


def test_xinjiang_industry_experts_contest_per_industry(tmp_path: Path) -> None:
    """004 附件2: "1 名候选人同时报送钢铁企业执法调查报告和火电企业执法调查报告的，可以申请参加钢铁行业执法能手和火电行业执法能手的评选" """
    out = compute_via_cli(tmp_path, "xinjiang-2017-individual-industry", _industry_data())
    got = {c["id"]: c for c in out["candidates"]}
    # P enters twice, each report scored in its own list: steel Q 85 (1st), P 80 (2nd); power P 90 (1st), R 70 (2nd)
    assert {k: (v["contest"], v["total"], v["rank"]) for k, v in got.items()} == {
        "P/steel": ("steel", 80, 2),
        "P/thermal_power": ("thermal_power", 90, 1),
        "Q/steel": ("steel", 85, 1),
        "R/thermal_power": ("thermal_power", 70, 2),
    }
    assert got["P/steel"]["person"] == "P" and all(
        v["selected"] for v in got.values()
    )  # 4 entries, 50 places


def test_xinjiang_industry_places_shared_or_per_industry() -> None:
    """实施方案: "50名重点行业现场执法水平高的环境执法人员作为表现突出个人" — no split per industry is given."""
    text = (catalog.builtin_dir() / "xinjiang-2017-individual-industry.toml").read_text(encoding="utf-8")
    small, problems = parse_scheme(
        text.replace('places = { "*" = 50 }', 'places = { "*" = 2 }'), "small.toml"
    )
    assert small is not None and not problems
    shared = compute_scheme(small, _industry_data())
    # the two places go to the two best entries of all: P/power 90 and Q/steel 85
    assert sorted(c.id for c in shared.candidates if c.selected) == ["P/thermal_power", "Q/steel"]
    one_each, _ = parse_scheme(text.replace('places = { "*" = 50 }', 'places = { "*" = 1 }'), "one.toml")
    assert one_each is not None
    per = compute_scheme(one_each, _industry_data() | {"readings": {"contest_places": "per_contest"}})
    assert sorted(c.id for c in per.candidates if c.selected) == ["P/thermal_power", "Q/steel"]
    per_text = "\n".join(s.text for s in by_id(per, "P/steel").steps)
    assert "钢铁项2个候选中第 2 名，名额 1，未入选" in per_text


def test_xinjiang_industry_one_report_per_industry() -> None:
    """004 附件2: "可以报送 1 份钢铁、火电、水泥、造纸等重点行业执法检查情况报告" """
    data = _industry_data()
    data["candidates"][1]["reports"].append({"id": "q-steel-2", "industry": "steel", "score": 60})
    with pytest.raises(ScoreInputError, match="two steel reports"):
        compute_scheme(scheme("xinjiang-2017-individual-industry"), data)


# ---- point 11: which copy of a duplicate scores 0 -------------------------------------------------


def _haixi_duplicate(n1: dict, s1: dict) -> dict:
    cases = [
        case("n1", "nominated", "general_penalty", 90, sha256="same", **n1),
        case("n2", "nominated", "general_penalty", 90),
        case("n3", "nominated", "crime_referral", 60),
        case("s1", "sampled", "general_penalty", 90, sha256="same", **s1),
        case("s2", "sampled", "general_penalty", 60),
        case("s3", "sampled", "daily_penalty", 100),
        case("s4", "sampled", "seizure", 50),
    ]
    return haixi_lone_candidate(cases)


def test_haixi_duplicate_the_later_submitted_copy_scores_zero_by_date(tmp_path: Path) -> None:
    """000 附3: "同一案卷不得作为两类案卷重复报送,否则其中一份按0分计。" — which one: the later-submitted."""
    data = _haixi_duplicate({"submitted": "2017-10-20"}, {"submitted": "2017-10-08"})
    (x,) = compute_via_cli(tmp_path, "haixi-2017-collective", data)["candidates"]
    # n1 was submitted later → 0: nominated (0 + 90 + 60)/3 = 50 → 10; sampled (90 + 60 + 100 + 50)/4 = 75 → 15
    assert x["indicators"]["case_quality"] == 25
    text = steps_of(x)
    assert "n1 与 s1（sampled/general_penalty）为同一案卷重复报送，按报送日期此份在后，按0分计" in text
    assert "s1 与 n1 为同一案卷，按报送日期保留此份" in text


def test_haixi_duplicate_by_folder_order_when_no_dates() -> None:
    """000 附3: "同一案卷不得作为两类案卷重复报送,否则其中一份按0分计。" — without dates, folder order decides."""
    data = _haixi_duplicate({"path": "X/1-推选/德环罚1号.pdf"}, {"path": "X/2-抽选/德环罚1号.pdf"})
    (x,) = compute_scheme(scheme("haixi-2017-collective"), data).candidates
    # s1 sits in the later folder → 0: nominated (90 + 90 + 60)/3 = 80 → 16; sampled (0 + 60 + 100 + 50)/4 → 10.5
    assert x.indicators["case_quality"] == Decimal("26.5")
    assert any("按目录顺序此份在后" in s.text and "s1" in s.text for s in x.steps)


# ---- point 12: a candidate's level decides its case-file list --------------------------------------


def test_wuwei_collective_uses_the_candidates_own_level(tmp_path: Path) -> None:
    """002 附件2: "（2）县级候选集体 推选评审案卷：候选单位一般行政处罚案卷2份、适用四个配套办法案卷1份。" """
    nominated = [
        case("n1", "nominated", "general_penalty", 90),
        case("n2", "nominated", "general_penalty", 90),
        case("n3", "nominated", "daily_penalty", 90),
    ]
    values = {"platform_checks": 0, "random_checks": 1, "cases": 0, "fines": 0, "major_cases": 0}
    values |= {"key_units_share": 0.5, "votes": 1}
    base = {"id": "U", "cases": nominated, "values": values}
    base["manual"] = {"team_rewards": 0, "team_safety": 0, "team_accountability": 0}
    region = {"totals": {"cases": 1, "fines": 1, "major_cases": 1}}
    county = compute_scheme(
        scheme("wuwei-2019-collective"), {"region": region, "candidates": [base | {"level": "county"}]}
    )
    # county: nominated 3 slots filled, mean 90 → 9; sampled 3 slots missing → 0; satisfaction 10 → 19
    assert county.candidates[0].indicators["case_quality"] == Decimal("9")
    city = compute_scheme(
        scheme("wuwei-2019-collective"), {"region": region, "candidates": [base | {"level": "city"}]}
    )
    # city: 5 slots (2 general, 2 four measures, 1 audit), 3 filled: 270/5 = 54 → 5.4
    assert city.candidates[0].indicators["case_quality"] == Decimal("5.4")
    chinese = compute_scheme(
        scheme("wuwei-2019-collective"), {"region": region, "candidates": [base | {"level": "县级"}]}
    )
    assert chinese.candidates[0].level == "county" and chinese.candidates[0].indicators[
        "case_quality"
    ] == Decimal("9")
    path = tmp_path / "no-level.json"
    path.write_text(json.dumps({"region": region, "candidates": [base]}), encoding="utf-8")
    failed = run(tmp_path / "data", "rubric", "compute", "wuwei-2019-collective", path)
    assert failed.code != 0 and "reviewdesk level" in failed.err and "评分输入不符合评分标准" in failed.err


def test_every_stated_reading_gives_its_basis(tmp_path: Path) -> None:
    """No silent choice: each reading a built-in scheme states names the seed's words or its silence."""
    schemes = [r for r in catalog.load_all(None)[0].values() if isinstance(r, Scheme)]
    assert len(schemes) == 10
    for found in schemes:
        for reading in found.readings.values():
            assert "“" in reading.basis or "未" in reading.basis, (found.id, reading.name)
    shown = run(tmp_path / "data", "rubric", "show", "haixi-2017-collective", "--json").json()
    stated = {r["name"]: (r["value"], r["source"]) for r in shown["readings"]}
    assert stated["duplicate_zero"] == ("later", "scheme") and stated["unpublished"] == ("zero", "scheme")
    text = run(tmp_path / "data", "rubric", "show", "xinjiang-2017-collective").out
    assert "[读法] baseline_threshold = 1（附件1：基准值“作为该市应达到的全省平均水平。”" in text


def test_scheme_validation_of_readings_and_new_rules() -> None:
    text = (catalog.builtin_dir() / "longwan-2022-standardisation.toml").read_text(encoding="utf-8")
    broken = (
        text.replace('conversion = { value = "linear"', 'conversion = { value = "cubic"')
        .replace('from = "equipment"', 'from = "equipments"')
        .replace("[readings]\n", '[readings]\nrounding = "up"\n')
    )
    _scheme, problems = parse_scheme(broken, "broken.toml")
    messages = [str(p) for p in problems]
    assert any("reading conversion must be one of linear, not 'cubic'" in m for m in messages)
    assert any("unknown reading 'rounding'" in m for m in messages)
    assert any(
        "[equipment_supply] 'from' must name another indicator, not 'equipments'" in m for m in messages
    )


def test_haixi_nominated_penalty_case_reading() -> None:
    """000 附1: "推选评审案卷:2份行政处罚案卷、1份移送公安机关案卷。" but "随机抽选案卷:至少抽取候选单位一般行政处罚案卷2份" —
    the nominated line leaves out "一般"; reading penalty_case = any_penalty, stated and changeable.
    """
    cases = [
        case("n1", "nominated", "daily_penalty", 80),
        case("n2", "nominated", "general_penalty", 90),
        case("n3", "nominated", "detention_referral", 70),
    ]
    data = haixi_lone_candidate(cases)
    (x,) = compute_scheme(scheme("haixi-2017-collective"), data).candidates
    # any_penalty: daily 80 and general 90 fill the two 行政处罚 slots, the detention referral the third:
    # (80 + 90 + 70)/3 = 80 → 16
    assert x.indicators["case_quality"] == Decimal("16")
    assert any("〔读法 penalty_case = any_penalty〕" in s.text for s in x.steps)
    (g,) = compute_scheme(
        scheme("haixi-2017-collective"), data | {"readings": {"penalty_case": "general"}}
    ).candidates
    # general only: slots 90, missing 0, 70, and the daily case as an extra 80 → 240/4 = 60 → 12
    assert g.indicators["case_quality"] == Decimal("12")
