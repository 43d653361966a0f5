"""Properties only the 2024 sheets have (legality part, gates, 文书缺失, 加分); the shared ones are in test_properties.py."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rubric import catalog
from app.rubric.engine import compute_case
from tests.helpers.rubric_inputs import case_inputs

RUBRICS, _errors = catalog.load_all(None)
SHEETS = catalog.family_sheets(RUBRICS, "case-review-2024")


def test_the_family_is_all_six_sheets() -> None:
    assert len(SHEETS) == 6 and _errors == []


@settings(max_examples=200, deadline=None)
@given(data=st.data(), which=st.sampled_from(SHEETS))
def test_total_stays_within_bounds_and_the_legality_part_stands(data, which) -> None:
    """Between 合法性评查得分(50) (规范性 part clamped at 0) and 100 + 加分."""
    result = compute_case(which, data.draw(case_inputs(which)))
    assert which.scoring.base <= result.score <= which.scoring.total + which.bonus_total


@settings(max_examples=100, deadline=None)
@given(data=st.data(), which=st.sampled_from(SHEETS))
def test_a_gate_always_gives_zero(data, which) -> None:
    inputs = data.draw(case_inputs(which))
    gate = data.draw(st.sampled_from(which.gates))
    assert compute_case(which, {**inputs, "gates": {gate.id: "理由"}}).score == 0


@settings(max_examples=100, deadline=None)
@given(data=st.data(), which=st.sampled_from(SHEETS))
def test_marking_a_document_missing_never_beats_not_applicable(data, which) -> None:
    """Missing counts against the case (0 in the denominator); 无需评审 leaves the denominator."""
    inputs = data.draw(case_inputs(which))
    if not inputs["not_applicable"]:
        return
    item = data.draw(st.sampled_from(inputs["not_applicable"]))
    missing = {
        **inputs,
        "not_applicable": [i for i in inputs["not_applicable"] if i != item],
        "missing": [*inputs["missing"], item],
    }
    if which.item(item).missing == "not_applicable":
        assert compute_case(which, missing).score == compute_case(which, inputs).score
    else:
        assert compute_case(which, missing).score <= compute_case(which, inputs).score


@settings(max_examples=100, deadline=None)
@given(data=st.data(), which=st.sampled_from([s for s in SHEETS if s.bonus_total]))
def test_the_bonus_adds_exactly_its_points(data, which) -> None:
    inputs = data.draw(case_inputs(which))
    bonus = next(i for i in which.items if i.bonus)
    kept = [m for m in inputs["missing"] if m != bonus.id]
    without = {**inputs, "scores": {**inputs["scores"], bonus.id: "0"}, "missing": kept}
    with_bonus = {**without, "scores": {**without["scores"], bonus.id: str(bonus.points)}}
    assert compute_case(which, with_bonus).score - compute_case(which, without).score == bonus.points
