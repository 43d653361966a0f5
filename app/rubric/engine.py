"""From an expert's inputs to a case score, with an explanation line for every number.

Input (the JSON of ``reviewdesk rubric compute``, and what the desk stores):

    {"scores": {ITEM: number | {"criteria": {CRITERION: number}} | {"level": LEVEL}},
     "not_applicable": [ITEM, …],            # 无需评审: out of the denominator
     "missing": [ITEM, …],                   # its document is absent: 0 unless not applicable
     "deductions": {GROUP: [ELEMENT, …] | {DOCUMENT_LABEL: [ELEMENT, …]}},
     "gates": {GATE: "the written reason"},  # 重大问题: the case scores 0
     "facts": {FACT: true | false}}          # yes/no case facts the expert confirmed (e.g. case_closed)

Every item must be scored, missing or not applicable unless ``partial`` is asked for (the desk's live
total while an expert is still scoring).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.rubric.item_types import ScoreInputError, item_type
from app.rubric.model import DeductionGroup, Item, Rubric
from app.rubric.rounding import as_json_number, report

INPUT_SECTIONS = ("scores", "not_applicable", "missing", "deductions", "gates", "notes", "evidence", "facts")
"""the sections of a case's inputs, here once: the store, the CLI and the package schema read this"""
LIST_SECTIONS = ("not_applicable", "missing")
"""sections that list item ids (the others map ids to values)"""


def empty_inputs() -> dict[str, Any]:
    """A case nobody has scored yet: every section, empty."""
    return {section: [] if section in LIST_SECTIONS else {} for section in INPUT_SECTIONS}


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
    pending: tuple[str, ...] = ()
    """items not yet scored, marked or settled by a fact (a partial score's open items; not signed)"""

    def as_json(self) -> dict[str, Any]:
        return {
            "rubric": self.rubric_id,
            "rubric_hash": self.rubric_hash,
            "score": as_json_number(self.score),
            "complete": self.complete,
            "items": {k: None if v is None else as_json_number(v) for k, v in self.item_scores.items()},
            "explanation": [s.as_json() for s in self.steps],
        }


def score_item(item: Item, raw: object) -> tuple[Decimal, Decimal, dict[str, Any]]:
    """(points earned, standard points that count, inputs used) of one item, by its type."""
    return item_type(item).score(item, raw)


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


def _tag(rubric: Rubric, reading_id: str) -> str:
    """“〔读法 id = value〕” when the rubric names this reading, so the explanation shows the choice.

    The engine tags its steps with the readings named after what it does: ``missing_document``,
    ``qualification_zeroes`` (a ``zeroes_item`` criterion), ``deduction_apply``, ``deduction_cap``,
    ``items_total``, ``all_not_applicable``, ``normative_floor``, ``bonus``, and each fact's id.
    """
    reading = rubric.reading(reading_id)
    return f"〔读法 {reading.id} = {reading.value}〕" if reading else ""


def _facts(rubric: Rubric, raw: object) -> dict[str, bool]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ScoreInputError("facts: give each fact as true or false")
    known = {f.id for f in rubric.facts}
    for fact_id, value in raw.items():
        if fact_id not in known:
            raise ScoreInputError(f"facts: unknown fact '{fact_id}'")
        if value is not None and not isinstance(value, bool):
            raise ScoreInputError(f"facts: {fact_id} must be true or false, not {value!r}")
    return {k: v for k, v in raw.items() if v is not None}


