"""An expert's scores: every change written at once, in one transaction with its history row.

A case's scores under a rubric are the rubric engine's input document (``app.rubric.engine``). A
change names a *path* into it — ``scores/ITEM``, ``not_applicable/ITEM``, ``missing/ITEM``,
``scores/ITEM/CRITERION``, ``scores/ITEM/not_applicable/CRITERION`` (对应项目无需评审),
``deductions/GROUP/DOCUMENT/ELEMENT``, ``gates/GATE``, ``notes/ITEM``, ``evidence/ITEM``,
``facts/FACT`` (true, false, or None for not yet confirmed) — and a new value (None removes it). Each is validated by computing the partial score with the engine,
so nothing the engine would refuse is ever stored. A complete case is locked; reopening it needs
a reason, which the history keeps.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from app.errors import UsageError
from app.models.store import now_iso
from app.rubric.catalog import SheetChoice, sheet_for_case
from app.rubric.engine import (
    INPUT_SECTIONS,
    LIST_SECTIONS,
    CaseScore,
    ScoreInputError,
    compute_case,
    empty_inputs,
)
from app.rubric.model import Rubric
from app.rubric.rounding import format_points

STATUS_LABELS = {"not_started": "未评", "in_progress": "评审中", "complete": "已完成"}


@dataclass(frozen=True)
class SheetScore:
    """That a case has scores under a sheet: what the desk names when the sheet chosen is another."""

    rubric_id: str
    status: str
    """in_progress or complete (a sheet with nothing on it is not listed)"""
    total: float | None
    updated_at: str


@dataclass
class ScoreSheet:
    case_id: int
    rubric: Rubric
    inputs: dict[str, Any]
    status: str
    """not_started, in_progress or complete"""
    stored_hash: str | None

    @property
    def outdated(self) -> bool:
        """Scored under another version of the rubric."""
        return self.stored_hash is not None and self.stored_hash != self.rubric.content_hash

    def result(self) -> CaseScore:
        return compute_case(self.rubric, self.engine_inputs(), partial=True)

    def engine_inputs(self) -> dict[str, Any]:
        return {k: v for k, v in self.inputs.items() if v}

    def get(self, path: str) -> Any:
        return _get(self.inputs, path)


def _get(inputs: dict[str, Any], path: str) -> Any:
    section, *rest = path.split("/")
    value: Any = inputs.get(section)
    if section in LIST_SECTIONS:
        return rest[0] in (value or [])
    if section == "scores" and len(rest) in (2, 3):  # a criterion, as ``_set`` writes it
        entry = (value or {}).get(rest[0])
        if not isinstance(entry, dict):
            return False if len(rest) == 3 else None
        if len(rest) == 3:  # scores/ITEM/not_applicable/CRITERION
            return rest[2] in entry.get("not_applicable", [])
        return entry.get("criteria", {}).get(rest[1])
    for key in rest:
        if not isinstance(value, dict) or key not in value:
            if isinstance(value, list):
                return key in value
            return None
        value = value[key]
    return value


def _set(inputs: dict[str, Any], path: str, new: Any) -> dict[str, Any]:
    changed = copy.deepcopy(inputs)
    section, *rest = path.split("/")
    if section not in INPUT_SECTIONS or not rest:
        raise UsageError("bad_path", f"无法识别的评分项：{path}", f"not a score path: {path}")
    if section in LIST_SECTIONS:
        items = [i for i in changed[section] if i != rest[0]]
        if new:
            items.append(rest[0])
        changed[section] = items
        return changed
    if section == "deductions":
        group, document, element = ([*rest, "", "", ""])[:3]
        if not element:
            raise UsageError(
                "bad_path",
                f"扣分项应写成 deductions/组/文书/要素：{path}",
                f"deductions/GROUP/DOCUMENT/ELEMENT, not {path}",
            )
        per_document = changed["deductions"].setdefault(group, {})
        elements = [e for e in per_document.get(document, []) if e != element]
        if new:
            elements.append(element)
        if elements:
            per_document[document] = elements
        else:
            per_document.pop(document, None)
        if not per_document:
            changed["deductions"].pop(group)
        return changed
    table = changed[section]
    key = rest[0]
    if section == "facts":
        if new is None:
            table.pop(key, None)
        else:
            table[key] = bool(new)
        return changed
    if len(rest) in (2, 3):  # scores/ITEM/CRITERION, scores/ITEM/not_applicable/CRITERION
        entry = table.get(key)
        if not isinstance(entry, dict) or "criteria" not in entry:
            entry = {"criteria": {}}
        criterion = rest[-1]
        if len(rest) == 3:
            if rest[1] != "not_applicable":
                raise UsageError("bad_path", f"无法识别的评分项：{path}", f"not a score path: {path}")
            excluded = [c for c in entry.get("not_applicable", []) if c != criterion]
            if new:
                excluded.append(criterion)
                entry["criteria"].pop(criterion, None)
            if excluded:
                entry["not_applicable"] = excluded
            else:
                entry.pop("not_applicable", None)
        elif new is None:
            entry["criteria"].pop(criterion, None)
        else:
            entry["criteria"][criterion] = new
        if entry["criteria"] or entry.get("not_applicable"):
            table[key] = entry
        else:
            table.pop(key, None)
        return changed
    if new is None or new == "":
        table.pop(key, None)
    else:
        table[key] = new
    return changed


def _unset(value: Any, path: str) -> bool:
    """No value at ``path``: None, or an unticked box or empty text — never a score of 0.

    A yes/no fact's "no" is an answer, not the absence of one. (``0 in (None, False)`` is true in
    Python, which once made a 0 typed for a criterion vanish.)
    """
    if value is None:
        return True
    if path.startswith("facts/"):
        return False
    return value is False or (isinstance(value, str) and not value)


class ScoreRepository:
    """Reads and changes scores in one store connection."""

    def __init__(self, db: Database, expert: str) -> None:
        self.db = db
        self.expert = expert

    def sheet(self, case_id: int, rubric: Rubric) -> ScoreSheet:
        row = self.db.execute(
            "SELECT inputs_json, status, rubric_hash FROM scores WHERE case_id = ? AND rubric_id = ?",
            [case_id, rubric.id],
        ).fetchone()
        if row is None:
            return ScoreSheet(case_id, rubric, empty_inputs(), "not_started", None)
        inputs = {**empty_inputs(), **json.loads(row[0])}
        return ScoreSheet(case_id, rubric, inputs, row[1], row[2])

    def statuses_on(self, sheets: dict[int, str]) -> dict[int, str]:
        """Each case's status on its own sheet (case id → rubric id)."""
        wanted = set(sheets.values())
        found = {rid: self.statuses(rid) for rid in wanted}
        return {cid: found[rid][cid] for cid, rid in sheets.items() if cid in found[rid]}

    def scored_sheets(self) -> dict[int, list[SheetScore]]:
        """Every case's sheets with something on them, the last changed first.

        Scores stay under the sheet they were entered on (``score set --rubric``, an earlier choice in
        the desk); a desk showing another sheet must still say they exist. A sheet whose every value was
        undone is not listed: nothing is scored on it.
        """
        rows = self.db.execute(
            "SELECT case_id, rubric_id, status, total, inputs_json, updated_at FROM scores"
            " ORDER BY updated_at DESC, rubric_id"
        ).fetchall()
        found: dict[int, list[SheetScore]] = {}
        for case_id, rubric_id, status, total, inputs_json, updated_at in rows:
            if status != "complete" and not any(json.loads(inputs_json or "{}").values()):
                continue
            found.setdefault(int(case_id), []).append(SheetScore(rubric_id, status, total, updated_at))
        return found

    def statuses(self, rubric_id: str) -> dict[int, str]:
        rows = self.db.execute(
            "SELECT case_id, status FROM scores WHERE rubric_id = ?", [rubric_id]
        ).fetchall()
        return {int(case_id): status for case_id, status in rows}

    def change(self, sheet: ScoreSheet, path: str, new: Any) -> ScoreSheet:
        """Apply one change, validated, durable when this returns; returns the new sheet."""
        if sheet.status == "complete":
            raise UsageError(
                "case_locked",
                "这份案卷已评审完成并锁定；如需修改，请先重新打开（需说明理由）。",
                "this case is complete and locked; reopen it (with a reason) to change it",
            )
        old = _get(sheet.inputs, path)
        # a yes/no fact: "no" is an answer, not the absence of one
        if old == new or (_unset(old, path) and _unset(new, path)):
            return sheet
        inputs = _set(sheet.inputs, path, new)
        candidate = ScoreSheet(sheet.case_id, sheet.rubric, inputs, "in_progress", sheet.rubric.content_hash)
        try:
            result = candidate.result()
        except ScoreInputError as exc:
            raise UsageError(
                "bad_score",
                f"评分不符合评分标准：{_what_zh(sheet.rubric, path)}",
                f"the score does not fit the rubric: {exc}",
            ) from exc
        self._write(candidate, result.score, path, old, new, None)
        return candidate

    def complete(self, sheet: ScoreSheet) -> ScoreSheet:
        try:
            partial = compute_case(sheet.rubric, sheet.engine_inputs(), partial=True)
            if not partial.complete:
                labels = {item.id: item.label for item in sheet.rubric.items}
                raise UsageError(
                    "incomplete",
                    f"还有未评的项目，不能完成：{'、'.join(labels.get(i, i) for i in partial.pending)}。",
                    f"cannot complete, not everything is scored: {', '.join(partial.pending)}",
                )
            result = compute_case(sheet.rubric, sheet.engine_inputs())
        except ScoreInputError as exc:
            # the engine explains in English; the Chinese line says what to do without it
            raise UsageError(
                "incomplete",
                "评分与评分标准不符，不能完成：请检查已评的项目（reviewdesk score show 可见说明）。",
                f"cannot complete, the scores do not fit the rubric: {exc}",
            ) from exc
        done = ScoreSheet(sheet.case_id, sheet.rubric, sheet.inputs, "complete", sheet.rubric.content_hash)
        self._write(done, result.score, "status", sheet.status, "complete", None)
        return done

    def reopen(self, sheet: ScoreSheet, reason: str) -> ScoreSheet:
        if not reason.strip():
            raise UsageError(
                "reason_required",
                "重新打开已完成的案卷需要说明理由。",
                "reopening a completed case needs a reason",
            )
        opened = ScoreSheet(sheet.case_id, sheet.rubric, sheet.inputs, "in_progress", sheet.stored_hash)
        self._write(opened, sheet.result().score, "status", "complete", "in_progress", reason.strip())
        return opened

    def history(self, case_id: int, rubric_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            """SELECT path, old_json, new_json, reason, expert, at FROM score_history
               WHERE case_id = ? AND rubric_id = ? ORDER BY id""",
            [case_id, rubric_id],
        ).fetchall()
        return [
            {
                "path": p,
                "old": json.loads(o) if o else None,
                "new": json.loads(n) if n else None,
                "reason": r,
                "expert": e,
                "at": a,
            }
            for p, o, n, r, e, a in rows
        ]

    def _write(
        self, sheet: ScoreSheet, total: Any, path: str, old: Any, new: Any, reason: str | None
    ) -> None:
        at = now_iso()
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO scores (case_id, rubric_id, rubric_hash, inputs_json, status, total, expert, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (case_id, rubric_id) DO UPDATE SET rubric_hash = excluded.rubric_hash,
                       inputs_json = excluded.inputs_json, status = excluded.status, total = excluded.total,
                       expert = excluded.expert, updated_at = excluded.updated_at""",
                [
                    sheet.case_id,
                    sheet.rubric.id,
                    sheet.stored_hash or sheet.rubric.content_hash,
                    json.dumps(sheet.inputs, ensure_ascii=False, sort_keys=True),
                    sheet.status,
                    float(total),
                    self.expert,
                    at,
                ],
            )
            self.db.execute(
                """INSERT INTO score_history (case_id, rubric_id, path, old_json, new_json, reason, expert, at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    sheet.case_id,
                    sheet.rubric.id,
                    path,
                    json.dumps(old, ensure_ascii=False),
                    json.dumps(new, ensure_ascii=False),
                    reason,
                    self.expert,
                    at,
                ],
            )


