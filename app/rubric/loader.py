"""Reading a rubric TOML file into the model, reporting every problem with its file, line and item.

tomllib gives no positions, so lines are found in the text: the line of an entry's ``id = "…"``,
or of a top-level key. Unknown keys are errors: a typo must not silently drop a rule.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.rubric.item_types import KINDS, POINTS
from app.rubric.model import (
    DeductionGroup,
    Element,
    Fact,
    Gate,
    Item,
    Reading,
    Rubric,
    Scoring,
)
from app.rubric.rounding import to_decimal

TOP_KEYS = {"id", "title", "version", "source", "notes", "scoring", "groups", "items", "deductions", "gates"}
TOP_KEYS |= {"facts", "readings", "family", "case_types", "family_default"}
SCORING_KEYS = {"method", "total", "base", "weight", "items_total", "floor", "normative_floor", "bonus"}
ITEM_KEYS = {  # each kind adds its own (``item_types.ItemType.keys``)
    "id",
    "label",
    "points",
    "kind",
    "step",
    "group",
    "document",
    "missing",
    "not_applicable",
    "note",
    "bonus",
    "applies_if",
}
DEDUCTION_KEYS = {"id", "label", "cap", "elements", "apply", "documents", "note"}
DEDUCTION_KEYS |= {"document_key", "whole_key", "whole_label"}
GATE_KEYS = {"id", "label", "description", "group"}
PART_KEYS = {"id", "label", "points", "zeroes_item"}
ELEMENT_KEYS = {"id", "label", "points", "checks", "flags"}
PRESENTATION_KEYS = {"checks", "flags", "document_key", "whole_key", "whole_label"}
"""keys that change what the desk shows, never a score: outside the content hash, so a sheet that
gains hints keeps its hash and every package signed under it stays verifiable"""
FACT_KEYS = {"id", "label", "question"}
READING_KEYS = {"id", "value", "text"}


@dataclass(frozen=True)
class RubricProblem:
    path: str
    line: int
    item: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: [{self.item or '-'}] {self.message}"


class RubricError(Exception):
    """A rubric that cannot be used; carries every problem found."""

    def __init__(self, problems: list[RubricProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def content_hash(data: dict[str, Any]) -> str:
    """The hash of what a rubric says, not how the file is laid out: canonical JSON of the parsed TOML.

    Presentation keys (``PRESENTATION_KEYS``, in deduction groups and their elements) are left out.
    """
    canonical = json.dumps(
        _scoring_content(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _scoring_content(data: dict[str, Any]) -> dict[str, Any]:
    groups = data.get("deductions")
    if not isinstance(groups, list):
        return data

    def strip(table: object) -> object:
        if not isinstance(table, dict):
            return table
        kept = {k: v for k, v in table.items() if k not in PRESENTATION_KEYS}
        if isinstance(kept.get("elements"), list):
            kept["elements"] = [strip(e) for e in kept["elements"]]
        return kept

    return {**data, "deductions": [strip(g) for g in groups]}


class SourceReader:
    """Reads typed values out of parsed TOML, collecting problems with the line they stand on."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[RubricProblem] = []

    def line_of_id(self, ident: str) -> int:
        pattern = re.compile(rf'^\s*(?:\{{\s*)?id\s*=\s*"{re.escape(ident)}"')
        for number, line in enumerate(self.lines, start=1):
            if pattern.search(line) or f'id = "{ident}"' in line:
                return number
        return 0

    def line_of_key(self, key: str) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=|^\s*\[+{re.escape(key)}\]+")
        for number, line in enumerate(self.lines, start=1):
            if pattern.search(line):
                return number
        return 0

    def problem(self, line: int, item: str, message: str) -> None:
        self.problems.append(RubricProblem(self.path, line, item, message))

    def unknown_keys(self, table: dict[str, Any], allowed: set[str], item: str, line: int) -> None:
        for key in sorted(set(table) - allowed):
            self.problem(self.line_of_key(key) or line, item, f"unknown key '{key}'")

    def text(self, table: dict[str, Any], key: str, item: str, line: int, default: str | None = None) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or (default is None and not value):
            self.problem(line, item, f"'{key}' must be a non-empty string")
            return ""
        return value

    def number(
        self, table: dict[str, Any], key: str, item: str, line: int, default: object = None
    ) -> Decimal:
        value = table.get(key, default)
        try:
            return to_decimal(value)
        except (TypeError, ArithmeticError):
            self.problem(line, item, f"'{key}' must be a number, not {value!r}")
            return Decimal(0)

    def names(self, table: dict[str, Any], key: str, item: str, line: int) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(line, item, f"'{key}' must be a list of strings")
            return ()
        return tuple(value)

    def parts(
        self, raw: object, item: str, line: int, key: str, allowed: set[str] = PART_KEYS
    ) -> list[tuple[str, str, Decimal, bool]]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.problem(line, item, f"'{key}' must be a list")
            return []
        found = []
        for entry in raw:
            if not isinstance(entry, dict):
                self.problem(line, item, f"each of '{key}' must be a table")
                continue
            ident = entry.get("id", "")
            where = self.line_of_id(ident) or line
            self.unknown_keys(entry, allowed, f"{item}.{ident}", where)
            found.append(
                (
                    self.text(entry, "id", item, where),
                    self.text(entry, "label", f"{item}.{ident}", where),
                    self.number(entry, "points", f"{item}.{ident}", where),
                    entry.get("zeroes_item", False) is True,
                )
            )
        return found


