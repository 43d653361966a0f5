"""A rubric as data: items with their points, deductions, gates, and the formula that combines them.

The file format is TOML (see ``loader``); these classes are what it parses into. Nothing here
evaluates code: the formula is one of a few fixed combinators with parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Criterion:
    """One 评分细则 line; ``zeroes_item``: when it earns 0 the whole item earns 0 (“若无，本项得0分”)."""

    id: str
    label: str
    points: Decimal
    zeroes_item: bool = False


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    points: Decimal


@dataclass(frozen=True)
class Item:
    """One scored line of the sheet.

    kind: ``points`` (0..points in steps, or the sum of its criteria) or ``level`` (choose one).
    missing: what a missing document means — ``zero`` (无…本项得0分) or ``not_applicable``.
    not_applicable: when set, the condition under which the item is 无需评审 (out of the denominator).
    bonus: a 加分项 — outside the standard points, added as ``Scoring.bonus`` says.
    applies_if: a yes/no case fact (``Rubric.facts``) the item depends on: “no” makes it 无需评审,
    and a missing document cannot be scored until the expert has answered.
    """

    id: str
    label: str
    points: Decimal
    kind: str = "points"
    step: Decimal = Decimal("0.5")
    group: str = ""
    document: str | None = None
    missing: str = "zero"
    not_applicable: str | None = None
    note: str = ""
    criteria: tuple[Criterion, ...] = ()
    levels: tuple[Level, ...] = ()
    bonus: bool = False
    applies_if: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Fact:
    """A yes/no case fact the expert confirms (e.g. 已结案); unknown until answered."""

    id: str
    label: str
    question: str = ""
    line: int = 0


@dataclass(frozen=True)
class Reading:
    """A reading the text does not settle, named, with its value and the words (or silence) behind it."""

    id: str
    value: str
    text: str
    line: int = 0


@dataclass(frozen=True)
class Element:
    """A 基本要素 whose absence deducts its points.

    ``checks`` and ``flags`` name what transcript analysis reports about it (``app.analysis.facts``):
    the desk shows them beside the box as a hint, never a tick. They change no score, so they are
    left out of the rubric's content hash.
    """

    id: str
    label: str
    points: Decimal
    checks: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeductionGroup:
    """基本要素: elements whose absence deducts their points, up to ``cap``.

    apply ``once``: an element missing from any document deducts once (the 2024 sheet's reading of
    "任一文书存在缺少…均扣除该要素对应的分数"); ``per_document``: once for each document missing it.
    """

    id: str
    label: str
    cap: Decimal
    elements: tuple[Element, ...]
    apply: str = "once"
    documents: tuple[str, ...] = ()
    note: str = ""
    line: int = 0
    document_key: str = "p{page}"
    """the key a found document's deductions are stored under (``{page}``: its first page, ``{kind}``)"""
    whole_key: str = "全卷"
    """the key when the group is on the whole case, or none of its documents was found"""
    whole_label: str = "全卷"

    def target_key(self, kind: str, first_page: int) -> str:
        """Where a deduction on one found document is stored; the key ends up in signed packages."""
        return self.document_key.format(page=first_page, kind=kind)


@dataclass(frozen=True)
class Gate:
    """重大问题: any gate found sets the case score to 0 and needs a written reason."""

    id: str
    label: str
    description: str = ""
    group: str = ""
    line: int = 0


@dataclass(frozen=True)
class Scoring:
    """How items and deductions combine into the case score, clamped to [floor, total].

    ``ratio``: base + weight × Σscored / Σstandard(applicable) − Σdeductions (the 2024 formula).
    ``sum``: Σscored − Σdeductions.
    normative_floor: the ratio part after deductions never goes below it (None: no such clamp).
    bonus: where 加分 goes — ``case_score`` (added to the clamped case score, so the total may reach
    total + Σbonus) or ``items_sum`` (added to Σscored but not to Σstandard).
    """

    method: str
    total: Decimal
    base: Decimal = Decimal(0)
    weight: Decimal = Decimal(0)
    items_total: Decimal | None = None
    floor: Decimal = Decimal(0)
    normative_floor: Decimal | None = Decimal(0)
    bonus: str = "case_score"


@dataclass(frozen=True)
class Rubric:
    id: str
    title: str
    version: str
    source: str
    scoring: Scoring
    items: tuple[Item, ...]
    deductions: tuple[DeductionGroup, ...] = ()
    gates: tuple[Gate, ...] = ()
    notes: tuple[str, ...] = ()
    path: str = ""
    content_hash: str = ""
    groups: dict[str, str] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()
    readings: tuple[Reading, ...] = ()
    family: str = ""
    """sheets of one family (e.g. the 2024 细则's six) are chosen per case by ``case_types``"""
    case_types: tuple[str, ...] = ()
    family_default: bool = False
    """the family's sheet for a case whose type no sheet of the family lists"""

    @property
    def bonus_total(self) -> Decimal:
        return sum((i.points for i in self.items if i.bonus), Decimal(0))

    @property
    def standard_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if not i.bonus)

    def reading(self, reading_id: str) -> Reading | None:
        return next((r for r in self.readings if r.id == reading_id), None)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)
