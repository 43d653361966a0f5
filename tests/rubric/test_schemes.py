"""Worked examples for every seed scheme; the expected numbers are computed by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rubric import catalog
from app.rubric.engine import ScoreInputError
from app.rubric.scheme import Scheme
from app.rubric.scheme_engine import compute_scheme


def scheme(scheme_id: str) -> Scheme:
    found = catalog.get(scheme_id, None)
    assert isinstance(found, Scheme)
    return found


def case(
    ident: str, selection: str, case_type: str, score: float, published: bool = True, sha: str | None = None
):
    return {
        "id": ident,
        "selection": selection,
        "case_type": case_type,
        "score": score,
        "published": published,
        "sha256": sha or ident,
    }


def by_id(result, ident):
    return next(c for c in result.candidates if c.id == ident)


def test_xinjiang_collective_missing_types_regional_average_baselines_and_levels() -> None:
    data = {
        "region": {
            "totals": {"cases": 400, "fines": 20_000_000, "major_cases": 40, "key_units": 200},
            "case_type_average": {"court_enforcement": 72},
        },
        "candidates": [
            {
                "id": "A",
                "level": "county",
                "cases": [
                    case("c1", "nominated", "general_penalty", 90),
                    case("c2", "sampled", "daily_penalty", 80),
                    case("c3", "sampled", "crime_referral", 70, published=False),
                ],
                "values": {"cases": 12, "fines": 300_000, "major_cases": 1, "key_units": 10},
                "manual": {"industry_drill": 24, "online_exam": 8},
            },
            {
                "id": "B",
                "level": "county",
                "cases": [case("d1", "nominated", "general_penalty", 60)],
                "values": {"cases": 5, "fines": 900_000, "major_cases": 3, "key_units": 20},
                "manual": {"industry_drill": 20, "online_exam": 9},
            },
            {
                "id": "C",
                "level": "city",
                "cases": [],
                "values": {"cases": 100, "fines": 5_000_000, "major_cases": 10, "key_units": 50},
                "manual": {"industry_drill": 10, "online_exam": 5},
            },
        ],
    }
    result = compute_scheme(scheme("xinjiang-2017-collective"), data)
    a, b, c = (by_id(result, x) for x in "ABC")
    # A: slots general 90, daily 80, detention 0 (missing), crime 70 (unpublished: 004 has no zero rule,
    #    so the score stands and it becomes a finding), court 72 (regional average)
    #    mean 312/5 = 62.4 → × 40/100 = 24.96
    assert a.indicators["case_quality"] == Decimal("24.96")
    assert a.findings == ["案卷 c3 处罚情况未在门户网站公开"]
    # A share 10/200 = 0.05, threshold 1 × baseline (004: "应达到的全省平均水平"): cases 12 < 20 → 0;
    # fines 3e5 < 1e6 → 0; major 1 < 2 → 0
    assert a.indicators["case_counts"] == Decimal("0")
    assert a.total == Decimal("56.96")  # 24.96 + 0 + 24 + 8
    # B: 60, 0, 0, 0, 72 → 26.4 × 0.4 = 10.56; share 0.1: 5 < 40, 9e5 < 2e6, 3 < 4 → 0
    assert b.total == Decimal("39.56")  # 10.56 + 0 + 20 + 9
    # C (city): six slots all empty but court (72) → 12 × 0.4 = 4.8; share 0.25: 100 = 100, 5e6 = 5e6,
    # 10 = 10 → reaching the baseline exactly counts as reached (baseline_at_threshold = full)
    assert c.total == Decimal("39.8")  # 4.8 + 20 + 10 + 5
    assert (a.rank, b.rank, c.rank) == (1, 2, 1) and a.selected and b.selected and c.selected


def test_xinjiang_collective_needs_the_regional_average() -> None:
    data = {
        "region": {"totals": {"cases": 1, "fines": 1, "major_cases": 1, "key_units": 1}},
        "candidates": [
            {
                "id": "A",
                "level": "county",
                "cases": [],
                "values": {"cases": 1, "fines": 1, "major_cases": 1, "key_units": 1},
                "manual": {"industry_drill": 1, "online_exam": 1},
            }
        ],
    }
    with pytest.raises(ScoreInputError, match="court_enforcement"):
        compute_scheme(scheme("xinjiang-2017-collective"), data)


def test_haixi_collective_duplicate_submission_and_rank() -> None:
    cases = [
        case("n1", "nominated", "general_penalty", 80),
        case("n2", "nominated", "general_penalty", 90),
        case("n3", "nominated", "crime_referral", 70),
        # the same file as n1 filed again under 抽选: one of them scores 0 (the later one)
        case("s1", "sampled", "general_penalty", 80, sha="n1"),
        case("s2", "sampled", "general_penalty", 60),
        case("s3", "sampled", "four_measures", 100),
    ]
    data = {
        "region": {"totals": {"cases": 300, "fines": 3_000_000, "major_cases": 30, "key_units": 100}},
        "candidates": [
            {
                "id": "X",
                "cases": cases,
                "values": {"cases": 30, "fines": 100_000, "major_cases": 2, "key_units": 20, "votes": 500},
                "manual": {"four_measures_cases": 6},
            },
            {
                "id": "Y",
                "cases": [],
                "values": {"cases": 0, "fines": 0, "major_cases": 0, "key_units": 10, "votes": 900},
                "manual": {"four_measures_cases": 2},
            },
        ],
    }
    result = compute_scheme(scheme("haixi-2017-collective"), data)
    x, y = by_id(result, "X"), by_id(result, "Y")
    # nominated: (80 + 90 + 70)/3 = 80 → 20 × 0.8 = 16
    # sampled slots: general s1 (duplicate → 0), general s2 60, four_measures s3 100, four_measures missing 0
    #   → 160/4 = 40 → 20 × 0.4 = 8
    assert x.indicators["case_quality"] == Decimal("24")
    assert any("同一案卷重复报送" in s.text for s in x.steps)
    # share 0.2: cases 60 → 30 ≥ 30 full 10; fines 600k → 100k < 300k → 0; major 6 → 2 < 3 → 0
    assert x.indicators["case_counts"] == Decimal("10")
    # votes: Y first (20), X second → 20 × 1/2 = 10
    assert x.indicators["satisfaction"] == Decimal("10") and y.indicators["satisfaction"] == Decimal("20")
    assert x.total == Decimal("50")  # 24 + 10 + 10 + 6
    # Y: nominated 3 missing → 0; sampled 4 missing → 0; share 0.1, all values 0 < thresholds → 0
    assert y.total == Decimal("22")  # 0 + 0 + 20 + 2
    assert x.rank == 1 and y.rank == 2 and x.selected and y.selected


def test_haixi_individual_average_of_two_bonus_and_vetoes() -> None:
    data = {
        "candidates": [
            {
                "id": "P",
                "cases": [
                    case("a", "nominated", "general_penalty", 88),
                    case("b", "nominated", "general_penalty", 0, published=False),
                ],
                "values": {"cases": 12, "votes": 300},
                "manual": {"merit": 16},
                "flags": {"jingjinji": True},
                "documents": ["integrity_certificate"],
            },
            {
                "id": "Q",
                "cases": [case("c", "nominated", "general_penalty", 95)],
                "values": {"cases": 20, "votes": 100},
                "manual": {"merit": 18},
                "documents": ["integrity_certificate"],
            },
            {
                "id": "R",
                "cases": [case("d", "nominated", "general_penalty", 99)],
                "values": {"cases": 99, "votes": 999},
                "manual": {"merit": 20},
                "documents": [],
            },
            {
                "id": "S",
                "cases": [case("e", "nominated", "general_penalty", 99)],
                "values": {"cases": 99, "votes": 999},
                "manual": {"merit": 20},
                "documents": ["integrity_certificate"],
                "flags": {"integrity_problem": True},
            },
        ]
    }
    result = compute_scheme(scheme("haixi-2017-individual"), data)
    p, q, r, s = (by_id(result, x) for x in "PQRS")
    assert r.vetoed and "integrity_certificate" in r.vetoed and r.total is None and r.rank is None
    assert s.vetoed == "廉洁执法存在问题"
    # P: (88 + 0)/2 = 44 → 40 × 0.44 = 17.6; cases rank 2 of 2 → 10; votes rank 1 → 20; merit 16; bonus 5
    assert p.total == Decimal("68.6") and p.bonus == Decimal("5")
    # Q: one case and one missing → (95 + 0)/2 = 47.5 → 19; cases rank 1 → 20; votes rank 2 → 10; merit 18
    assert q.total == Decimal("67")
    assert (p.rank, q.rank) == (1, 2)


def test_wuwei_collective_awards_deductions_and_the_20_point_case_quality() -> None:
    county_nominated = [
        case("n1", "nominated", "general_penalty", 90),
        case("n2", "nominated", "general_penalty", 80),
        case("n3", "nominated", "four_measures", 70),
    ]
    county_sampled = [
        case("s1", "sampled", "general_penalty", 60),
        case("s2", "sampled", "general_penalty", 60),
        case("s3", "sampled", "four_measures", 90),
    ]
    data = {
        "region": {"totals": {"cases": 200, "fines": 2_000_000, "major_cases": 20}},
        "candidates": [
            {
                "id": "L",
                "level": "county",
                "cases": county_nominated + county_sampled,
                "values": {
                    "platform_checks": 150,
                    "random_checks": 200,
                    "cases": 30,
                    "fines": 50_000,
                    "major_cases": 2,
                    "key_units_share": 0.1,
                    "votes": 10,
                },
                "manual": {"team_rewards": 3, "team_safety": 2, "team_accountability": 4},
                "events": {
                    "supervision": [
                        {"group": "第一轮", "points": 3},
                        {"group": "第一轮", "points": 5},
                        {"group": "第二轮", "points": 4},
                    ],
                    "daily_praise": [{"points": 2}, {"points": 2}, {"points": 1.5}],
                },
                "deductions": {
                    "supervision": [
                        {"label": "违反纪律", "points": 4},
                        {"label": "不服从调度", "points": 3, "count": 2},
                    ],
                    "daily_cases": [
                        {"label": "迟报", "points": 1, "count": 3},
                        {"label": "填报错误", "points": 1, "count": 4},
                    ],
                },
            }
        ],
    }
    result = compute_scheme(scheme("wuwei-2019-collective"), data)
    (l_,) = result.candidates
    # supervision: best per group 5 + 4 = 9; deductions 4 + 6 = 10 (cap 10) > 9 earned → 0
    assert l_.indicators["supervision"] == Decimal("0")
    assert any("扣分大于得分" in s.text for s in l_.steps)
    # team: 3 + 2 + 4 + 10 × 150/200 = 16.5
    assert l_.indicators["team"] == Decimal("16.5")
    # case quality: nominated (90+80+70)/3 = 80 → 8; sampled (60+60+90)/3 = 70 → 7
    assert l_.indicators["case_quality"] == Decimal("15")
    # daily: cases 30 ≥ 10 → 5 − min(7, 5) = 0; fines 50k < 100k → 0; major 2 ≥ 1 → 5;
    #        praise 2 + 2 + 1.5 = 5.5 → cap 5
    assert l_.indicators["daily"] == Decimal("10")
    # satisfaction: the only candidate → rank 1 of 1 → 10
    assert l_.total == Decimal("51.5")  # 0 + 16.5 + 15 + 10 + 10


def test_wuwei_organisation_per_count_cap_and_proportional() -> None:
    data = {
        "candidates": [
            {
                "id": "O",
                "values": {"platform_checks": 0, "random_checks": 120},
                "manual": {
                    "mobilisation": 5,
                    "implementation": 20,
                    "team_rewards": 3,
                    "team_safety": 3,
                    "team_accountability": 4,
                    "incentives": 8,
                    "self_evaluation": 9,
                    "results_selected": 12,
                },
                "counts": {"results_all_hands": {"never_participated": 15, "participated_not_selected": 20}},
            }
        ]
    }
    (o,) = compute_scheme(scheme("wuwei-2019-organisation"), data).candidates
    # all hands: 15 × 0.5 + 20 × 0.2 = 11.5 → cap 10; mobile: 0/120 → 0
    assert o.indicators["results_all_hands"] == Decimal("10") and o.indicators["team_mobile"] == Decimal("0")
    assert o.total == Decimal("74")  # 5 + 20 + 10 + 8 + 9 + 22


def test_wuwei_individual() -> None:
    data = {
        "candidates": [
            {
                "id": "M",
                "cases": [
                    case("a", "nominated", "general_penalty", 80),
                    case("b", "nominated", "general_penalty", 90),
                ],
                "values": {"checks": 120, "cases": 8, "votes": 50},
                "events": {"supervision": [{"group": "g1", "points": 2}]},
                "deductions": {"satisfaction": [{"label": "群众投诉", "points": 3}]},
                "documents": ["integrity_certificate"],
            },
            {
                "id": "N",
                "cases": [
                    case("c", "nominated", "general_penalty", 70),
                    case("d", "nominated", "general_penalty", 70),
                ],
                "values": {"checks": 200, "cases": 4, "votes": 80},
                "documents": ["integrity_certificate"],
            },
        ]
    }
    result = compute_scheme(scheme("wuwei-2019-individual"), data)
    m, n = by_id(result, "M"), by_id(result, "N")
    # M: 2; (80 + 90)/2 = 85 → 25.5; checks rank 2 → 5, cases rank 1 → 10; votes rank 2 → 10 − 3 = 7
    assert m.total == Decimal("49.5")
    # N: 0; 70 → 21; checks 10, cases 5; votes 20
    assert n.total == Decimal("56")
    assert n.rank == 1 and m.rank == 2


def test_longwan_pass_rule_county_free_and_equipment() -> None:
    s = scheme("longwan-2022-standardisation")
    full = {i.id: float(i.points) for i in s.indicators if i.rule == "manual"}
    county = {
        **full,
        "responsibilities": 2,
        "mechanism": 2,
        "penalty": 5,
        "evaluation": 1,
    }  # the * parts not given
    weak_equipment = {**full, "eq_optional": 5, "eq_dispatch": 2}  # equipment 100 − 10 − 8 = 82
    data = {
        "candidates": [
            {"id": "county", "level": "county", "manual": county},
            {"id": "city", "level": "city", "manual": county},
            {"id": "weak", "level": "city", "manual": weak_equipment},
        ]
    }
    result = compute_scheme(s, data)
    county_r, city_r, weak = (by_id(result, x) for x in ("county", "city", "weak"))
    # county: the * points (2, 1, 1, 2) are added back → every category full → 100, passes
    assert county_r.total == Decimal("100") and county_r.passed is True
    # city: responsibilities 2/4, mechanism 2/3, penalty 5/6, evaluation 1/3 → 100 − 6 = 94 > 90, but
    # 业务管理制度化 = 20 − 1 − 2 = 17 > 16 (80 %) and 机构设置规范化 = 12 − 3 = 9 ≤ 9.6 → fails
    assert city_r.total == Decimal("94") and city_r.passed is False
    assert any("机构设置规范化 未高于 9.60" in st.text for st in city_r.steps)
    # weak: equipment 82 < 85 fails although the total is above 90
    assert (
        weak.indicators["equipment"] == Decimal("82")
        and weak.total == Decimal("96.4")  # 加强装备配备 = 20 × 82/100 = 16.4
        and weak.passed is False
    )


def test_meizhou_and_xinjiang_individuals() -> None:
    data = {
        "candidates": [
            {
                "id": "A",
                "level": "county",
                "cases": [
                    case("a", "nominated", "general_penalty", 84),
                    case("b", "nominated", "general_penalty", 90),
                ],
            },
            {"id": "B", "level": "county", "cases": [case("c", "nominated", "general_penalty", 91)]},
        ]
    }
    result = compute_scheme(scheme("meizhou-2017-individual"), data)
    # meizhou: a plain average of what was submitted: A 87, B 91 → B recommended
    assert (
        by_id(result, "A").total == Decimal("87")
        and by_id(result, "B").selected
        and not by_id(result, "A").selected
    )
    for d in data["candidates"]:
        d["documents"] = ["integrity_certificate"]
    xj = compute_scheme(scheme("xinjiang-2017-individual-cases"), data)
    # two files are required: B's missing one counts 0 → 45.5
    assert by_id(xj, "B").total == Decimal("45.5") and by_id(xj, "A").rank == 1
    industry = compute_scheme(
        scheme("xinjiang-2017-individual-industry"),
        {
            "candidates": [
                {
                    "id": "A",
                    "reports": [{"id": "r1", "industry": "steel", "score": 77}],
                    "documents": ["integrity_certificate"],
                }
            ]
        },
    )
    assert industry.candidates[0].total == Decimal("77")


def test_scheme_validation_messages(tmp_path) -> None:
    from app.rubric.loader import RubricError
    from app.rubric.scheme import load_scheme

    text = (catalog.builtin_dir() / "wuwei-2019-collective.toml").read_text(encoding="utf-8")
    broken = text.replace(
        'id = "team_safety"\nparent = "team"', 'id = "team_safety"\nparent = "teams"'
    ).replace("deduction_cap = 10", "deduction_cap = -1")
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(RubricError) as error:
        load_scheme(path)
    messages = [str(p) for p in error.value.problems]
    assert any("[team_safety] unknown parent 'teams'" in m for m in messages)
    assert any("[team] children add up to 17, not the indicator's 20" in m for m in messages)
    assert any("[supervision] deduction cap -1 is below zero" in m for m in messages)
    assert all(m.startswith(str(path)) for m in messages)
