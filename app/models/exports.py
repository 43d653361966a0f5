"""The expert's side of score packages: which scores can be exported, and the record of each export.

Every statement `app.score_export` runs lives here, so the driver only assembles the package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class ScoreState:
    case_id: int
    rubric_id: str
    status: str


class ExportRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def score_states(self) -> list[ScoreState]:
        """Every scored (case, rubric) with its status, in case and rubric order."""
        rows = self.db.execute("SELECT case_id, rubric_id, status FROM scores ORDER BY case_id, rubric_id")
        return [ScoreState(int(r[0]), str(r[1]), str(r[2])) for r in rows.fetchall()]

    def score_updated_at(self, case_id: int, rubric_id: str) -> str | None:
        row = self.db.execute(
            "SELECT updated_at FROM scores WHERE case_id = ? AND rubric_id = ?", [case_id, rubric_id]
        ).fetchone()
        return None if row is None else row[0]

    def latest_packet(self) -> dict[str, Any] | None:
        """The review packet received last (its id, the expert it was for, its manifest), if any."""
        row = self.db.execute(
            "SELECT packet_id, expert_id, manifest FROM packets_received ORDER BY received_at DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return {"packet_id": row[0], "expert_id": row[1], "manifest": json.loads(row[2])}

    def next_sequence(self) -> int:
        """The next package number of this expert: the station tells a later package from a replayed one by it."""
        row = self.db.execute("SELECT MAX(sequence) FROM exports").fetchone()
        return int(row[0] or 0) + 1

    def record(
        self, package_id: str, sequence: int, fingerprint: str, path: str, cases: int, at: str
    ) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO exports (package_id, sequence, fingerprint, path, cases, at) VALUES (?, ?, ?, ?, ?, ?)",
                [package_id, sequence, fingerprint, path, cases, at],
            )
