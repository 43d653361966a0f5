"""The panel's arithmetic, pure and small enough to check by hand: means, spread, agreement, leniency."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from itertools import combinations

METHODS = ("auto", "mean", "trimmed", "median")
METHOD_LABELS = {
    "mean": "算术平均",
    "trimmed": "去掉一个最高分和一个最低分后平均",
    "median": "中位数",
}
TRIM_FROM = 5
"""auto: the trimmed mean from this many experts on (with fewer, dropping two leaves too few)"""


def combine(values: Sequence[Decimal], method: str = "auto") -> tuple[Decimal, str]:
    """The panel's score of one case and the method actually used."""
    if not values:
        raise ValueError("no scores")
    if method not in METHODS:
        raise ValueError(f"unknown method {method}")
    used = method
    if method == "auto":
        used = "trimmed" if len(values) >= TRIM_FROM else "mean"
    ordered = sorted(values)
    if used == "trimmed":
        if len(ordered) < 3:
            used = "mean"
        else:
            ordered = ordered[1:-1]
    if used == "median":
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle], used
        return (ordered[middle - 1] + ordered[middle]) / 2, used
    return sum(ordered, Decimal(0)) / len(ordered), used


def spread(values: Sequence[Decimal]) -> Decimal:
    return max(values) - min(values) if values else Decimal(0)


def krippendorff_alpha_interval(units: Mapping[str, Mapping[str, float]]) -> float | None:
    """Krippendorff's alpha with the interval metric; ``units`` maps unit → coder → value.

    Missing values are allowed; units with fewer than two values are not pairable and left out.
    None when there is nothing to compare or no variation at all.
    """
    pairable = [list(values.values()) for values in units.values() if len(values) >= 2]
    n = sum(len(v) for v in pairable)
    if n < 2:
        return None
    observed = 0.0
    for values in pairable:
        m = len(values)
        observed += sum(2 * (a - b) ** 2 for a, b in combinations(values, 2)) / (m - 1)
    observed /= n
    everything = [v for values in pairable for v in values]
    # Σ over pairs of (a − b)² is n · Σ(x − mean)²: linear, where the pairs of 9,000 values are 40 million
    mean = sum(everything) / n
    expected = 2 * n * sum((v - mean) ** 2 for v in everything) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected


def leniency(cases: Sequence[Mapping[str, Decimal]]) -> dict[str, Decimal]:
    """Per expert: the mean of (their score − the case's plain mean) over cases scored by two or more.

    Positive: more lenient than the panel; negative: stricter.
    """
    deviations: dict[str, list[Decimal]] = {}
    for scores in cases:
        if len(scores) < 2:
            continue
        mean = sum(scores.values(), Decimal(0)) / len(scores)
        for expert, score in scores.items():
            deviations.setdefault(expert, []).append(score - mean)
    return {e: sum(d, Decimal(0)) / len(d) for e, d in deviations.items()}