class SheetChoices:
    """Which sheet of a rubric family each case is scored on: the case type's, or the expert's choice."""

    def __init__(self, db: Database, expert: str) -> None:
        self.db = db
        self.expert = expert

    def overrides(self, family: str) -> dict[int, str]:
        rows = self.db.execute(
            "SELECT case_id, rubric_id FROM case_sheets WHERE family = ?", [family]
        ).fetchall()
        return {int(case_id): rubric_id for case_id, rubric_id in rows}

    def override(self, case_id: int, family: str) -> str | None:
        return self.overrides(family).get(case_id)

    def choice(
        self, rubrics: dict[str, Any], family: str, case_id: int, case_type: str | None
    ) -> SheetChoice:
        return sheet_for_case(rubrics, family, case_type, self.override(case_id, family))

    def choices(self, rubrics: dict[str, Any], family: str, cases: list[Any]) -> dict[int, SheetChoice]:
        """Every case's sheet, reading the overrides once."""
        chosen = self.overrides(family)
        return {c.id: sheet_for_case(rubrics, family, c.value("case_type"), chosen.get(c.id)) for c in cases}

    def choose(self, case_id: int, family: str, rubric_id: str | None, previous: str) -> None:
        """Store the expert's sheet (None: back to the case type's), with a history row under the new sheet."""
        at = now_iso()
        with self.db.atomic():
            if rubric_id is None:
                self.db.execute("DELETE FROM case_sheets WHERE case_id = ? AND family = ?", [case_id, family])
            else:
                self.db.execute(
                    """INSERT INTO case_sheets (case_id, family, rubric_id, chosen_by, chosen_at)
                       VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT (case_id, family) DO UPDATE SET rubric_id = excluded.rubric_id,
                           chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at""",
                    [case_id, family, rubric_id, self.expert, at],
                )
            self.db.execute(
                """INSERT INTO score_history (case_id, rubric_id, path, old_json, new_json, reason, expert, at)
                   VALUES (?, ?, 'sheet', ?, ?, NULL, ?, ?)""",
                [
                    case_id,
                    rubric_id or previous,
                    json.dumps(previous, ensure_ascii=False),
                    json.dumps(rubric_id, ensure_ascii=False),
                    self.expert,
                    at,
                ],
            )


def _what_zh(rubric: Rubric, path: str) -> str:
    """What to check, in Chinese, for a refused value at ``path`` (the engine explains in English)."""
    parts = path.split("/")
    item = next((i for i in rubric.items if len(parts) > 1 and i.id == parts[1]), None)
    if item is None:
        return "请检查输入的值。"
    if len(parts) > 2 and item.criteria:
        criterion = next((c for c in item.criteria if c.id == parts[-1]), None)
        if criterion is not None:
            return f"“{item.label}”的“{criterion.label}”应在 0 到 {format_points(criterion.points)} 分之间。"
    if item.levels:
        return f"“{item.label}”请选择一个等级：{'、'.join(level.label for level in item.levels)}。"
    return f"“{item.label}”应在 0 到 {format_points(item.points)} 分之间，且为 {format_points(item.step)} 的整数倍。"
