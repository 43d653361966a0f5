"""Checks a parsed rubric for what a station would catch by hand.

Totals that do not add up, bad references, impossible caps and steps, duplicate ids.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from app.rubric.item_types import KINDS, item_type
from app.rubric.loader import RubricProblem
from app.rubric.model import Rubric
from app.vocabulary import RUBRIC_DOCUMENT_KINDS

METHODS = ("ratio", "sum")
MISSING = ("zero", "not_applicable")
APPLY = ("once", "per_document")
BONUS = ("case_score", "items_sum")


def validate(rubric: Rubric) -> list[RubricProblem]:
    problems: list[RubricProblem] = []

    def say(line: int, item: str, message: str) -> None:
        problems.append(RubricProblem(rubric.path, line, item, message))

    scoring = rubric.scoring
    if scoring.method not in METHODS:
        say(0, "scoring", f"method must be one of {', '.join(METHODS)}, not '{scoring.method}'")
    if scoring.total <= 0:
        say(0, "scoring", "total must be above zero")
    if scoring.method == "ratio" and scoring.base + scoring.weight != scoring.total:
        say(
            0,
            "scoring",
            f"base {scoring.base} + weight {scoring.weight} does not make the total {scoring.total}",
        )
    if not rubric.items:
        say(0, "", "a rubric needs at least one item")
    if scoring.bonus not in BONUS:
        say(0, "scoring", f"bonus must be one of {', '.join(BONUS)}, not '{scoring.bonus}'")
    if rubric.case_types and not rubric.family:
        say(0, "", "a rubric that lists case_types needs a family to be chosen within")
    if rubric.family_default and not rubric.family:
        say(0, "", "family_default needs a family")
    facts = {f.id for f in rubric.facts}
    readings = Counter(r.id for r in rubric.readings)
    for ident, count in readings.items():
        if count > 1:
            say(0, ident, f"reading '{ident}' is given {count} times")
    # a reading that names a switch of the format must say what the switch is set to
    mirrors = {
        "normative_floor": str(scoring.normative_floor) if scoring.normative_floor is not None else "none",
        "bonus": scoring.bonus,
        "deduction_apply": ",".join(sorted({g.apply for g in rubric.deductions})),
        "items_total": str(scoring.items_total) if scoring.items_total is not None else "",
    }
    for reading in rubric.readings:
        if reading.id in mirrors and reading.value != mirrors[reading.id]:
            say(
                reading.line,
                reading.id,
                f"reading says {reading.value} but the rubric is set to {mirrors[reading.id]}",
            )
    item_sum = sum((i.points for i in rubric.standard_items), Decimal(0))
    expected = scoring.items_total if scoring.items_total is not None else None
    if scoring.method == "sum" and expected is None:
        expected = scoring.total
    if expected is not None and item_sum != expected:
        say(0, "scoring", f"the items' points add up to {item_sum}, not the stated {expected}")

    ids = Counter(
        [i.id for i in rubric.items] + [d.id for d in rubric.deductions] + [g.id for g in rubric.gates]
    )
    for ident, count in ids.items():
        if count > 1:
            say(0, ident, f"id '{ident}' is used {count} times")

    for item in rubric.items:
        where = (item.line, item.id)
        if item.points <= 0:
            say(*where, "points must be above zero")
        if item.kind not in KINDS:
            say(*where, f"kind must be one of {', '.join(KINDS)}, not '{item.kind}'")
        if item.missing not in MISSING:
            say(*where, f"missing must be one of {', '.join(MISSING)}, not '{item.missing}'")
        if item.missing == "not_applicable" and item.not_applicable is None:
            say(*where, "a missing document cannot be 'not_applicable' unless the item may be not applicable")
        if item.applies_if is not None and item.applies_if not in facts:
            say(*where, f"applies_if names '{item.applies_if}', which is not one of the rubric's facts")
        if item.bonus and item.not_applicable is not None:
            say(*where, "a bonus item is earned or not; it cannot be not applicable")
        if item.document is not None and item.document not in RUBRIC_DOCUMENT_KINDS:
            say(*where, f"unknown document kind '{item.document}'")
        if item.group and rubric.groups and item.group not in rubric.groups:
            say(*where, f"unknown group '{item.group}'")
        for message in item_type(item).problems(item):
            say(*where, message)

    for group in rubric.deductions:
        where = (group.line, group.id)
        if group.cap < 0:
            say(*where, f"cap {group.cap} is below zero")
        if group.apply not in APPLY:
            say(*where, f"apply must be one of {', '.join(APPLY)}, not '{group.apply}'")
        for document in group.documents:
            if document not in RUBRIC_DOCUMENT_KINDS:
                say(*where, f"unknown document kind '{document}'")
        for element in group.elements:
            if element.points <= 0:
                say(*where, f"element '{element.id}' must deduct more than zero")
        if not group.elements:
            say(*where, "a deduction group needs elements")
        try:
            keys = {group.target_key("inspection_record", 1), group.target_key("inquiry_record", 2)}
        except (KeyError, IndexError, ValueError):
            say(*where, f"document_key '{group.document_key}' may name only {{page}} and {{kind}}")
        else:
            if group.documents and len(keys) < 2:
                say(*where, f"document_key '{group.document_key}' gives two documents the same key")
            if group.whole_key in keys:
                say(*where, f"whole_key '{group.whole_key}' is also a document's key")
    return problems
