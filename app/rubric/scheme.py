"""Candidate schemes: from case scores and candidate data to indicators, totals and rankings.

They decide 表现突出集体/个人 and 规范化建设 达标.

A scheme is a TOML file with ``kind = "scheme"``: a tree of indicators (``parent`` links), each
computed by one fixed rule with parameters — no formulas are evaluated:

- ``sum``: the sum of its children, at most its points;
- ``manual``: points the panel gives, 0..points;
- ``case_quality``: from the candidate's case scores, in parts (推选/抽选) with their own points and
  required case types; unpublished → 0, the same case in two categories → the later one 0, a missing
  required type → 0 or the region's average for that type;
- ``baseline``: full points when the candidate's value reaches ``threshold`` × (region total × its
  share), else 0;
- ``rank``: points by rank among candidates of the same level: points × (n − rank + 1) / n;
- ``awards``: events worth up to ``max_each``, only the best per group, at most ``cap``;
- ``per_count``: a rate per counted thing, at most ``cap``;
- ``proportional``: points × min(1, value / target);
- ``bonus``: fixed points when a flag is set, outside the total, all bonuses together at most
  ``bonus_cap`` (any root indicator marked ``bonus = true`` counts as 加分 the same way);
- ``scaled``: another indicator's score converted to this one's points (``from``: 折算计分);
- ``report``: the score of the entry's report (重点行业调查报告), for schemes with ``contest_by``.
Any indicator may take deductions (``deduction_cap``); when they exceed what it earned, it scores 0;
``zero_if`` names a flag that makes the indicator 0 whatever it earned (002: 该项得0分).
Vetoes (一票否决) remove a candidate; ``pass_rule`` decides 达标; ``places`` gives the number selected.

Where a notice is silent or says two things, the scheme states its **reading** in ``[readings]``: a
named parameter with a default (``READINGS``), the seed's words (or its silence) as the basis, shown in
every explanation that depends on it. An input file may override a reading for one computation.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.rubric.loader import RubricError, RubricProblem, SourceReader, content_hash
from app.rubric.rounding import to_decimal
from app.vocabulary import CASE_TYPE_LABELS, satisfies

RULES: tuple[str, ...] = (
    *("sum", "manual", "case_quality", "baseline", "rank", "awards", "per_count", "proportional", "bonus"),
    *("scaled", "report"),
)
CASE_TYPES = tuple(CASE_TYPE_LABELS)
"""one list of case types, intake's: a scheme may ask for any type intake can read"""
TOP_KEYS = {"kind", "id", "title", "version", "source", "candidate", "notes", "total", "bonus_cap"}
TOP_KEYS |= {"places", "indicators", "vetoes", "pass_rule", "documents", "readings", "contest_by"}
PARAM_KEYS = {"case_max", "regional_average_for", "value", "total", "share", "threshold", "cap", "max_each"}
PARAM_KEYS |= {"rates", "target", "flag", "cases", "from"}

REQUIREMENT_GROUPS: dict[str, frozenset[str]] = {
    "police_referral": frozenset({"crime_referral", "detention_referral"}),
}
"""requirement words that several case types fill: 000 asks for "1份移送公安机关案卷", and its own list of
重大案件 names both "涉嫌环境污染犯罪移送公安机关案件" and "适用行政拘留移送公安机关案件"."""
PENALTY_CASE_TYPES: dict[str, frozenset[str]] = {
    "general": frozenset({"general_penalty"}),
    "any_penalty": frozenset({"general_penalty", "daily_penalty", "production_limit"}),
}
"""what fills a slot for a plain "行政处罚案卷" (000 推选), by the reading ``penalty_case``"""
REQUIREMENT_LABELS = {**CASE_TYPE_LABELS, "police_referral": "移送公安机关", "penalty_case": "行政处罚"}
CONTESTS = {"industry": {"steel": "钢铁", "thermal_power": "火电", "cement": "水泥", "paper": "造纸"}}
"""entries a candidate may enter separately (004: 钢铁行业执法能手、火电行业执法能手 …)"""


