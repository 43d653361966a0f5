"""The panel lead's adjudications, kept with their history: a new decision never overwrites an old one.

A case is identified as the station identifies a scored file everywhere: content (SHA-256), the
path it was submitted under, and the rubric. The latest decision per case is the one that counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from app.models.store import now_iso
from app.rubric.rounding import as_json_number

DECISIONS = ("score", "rereview")


@dataclass(frozen=True)
class Adjudication:
    id: int
    sha256: str
    source_path: str
    rubric_id: str
    decision: str
    score: Decimal | None
    experts: tuple[str, ...]
    reason: str
    decided_by: str
    decided_at: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.sha256, self.source_path, self.rubric_id)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "path": self.source_path,
            "rubric": self.rubric_id,
            "decision": self.decision,
            "score": None if self.score is None else as_json_number(self.score),
            "experts": list(self.experts),
            "reason": self.reason,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at,
        }


class AdjudicationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self,
        key: tuple[str, str, str],
        decision: str,
        reason: str,
        by: str,
        score: Decimal | None = None,
        experts: list[str] | None = None,
    ) -> Adjudication:
        if decision not in DECISIONS:
            raise ValueError(f"unknown decision {decision}")
        sha256, path, rubric_id = key
        at = now_iso()
        names = json.dumps(list(experts or []), ensure_ascii=False)
        with self.db.atomic():
            cursor = self.db.execute(
                """INSERT INTO adjudications (sha256, source_path, rubric_id, decision, score, experts_json,
                       reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    sha256,
                    path,
                    rubric_id,
                    decision,
                    None if score is None else str(score),
                    names,
                    reason,
                    by,
                    at,
                ],
            )
        return Adjudication(
            int(cursor.lastrowid or 0),
            sha256,
            path,
            rubric_id,
            decision,
            score,
            tuple(experts or ()),
            reason,
            by,
            at,
        )

    def history(self) -> list[Adjudication]:
        """Every decision, oldest first."""
        rows = self.db.execute(
            """SELECT id, sha256, source_path, rubric_id, decision, score, experts_json, reason, decided_by,
                      decided_at FROM adjudications ORDER BY id"""
        ).fetchall()
        return [_row(r) for r in rows]

    def latest(self) -> dict[tuple[str, str, str], Adjudication]:
        """The decision that counts, per case."""
        return {a.key: a for a in self.history()}


def _row(row: tuple[Any, ...]) -> Adjudication:
    ident, sha, path, rubric, decision, score, experts, reason, by, at = row
    return Adjudication(
        int(ident),
        str(sha),
        str(path),
        str(rubric),
        str(decision),
        None if score is None else Decimal(str(score)),
        tuple(json.loads(experts)),
        str(reason),
        str(by),
        str(at),
    )
