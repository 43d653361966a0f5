"""The panel's arithmetic against worked examples."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.aggregate.statistics import combine, krippendorff_alpha_interval, leniency, spread


def test_mean_below_five_experts_trimmed_from_five() -> None:
    assert combine([D(80), D(90), D(85)]) == (D(85), "mean")
    # 5 experts: drop 60 and 95 → (80 + 82 + 84) / 3 = 82
    assert combine([D(95), D(80), D(60), D(82), D(84)]) == (D(82), "trimmed")


def test_methods_can_be_chosen() -> None:
    values = [D(70), D(90), D(80), D(100)]
    assert combine(values, "mean") == (D(85), "mean")
    assert combine(values, "trimmed") == (D(85), "trimmed")  # (80 + 90) / 2
    assert combine(values, "median") == (D(85), "median")
    assert combine([D(1), D(9), D(2)], "median") == (D(2), "median")
    assert combine([D(70), D(90)], "trimmed") == (D(80), "mean")  # nothing left to trim
    with pytest.raises(ValueError):
        combine([], "mean")


def test_spread() -> None:
    assert spread([D(70), D("88.5"), D(80)]) == D("18.5")


def test_krippendorff_alpha_interval_matches_the_published_example() -> None:
    """Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders, 12 units, α_interval = 0.849."""
    coders = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    units = {u: {c: v[u] for c, v in coders.items() if v[u] is not None} for u in range(12)}
    assert krippendorff_alpha_interval(units) == pytest.approx(0.849, abs=5e-4)


def test_krippendorff_alpha_edge_cases() -> None:
    assert krippendorff_alpha_interval({"a": {"x": 1.0}}) is None  # nothing pairable
    assert krippendorff_alpha_interval({"a": {"x": 5.0, "y": 5.0}, "b": {"x": 5.0, "y": 5.0}}) is None
    assert krippendorff_alpha_interval({"a": {"x": 1.0, "y": 1.0}, "b": {"x": 9.0, "y": 9.0}}) == 1.0


def test_leniency_is_mean_deviation_from_each_case_mean() -> None:
    cases = [{"x": D(90), "y": D(80)}, {"x": D(70), "y": D(74), "z": D(72)}, {"x": D(50)}]
    # x: +5, −2 → +1.5; y: −5, +2 → −1.5; z: 0; the single-expert case is left out
    assert leniency(cases) == {"x": D("1.5"), "y": D("-1.5"), "z": D(0)}