@dataclass(frozen=True)
class ReadingSpec:
    default: str
    choices: tuple[str, ...]
    """allowed values; empty for a number"""
    meaning: str


READINGS: dict[str, ReadingSpec] = {
    "ranking": ReadingSpec(
        "all", ("all", "by_level"), "排名与名额：all 全部候选一个名单；by_level 市级、县级分别排名"
    ),
    "rank_formula": ReadingSpec(
        "linear",
        ("linear", "top_share"),
        "按得票等计分：linear 第r名得 分值×(n−r+1)/n；top_share 分值×本单位数/最高数",
    ),
    "unpublished": ReadingSpec(
        "finding", ("zero", "finding"), "处罚情况未公开：zero 该案按0分计；finding 只作为问题报告，不改分"
    ),
    "duplicate_zero": ReadingSpec(
        "finding",
        ("later", "earlier", "finding"),
        "同一案卷作为两类案卷报送时按0分计的一份：later 后报送的（日期，否则目录顺序，否则录入顺序），"
        "earlier 先报送的；finding 不改分，只作为问题报告",
    ),
    "baseline_threshold": ReadingSpec("0.5", (), "达到基准值的多少倍得满分"),
    "baseline_at_threshold": ReadingSpec("full", ("full", "zero"), "恰好等于阈值时：full 得满分；zero 得0分"),
    "baseline_below": ReadingSpec(
        "zero", ("zero", "proportional"), "低于阈值时：zero 得0分；proportional 按 实际/阈值 比例得分"
    ),
    "penalty_case": ReadingSpec(
        "any_penalty",
        ("any_penalty", "general"),
        "“行政处罚案卷”（未写“一般”）：any_penalty 一般行政处罚、按日连续处罚、限产停产都可以；general 只取一般行政处罚",
    ),
    "conversion": ReadingSpec("linear", ("linear",), "折算计分：linear 本项分值 × 来源得分 / 来源满分"),
    "contest_places": ReadingSpec(
        "shared",
        ("shared", "per_contest"),
        "分项评选的名额：shared 各项合用总名额，按得分高低；per_contest 每项按 places 中该项的名额",
    ),
    "pass_total_includes_bonus": ReadingSpec(
        "yes", ("yes", "no"), "达标判定的“总得分”是否含加分项：yes 含；no 不含"
    ),
}


@dataclass(frozen=True)
class Reading:
    name: str
    value: str
    basis: str = ""
    """the seed's words, or what it leaves unsaid"""
    source: str = "default"
    """default (READINGS), scheme (its [readings]) or input (the computation's input file)"""

    def describe(self) -> str:
        return f"〔读法 {self.name} = {self.value}〕"


def reading_problem(name: str, value: object) -> str | None:
    spec = READINGS.get(name)
    if spec is None:
        return f"unknown reading '{name}' (known: {', '.join(READINGS)})"
    if spec.choices and str(value) not in spec.choices:
        return f"reading {name} must be one of {', '.join(spec.choices)}, not '{value}'"
    if not spec.choices:
        try:
            if to_decimal(value) <= 0:
                return f"reading {name} must be above zero, not {value}"
        except (ArithmeticError, ValueError, TypeError):
            return f"reading {name} must be a number, not '{value}'"
    return None


def meets(case_type: str | None, required: str, penalty_case: str = "any_penalty") -> bool:
    """Does a case of ``case_type`` fill a slot that asks for ``required``?"""
    if required == "penalty_case":
        return case_type in PENALTY_CASE_TYPES[penalty_case]
    group = REQUIREMENT_GROUPS.get(required)
    if group is not None:
        return case_type in group
    return satisfies(case_type, required)


