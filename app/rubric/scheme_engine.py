"""From candidate data and case scores to indicator scores, totals, vetoes, 达标 and rankings.

Input (``reviewdesk rubric compute SCHEME INPUT.json``; the station's aggregation fills it later):

    {"region": {"totals": {KEY: number}, "case_type_average": {CASE_TYPE: score}},
     "candidates": [{"id", "name", "level": "city|county|…",
                     "cases": [{"id", "selection": "nominated|sampled", "case_type", "score", "published"}],
                     "values": {KEY: number}, "manual": {INDICATOR: points},
                     "events": {INDICATOR: [{"group", "points"}]}, "counts": {INDICATOR: {CATEGORY: n}},
                     "deductions": {INDICATOR: [{"label", "points", "count"}]},
                     "flags": {NAME: true|false}, "documents": [ROLE, …]}]}

Every number comes with a step saying which rule made it from which inputs; rounding is the one in
``rounding``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.intake.vocabulary import CASE_TYPE_LABELS, satisfies
from app.rubric.engine import ScoreInputError, Step
from app.rubric.rounding import as_json_number, report, to_decimal
from app.rubric.scheme import Indicator, Part, Scheme


@dataclass
class CandidateResult:
    id: str
    name: str
    level: str
    indicators: dict[str, Decimal] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    total: Decimal | None = None
    bonus: Decimal = Decimal(0)
    vetoed: str | None = None
    passed: bool | None = None
    rank: int | None = None
    selected: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "level": self.level,
            "total": None if self.total is None else as_json_number(self.total),
            "bonus": as_json_number(self.bonus),
            "indicators": {k: as_json_number(v) for k, v in self.indicators.items()},
            "vetoed": self.vetoed,
            "passed": self.passed,
            "rank": self.rank,
            "selected": self.selected,
            "explanation": [s.as_json() for s in self.steps],
        }


@dataclass
class SchemeResult:
    scheme_id: str
    scheme_hash: str
    candidates: list[CandidateResult]

    def as_json(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme_id,
            "scheme_hash": self.scheme_hash,
            "candidates": [c.as_json() for c in self.candidates],
        }


def _number(table: dict[str, Any], key: str, where: str) -> Decimal:
    if key not in table:
        raise ScoreInputError(f"{where}: '{key}' is missing")
    return to_decimal(table[key])


class _Context:
    def __init__(self, scheme: Scheme, data: dict[str, Any]) -> None:
        self.scheme = scheme
        self.region = data.get("region", {})
        self.candidates: list[dict[str, Any]] = data.get("candidates", [])
        if not self.candidates:
            raise ScoreInputError("candidates: none given")


def compute_scheme(scheme: Scheme, data: dict[str, Any]) -> SchemeResult:
    context = _Context(scheme, data)
    results = []
    for raw in context.candidates:
        result = CandidateResult(str(raw.get("id", "")), str(raw.get("name", "")), str(raw.get("level", "")))
        result.vetoed = _veto(scheme, raw)
        results.append(result)
    by_id = {r.id: r for r in results}
    for raw in context.candidates:
        result = by_id[str(raw.get("id", ""))]
        if result.vetoed:
            result.steps.append(Step("veto", f"一票否决：{result.vetoed}，移出候选名单", Decimal(0)))
            continue
        for root in scheme.children(None):
            _score(context, root, raw, result, results)
        in_total = [i for i in scheme.children(None) if i.in_total and i.rule != "bonus"]
        total = sum((result.indicators[i.id] for i in in_total), Decimal(0))
        bonuses = [i for i in scheme.children(None) if i.rule == "bonus"]
        bonus = sum((result.indicators[i.id] for i in bonuses), Decimal(0))
        if scheme.bonus_cap is not None and bonus > scheme.bonus_cap:
            result.steps.append(
                Step("bonus_cap", f"加分合计 {report(bonus)}，上限 {scheme.bonus_cap}", scheme.bonus_cap)
            )
            bonus = scheme.bonus_cap
        result.bonus = bonus
        result.total = total + bonus
        parts = " + ".join(f"{i.label} {report(result.indicators[i.id])}" for i in in_total)
        bonus_text = f" + 加分 {report(bonus)}" if bonuses else ""
        result.steps.append(
            Step("total", f"总分 = {parts}{bonus_text} = {report(result.total)}", result.total)
        )
        if scheme.pass_rule is not None:
            result.passed = _passes(scheme, result)
    _rank(scheme, results)
    return SchemeResult(scheme.id, scheme.content_hash, results)


def _veto(scheme: Scheme, raw: dict[str, Any]) -> str | None:
    flags = raw.get("flags", {})
    documents = set(raw.get("documents", []))
    for veto in scheme.vetoes:
        if veto.flag and flags.get(veto.flag):
            return veto.label
        if veto.requires_document and veto.requires_document not in documents:
            return f"{veto.label}（缺少 {veto.requires_document}）"
    return None


def _score(
    context: _Context,
    ind: Indicator,
    raw: dict[str, Any],
    result: CandidateResult,
    everyone: list[CandidateResult],
) -> Decimal:
    where = f"{result.id}.{ind.id}"
    if ind.rule == "sum":
        value = sum(
            (_score(context, child, raw, result, everyone) for child in context.scheme.children(ind.id)),
            Decimal(0),
        )
        value = min(value, ind.points)
        text = f"{ind.label}：各分指标之和 {report(value)} / {ind.points}"
        inputs: dict[str, Any] = {}
    elif ind.rule == "manual":
        given = raw.get("manual", {})
        value = _number(given, ind.id, f"{result.id}.manual")
        if not Decimal(0) <= value <= ind.points:
            raise ScoreInputError(f"{where}: {value} outside 0..{ind.points}")
        inputs = {"given": str(value)}
        text = f"{ind.label}：评审给分 {report(value)} / {ind.points}"
        if ind.county_free and result.level == "county":
            topped = min(ind.points, value + ind.county_free)
            text += f"；*项县级直接得分 {ind.county_free} → {report(topped)}"
            value = topped
    elif ind.rule == "case_quality":
        value, text, inputs = _case_quality(context, ind, raw, result)
    elif ind.rule == "baseline":
        value, text, inputs = _baseline(context, ind, raw, where)
    elif ind.rule == "rank":
        value, text, inputs = _rank_points(context, ind, raw, result, everyone)
    elif ind.rule == "awards":
        events = raw.get("events", {}).get(ind.id, [])
        best: dict[str, Decimal] = defaultdict(Decimal)
        max_each = to_decimal(ind.params.get("max_each", ind.points))
        for event in events:
            points = to_decimal(event.get("points", 0))
            if not Decimal(0) <= points <= max_each:
                raise ScoreInputError(f"{where}: an award of {points} outside 0..{max_each}")
            group = str(event.get("group", len(best)))
            best[group] = max(best[group], points)
        earned = sum(best.values(), Decimal(0))
        cap = to_decimal(ind.params["cap"])
        value = min(earned, cap, ind.points)
        text = f"{ind.label}：{len(events)} 项表扬，每组取最高，合计 {report(earned)}，上限 {cap} → {report(value)}"
        inputs = {"events": events}
    elif ind.rule == "per_count":
        counts = raw.get("counts", {}).get(ind.id, {})
        rates = {k: to_decimal(v) for k, v in ind.params["rates"].items()}
        unknown = set(counts) - set(rates)
        if unknown:
            raise ScoreInputError(f"{where}: unknown categories {', '.join(sorted(unknown))}")
        earned = sum((rates[k] * to_decimal(n) for k, n in counts.items()), Decimal(0))
        cap = to_decimal(ind.params.get("cap", ind.points))
        value = min(earned, cap, ind.points)
        detail = "，".join(f"{k} {n}×{rates[k]}" for k, n in counts.items()) or "无"
        text = f"{ind.label}：{detail} = {report(earned)}，上限 {cap} → {report(value)}"
        inputs = {"counts": counts}
    elif ind.rule == "proportional":
        values = raw.get("values", {})
        got = _number(values, ind.params["value"], where)
        target = _number(values, ind.params["target"], where)
        ratio = min(Decimal(1), got / target) if target > 0 else Decimal(0)
        value = ind.points * ratio
        text = f"{ind.label}：{report(got)} / {report(target)}，按比例 → {report(value)}"
        inputs = {"value": str(got), "target": str(target)}
    elif ind.rule == "bonus":
        flag = ind.params["flag"]
        value = ind.points if raw.get("flags", {}).get(flag) else Decimal(0)
        text = f"{ind.label}：{'加' if value else '不加'} {report(value)} 分"
        inputs = {"flag": flag}
    else:
        raise ScoreInputError(f"{where}: unknown rule {ind.rule}")
    value = _apply_deductions(ind, raw, result, value)
    result.indicators[ind.id] = value
    result.steps.append(Step(ind.rule, text, value, inputs))
    return value


def _apply_deductions(
    ind: Indicator, raw: dict[str, Any], result: CandidateResult, earned: Decimal
) -> Decimal:
    given = raw.get("deductions", {}).get(ind.id, [])
    if not given:
        return earned
    if ind.deduction_cap is None:
        raise ScoreInputError(f"{result.id}.{ind.id}: this indicator takes no deductions")
    total = sum((to_decimal(d.get("points", 0)) * to_decimal(d.get("count", 1)) for d in given), Decimal(0))
    capped = min(total, ind.deduction_cap)
    value = max(Decimal(0), earned - capped)
    listing = "，".join(f"{d.get('label', '')} {d.get('count', 1)}×{d.get('points', 0)}" for d in given)
    zero = "（扣分大于得分，按0分计）" if capped > earned else ""
    result.steps.append(
        Step(
            "deduction",
            f"{ind.label}扣分：{listing} = {report(total)}，上限 {ind.deduction_cap}{zero}",
            -capped,
        )
    )
    return value


def _required(part: Part, level: str) -> tuple[str, ...]:
    return part.requires.get(level, part.requires.get("*", ()))


def _case_quality(
    context: _Context, ind: Indicator, raw: dict[str, Any], result: CandidateResult
) -> tuple[Decimal, str, dict[str, Any]]:
    case_max = to_decimal(ind.params.get("case_max", 100))
    regional = set(ind.params.get("regional_average_for", []))
    averages = context.region.get("case_type_average", {})
    parts = ind.parts or (Part("any", ind.points, {}),)
    cases = list(raw.get("cases", []))
    seen: dict[str, str] = {}
    effective: list[tuple[dict[str, Any], Decimal, str]] = []
    for case in cases:
        key = str(case.get("sha256") or case.get("id"))
        category = f"{case.get('selection')}/{case.get('case_type')}"
        score = to_decimal(case.get("score", 0))
        if not Decimal(0) <= score <= case_max:
            raise ScoreInputError(f"{result.id}: case {case.get('id')} score {score} outside 0..{case_max}")
        if case.get("published") is False:
            effective.append((case, Decimal(0), "处罚情况未在门户网站公开，按0分计"))
        elif key in seen and seen[key] != category:
            effective.append((case, Decimal(0), f"同一案卷重复报送（已作为 {seen[key]} 报送），按0分计"))
        else:
            effective.append((case, score, ""))
        seen.setdefault(key, category)
    total = Decimal(0)
    texts = []
    for part in parts:
        mine = [e for e in effective if part.selection == "any" or e[0].get("selection") == part.selection]
        slots: list[tuple[str, Decimal]] = []
        unused = list(mine)
        for case_type in _required(part, result.level):
            match = next((e for e in unused if satisfies(e[0].get("case_type"), case_type)), None)
            if match is not None:
                unused.remove(match)
                slots.append((f"{match[0].get('id')} {match[2]}".strip(), match[1]))
            elif case_type in regional:
                if case_type not in averages:
                    raise ScoreInputError(
                        f"region.case_type_average: '{case_type}' is needed for {result.id}"
                    )
                slots.append(
                    (f"无{_type_label(case_type)}案卷，按全区平均分", to_decimal(averages[case_type]))
                )
            else:
                slots.append((f"无{_type_label(case_type)}案卷，按0分计", Decimal(0)))
        slots += [(f"{e[0].get('id')} {e[2]}".strip(), e[1]) for e in unused]
        expected = int(ind.params.get("cases", 0) or 0) if part.selection == "any" else 0
        while len(slots) < expected:
            slots.append(("缺少案卷，按0分计", Decimal(0)))
        mean = sum((s for _t, s in slots), Decimal(0)) / len(slots) if slots else Decimal(0)
        part_value = part.points * mean / case_max
        total += part_value
        label = {"nominated": "推选", "sampled": "抽选", "any": "案卷"}.get(part.selection, part.selection)
        listing = "；".join(f"{t} {report(s)}" for t, s in slots) or "无案卷"
        texts.append(
            f"{label}（{listing}）平均 {report(mean)} × {part.points}/{case_max} = {report(part_value)}"
        )
    return total, f"{ind.label}：" + "；".join(texts), {"cases": [e[0].get("id") for e in effective]}


def _type_label(case_type: str) -> str:
    return CASE_TYPE_LABELS.get(case_type, case_type)


def _baseline(
    context: _Context, ind: Indicator, raw: dict[str, Any], where: str
) -> tuple[Decimal, str, dict[str, Any]]:
    values = raw.get("values", {})
    totals = context.region.get("totals", {})
    value = _number(values, ind.params["value"], where)
    region_total = _number(totals, ind.params["total"], f"region.totals ({where})")
    share_key = ind.params["share"]
    if share_key in totals:
        share = _number(values, share_key, where) / _number(totals, share_key, "region.totals")
    else:
        share = _number(values, share_key, where)
    threshold = to_decimal(ind.params.get("threshold", "0.5"))
    baseline = region_total * share
    reached = value >= threshold * baseline
    points = ind.points if reached else Decimal(0)
    text = (
        f"{ind.label}：基准值 = {report(region_total)} × {share:.4f} = {report(baseline)}；"
        f"实际 {report(value)} {'≥' if reached else '<'} {threshold} × 基准值 → {report(points)}"
    )
    return points, text, {"value": str(value), "baseline": str(baseline)}


def _rank_points(
    context: _Context,
    ind: Indicator,
    raw: dict[str, Any],
    result: CandidateResult,
    everyone: list[CandidateResult],
) -> tuple[Decimal, str, dict[str, Any]]:
    key = ind.params["value"]
    mine = _number(raw.get("values", {}), key, f"{result.id}.{ind.id}")
    peers = []
    for other_raw, other in zip(context.candidates, everyone, strict=True):
        if other.vetoed or other.level != result.level:
            continue
        peers.append(_number(other_raw.get("values", {}), key, f"{other.id}.{ind.id}"))
    rank = 1 + sum(1 for v in peers if v > mine)
    n = len(peers)
    value = ind.points * Decimal(n - rank + 1) / Decimal(n)
    text = f"{ind.label}：{report(mine)}，同级 {n} 个候选中第 {rank} 名 → {ind.points} × {n - rank + 1}/{n} = {report(value)}"
    return value, text, {"value": str(mine), "rank": rank, "of": n}


def _passes(scheme: Scheme, result: CandidateResult) -> bool:
    rule = scheme.pass_rule
    assert rule is not None and result.total is not None
    failures = []
    for category in scheme.children(None):
        if not category.in_total or category.rule == "bonus":
            continue
        if not result.indicators[category.id] > rule.category_fraction * category.points:
            failures.append(f"{category.label} 未高于 {report(rule.category_fraction * category.points)}")
    for ident, minimum in rule.thresholds.items():
        if result.indicators.get(ident, Decimal(0)) < minimum:
            failures.append(f"{scheme.indicator(ident).label} 未达到 {minimum}")
    if not result.total > rule.total_above:
        failures.append(f"总分未高于 {rule.total_above}")
    verdict = "；".join(failures) if failures else "各项均满足"
    result.steps.append(Step("pass_rule", f"{rule.label}判定：{verdict}", Decimal(int(not failures))))
    return not failures


def _rank(scheme: Scheme, results: list[CandidateResult]) -> None:
    """Rank within each level; the top ``places`` of a level are selected (all levels share '*')."""
    levels: dict[str, list[CandidateResult]] = defaultdict(list)
    for result in results:
        if result.total is not None:
            levels[result.level].append(result)
    for level, members in levels.items():
        members.sort(key=lambda r: r.total or Decimal(0), reverse=True)
        places = scheme.places.get(level, scheme.places.get("*"))
        for index, member in enumerate(members):
            better = sum(1 for m in members if (m.total or 0) > (member.total or 0))
            member.rank = better + 1
            eligible = member.passed is not False
            member.selected = places is not None and eligible and index < places
