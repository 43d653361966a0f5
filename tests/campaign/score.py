"""Precision and recall of a crosscheck run against a campaign's truth."""

from __future__ import annotations

from dataclasses import dataclass

from tests.campaign.generate import Key, Truth


@dataclass(frozen=True)
class Figure:
    found: int
    true: int
    hits: int

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.true if self.true else 1.0

    def __str__(self) -> str:
        return f"P {self.precision:.3f} ({self.hits}/{self.found})  R {self.recall:.3f} ({self.hits}/{self.true})"


def _key(ref: dict) -> Key:
    return (ref["sha256"], ref["first_page"])


def score(findings: list[dict], truth: Truth) -> dict[str, Figure]:
    by_code: dict[str, list[dict]] = {}
    for finding in findings:
        by_code.setdefault(finding["code"], []).append(finding)
    pairs = {
        code: {frozenset({_key(f["a"]), _key(f["b"])}) for f in by_code.get(code, [])}
        for code in ("copied_record", "double_booked")
    }
    singles = {
        code: {_key(f["a"]) for f in by_code.get(code, [])}
        for code in ("times_out_of_order", "after_decision", "before_filing")
    }
    leftovers = {(_key(f["a"]), f["name"]) for f in by_code.get("leftover_name", [])}
    chains = truth.copy_groups()
    copies_found = pairs["copied_record"]
    figures = {
        # recall on what was planted; precision against every pair in a chain of copies
        "copied_record": (copies_found, truth.copies),
        "double_booked": (pairs["double_booked"], truth.double_booked),
        "leftover_name": (leftovers, truth.leftovers),
        "times_out_of_order": (singles["times_out_of_order"], truth.out_of_order),
        "after_decision": (singles["after_decision"], truth.after_decision),
        "before_filing": (singles["before_filing"], truth.before_filing),
    }
    result = {
        code: Figure(len(found), len(true), len(found & true)) for code, (found, true) in figures.items()
    }
    result["copied_record"] = Figure(len(copies_found), len(truth.copies), len(copies_found & truth.copies))
    result["copied_record_precision"] = Figure(len(copies_found), len(chains), len(copies_found & chains))
    return result