def fill_slots(
    case_types: list[str | None], required: tuple[str, ...], penalty_case: str = "any_penalty"
) -> list[int | None]:
    """For each required slot, the index of the case that fills it (None when none does).

    The narrowest slots choose first, so a 移送行政拘留 case fills "移送公安机关" rather than a
    broader "行政处罚" slot that another case could fill.
    """

    def breadth(required_type: str) -> int:
        return sum(1 for t in CASE_TYPES if meets(t, required_type, penalty_case))

    filled: list[int | None] = [None] * len(required)
    free = list(range(len(case_types)))
    for slot in sorted(range(len(required)), key=lambda i: (breadth(required[i]), i)):
        match = next((i for i in free if meets(case_types[i], required[slot], penalty_case)), None)
        if match is not None:
            free.remove(match)
            filled[slot] = match
    return filled


INDICATOR_KEYS = {
    "id",
    "label",
    "points",
    "rule",
    "parent",
    "note",
    "in_total",
    "county_free",
    "deduction_cap",
    "zero_if",
    "bonus",
    "reading",
}
INDICATOR_KEYS |= {"parts"} | PARAM_KEYS
REQUIRED_PARAMS = {
    "scaled": ("from",),
    "baseline": ("value", "total", "share"),
    "rank": ("value",),
    "proportional": ("value", "target"),
    "bonus": ("flag",),
    "per_count": ("rates",),
    "awards": ("cap",),
}


@dataclass(frozen=True)
class Part:
    selection: str
    points: Decimal
    requires: dict[str, tuple[str, ...]]
    """case types that must be there, by candidate level ('*' for any level)"""


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    points: Decimal
    rule: str
    parent: str | None = None
    note: str = ""
    in_total: bool = True
    county_free: Decimal = Decimal(0)
    deduction_cap: Decimal | None = None
    params: dict[str, Any] = field(default_factory=dict)
    parts: tuple[Part, ...] = ()
    line: int = 0
    zero_if: tuple[str, str] | None = None
    """(flag, the notice's words): when the flag is set the indicator scores 0"""
    bonus: bool = False
    """加分: outside the total, with the other bonuses at most ``bonus_cap``"""
    reading: str = ""
    """where the notice contradicts itself about this indicator (its points …): the reading taken"""

    @property
    def is_bonus(self) -> bool:
        return self.rule == "bonus" or self.bonus


@dataclass(frozen=True)
class Veto:
    id: str
    label: str
    flag: str | None = None
    requires_document: str | None = None


@dataclass(frozen=True)
class PassRule:
    category_fraction: Decimal
    thresholds: dict[str, Decimal]
    total_above: Decimal
    label: str = "达标"


@dataclass(frozen=True)
class Scheme:
    id: str
    title: str
    version: str
    source: str
    candidate: str
    total: Decimal
    indicators: tuple[Indicator, ...]
    vetoes: tuple[Veto, ...] = ()
    bonus_cap: Decimal | None = None
    places: dict[str, int] = field(default_factory=dict)
    pass_rule: PassRule | None = None
    documents: tuple[str, ...] = ()
    """supporting documents each candidate submits (merit_statement, integrity_certificate …)"""
    notes: tuple[str, ...] = ()
    path: str = ""
    content_hash: str = ""
    readings: dict[str, Reading] = field(default_factory=dict)
    """the readings the scheme states; ``reading()`` falls back to READINGS' defaults"""
    contest_by: str | None = None
    """each candidate enters one contest per report kind (004: 重点行业执法能手, per industry)"""

    def reading(self, name: str) -> Reading:
        if name in self.readings:
            return self.readings[name]
        spec = READINGS[name]
        return Reading(name, spec.default, f"默认：{spec.meaning}", "default")

    def per_level_requirements(self) -> bool:
        return any(
            set(part.requires) - {"*"}
            for ind in self.indicators
            if ind.rule == "case_quality"
            for part in ind.parts
        )

    def children(self, parent: str | None) -> list[Indicator]:
        return [i for i in self.indicators if i.parent == parent]

    def indicator(self, ident: str) -> Indicator:
        return next(i for i in self.indicators if i.id == ident)


def is_scheme_text(text: str) -> bool:
    return re.search(r'^\s*kind\s*=\s*"scheme"', text, re.MULTILINE) is not None


