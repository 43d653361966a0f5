"""A balanced, conflict-free, reproducible assignment of case files to experts.

Rules: every case file gets ``per_case`` different experts; no expert gets a case file of their own
unit, of a unit in their region, or of a unit listed among their conflicts (each with a reason).
Balance: cases are taken most-constrained first (fewest eligible experts), each going to the
eligible experts with the fewest cases so far, then single moves even the loads out as far as the
conflicts allow; ties are broken by a random generator seeded with ``seed``, so the same inputs and
seed give the same assignment on any machine (the seed is recorded).

The experts file (JSON, UTF-8)::

    {"experts": [{"id": "E01", "name": "张三", "unit": "德令哈市生态环境局", "region": "德令哈市",
                  "conflicts": [{"unit": "格尔木市生态环境局", "reason": "曾在该局工作"}]}]}
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.intake.unitnames import in_region, same_unit
from app.models.cases import CaseFile

ALGORITHM = "most-constrained-first, least-loaded, seeded ties, then evened out by single moves (v1)"


@dataclass(frozen=True)
class Conflict:
    unit: str
    reason: str


@dataclass(frozen=True)
class Expert:
    id: str
    name: str
    unit: str
    region: str = ""
    conflicts: tuple[Conflict, ...] = ()

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> Expert:
        """One entry of the experts file (also how the station stores an assignment's experts)."""
        conflicts = tuple(
            Conflict(str(c.get("unit", "")), str(c.get("reason", ""))) for c in item.get("conflicts", [])
        )
        return cls(
            str(item["id"]),
            str(item.get("name", item["id"])),
            str(item["unit"]),
            str(item.get("region", "")),
            conflicts,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "unit": self.unit,
            "region": self.region,
            "conflicts": [{"unit": c.unit, "reason": c.reason} for c in self.conflicts],
        }

    def conflict_with(self, unit: str | None) -> str | None:
        """Why this expert may not score a case file of ``unit``, or None."""
        if not unit:
            return None
        if same_unit(unit, self.unit):
            return "本单位 / own unit"
        if self.region and in_region(unit, self.region):
            return f"本地区（{self.region}）/ own region"
        for conflict in self.conflicts:
            if same_unit(conflict.unit, unit):
                return conflict.reason or "回避 / declared conflict"
        return None


@dataclass
class Assignment:
    seed: int
    per_case: int
    experts: list[Expert]
    by_case: dict[int, list[str]] = field(default_factory=dict)
    """case id → expert ids"""
    excluded: list[tuple[int, str, str]] = field(default_factory=list)
    """(case id, expert id, reason) of every conflict that kept an expert off a case"""

    def load(self) -> dict[str, int]:
        counts = {e.id: 0 for e in self.experts}
        for ids in self.by_case.values():
            for ident in ids:
                counts[ident] += 1
        return counts


def read_experts(path: Path) -> list[Expert]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(
            "bad_experts_file",
            f"无法读取专家名单 {path}：{exc}",
            f"cannot read the experts file {path}: {exc}",
        ) from exc
    items = raw.get("experts") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        raise UsageError(
            "bad_experts_file", "专家名单中没有 experts 列表。", "the experts file has no 'experts' list"
        )
    experts = []
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict) or not item.get("id") or not item.get("unit"):
            raise UsageError(
                "bad_experts_file",
                f"专家名单第 {index} 项缺少 id 或 unit。",
                f"expert {index} in the experts file has no id or unit",
            )
        experts.append(Expert.from_json(item))
    ids = [e.id for e in experts]
    if len(ids) != len(set(ids)):
        raise UsageError(
            "bad_experts_file", "专家名单中有重复的编号。", "duplicate expert ids in the experts file"
        )
    return experts


def assign(cases: list[CaseFile], experts: list[Expert], per_case: int, seed: int) -> Assignment:
    if per_case < 1:
        raise UsageError("bad_per_case", "每份案卷至少分给 1 位专家。", "--per-case must be at least 1")
    rng = random.Random(seed)
    result = Assignment(seed, per_case, experts)
    eligible: dict[int, list[Expert]] = {}
    for case in cases:
        unit = case.value("unit")
        eligible[case.id] = []
        for expert in experts:
            reason = expert.conflict_with(unit)
            if reason:
                result.excluded.append((case.id, expert.id, reason))
            else:
                eligible[case.id].append(expert)
    short = [c for c in cases if len(eligible[c.id]) < per_case]
    if short:
        names = "、".join(f"{c.id}（{c.value('unit') or '?'}，可选 {len(eligible[c.id])} 人）" for c in short)
        raise UsageError(
            "not_enough_experts",
            f"这些案卷可回避后的专家不足 {per_case} 人：{names}",
            f"fewer than {per_case} eligible experts for cases {', '.join(str(c.id) for c in short)}",
        )
    order = sorted(cases, key=lambda c: c.id)
    rng.shuffle(order)
    order.sort(key=lambda c: len(eligible[c.id]))  # stable: the shuffle decides among equals
    load = {e.id: 0 for e in experts}
    for case in order:
        pool = list(eligible[case.id])
        rng.shuffle(pool)
        pool.sort(key=lambda e: load[e.id])
        chosen = pool[:per_case]
        for expert in chosen:
            load[expert.id] += 1
        result.by_case[case.id] = sorted(e.id for e in chosen)
    _even_out(result, order, eligible, load)
    return result


def _even_out(
    result: Assignment, order: list[CaseFile], eligible: dict[int, list[Expert]], load: dict[str, int]
) -> None:
    """Move a case from a busier expert to an eligible one with two or more fewer, until no such move is left.

    Each move lowers the sum of squared loads, so this ends; afterwards no single exchange can make
    the loads more even, whatever the conflicts left possible.
    """
    moved = True
    while moved:
        moved = False
        for case in order:
            chosen = result.by_case[case.id]
            others = sorted(
                (e.id for e in eligible[case.id] if e.id not in chosen), key=lambda i: (load[i], i)
            )
            for busy in sorted(chosen, key=lambda i: (-load[i], i)):
                idle = next((i for i in others if load[busy] - load[i] >= 2), None)
                if idle is None:
                    continue
                chosen[chosen.index(busy)] = idle
                load[busy] -= 1
                load[idle] += 1
                result.by_case[case.id] = sorted(chosen)
                moved = True
                break


def summary(result: Assignment, cases: list[CaseFile]) -> dict[str, Any]:
    by_id = {c.id: c for c in cases}
    return {
        "seed": result.seed,
        "per_case": result.per_case,
        "algorithm": ALGORITHM,
        "load": result.load(),
        "cases": [
            {
                "case_id": case_id,
                "unit": by_id[case_id].value("unit"),
                "case_number": by_id[case_id].value("case_number"),
                "experts": experts,
            }
            for case_id, experts in sorted(result.by_case.items())
        ],
        "conflicts": [{"case_id": c, "expert": e, "reason": r} for c, e, r in sorted(result.excluded)],
    }
