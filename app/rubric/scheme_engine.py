"""From candidate data and case scores to indicator scores, totals, vetoes, 达标 and rankings.

Input (``reviewdesk rubric compute SCHEME INPUT.json``; the station's aggregation fills it later):

    {"region": {"totals": {KEY: number}, "case_type_average": {CASE_TYPE: score}},
     "readings": {NAME: VALUE},                       # optional: override the scheme's readings
     "candidates": [{"id", "name", "level": "city|county|…",
                     "cases": [{"id", "selection": "nominated|sampled", "case_type", "score", "published",
                                "sha256", "path", "submitted"}],
                     "reports": [{"id", "industry", "score"}],          # schemes with contest_by
                     "values": {KEY: number}, "manual": {INDICATOR: points},
                     "events": {INDICATOR: [{"group", "points"}]}, "counts": {INDICATOR: {CATEGORY: n}},
                     "deductions": {INDICATOR: [{"label", "points", "count"}]},
                     "flags": {NAME: true|false}, "documents": [ROLE, …]}]}

Every number comes with a step saying which rule made it from which inputs, and which reading
(``scheme.READINGS``) it rests on where the notice is silent; rounding is the one in ``rounding``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.rubric.engine import ScoreInputError, Step
from app.rubric.rounding import as_json_number, report, to_decimal
from app.rubric.scheme import (
    CONTESTS,
    READINGS,
    REQUIREMENT_LABELS,
    Indicator,
    Part,
    Reading,
    Scheme,
    fill_slots,
    reading_problem,
)

LEVEL_LABELS = {"city": "市级", "county": "县级"}
LEVEL_WORDS = {"市级": "city", "县级": "county"}
"""the same levels in Chinese, as a station may type them into an input file"""


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
    contest: str | None = None
    """the contest this entry is in (004: an industry), None for schemes without contests"""
    person: str | None = None
    """the candidate an entry belongs to, when one candidate enters several contests"""
    findings: list[str] = field(default_factory=list)
    """what the station should know but the scheme does not score (e.g. a case not published)"""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "level": self.level,
            "contest": self.contest,
            "person": self.person,
            "total": None if self.total is None else as_json_number(self.total),
            "bonus": as_json_number(self.bonus),
            "indicators": {k: as_json_number(v) for k, v in self.indicators.items()},
            "vetoed": self.vetoed,
            "passed": self.passed,
            "rank": self.rank,
            "selected": self.selected,
            "findings": list(self.findings),
            "explanation": [s.as_json() for s in self.steps],
        }


@dataclass
class SchemeResult:
    scheme_id: str
    scheme_hash: str
    candidates: list[CandidateResult]
    readings: list[Reading] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme_id,
            "scheme_hash": self.scheme_hash,
            "readings": [
                {"name": r.name, "value": r.value, "basis": r.basis, "source": r.source}
                for r in self.readings
            ],
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
        given = data.get("candidates", [])
        if not given:
            raise ScoreInputError("candidates: none given")
        self.candidates: list[dict[str, Any]] = _entries(scheme, given)
        self.readings = _readings(scheme, data.get("readings", {}))
        self.used: set[str] = set()

    def reading(self, name: str) -> Reading:
        self.used.add(name)
        return self.readings[name]


def _readings(scheme: Scheme, given: object) -> dict[str, Reading]:
    """The scheme's readings, with any the input file overrides for this one computation."""
    if not isinstance(given, dict):
        raise ScoreInputError("readings: must be an object of NAME: VALUE")
    readings = {name: scheme.reading(name) for name in READINGS}
    for name, value in given.items():
        problem = reading_problem(name, value)
        if problem:
            raise ScoreInputError(f"readings: {problem}")
        before = readings[name]
        basis = f"本次输入指定（方案原为 {before.value}：{before.basis}）"
        readings[name] = Reading(name, str(value), basis, "input")
    return readings