def _parts(reader: SourceReader, raw: object, ident: str, line: int) -> tuple[Part, ...]:
    parts = []
    for entry in raw if isinstance(raw, list) else []:
        requires = entry.get("requires", {})
        if isinstance(requires, list):
            requires = {"*": requires}
        parts.append(
            Part(
                str(entry.get("selection", "any")),
                reader.number(entry, "points", ident, line),
                {level: tuple(types) for level, types in requires.items()},
            )
        )
    return tuple(parts)


def parse_scheme(text: str, path: str = "<scheme>") -> tuple[Scheme | None, list[RubricProblem]]:
    reader = SourceReader(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reader.problem(0, "", f"not valid TOML: {exc}")
        return None, reader.problems
    reader.unknown_keys(data, TOP_KEYS, "", 0)
    indicators = []
    for raw in data.get("indicators", []):
        ident = str(raw.get("id", ""))
        line = reader.line_of_id(ident)
        reader.unknown_keys(raw, INDICATOR_KEYS, ident, line)
        params = {k: v for k, v in raw.items() if k in PARAM_KEYS}
        indicators.append(
            Indicator(
                id=reader.text(raw, "id", "", line),
                label=reader.text(raw, "label", ident, line),
                points=reader.number(raw, "points", ident, line),
                rule=str(raw.get("rule", "")),
                parent=raw.get("parent"),
                note=str(raw.get("note", "")),
                in_total=bool(raw.get("in_total", True)),
                county_free=reader.number(raw, "county_free", ident, line, 0),
                deduction_cap=reader.number(raw, "deduction_cap", ident, line)
                if "deduction_cap" in raw
                else None,
                params=params,
                parts=_parts(reader, raw.get("parts"), ident, line),
                line=line,
                zero_if=_zero_if(reader, raw.get("zero_if"), ident, line),
                bonus=bool(raw.get("bonus", False)),
                reading=str(raw.get("reading", "")),
            )
        )
    vetoes = tuple(
        Veto(str(v.get("id", "")), str(v.get("label", "")), v.get("flag"), v.get("requires_document"))
        for v in data.get("vetoes", [])
    )
    pass_raw = data.get("pass_rule")
    pass_rule = None
    if isinstance(pass_raw, dict):
        pass_rule = PassRule(
            to_decimal(pass_raw.get("category_fraction", 0)),
            {k: to_decimal(v) for k, v in pass_raw.get("thresholds", {}).items()},
            to_decimal(pass_raw.get("total_above", 0)),
            str(pass_raw.get("label", "达标")),
        )
    scheme = Scheme(
        id=reader.text(data, "id", "", reader.line_of_key("id")),
        title=reader.text(data, "title", "", reader.line_of_key("title")),
        version=str(data.get("version", "")),
        source=reader.text(data, "source", "", reader.line_of_key("source")),
        candidate=str(data.get("candidate", "")),
        total=reader.number(data, "total", "", reader.line_of_key("total")),
        indicators=tuple(indicators),
        vetoes=vetoes,
        bonus_cap=to_decimal(data["bonus_cap"]) if "bonus_cap" in data else None,
        places={str(k): int(v) for k, v in data.get("places", {}).items()},
        pass_rule=pass_rule,
        documents=tuple(str(d) for d in data.get("documents", [])),
        notes=tuple(data.get("notes", [])),
        path=path,
        content_hash=content_hash(data),
        readings=_readings(reader, data.get("readings", {})),
        contest_by=str(data["contest_by"]) if "contest_by" in data else None,
    )
    return scheme, reader.problems + validate_scheme(scheme)


def _zero_if(reader: SourceReader, raw: object, ident: str, line: int) -> tuple[str, str] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw.get("flag"):
        reader.problem(line, ident, "zero_if needs { flag = NAME, label = WORDS }")
        return None
    return str(raw["flag"]), str(raw.get("label", raw["flag"]))


def _readings(reader: SourceReader, raw: object) -> dict[str, Reading]:
    readings: dict[str, Reading] = {}
    if not isinstance(raw, dict):
        reader.problem(reader.line_of_key("readings"), "readings", "readings must be a table")
        return readings
    for name, given in raw.items():
        value, basis = (
            (given.get("value"), str(given.get("basis", ""))) if isinstance(given, dict) else (given, "")
        )
        problem = reading_problem(name, value)
        if problem:
            reader.problem(reader.line_of_key(name), "readings", problem)
            continue
        readings[name] = Reading(name, str(value), basis, "scheme")
    return readings


def validate_scheme(scheme: Scheme) -> list[RubricProblem]:
    problems: list[RubricProblem] = []

    def say(line: int, item: str, message: str) -> None:
        problems.append(RubricProblem(scheme.path, line, item, message))

    ids = [i.id for i in scheme.indicators]
    for ident in {i for i in ids if ids.count(i) > 1}:
        say(0, ident, f"id '{ident}' is used {ids.count(ident)} times")
    known = set(ids)
    for ind in scheme.indicators:
        where = (ind.line, ind.id)
        if ind.rule not in RULES:
            say(*where, f"rule must be one of {', '.join(RULES)}, not '{ind.rule}'")
        if ind.parent is not None and ind.parent not in known:
            say(*where, f"unknown parent '{ind.parent}'")
        if ind.points <= 0:
            say(*where, "points must be above zero")
        if ind.county_free < 0 or ind.county_free > ind.points:
            say(*where, f"county_free {ind.county_free} outside 0..{ind.points}")
        if ind.deduction_cap is not None and ind.deduction_cap < 0:
            say(*where, f"deduction cap {ind.deduction_cap} is below zero")
        for key in ("cap", "max_each"):
            if key in ind.params and to_decimal(ind.params[key]) < 0:
                say(*where, f"{key} {ind.params[key]} is below zero")
        for param in REQUIRED_PARAMS.get(ind.rule, ()):
            if param not in ind.params:
                say(*where, f"rule '{ind.rule}' needs '{param}'")
        children = scheme.children(ind.id)
        if ind.rule == "sum":
            total = sum((c.points for c in children), Decimal(0))
            if not children:
                say(*where, "a 'sum' indicator needs children")
            elif total != ind.points:
                say(*where, f"children add up to {total}, not the indicator's {ind.points}")
        elif children:
            say(*where, f"only 'sum' indicators have children, not '{ind.rule}'")
        if ind.rule == "scaled":
            source = ind.params.get("from")
            if source not in known or source == ind.id:
                say(*where, f"'from' must name another indicator, not '{source}'")
        if ind.bonus and ind.parent is not None:
            say(*where, "only a top-level indicator can be a bonus")
        if ind.rule == "report" and scheme.contest_by is None:
            say(*where, "rule 'report' needs the scheme's contest_by")
        if ind.rule == "case_quality":
            if ind.parts and sum((p.points for p in ind.parts), Decimal(0)) != ind.points:
                say(*where, f"parts add up to {sum(p.points for p in ind.parts)}, not {ind.points}")
            for part in ind.parts:
                for types in part.requires.values():
                    for case_type in types:
                        if (
                            case_type not in (*CASE_TYPES, "penalty_case")
                            and case_type not in REQUIREMENT_GROUPS
                        ):
                            say(*where, f"unknown case type '{case_type}'")
    if scheme.contest_by is not None and scheme.contest_by not in CONTESTS:
        say(0, "contest_by", f"contest_by must be one of {', '.join(CONTESTS)}, not '{scheme.contest_by}'")
    roots = [i for i in scheme.children(None) if i.in_total and not i.is_bonus]
    root_total = sum((i.points for i in roots), Decimal(0))
    if root_total != scheme.total:
        say(0, "total", f"top-level indicators add up to {root_total}, not the stated total {scheme.total}")
    if scheme.pass_rule is not None:
        for ident in scheme.pass_rule.thresholds:
            if ident not in known:
                say(0, "pass_rule", f"unknown indicator '{ident}' in thresholds")
    return problems


def load_scheme(path: Path) -> Scheme:
    scheme, problems = parse_scheme(path.read_text(encoding="utf-8"), str(path))
    if problems or scheme is None:
        raise RubricError(problems)
    return scheme
