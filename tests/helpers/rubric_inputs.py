"""Any expert's inputs to a case rubric, for the hypothesis properties of every sheet."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def case_inputs(draw, rubric):
    scores, not_applicable, missing = {}, [], []
    facts = {f.id: draw(st.booleans()) for f in rubric.facts}
    for item in rubric.items:
        if item.applies_if is not None and not facts[item.applies_if]:
            continue  # the case fact makes the item not applicable: it takes no score
        choice = draw(
            st.sampled_from(["score", "na", "missing"] if item.not_applicable else ["score", "missing"])
        )
        if choice == "na":
            not_applicable.append(item.id)
        elif choice == "missing":
            missing.append(item.id)
        else:
            steps = int(item.points / item.step)
            scores[item.id] = str(item.step * draw(st.integers(0, steps)))
    deductions = {
        g.id: draw(st.lists(st.sampled_from([e.id for e in g.elements]), max_size=len(g.elements)))
        for g in rubric.deductions
    }
    return {
        "scores": scores,
        "not_applicable": not_applicable,
        "missing": missing,
        "deductions": deductions,
        "facts": facts,
    }