def compute_case(rubric: Rubric, inputs: dict[str, Any], partial: bool = False) -> CaseScore:
    """The case score under ``rubric``; raises ScoreInputError when the inputs do not fit it."""
    unknown = set(inputs) - set(INPUT_SECTIONS)
    if unknown:
        raise ScoreInputError(f"unknown input sections: {', '.join(sorted(unknown))}")
    scores = inputs.get("scores", {})
    not_applicable = set(inputs.get("not_applicable", []))
    missing = set(inputs.get("missing", []))
    facts = _facts(rubric, inputs.get("facts"))
    fact_labels = {f.id: f.label for f in rubric.facts}
    item_ids = {i.id for i in rubric.items}
    for name, given in (("scores", set(scores)), ("not_applicable", not_applicable), ("missing", missing)):
        stray = given - item_ids
        if stray:
            raise ScoreInputError(f"{name}: unknown items {', '.join(sorted(stray))}")
    steps: list[Step] = []
    item_scores: dict[str, Decimal | None] = {}
    earned = standard = bonus = Decimal(0)
    complete = True
    pending: list[str] = []
    for item in rubric.items:
        condition = item.applies_if
        if condition is not None and facts.get(condition) is False:
            if item.id in scores:
                raise ScoreInputError(
                    f"{item.id}: {fact_labels[condition]}——否，本项无需评审，不能评分"
                    f" ({condition} is false: this item is not applicable)"
                )
            item_scores[item.id] = None
            steps.append(
                Step(
                    "fact_not_applicable",
                    f"{item.label}：{fact_labels[condition]}——否，本项无需评审，不计入标准分"
                    + _tag(rubric, condition),
                    Decimal(0),
                    {"fact": condition},
                )
            )
            continue
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
            if condition is not None and condition not in facts:
                # 无此文书 counts only where the condition holds: the expert must say whether it does.
                if not partial:
                    raise ScoreInputError(
                        f"{item.id}: 无此文书——请先确认“{fact_labels[condition]}”"
                        f" (missing: first confirm the case fact '{condition}')"
                    )
                complete = False
                pending.append(item.id)
                item_scores[item.id] = None
                steps.append(
                    Step(
                        "ask",
                        f"{item.label}：无此文书，请确认“{fact_labels[condition]}”后计分"
                        + _tag(rubric, condition),
                        Decimal(0),
                        {"fact": condition},
                    )
                )
                continue
            used: dict[str, Any] = {"missing": True}
            points, counted = Decimal(0), item.points
            steps.append(
                Step(
                    "missing_zero",
                    f"{item.label}：无此文书，本项得0分（标准分 {item.points}）"
                    + _tag(rubric, "missing_document"),
                    Decimal(0),
                    used,
                )
            )
        elif item.id in scores:
            points, counted, used = score_item(item, scores[item.id])
            zeroed = (
                "（"
                + "、".join(used["zeroed_by"])
                + " 为0，本项得0分）"
                + _tag(rubric, "qualification_zeroes")
                if used.get("zeroed_by")
                else ""
            )
            steps.append(
                Step("item", f"{item.label}：{report(points)} / {report(counted)}{zeroed}", points, used)
            )
        else:
            if not partial:
                raise ScoreInputError(
                    f"{item.id}: not scored (score it, or mark it missing or not applicable)"
                )
            complete = False
            pending.append(item.id)
            item_scores[item.id] = None
            continue
        item_scores[item.id] = points
        if item.bonus:
            bonus += points
            steps[-1].rule = "bonus" if steps[-1].rule == "item" else steps[-1].rule
            steps[-1].text += "（加分项，不计入标准分）"
            continue
        earned += points
        standard += counted

    deductions = Decimal(0)
    for group in rubric.deductions:
        raw = inputs.get("deductions", {}).get(group.id)
        if raw is None:
            continue
        capped, before, used = deduction_for(group, raw)
        cap_text = (
            f"（扣分 {report(before)}，上限 {group.cap}）" + _tag(rubric, "deduction_cap")
            if before > group.cap
            else ""
        )
        text = f"{group.label}：扣 {report(capped)} 分{cap_text}" + _tag(rubric, "deduction_apply")
        steps.append(Step("deduction", text, -capped, used))
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
    in_ratio = scoring.method == "ratio" and scoring.bonus == "items_sum"
    if scoring.method == "ratio":
        numerator = earned + bonus if in_ratio else earned
        # Nothing in the denominator: every item 无需评审 (full marks, as the sheet says) — or, while
        # scoring, nothing scored yet, which is no score at all rather than full marks.
        ratio = numerator / standard if standard else (Decimal(1) if complete else Decimal(0))
        normative = scoring.weight * ratio
        shown = f"({report(earned)} + 加分 {report(bonus)})" if in_ratio and bonus else report(numerator)
        steps.append(
            Step(
                "ratio",
                f"规范性得分 = {scoring.weight} × {shown} / {standard} = {report(normative)}"
                + _tag(rubric, "items_total")
                + (
                    (
                        "（全部项目无需评审，按满分计）" + _tag(rubric, "all_not_applicable")
                        if complete
                        else "（尚未评分）"
                    )
                    if not standard
                    else ""
                ),
                normative,
                {"earned": str(earned), "standard": str(standard)},
            )
        )
        after = normative - deductions
        formula = f"{scoring.base} + ({report(normative)} − {report(deductions)})"
        if scoring.normative_floor is not None and after < scoring.normative_floor:
            steps.append(
                Step(
                    "normative_floor",
                    f"规范性评查得分 {report(normative)} − {report(deductions)} = {report(after)}，"
                    f"低于 {scoring.normative_floor}，按 {scoring.normative_floor} 计"
                    + _tag(rubric, "normative_floor"),
                    scoring.normative_floor,
                )
            )
            after = scoring.normative_floor
            formula = f"{scoring.base} + {report(after)}"
        raw_total = scoring.base + after
    else:
        raw_total = earned - deductions
        formula = f"{report(earned)} − {report(deductions)}"
    if in_ratio:
        ceiling = scoring.total + rubric.bonus_total
        total = max(scoring.floor, min(ceiling, raw_total))
    else:
        ceiling = scoring.total
        total = max(scoring.floor, min(scoring.total, raw_total))
    clamp = "" if total == raw_total else f"，限定在 {scoring.floor}–{ceiling}"
    if rubric.bonus_total and not in_ratio:
        formula = f"{formula}{clamp} + 加分 {report(bonus)}"
        clamp = ""
        total += bonus
        formula += _tag(rubric, "bonus")
    if gates:
        reasons = "；".join(f"{known_gates[g].label}：{r}" for g, r in gates.items())
        steps.append(Step("gate", f"存在重大问题，案卷评为0分（{reasons}）", Decimal(0), {"gates": gates}))
        total = Decimal(0)
    else:
        steps.append(Step("total", f"案卷得分 = {formula} = {report(total)}{clamp}", total))
    return CaseScore(rubric.id, rubric.content_hash, total, complete, steps, item_scores, tuple(pending))
