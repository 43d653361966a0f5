"""From an expert's inputs to a case score, with an explanation line for every number.

Input (the JSON of ``reviewdesk rubric compute``, and what the desk stores):

    {"scores": {ITEM: number | {"criteria": {CRITERION: number}} | {"level": LEVEL}},
     "not_applicable": [ITEM, …],            # 无需评审: out of the denominator
     "missing": [ITEM, …],                   # its document is absent: 0 unless not applicable
     "deductions": {GROUP: [ELEMENT, …] | {DOCUMENT_LABEL: [ELEMENT, …]}},
     "gates": {GATE: "the written reason"}}  # 重大问题: the case scores 0

Every item must be scored, missing or not applicable unless ``partial`` is asked for (the desk's live
total while an expert is still scoring).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.rubric.model import DeductionGroup, Item, Rubric
from app.rubric.rounding import as_json_number, report, to_decimal


class ScoreInputError(ValueError):
    """The inputs do not fit the rubric; the message names the item."""


@dataclass
class Step:
    rule: str
    text: str
    value: Decimal
    inputs: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "text": self.text,
            "value": as_json_number(self.value),
            "inputs": self.inputs,
        }


@dataclass
class CaseScore:
    rubric_id: str
    rubric_hash: str
    score: Decimal
    complete: bool
    steps: list[Step]
    item_scores: dict[str, Decimal | None]

    def as_json(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric_id,
            "rubric_hash": self.rubric_hash,
            "score": as_json_number(self.score),
            "complete": self.complete,
            "items": {k: None if v is None else as_json_number(v) for k, v in self.item_scores.items()},
            "explanation": [s.as_json() for s in self.steps],
        }


def _check_step(item: Item, value: Decimal, what: str) -> None:
    if value < 0:
        raise ScoreInputError(f"{what}: {value} is below zero")
    if (value / item.step) % 1 != 0:
        raise ScoreInputError(f"{what}: {value} is not a multiple of the step {item.step}")


def score_item(item: Item, raw: object) -> tuple[Decimal, Decimal, dict[str, Any]]:
    """(points earned, standard points that count, inputs used) of one item, checked against its bounds.

    By criteria, a criterion left out earns 0, and one listed under ``not_applicable`` leaves both
    the earned and the standard points (the sheet's “对应项目无需评审”).
    """
    if isinstance(raw, dict) and "criteria" in raw:
        known = {c.id: c for c in item.criteria}
        if not known:
            raise ScoreInputError(f"{item.id}: this item has no criteria; give its points")
        given = raw["criteria"]
        excluded = list(raw.get("not_applicable", []))
        for criterion_id in [*given, *excluded]:
            if criterion_id not in known:
                raise ScoreInputError(f"{item.id}: unknown criterion '{criterion_id}'")
        overlap = set(given) & set(excluded)
        if overlap:
            raise ScoreInputError(f"{item.id}: {', '.join(sorted(overlap))} both scored and not applicable")
        total = Decimal(0)
        for criterion_id, value in given.items():
            points = to_decimal(value)
            if not Decimal(0) <= points <= known[criterion_id].points:
                raise ScoreInputError(
                    f"{item.id}.{criterion_id}: {points} outside 0..{known[criterion_id].points}"
                )
            total += points
        standard = item.points - sum((known[c].points for c in excluded), Decimal(0))
        used = {"criteria": {k: str(v) for k, v in given.items()}, "not_applicable": excluded}
        return total, standard, used
    if isinstance(raw, dict) and "level" in raw:
        levels = {lv.id: lv for lv in item.levels}
        if raw["level"] not in levels:
            raise ScoreInputError(f"{item.id}: unknown level '{raw['level']}'")
        return levels[raw["level"]].points, item.points, {"level": raw["level"]}
    if item.kind == "level":
        raise ScoreInputError(f"{item.id}: choose a level, not a number")
    try:
        points = to_decimal(raw)
    except TypeError as exc:
        raise ScoreInputError(f"{item.id}: {exc}") from exc
    if points > item.points:
        raise ScoreInputError(f"{item.id}: {points} is above the item's {item.points} points")
    _check_step(item, points, item.id)
    return points, item.points, {"points": str(points)}


def deduction_for(group: DeductionGroup, raw: object) -> tuple[Decimal, Decimal, dict[str, Any]]:
    """(deduction after the cap, before the cap, inputs) of one 基本要素 group."""
    known = {e.id: e for e in group.elements}
    if isinstance(raw, dict):
        per_document = {label: list(ids) for label, ids in raw.items()}
    elif isinstance(raw, list):
        per_document = {"": list(raw)}
    else:
        raise ScoreInputError(f"{group.id}: give a list of elements, or elements per document")
    for ids in per_document.values():
        for element_id in ids:
            if element_id not in known:
                raise ScoreInputError(f"{group.id}: unknown element '{element_id}'")
    if group.apply == "once":
        missing = sorted({e for ids in per_document.values() for e in ids})
        raw_total = sum((known[e].points for e in missing), Decimal(0))
    else:
        raw_total = sum((known[e].points for ids in per_document.values() for e in set(ids)), Decimal(0))
    return min(raw_total, group.cap), raw_total, {"missing": per_document}


def compute_case(rubric: Rubric, inputs: dict[str, Any], partial: bool = False) -> CaseScore:
    """The case score under ``rubric``; raises ScoreInputError when the inputs do not fit it."""
    unknown = set(inputs) - {
        "scores",
        "not_applicable",
        "missing",
        "deductions",
        "gates",
        "notes",
        "evidence",
    }
    if unknown:
        raise ScoreInputError(f"unknown input sections: {', '.join(sorted(unknown))}")
    scores = inputs.get("scores", {})
    not_applicable = set(inputs.get("not_applicable", []))
    missing = set(inputs.get("missing", []))
    item_ids = {i.id for i in rubric.items}
    for name, given in (("scores", set(scores)), ("not_applicable", not_applicable), ("missing", missing)):
        stray = given - item_ids
        if stray:
            raise ScoreInputError(f"{name}: unknown items {', '.join(sorted(stray))}")
    steps: list[Step] = []
    item_scores: dict[str, Decimal | None] = {}
    earned = standard = Decimal(0)
    complete = True
    for item in rubric.items:
        if item.id in not_applicable:
            if item.not_applicable is None:
                raise ScoreInputError(f"{item.id}: this item cannot be marked not applicable")
            item_scores[item.id] = None
            steps.append(
                Step(
                    "not_applicable",
                    f"{item.label}：无需评审（{item.not_applicable}），不计入标准分",
                    Decimal(0),
                )
            )
            continue
        if item.id in missing:
            if item.missing == "not_applicable" and item.not_applicable is not None:
                item_scores[item.id] = None
                steps.append(
                    Step("missing_not_applicable", f"{item.label}：无此文书，本项无需评审", Decimal(0))
                )
                continue
            points, counted, used = Decimal(0), item.points, {"missing": True}
            steps.append(
                Step(
                    "missing_zero",
                    f"{item.label}：无此文书，本项得0分（标准分 {item.points}）",
                    Decimal(0),
                    used,
                )
            )
        elif item.id in scores:
            points, counted, used = score_item(item, scores[item.id])
            steps.append(Step("item", f"{item.label}：{report(points)} / {report(counted)}", points, used))
        else:
            if not partial:
                raise ScoreInputError(
                    f"{item.id}: not scored (score it, or mark it missing or not applicable)"
                )
            complete = False
            item_scores[item.id] = None
            continue
        item_scores[item.id] = points
        earned += points
        standard += counted

    deductions = Decimal(0)
    for group in rubric.deductions:
        raw = inputs.get("deductions", {}).get(group.id)
        if raw is None:
            continue
        capped, before, used = deduction_for(group, raw)
        cap_text = f"（扣分 {report(before)}，上限 {group.cap}）" if before > group.cap else ""
        steps.append(Step("deduction", f"{group.label}：扣 {report(capped)} 分{cap_text}", -capped, used))
        deductions += capped
    stray_groups = set(inputs.get("deductions", {})) - {g.id for g in rubric.deductions}
    if stray_groups:
        raise ScoreInputError(f"deductions: unknown groups {', '.join(sorted(stray_groups))}")

    gates = inputs.get("gates", {}) or {}
    known_gates = {g.id: g for g in rubric.gates}
    for gate_id, reason in gates.items():
        if gate_id not in known_gates:
            raise ScoreInputError(f"gates: unknown gate '{gate_id}'")
        if not isinstance(reason, str) or not reason.strip():
            raise ScoreInputError(f"{gate_id}: a 重大问题 needs a written reason")

    scoring = rubric.scoring
    if scoring.method == "ratio":
        ratio = earned / standard if standard else Decimal(1)
        normative = scoring.weight * ratio
        steps.append(
            Step(
                "ratio",
                f"规范性得分 = {scoring.weight} × {report(earned)} / {standard} = {report(normative)}"
                + ("（全部项目无需评审，按满分计）" if not standard else ""),
                normative,
                {"earned": str(earned), "standard": str(standard)},
            )
        )
        raw_total = scoring.base + normative - deductions
        formula = f"{scoring.base} + {report(normative)} − {report(deductions)}"
    else:
        raw_total = earned - deductions
        formula = f"{report(earned)} − {report(deductions)}"
    total = max(scoring.floor, min(scoring.total, raw_total))
    if gates:
        reasons = "；".join(f"{known_gates[g].label}：{r}" for g, r in gates.items())
        steps.append(Step("gate", f"存在重大问题，案卷评为0分（{reasons}）", Decimal(0), {"gates": gates}))
        total = Decimal(0)
    else:
        clamp = "" if total == raw_total else f"，限定在 {scoring.floor}–{scoring.total}"
        steps.append(Step("total", f"案卷得分 = {formula} = {report(total)}{clamp}", total))
    return CaseScore(rubric.id, rubric.content_hash, total, complete, steps, item_scores)
