"""Each kind of rubric item in one place: read from TOML, checked, scored, typed at the CLI, described.

A sheet line is scored one of three ways: ``points`` (one number, 0..points in steps), ``criteria``
(the 2024 sheets' 评分细则: a number per criterion, the item earning their sum) or ``level`` (choose one
of a few named levels). The loader, validator, engine, CLI and score sheet ask ``item_type(item)``
and never branch on the kind themselves; the desk's editors are chosen by ``ItemType.kind`` in
``app.ui.item_editors``. Adding a kind means one class here, one editor there, and their tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from app.rubric.model import Criterion, Item, Level
from app.rubric.rounding import format_points, to_decimal


class ScoreInputError(ValueError):
    """The inputs do not fit the rubric; the message names the item."""


class CliValueError(ValueError):
    """A value typed at the CLI that is not one of this item's values (the CLI words it bilingually)."""


@dataclass(frozen=True)
class Part:
    """One line under an item on a score sheet or in an explanation: a criterion or the level chosen."""

    id: str
    label: str
    points: Decimal
    given: Decimal | None
    """None: not scored (yet)"""
    excluded: bool = False
    """无需评审: out of the item's standard points"""


ReadParts = Callable[[str], list[tuple[str, str, Decimal, bool]]]
"""the loader's reader of a list of parts under a key (id, label, points, zeroes_item), lines reported"""


class ItemType(Protocol):
    kind: str
    """the value of ``kind`` in the rubric file, or ``criteria`` for points scored by their criteria"""
    keys: frozenset[str]
    """the TOML keys this kind adds to an item's common ones (any other is an unknown key)"""
    editor: str
    """the shape of input the desk offers: ``number`` (one box), ``parts`` (a box per criterion) or
    ``choice`` (one of listed options). A new kind that takes one of these shapes needs no change in
    the desk; only a new shape does (the desk is the one package that may draw widgets)."""

    def read(self, parts: ReadParts) -> dict[str, Any]:
        """The kind's own fields of ``Item``, from its keys."""

    def problems(self, item: Item) -> list[str]:
        """What is wrong with this item as written (the validator words the line and file)."""

    def score(self, item: Item, raw: object) -> tuple[Decimal, Decimal, dict[str, Any]]:
        """(points earned, standard points that count, inputs used), checked against the item's bounds."""

    def cli_value(self, item: Item, part: str, text: str) -> tuple[str, Any]:
        """The score path and stored value of ``ITEM[.PART]=TEXT`` typed at ``score set``."""

    def parts(self, item: Item, raw: object) -> list[Part]:
        """The lines under the item, with what was given for each (criteria, or the level chosen)."""

    def progress(self, item: Item, raw: object) -> tuple[int, int]:
        """(parts given, parts to give): an item is scored when both are equal and above zero."""

    def describe(self, raw: object) -> str:
        """A stored value as a person reads it (history, CLI): ``5.25``, ``生产 5.25 + 手续 5.25``."""


