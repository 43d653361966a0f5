"""Agreement per rubric item, checked against a small example worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.aggregate.item_agreement import item_agreement
from app.rubric import catalog


def test_item_alpha_and_leniency_match_the_hand_computation() -> None:
    """Inspection record, experts x and y on three cases: (10, 8), (6, 6), (4, 2).

    By hand: n = 6 pairable values. D_o = Σ_u Σ_{ordered pairs} δ² / (m_u − 1) / n = (8 + 0 + 8) / 6 = 8/3.
    All six values have mean 6 and squared deviations 16+4+0+0+4+16 = 40, so the ordered pairs sum to
    2 × 6 × 40 = 480 and D_e = 480 / (6 × 5) = 16. α = 1 − (8/3) / 16 = 5/6.
    Leniency of x: (10 − 9) + (6 − 6) + (4 − 3) over 3 cases = +2/3; y: −2/3.
    The inquiry record is 35 everywhere y scored it and not applicable (None) for y on case 1:
    no variation, so no α; two comparable cases; nobody lenient.
    """
    rubric = catalog.get_case_rubric("transcripts-2024", None)
    scored = {
        "c1": {"x": {"inspection_record": 10, "inquiry_record": 35}, "y": {"inspection_record": 8, "inquiry_record": None}},
        "c2": {"x": {"inspection_record": 6, "inquiry_record": 35}, "y": {"inspection_record": 6, "inquiry_record": 35}},
        "c3": {"x": {"inspection_record": 4, "inquiry_record": 35}, "y": {"inspection_record": 2, "inquiry_record": 35}},
    }  # fmt: skip
    inspection, inquiry = item_agreement(rubric, scored)
    assert inspection.item_id == "inspection_record" and inspection.cases == 3
    assert inspection.alpha == pytest.approx(5 / 6)
    assert inspection.leniency["x"] == pytest.approx(Decimal(2) / 3)
    assert inspection.leniency["y"] == pytest.approx(Decimal(-2) / 3)
    assert inquiry.alpha is None and inquiry.cases == 2
    assert set(inquiry.leniency.values()) == {Decimal(0)}
