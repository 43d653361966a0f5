"""Agreement per rubric item: where on the sheet the experts disagree, and who is lenient on what.

A case's total can agree while its items do not (one expert docks the inspection record, another the
inquiry record). Per rubric item: Krippendorff's alpha (interval metric) over the cases with two or
more experts' item scores, and each expert's leniency on that item (the mean of their item score minus
the case's plain mean for the item, in the item's points). Item scores come from the signed
manifests of the counted packages (``result.items``); an item not applicable to a case is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.aggregate.statistics import krippendorff_alpha_interval, leniency
from app.rubric.model import Rubric
from app.rubric.rounding import as_json_number, to_decimal


@dataclass
class ItemAgreement:
    rubric_id: str
    item_id: str
    label: str
    points: Decimal
    alpha: float | None
    cases: int
    """cases with two or more experts' scores for this item"""
    leniency: dict[str, Decimal] = field(default_factory=dict)
    """expert fingerprint → mean deviation in the item's points (positive: more lenient)"""

    def as_json(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric_id,
            "item": self.item_id,
            "label": self.label,
            "points": as_json_number(self.points),
            "krippendorff_alpha_interval": None if self.alpha is None else round(self.alpha, 4),
            "cases": self.cases,
            "leniency": {fp: as_json_number(v) for fp, v in self.leniency.items()},
        }


def item_agreement(rubric: Rubric, scored: dict[str, dict[str, dict[str, Any]]]) -> list[ItemAgreement]:
    """``scored``: case key → expert fingerprint → that expert's ``result.items`` for the case."""
    found = []
    for item in rubric.items:
        per_case: dict[str, dict[str, Decimal]] = {}
        for case_key, experts in scored.items():
            values = {
                fp: to_decimal(items[item.id])
                for fp, items in experts.items()
                if items.get(item.id) is not None
            }
            if values:
                per_case[case_key] = values
        units = {k: {fp: float(v) for fp, v in values.items()} for k, values in per_case.items()}
        pairable = sum(1 for values in per_case.values() if len(values) >= 2)
        found.append(
            ItemAgreement(
                rubric.id,
                item.id,
                item.label,
                item.points,
                krippendorff_alpha_interval(units),
                pairable,
                leniency(list(per_case.values())),
            )
        )
    return found