def parse_rubric(text: str, path: str = "<rubric>") -> tuple[Rubric | None, list[RubricProblem]]:
    """The rubric and the problems found while reading it (a rubric is None only when unreadable)."""
    reader = SourceReader(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        reader.problem(int(match.group(1)) if match else 0, "", f"not valid TOML: {exc}")
        return None, reader.problems
    reader.unknown_keys(data, TOP_KEYS, "", 0)
    rubric_id = reader.text(data, "id", "", reader.line_of_key("id"))
    scoring_raw = data.get("scoring", {})
    if not isinstance(scoring_raw, dict):
        reader.problem(reader.line_of_key("scoring"), "", "[scoring] must be a table")
        scoring_raw = {}
    scoring_line = reader.line_of_key("scoring")
    reader.unknown_keys(scoring_raw, SCORING_KEYS, "scoring", scoring_line)
    scoring = Scoring(
        method=reader.text(scoring_raw, "method", "scoring", scoring_line),
        total=reader.number(scoring_raw, "total", "scoring", scoring_line),
        base=reader.number(scoring_raw, "base", "scoring", scoring_line, 0),
        weight=reader.number(scoring_raw, "weight", "scoring", scoring_line, 0),
        items_total=reader.number(scoring_raw, "items_total", "scoring", scoring_line)
        if "items_total" in scoring_raw
        else None,
        floor=reader.number(scoring_raw, "floor", "scoring", scoring_line, 0),
        normative_floor=None
        if scoring_raw.get("normative_floor") == "none"
        else reader.number(scoring_raw, "normative_floor", "scoring", scoring_line, 0),
        bonus=str(scoring_raw.get("bonus", "case_score")),
    )
    items = tuple(_item(reader, raw) for raw in _tables(reader, data, "items"))
    deductions = tuple(_deduction(reader, raw) for raw in _tables(reader, data, "deductions"))
    gates = [
        Gate(
            reader.text(raw, "id", "", line),
            reader.text(raw, "label", str(raw.get("id", "")), line),
            str(raw.get("description", "")),
            str(raw.get("group", "")),
            line,
        )
        for raw, line in _entries(reader, data, "gates", GATE_KEYS)
    ]
    facts = [
        Fact(
            reader.text(raw, "id", "", line),
            reader.text(raw, "label", str(raw.get("id", "")), line),
            str(raw.get("question", "")),
            line,
        )
        for raw, line in _entries(reader, data, "facts", FACT_KEYS)
    ]
    readings = [
        Reading(
            reader.text(raw, "id", "", line),
            str(raw.get("value", "")),
            reader.text(raw, "text", str(raw.get("id", "")), line),
            line,
        )
        for raw, line in _entries(reader, data, "readings", READING_KEYS)
    ]
    case_types = data.get("case_types", [])
    if not isinstance(case_types, list) or not all(isinstance(t, str) for t in case_types):
        reader.problem(reader.line_of_key("case_types"), "", "'case_types' must be a list of strings")
        case_types = []
    groups = data.get("groups", {})
    notes = data.get("notes", [])
    rubric = Rubric(
        id=rubric_id,
        title=reader.text(data, "title", "", reader.line_of_key("title")),
        version=str(data.get("version", "")),
        source=reader.text(data, "source", "", reader.line_of_key("source")),
        scoring=scoring,
        items=items,
        deductions=deductions,
        gates=tuple(gates),
        notes=tuple(notes) if isinstance(notes, list) else (str(notes),),
        path=path,
        content_hash=content_hash(data),
        groups=dict(groups) if isinstance(groups, dict) else {},
        facts=tuple(facts),
        readings=tuple(readings),
        family=str(data.get("family", "")),
        case_types=tuple(case_types),
        family_default=data.get("family_default", False) is True,
    )
    return rubric, reader.problems


def _tables(reader: SourceReader, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    raw = data.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        reader.problem(reader.line_of_key(key), "", f"[[{key}]] must be an array of tables")
        return []
    return raw


def _entries(
    reader: SourceReader, data: dict[str, Any], key: str, allowed: set[str]
) -> Iterator[tuple[dict[str, Any], int]]:
    """Each table of ``[[key]]`` with its line, its unknown keys already reported."""
    for raw in _tables(reader, data, key):
        line = reader.line_of_id(str(raw.get("id", "")))
        reader.unknown_keys(raw, allowed, str(raw.get("id", "")), line)
        yield raw, line


def _item(reader: SourceReader, raw: dict[str, Any]) -> Item:
    ident = str(raw.get("id", ""))
    line = reader.line_of_id(ident)
    kind = str(raw.get("kind", "points"))
    kind_type = KINDS.get(kind, POINTS)  # an unknown kind is reported by the validator
    reader.unknown_keys(raw, ITEM_KEYS | kind_type.keys, ident, line)
    own = kind_type.read(lambda key: reader.parts(raw.get(key), ident, line, key))
    not_applicable = raw.get("not_applicable")
    applies_if = raw.get("applies_if")
    return Item(
        id=reader.text(raw, "id", "", line),
        label=reader.text(raw, "label", ident, line),
        points=reader.number(raw, "points", ident, line),
        kind=kind,
        step=reader.number(raw, "step", ident, line, "0.5"),
        group=str(raw.get("group", "")),
        document=raw.get("document"),
        missing=str(raw.get("missing", "zero")),
        not_applicable=str(not_applicable) if not_applicable is not None else None,
        note=str(raw.get("note", "")),
        bonus=raw.get("bonus", False) is True,
        applies_if=str(applies_if) if applies_if is not None else None,
        line=line,
        **own,
    )


def _deduction(reader: SourceReader, raw: dict[str, Any]) -> DeductionGroup:
    ident = str(raw.get("id", ""))
    line = reader.line_of_id(ident)
    reader.unknown_keys(raw, DEDUCTION_KEYS, ident, line)
    elements = tuple(
        Element(
            *part[:3],
            checks=reader.names(entry, "checks", f"{ident}.{part[0]}", line),
            flags=reader.names(entry, "flags", f"{ident}.{part[0]}", line),
        )
        for part, entry in zip(
            reader.parts(raw.get("elements"), ident, line, "elements", ELEMENT_KEYS),
            [e for e in raw.get("elements") or [] if isinstance(e, dict)],
            strict=True,
        )
    )
    documents = raw.get("documents", [])
    return DeductionGroup(
        id=reader.text(raw, "id", "", line),
        label=reader.text(raw, "label", ident, line),
        cap=reader.number(raw, "cap", ident, line),
        elements=elements,
        apply=str(raw.get("apply", "once")),
        documents=tuple(documents) if isinstance(documents, list) else (),
        note=str(raw.get("note", "")),
        line=line,
        document_key=str(raw.get("document_key", "p{page}")),
        whole_key=str(raw.get("whole_key", "全卷")),
        whole_label=str(raw.get("whole_label", raw.get("whole_key", "全卷"))),
    )


def load_rubric(path: Path) -> Rubric:
    """Parse and validate a rubric file; raises RubricError listing every problem."""
    from app.rubric.validate import validate

    rubric, problems = parse_rubric(path.read_text(encoding="utf-8"), str(path))
    if rubric is not None:
        problems += validate(rubric)
    if problems or rubric is None:
        raise RubricError(problems)
    return rubric