def _entries(scheme: Scheme, given: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per candidate; per candidate and contest when the scheme has contests (004)."""
    if scheme.contest_by is None:
        return list(given)
    labels = CONTESTS[scheme.contest_by]
    entries = []
    for raw in given:
        ident, name = str(raw.get("id", "")), str(raw.get("name", "") or raw.get("id", ""))
        reports: dict[str, dict[str, Any]] = {}
        for entry in raw.get("reports", []):
            kind = str(entry.get(scheme.contest_by, ""))
            if not kind:
                raise ScoreInputError(f"{ident}: a report without its {scheme.contest_by}")
            if kind in reports:
                raise ScoreInputError(
                    f"{ident}: two {kind} reports; 004 allows one per industry "
                    "(“可以报送 1 份钢铁、火电、水泥、造纸等重点行业执法检查情况报告”)"
                )
            reports[kind] = entry
        if not reports:
            raise ScoreInputError(f"{ident}: no reports, so no contest to enter")
        for kind, entry in reports.items():
            label = labels.get(kind, kind)
            entries.append(
                {
                    **raw,
                    "id": f"{ident}/{kind}",
                    "name": f"{name}（{label}）",
                    "_contest": kind,
                    "_person": ident,
                    "_report": entry,
                }
            )
    return entries


def compute_scheme(scheme: Scheme, data: dict[str, Any]) -> SchemeResult:
    context = _Context(scheme, data)
    results = []
    for raw in context.candidates:
        level = str(raw.get("level", "") or "")
        result = CandidateResult(
            str(raw.get("id", "")), str(raw.get("name", "")), LEVEL_WORDS.get(level, level)
        )
        result.contest, result.person = raw.get("_contest"), raw.get("_person")
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
        in_total = [i for i in scheme.children(None) if i.in_total and not i.is_bonus]
        total = sum((result.indicators[i.id] for i in in_total), Decimal(0))
        bonuses = [i for i in scheme.children(None) if i.is_bonus]
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
            result.passed = _passes(context, result)
    _rank(context, results)
    used = [context.readings[name] for name in context.readings if name in context.used]
    return SchemeResult(scheme.id, scheme.content_hash, results, used)


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
    if ind.id in result.indicators:  # already computed as the source of a 'scaled' indicator
        return result.indicators[ind.id]
    where = f"{result.id}.{ind.id}"
    inputs: dict[str, Any] = {}
    if ind.rule == "sum":
        value = sum(
            (_score(context, child, raw, result, everyone) for child in context.scheme.children(ind.id)),
            Decimal(0),
        )
        value = min(value, ind.points)
        text = f"{ind.label}：各分指标之和 {report(value)} / {ind.points}"
    elif ind.rule == "manual":
        value, text, inputs = _manual(ind, raw, result, where)
    elif ind.rule == "case_quality":
        value, text, inputs = _case_quality(context, ind, raw, result)
    elif ind.rule == "baseline":
        value, text, inputs = _baseline(context, ind, raw, where)
    elif ind.rule == "rank":
        value, text, inputs = _rank_points(context, ind, raw, result, everyone)
    elif ind.rule == "awards":
        value, text, inputs = _awards(ind, raw, where)
    elif ind.rule == "per_count":
        value, text, inputs = _per_count(ind, raw, where)
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
    elif ind.rule == "scaled":
        source = context.scheme.indicator(ind.params["from"])
        got = _score(context, source, raw, result, everyone)
        value = ind.points * got / source.points
        conversion = context.reading("conversion")
        text = (
            f"{ind.label}：按“{source.label}”得分折算 {ind.points} × {report(got)}/{source.points} "
            f"= {report(value)}{conversion.describe()}"
        )
        inputs = {"from": source.id, "source_score": str(got)}
    elif ind.rule == "report":
        entry = raw.get("_report", {})
        case_max = to_decimal(ind.params.get("case_max", 100))
        got = _number(entry, "score", f"{where} report {entry.get('id', '')}")
        if not Decimal(0) <= got <= case_max:
            raise ScoreInputError(f"{where}: report score {got} outside 0..{case_max}")
        value = ind.points * got / case_max
        kind = raw.get("_contest", "")
        label = CONTESTS.get(context.scheme.contest_by or "", {}).get(kind, kind)
        text = f"{ind.label}（{label}）：报告 {entry.get('id', '')} 得分 {report(got)} × {ind.points}/{case_max} = {report(value)}"
        inputs = {"report": entry.get("id"), "score": str(got)}
    else:
        raise ScoreInputError(f"{where}: unknown rule {ind.rule}")
    value = _apply_deductions(ind, raw, result, value)
    if ind.reading:
        text += f"〔读法 {ind.id}：{ind.reading}〕"
    result.steps.append(Step(ind.rule, text, value, inputs))
    if ind.zero_if is not None and raw.get("flags", {}).get(ind.zero_if[0]):
        value = Decimal(0)
        result.steps.append(Step("zero_if", f"{ind.label}：{ind.zero_if[1]}，该项得0分", value))
    result.indicators[ind.id] = value
    return value


def _manual(
    ind: Indicator, raw: dict[str, Any], result: CandidateResult, where: str
) -> tuple[Decimal, str, dict[str, Any]]:
    given = raw.get("manual", {})
    if ind.county_free and result.level == "county" and ind.id not in given and ind.county_free == ind.points:
        value = Decimal(0)  # a wholly * item: the county needs to enter nothing
    else:
        value = _number(given, ind.id, f"{result.id}.manual")
    if not Decimal(0) <= value <= ind.points:
        raise ScoreInputError(f"{where}: {value} outside 0..{ind.points}")
    inputs = {"given": str(value)}
    text = f"{ind.label}：评审给分 {report(value)} / {ind.points}"
    if ind.county_free and result.level == "county":
        topped = min(ind.points, value + ind.county_free)
        text += f"；*项县级直接得分 {ind.county_free} → {report(topped)}"
        value = topped
    return value, text, inputs


def _awards(ind: Indicator, raw: dict[str, Any], where: str) -> tuple[Decimal, str, dict[str, Any]]:
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
    text = f"{ind.label}：{len(events)} 项，每组取最高，合计 {report(earned)}，上限 {cap} → {report(value)}"
    return value, text, {"events": events}


def _per_count(ind: Indicator, raw: dict[str, Any], where: str) -> tuple[Decimal, str, dict[str, Any]]:
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
    return value, text, {"counts": counts}


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


def _required(part: Part, result: CandidateResult) -> tuple[str, ...]:
    if result.level in part.requires:
        return part.requires[result.level]
    if "*" in part.requires:
        return part.requires["*"]
    if part.requires:
        levels = "、".join(LEVEL_LABELS.get(k, k) for k in part.requires)
        raise ScoreInputError(
            f"{result.id}: the scheme asks different case files of each level ({levels}) and the "
            f"candidate's level is '{result.level or '未设定'}' (set it with: reviewdesk level CANDIDATE city|county)"
        )
    return ()


def _category(case: dict[str, Any]) -> str:
    return f"{case.get('selection')}/{case.get('case_type')}"


def _submission_order(cases: list[dict[str, Any]], members: list[int]) -> tuple[list[int], str]:
    """First to last submitted: by date when every copy has one, else folder order, else input order."""
    if all(cases[i].get("submitted") for i in members):
        return sorted(members, key=lambda i: (str(cases[i]["submitted"]), i)), "按报送日期"
    if all(cases[i].get("path") for i in members):
        return sorted(members, key=lambda i: (str(cases[i]["path"]), i)), "按目录顺序"
    return sorted(members), "按录入顺序"


def _duplicates(context: _Context, cases: list[dict[str, Any]]) -> dict[int, tuple[bool, str]]:
    """For each copy of a file submitted under two categories: (scores 0?, why)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, case in enumerate(cases):
        groups[str(case.get("sha256") or case.get("id"))].append(index)
    marks: dict[int, tuple[bool, str]] = {}
    for members in groups.values():
        if len(members) < 2 or len({_category(cases[i]) for i in members}) < 2:
            continue
        reading = context.reading("duplicate_zero")
        if reading.value == "finding":
            for i in members:
                marks[i] = (
                    False,
                    f"同一案卷作为两类案卷报送：方案未规定按0分计，不改分，列为问题{reading.describe()}",
                )
            continue
        order, basis = _submission_order(cases, members)
        keep = order[0] if reading.value == "later" else order[-1]
        kept = cases[keep]
        others = [i for i in members if i != keep and _category(cases[i]) != _category(kept)]
        where = "在后" if reading.value == "later" else "在先"
        for i in others:
            marks[i] = (
                True,
                f"与 {kept.get('id')}（{_category(kept)}）为同一案卷重复报送，{basis}此份{where}，按0分计"
                f"{reading.describe()}",
            )
        names = "、".join(str(cases[i].get("id")) for i in others)
        marks[keep] = (False, f"与 {names} 为同一案卷，{basis}保留此份{reading.describe()}")
    return marks


def _case_quality(
    context: _Context, ind: Indicator, raw: dict[str, Any], result: CandidateResult
) -> tuple[Decimal, str, dict[str, Any]]:
    case_max = to_decimal(ind.params.get("case_max", 100))
    regional = set(ind.params.get("regional_average_for", []))
    averages = context.region.get("case_type_average", {})
    parts = ind.parts or (Part("any", ind.points, {}),)
    cases = list(raw.get("cases", []))
    duplicates = _duplicates(context, cases)
    effective: list[tuple[dict[str, Any], Decimal, str]] = []
    for index, case in enumerate(cases):
        score = to_decimal(case.get("score", 0))
        if not Decimal(0) <= score <= case_max:
            raise ScoreInputError(f"{result.id}: case {case.get('id')} score {score} outside 0..{case_max}")
        notes = []
        if case.get("published") is False:
            unpublished = context.reading("unpublished")
            if unpublished.value == "zero":
                score = Decimal(0)
                notes.append(f"处罚情况未在门户网站公开，按0分计{unpublished.describe()}")
            else:
                notes.append(f"处罚情况未公开：方案只要求公开，不改分，列为问题{unpublished.describe()}")
                finding = f"案卷 {case.get('id')} 处罚情况未在门户网站公开"
                if finding not in result.findings:
                    result.findings.append(finding)
        if index in duplicates:
            zero, why = duplicates[index]
            if "列为问题" in why:
                result.findings.append(f"案卷 {case.get('id')} 与另一份为同一案卷，作为两类案卷报送")
            score = Decimal(0) if zero else score
            notes.append(why)
        effective.append((case, score, "；".join(notes)))
    total = Decimal(0)
    texts = []
    how = ""
    for part in parts:
        mine = [e for e in effective if part.selection == "any" or e[0].get("selection") == part.selection]
        slots: list[tuple[str, Decimal]] = []
        required = _required(part, result)
        penalty_case = "any_penalty"
        if "penalty_case" in required:
            reading = context.reading("penalty_case")
            penalty_case, how = reading.value, how + reading.describe()
        filled = fill_slots([e[0].get("case_type") for e in mine], required, penalty_case)
        unused = [e for i, e in enumerate(mine) if i not in filled]
        for case_type, slot in zip(required, filled, strict=True):
            if slot is not None:
                match = mine[slot]
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
    text = f"{ind.label}：" + "；".join(texts) + how
    return total, text, {"cases": [e[0].get("id") for e in effective]}


def _type_label(case_type: str) -> str:
    return REQUIREMENT_LABELS.get(case_type, case_type)


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
    threshold_reading = context.reading("baseline_threshold")
    threshold = to_decimal(ind.params.get("threshold", threshold_reading.value))
    at = context.reading("baseline_at_threshold")
    below = context.reading("baseline_below")
    baseline = region_total * share
    needed = threshold * baseline
    if value > needed or (value == needed and at.value == "full"):
        points, sign = ind.points, "≥" if value == needed else ">"
    elif value == needed:
        points, sign = Decimal(0), "="
    elif below.value == "proportional" and needed > 0:
        points, sign = ind.points * value / needed, "<"
    else:
        points, sign = Decimal(0), "<"
    used = f"{threshold_reading.describe() if 'threshold' not in ind.params else ''}"
    if value == needed:
        used += at.describe()
    if value < needed:
        used += below.describe()
    text = (
        f"{ind.label}：基准值 = {report(region_total)} × {share:.4f} = {report(baseline)}；"
        f"实际 {report(value)} {sign} {threshold} × 基准值 = {report(needed)} → {report(points)}{used}"
    )
    return points, text, {"value": str(value), "baseline": str(baseline), "threshold": str(threshold)}


def _pool(context: _Context, result: CandidateResult) -> tuple[str, str]:
    """(key, words) of the list a candidate is ranked in."""
    if result.contest is not None:
        labels = CONTESTS.get(context.scheme.contest_by or "", {})
        return result.contest, f"{labels.get(result.contest, result.contest)}项"
    ranking = context.reading("ranking")
    if ranking.value == "by_level":
        if not result.level:
            raise ScoreInputError(
                f"{result.id}: ranked per level, but the candidate's level is not set "
                "(reviewdesk level CANDIDATE city|county)"
            )
        return result.level, f"同为{LEVEL_LABELS.get(result.level, result.level)}"
    return "", "全部"


def _rank_points(
    context: _Context,
    ind: Indicator,
    raw: dict[str, Any],
    result: CandidateResult,
    everyone: list[CandidateResult],
) -> tuple[Decimal, str, dict[str, Any]]:
    key = ind.params["value"]
    mine = _number(raw.get("values", {}), key, f"{result.id}.{ind.id}")
    pool, words = _pool(context, result)
    peers = []
    for other_raw, other in zip(context.candidates, everyone, strict=True):
        if other.vetoed or _pool(context, other)[0] != pool:
            continue
        peers.append(_number(other_raw.get("values", {}), key, f"{other.id}.{ind.id}"))
    rank = 1 + sum(1 for v in peers if v > mine)
    n = len(peers)
    formula = context.reading("rank_formula")
    how = context.reading("ranking").describe() if result.contest is None else ""
    if formula.value == "top_share":
        top = max(peers)
        value = ind.points * mine / top if top > 0 else Decimal(0)
        text = (
            f"{ind.label}：{report(mine)}，{words} {n} 个候选中最高 {report(top)} → "
            f"{ind.points} × {report(mine)}/{report(top)} = {report(value)}"
        )
    else:
        value = ind.points * Decimal(n - rank + 1) / Decimal(n)
        text = (
            f"{ind.label}：{report(mine)}，{words} {n} 个候选中第 {rank} 名 → "
            f"{ind.points} × {n - rank + 1}/{n} = {report(value)}"
        )
    return value, text + how + formula.describe(), {"value": str(mine), "rank": rank, "of": n}


def _passes(context: _Context, result: CandidateResult) -> bool:
    scheme = context.scheme
    rule = scheme.pass_rule
    assert rule is not None and result.total is not None
    failures = []
    for category in scheme.children(None):
        if not category.in_total or category.is_bonus:
            continue
        if not result.indicators[category.id] > rule.category_fraction * category.points:
            failures.append(f"{category.label} 未高于 {report(rule.category_fraction * category.points)}")
    for ident, minimum in rule.thresholds.items():
        if result.indicators.get(ident, Decimal(0)) < minimum:
            failures.append(f"{scheme.indicator(ident).label} 未达到 {minimum}")
    total, how = result.total, ""
    if any(i.is_bonus for i in scheme.children(None)):
        with_bonus = context.reading("pass_total_includes_bonus")
        if with_bonus.value == "no":
            total = result.total - result.bonus
        how = f"（总得分 {report(total)}{with_bonus.describe()}）"
    if not total > rule.total_above:
        failures.append(f"总分未高于 {rule.total_above}")
    verdict = "；".join(failures) if failures else "各项均满足"
    result.steps.append(Step("pass_rule", f"{rule.label}判定：{verdict}{how}", Decimal(int(not failures))))
    return not failures


def _rank(context: _Context, results: list[CandidateResult]) -> None:
    """Rank within each list (all, per level or per contest); the top ``places`` are selected."""
    scheme = context.scheme
    pools: dict[str, list[CandidateResult]] = defaultdict(list)
    words: dict[str, str] = {}
    ranked = [r for r in results if r.total is not None]
    for result in ranked:
        key, words[key] = _pool(context, result)
        pools[key].append(result)
    for members in pools.values():
        for member in members:
            member.rank = 1 + sum(1 for m in members if (m.total or 0) > (member.total or 0))
    shared = scheme.contest_by is not None and context.reading("contest_places").value == "shared"
    if shared:
        lists = {"": sorted(ranked, key=lambda r: r.total or Decimal(0), reverse=True)}
    else:
        lists = {k: sorted(v, key=lambda r: r.total or Decimal(0), reverse=True) for k, v in pools.items()}
    how = context.reading("contest_places" if scheme.contest_by else "ranking").describe()
    for key, members in lists.items():
        places = scheme.places.get(key, scheme.places.get("*"))
        eligible = [m for m in members if m.passed is not False]
        for member in members:
            member.selected = places is not None and member in eligible[:places]
            pool_key, pool_words = _pool(context, member)
            where = f"{pool_words}{len(pools[pool_key])}个候选中第 {member.rank} 名"
            quota = f"各项合用名额 {places}" if shared else f"名额 {places}"
            chosen = f"，{quota}，{'入选' if member.selected else '未入选'}" if places is not None else ""
            member.steps.append(Step("ranking", f"排名：{where}{chosen}{how}", Decimal(member.rank or 0)))
