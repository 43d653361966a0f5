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
  ``bonus_cap``.
Any indicator may take deductions (``deduction_cap``); when they exceed what it earned, it scores 0.
Vetoes (一票否决) remove a candidate; ``pass_rule`` decides 达标; ``places`` ranks per level.
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

RULES = ("sum", "manual", "case_quality", "baseline", "rank", "awards", "per_count", "proportional", "bonus")
CASE_TYPES = (
    "general_penalty",
    "four_measures",
    "daily_penalty",
    "seizure",
    "production_limit",
    "detention_referral",
    "crime_referral",
    "court_enforcement",
    "audit_case",
)
TOP_KEYS = {"kind", "id", "title", "version", "source", "candidate", "notes", "total", "bonus_cap"}
TOP_KEYS |= {"places", "indicators", "vetoes", "pass_rule", "documents"}
PARAM_KEYS = {"case_max", "regional_average_for", "value", "total", "share", "threshold", "cap", "max_each"}
PARAM_KEYS |= {"rates", "target", "flag", "cases"}
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
}
INDICATOR_KEYS |= {"parts"} | PARAM_KEYS
REQUIRED_PARAMS = {
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
    )
    return scheme, reader.problems + validate_scheme(scheme)


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
        if ind.rule == "case_quality":
            if ind.parts and sum((p.points for p in ind.parts), Decimal(0)) != ind.points:
                say(*where, f"parts add up to {sum(p.points for p in ind.parts)}, not {ind.points}")
            for part in ind.parts:
                for types in part.requires.values():
                    for case_type in types:
                        if case_type not in CASE_TYPES:
                            say(*where, f"unknown case type '{case_type}'")
    roots = [i for i in scheme.children(None) if i.in_total and i.rule != "bonus"]
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
