"""Worked examples for the built-in 2024 rubrics, each number computed by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.rubric import catalog
from app.rubric.engine import ScoreInputError, compute_case

NOT_APPLICABLE = [
    "rectification_order",
    "hearing_invitation",
    "hearing_record",
    "payment_reminder",
    "enforcement_application",
]


@pytest.fixture(scope="module")
def general():
    return catalog.get("case-review-2024-general", None)


@pytest.fixture(scope="module")
def transcripts():
    return catalog.get("transcripts-2024", None)


def test_general_worked_example(general) -> None:
    inputs = {
        "scores": {
            "filing_approval": 2,
            # 1.5 + 1 + 2 + 3 = 7.5 of 10 − 1 (sampling not applicable) = 9
            "inspection_record": {
                "criteria": {"production": 1.5, "permits": 1, "pollution": 2, "violation": 3},
                "not_applicable": ["sampling_other"],
            },
            "inquiry_record": 8,
            "monitoring": 4,
            "other_evidence": 6,
            "investigation_report": 7,
            "hearing_notice": 9,
            "decision": 13,
            "closing_approval": 3,
        },
        "not_applicable": NOT_APPLICABLE,
        "deductions": {
            # once per element: credentials 1.5 + blank_marked 1 = 2.5, although two records miss credentials
            "transcript_elements": {
                "现场检查笔录": ["credentials"],
                "询问笔录1": ["credentials", "blank_marked"],
            },
            "document_elements": ["service_receipt"],  # 2
        },
    }
    result = compute_case(general, inputs)
    # earned 2+7.5+8+4+6+7+9+13+3 = 59.5; standard 2+9+10+5+8+8+10+15+3 = 70
    # 50 + 50 × 59.5/70 − (2 + 2.5) = 50 + 42.5 − 4.5 = 88
    assert result.score == Decimal("88")
    assert result.item_scores["inspection_record"] == Decimal("7.5")
    rules = [s.rule for s in result.steps]
    assert rules.count("not_applicable") == 5 and rules[-1] == "total"
    assert "50 × 59.50 / 70" in result.steps[-2].text


def test_missing_document_scores_zero_unless_not_applicable(general) -> None:
    full = {i.id: float(i.points) for i in general.items}
    inputs = {
        "scores": {k: v for k, v in full.items() if k not in NOT_APPLICABLE and k != "decision"},
        "not_applicable": NOT_APPLICABLE,
        "missing": ["decision"],
    }
    # standard 100 − (10+4+8+2+5) = 71; earned 71 − 15 = 56; 50 + 50 × 56/71 = 89.436… → 89.44
    result = compute_case(general, inputs)
    assert str(result.score.quantize(Decimal("0.01"))) == "89.44"
    assert any(s.rule == "missing_zero" for s in result.steps)
    # a hearing was requested and its record is missing: it applies, scores 0 and is deducted
    # standard 71 + 8 = 79; 50 + 50 × 56/79 = 85.443… → 85.44
    inputs["missing"] = ["decision", "hearing_record"]
    inputs["not_applicable"] = [n for n in NOT_APPLICABLE if n != "hearing_record"]
    assert str(compute_case(general, inputs).score.quantize(Decimal("0.01"))) == "85.44"


def test_deductions_are_capped_per_group(general) -> None:
    scores = {i.id: float(i.points) for i in general.items}
    every = [e.id for e in general.deductions[1].elements]
    result = compute_case(general, {"scores": scores, "deductions": {"transcript_elements": every}})
    assert result.score == Decimal("90")  # 100 − cap 10, though the elements add up to 10 as well
    per_doc = general.deductions[1].__class__(**{**general.deductions[1].__dict__, "apply": "per_document"})
    from dataclasses import replace

    rubric = replace(general, deductions=(general.deductions[0], per_doc))
    raw = {"a": ["credentials", "rights_notice"], "b": ["credentials", "rights_notice"], "c": ["credentials"]}
    # per document: 3 + 3 + 1.5 = 7.5 (below the cap of 10)
    assert compute_case(
        rubric, {"scores": scores, "deductions": {"transcript_elements": raw}}
    ).score == Decimal("92.5")


def test_a_gate_gives_zero_and_needs_a_reason(general) -> None:
    scores = {i.id: float(i.points) for i in general.items}
    result = compute_case(general, {"scores": scores, "gates": {"g02_officers": "询问笔录只有一名执法人员"}})
    assert result.score == 0 and "执法主体" in result.steps[-1].text
    with pytest.raises(ScoreInputError, match="reason"):
        compute_case(general, {"scores": scores, "gates": {"g02_officers": "  "}})


def test_bad_inputs_name_the_item(general) -> None:
    scores = {i.id: float(i.points) for i in general.items}
    with pytest.raises(ScoreInputError, match="decision: 16"):
        compute_case(general, {"scores": {**scores, "decision": 16}})
    with pytest.raises(ScoreInputError, match="step"):
        compute_case(general, {"scores": {**scores, "decision": 14.3}})
    with pytest.raises(ScoreInputError, match="filing_approval: this item cannot be marked not applicable"):
        compute_case(general, {"scores": scores, "not_applicable": ["filing_approval"]})
    with pytest.raises(ScoreInputError, match="not scored"):
        compute_case(general, {"scores": {"decision": 15}})
    partial = compute_case(general, {"scores": {"decision": 15}}, partial=True)
    assert not partial.complete and partial.score == Decimal("100")


def test_transcripts_worked_example(transcripts) -> None:
    inputs = {
        "scores": {
            # 5.25 + 5.25 + 7 + 10.5 + 3.5 = 31.5 of 35
            "inspection_record": {
                "criteria": {
                    "production": 5.25,
                    "permits": 5.25,
                    "pollution": 7,
                    "violation": 10.5,
                    "sampling_other": 3.5,
                }
            },
            "inquiry_record": 28,
        },
        "deductions": {"transcript_elements": ["officers", "credentials"]},  # 3 + 4.5
    }
    # 30 + 70 × (31.5 + 28) / 70 − 7.5 = 30 + 59.5 − 7.5 = 82
    assert compute_case(transcripts, inputs).score == Decimal("82")


def test_cli_compute_explains_every_number(cli, tmp_path) -> None:
    import json

    path = tmp_path / "input.json"
    path.write_text(json.dumps({"scores": {"inspection_record": 35, "inquiry_record": 28}}), encoding="utf-8")
    result = cli("rubric", "compute", "transcripts-2024", path, "--json")
    assert result.code == 0, result.err
    body = result.json()
    # 30 + 70 × 63/70 = 93
    assert body["score"] == 93 and body["complete"] is True
    assert body["rubric_hash"].startswith("sha256:")
    assert [s["rule"] for s in body["explanation"]] == ["item", "item", "ratio", "total"]
    human = cli("rubric", "compute", "transcripts-2024", path)
    assert "规范性得分 = 70 × 63.00 / 70" in human.out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"scores": {"inspection_record": 99}}), encoding="utf-8")
    refused = cli("rubric", "compute", "transcripts-2024", bad)
    assert refused.code == 2 and "inspection_record: 99" in refused.err