def _number(text: str, what: str) -> Decimal:
    try:
        number = to_decimal(text)
    except (ArithmeticError, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite():
        raise CliValueError(what)
    return number


def _as_stored(number: Decimal) -> int | float:
    """What the store keeps (JSON numbers, as the desk writes them)."""
    return int(number) if number == number.to_integral_value() else float(number)


class PointsType:
    """One number for the item: 0..points, a multiple of its step."""

    kind = "points"
    keys = frozenset({"criteria"})
    editor = "number"

    def read(self, parts: ReadParts) -> dict[str, Any]:
        return {"criteria": tuple(Criterion(*p) for p in parts("criteria"))}

    def problems(self, item: Item) -> list[str]:
        if item.step <= 0 or (item.points / item.step) % 1 != 0:
            return [f"step {item.step} does not divide the item's {item.points} points"]
        return []

    def score(self, item: Item, raw: object) -> tuple[Decimal, Decimal, dict[str, Any]]:
        if isinstance(raw, dict):
            raise ScoreInputError(f"{item.id}: give the item's points as a number")
        try:
            points = to_decimal(raw)
        except TypeError as exc:
            raise ScoreInputError(f"{item.id}: {exc}") from exc
        if points > item.points:
            raise ScoreInputError(f"{item.id}: {points} is above the item's {item.points} points")
        if points < 0:
            raise ScoreInputError(f"{item.id}: {points} is below zero")
        if (points / item.step) % 1 != 0:
            raise ScoreInputError(f"{item.id}: {points} is not a multiple of the step {item.step}")
        return points, item.points, {"points": str(points)}

    def cli_value(self, item: Item, part: str, text: str) -> tuple[str, Any]:
        if part:
            raise CliValueError(f"{item.id} has no criteria")
        return f"scores/{item.id}", _as_stored(_number(text, item.id))

    def parts(self, item: Item, raw: object) -> list[Part]:
        return []

    def progress(self, item: Item, raw: object) -> tuple[int, int]:
        return (0 if raw is None else 1), 1

    def describe(self, raw: object) -> str:
        return format_points(raw) if isinstance(raw, int | float | Decimal) or raw is None else str(raw)


class CriteriaType(PointsType):
    """Points earned criterion by criterion (评分细则); the item earns their sum.

    A criterion left out earns 0 once the item is scored, and one listed under ``not_applicable``
    leaves both the earned and the standard points (the sheet's “对应项目无需评审”). A ``zeroes_item``
    criterion that earns 0 makes the whole item earn 0 (“若无，本项得0分”). A plain number is still
    read (the item's total given at once, as older stores and packages have it).
    """

    kind = "criteria"
    editor = "parts"

    def problems(self, item: Item) -> list[str]:
        found = super().problems(item)
        total = sum((c.points for c in item.criteria), Decimal(0))
        if total != item.points:
            found.append(f"criteria add up to {total}, not the item's {item.points} points")
        found += [f"criterion '{c.id}' must be worth more than zero" for c in item.criteria if c.points <= 0]
        return found

    def score(self, item: Item, raw: object) -> tuple[Decimal, Decimal, dict[str, Any]]:
        if not isinstance(raw, dict):
            return super().score(item, raw)
        if "criteria" not in raw:
            raise ScoreInputError(f"{item.id}: give its criteria or its points")
        known = {c.id: c for c in item.criteria}
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
        used: dict[str, Any] = {"criteria": {k: str(v) for k, v in given.items()}, "not_applicable": excluded}
        zeroing = [
            c.id
            for c in item.criteria
            if c.zeroes_item and c.id not in excluded and to_decimal(given.get(c.id, 0)) == 0
        ]
        if zeroing:
            used["zeroed_by"] = zeroing
            total = Decimal(0)
        return total, standard, used

    def cli_value(self, item: Item, part: str, text: str) -> tuple[str, Any]:
        if not part:
            return super().cli_value(item, part, text)
        if part not in {c.id for c in item.criteria}:
            raise CliValueError(f"{item.id} has no criterion {part}")
        return f"scores/{item.id}/{part}", _as_stored(_number(text, f"{item.id}.{part}"))

    def parts(self, item: Item, raw: object) -> list[Part]:
        given = raw.get("criteria", {}) if isinstance(raw, dict) else {}
        excluded = set(raw.get("not_applicable", [])) if isinstance(raw, dict) else set()
        return [
            Part(
                c.id,
                c.label,
                c.points,
                None if c.id not in given else to_decimal(given[c.id]),
                c.id in excluded,
            )
            for c in item.criteria
        ]

    def progress(self, item: Item, raw: object) -> tuple[int, int]:
        if raw is not None and not isinstance(raw, dict):
            return len(item.criteria), len(item.criteria)  # the total given at once
        parts = [p for p in self.parts(item, raw) if not p.excluded]
        return sum(1 for p in parts if p.given is not None), len(parts)

    def describe(self, raw: object) -> str:
        if isinstance(raw, dict) and "criteria" in raw:
            given = raw["criteria"]
            return " + ".join(f"{k} {format_points(v)}" for k, v in given.items()) or "—"
        return super().describe(raw)


class LevelType:
    """One of a few named levels (优/良/中/差), each worth its points."""

    kind = "level"
    editor = "choice"
    keys = frozenset({"levels"})

    def read(self, parts: ReadParts) -> dict[str, Any]:
        return {"levels": tuple(Level(*p[:3]) for p in parts("levels"))}

    def problems(self, item: Item) -> list[str]:
        found = [] if item.levels else ["a level item needs levels"]
        found += [
            f"level '{level.id}' gives {level.points}, outside 0..{item.points}"
            for level in item.levels
            if not Decimal(0) <= level.points <= item.points
        ]
        return found

    def score(self, item: Item, raw: object) -> tuple[Decimal, Decimal, dict[str, Any]]:
        if not isinstance(raw, dict) or "level" not in raw:
            raise ScoreInputError(f"{item.id}: choose a level, not a number")
        levels = {lv.id: lv for lv in item.levels}
        if raw["level"] not in levels:
            raise ScoreInputError(f"{item.id}: unknown level '{raw['level']}'")
        return levels[raw["level"]].points, item.points, {"level": raw["level"]}

    def cli_value(self, item: Item, part: str, text: str) -> tuple[str, Any]:
        if part or text not in {lv.id for lv in item.levels}:
            raise CliValueError(f"{item.id}: one of {', '.join(lv.id for lv in item.levels)}")
        return f"scores/{item.id}", {"level": text}

    def parts(self, item: Item, raw: object) -> list[Part]:
        chosen = raw.get("level") if isinstance(raw, dict) else None
        return [Part(lv.id, lv.label, lv.points, lv.points) for lv in item.levels if lv.id == chosen]

    def progress(self, item: Item, raw: object) -> tuple[int, int]:
        return (1 if isinstance(raw, dict) and raw.get("level") else 0), 1

    def describe(self, raw: object) -> str:
        return str(raw.get("level")) if isinstance(raw, dict) else format_points(None)


POINTS = PointsType()
CRITERIA = CriteriaType()
LEVEL = LevelType()
KINDS: dict[str, ItemType] = {"points": POINTS, "level": LEVEL}
"""what ``kind =`` may say in a rubric file (``criteria`` follows from a ``points`` item's criteria)"""


def item_type(item: Item) -> ItemType:
    """The type that scores this item: its kind, or points by criteria when it lists criteria."""
    if item.kind == "points" and item.criteria:
        return CRITERIA
    return KINDS.get(item.kind, POINTS)


def describe_value(path: str, value: object, items: dict[str, Item]) -> str:
    """A stored value at ``path`` as a person reads it: points through the one formatter, — for none."""
    section, _, rest = path.partition("/")
    if value is None:
        return format_points(None)
    if section == "scores":
        item_id, _, criterion = rest.partition("/")
        item = items.get(item_id)
        if criterion or item is None:
            return POINTS.describe(value)
        return item_type(item).describe(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return format_points(value)
    return str(value)
