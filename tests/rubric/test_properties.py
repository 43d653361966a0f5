"""Properties of the case score that must hold for any inputs (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rubric import catalog
from app.rubric.engine import compute_case
from tests.helpers.rubric_inputs import case_inputs

RUBRICS = [
    catalog.get("transcripts-2024", None),
    *catalog.family_sheets(catalog.load_all(None)[0], "case-review-2024"),
]
"""the transcripts sheet and all six 2024 case-review sheets"""


@settings(max_examples=150, deadline=None)
@given(data=st.data(), which=st.sampled_from(RUBRICS))
def test_total_stays_within_bounds(data, which) -> None:
    result = compute_case(which, data.draw(case_inputs(which)))
    assert which.scoring.floor <= result.score <= which.scoring.total + which.bonus_total


@settings(max_examples=150, deadline=None)
@given(data=st.data(), which=st.sampled_from(RUBRICS))
def test_raising_an_item_never_lowers_the_total(data, which) -> None:
    inputs = data.draw(case_inputs(which))
    scored = [
        i for i in which.items if i.id in inputs["scores"] and Decimal(inputs["scores"][i.id]) < i.points
    ]
    if not scored:
        return
    item = data.draw(st.sampled_from(scored))
    before = compute_case(which, inputs).score
    raised = {
        **inputs,
        "scores": {**inputs["scores"], item.id: str(Decimal(inputs["scores"][item.id]) + item.step)},
    }
    assert compute_case(which, raised).score >= before


@settings(max_examples=150, deadline=None)
@given(data=st.data(), which=st.sampled_from(RUBRICS))
def test_full_marks_whatever_is_not_applicable(data, which) -> None:
    optional = [i.id for i in which.items if i.not_applicable]
    not_applicable = data.draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []
    closed = data.draw(st.booleans())  # a yes/no case fact (结案) that makes items not applicable
    scores = {
        i.id: str(i.points)
        for i in which.items
        if i.id not in not_applicable and (closed or i.applies_if is None)
    }
    inputs = {
        "scores": scores,
        "not_applicable": not_applicable,
        "facts": {f.id: closed for f in which.facts},
    }
    assert compute_case(which, inputs).score == which.scoring.total + which.bonus_total


@settings(max_examples=100, deadline=None)
@given(data=st.data(), which=st.sampled_from(RUBRICS))
def test_a_gate_always_gives_zero(data, which) -> None:
    if not which.gates:
        return
    inputs = data.draw(case_inputs(which))
    gate = data.draw(st.sampled_from(which.gates))
    assert compute_case(which, {**inputs, "gates": {gate.id: "理由"}}).score == 0


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_scheme_totals_stay_in_bounds_and_grow_with_inputs(data) -> None:
    from app.rubric.scheme import Scheme
    from app.rubric.scheme_engine import compute_scheme

    scheme = catalog.get("longwan-2022-standardisation", None)
    assert isinstance(scheme, Scheme)
    manual = {
        i.id: data.draw(st.integers(0, int(i.points * 2))) / 2
        for i in scheme.indicators
        if i.rule == "manual"
    }
    level = data.draw(st.sampled_from(["city", "county"]))
    result = compute_scheme(scheme, {"candidates": [{"id": "x", "level": level, "manual": manual}]})
    total = result.candidates[0].total
    assert total is not None and 0 <= total <= scheme.total
    item = data.draw(st.sampled_from(sorted(manual)))
    bigger = {**manual, item: min(float(scheme.indicator(item).points), manual[item] + 0.5)}
    again = compute_scheme(scheme, {"candidates": [{"id": "x", "level": level, "manual": bigger}]})
    assert again.candidates[0].total >= total
