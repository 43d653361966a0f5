"""The station's assignments and the review packets on both sides (issue 18: the station's SQL in models).

Station: ``assignments`` and their ``assignment_rows`` (expert, file), ``packets_sent``. Expert:
``packets_received`` (the latest one decides which case files the desk shows).
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from app.models.store import now_iso


class AssignmentRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- assignments (station) ------------------------------------------------------------------

    def add(self, seed: int, per_case: int, experts: list[dict[str, Any]], by: str) -> int:
        """A new assignment (the caller holds the transaction); returns its id."""
        cursor = self.db.execute(
            "INSERT INTO assignments (seed, per_case, experts_json, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
            [seed, per_case, json.dumps(experts, ensure_ascii=False), now_iso(), by],
        )
        return int(cursor.lastrowid or 0)

    def add_row(self, assignment: int, expert_id: str, sha256: str, source_path: str) -> None:
        self.db.execute(
            "INSERT INTO assignment_rows (assignment, expert_id, sha256, source_path) VALUES (?, ?, ?, ?)",
            [assignment, expert_id, sha256, source_path],
        )

    def latest(self) -> tuple[int, int, int, list[dict[str, Any]], list[tuple[str, str, str]]] | None:
        """(id, seed, per case, experts, rows of (expert id, SHA-256, path)) of the latest assignment."""
        row = self.db.execute(
            "SELECT id, seed, per_case, experts_json FROM assignments ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        rows = self.db.execute(
            """SELECT expert_id, sha256, source_path FROM assignment_rows WHERE assignment = ?
               ORDER BY expert_id, source_path""",
            [row[0]],
        ).fetchall()
        rows_ = [(str(a), str(b), str(c)) for a, b, c in rows]
        return int(row[0]), int(row[1]), int(row[2]), json.loads(row[3]), rows_

    # -- packets sent (station) -----------------------------------------------------------------

    def packet_sent(
        self, packet_id: str, assignment: int, expert_id: str, blind: bool, path: str, at: str
    ) -> None:
        self.db.execute(
            "INSERT INTO packets_sent (packet_id, assignment, expert_id, blind, path, at) VALUES (?, ?, ?, ?, ?, ?)",
            [packet_id, assignment, expert_id, int(blind), path, at],
        )

    def packets_of(self, assignment: int) -> dict[str, str]:
        """Packet id → expert id, for the packets written for this assignment."""
        rows = self.db.execute(
            "SELECT packet_id, expert_id FROM packets_sent WHERE assignment = ?", [assignment]
        ).fetchall()
        return {str(a): str(b) for a, b in rows}

    def assigned_paths(self, packet_id: str) -> dict[str, list[str]]:
        """The station's paths of the files assigned to the expert of this packet, by SHA-256."""
        row = self.db.execute(
            "SELECT assignment, expert_id FROM packets_sent WHERE packet_id = ?", [packet_id]
        ).fetchone()
        if row is None:
            return {}
        paths: dict[str, list[str]] = {}
        for sha256, path in self.db.execute(
            "SELECT sha256, source_path FROM assignment_rows WHERE assignment = ? AND expert_id = ?",
            list(row),
        ).fetchall():
            paths.setdefault(str(sha256), []).append(str(path))
        return paths

    # -- packets received (expert) --------------------------------------------------------------

    def packet_received(self, manifest: dict[str, Any], station_fingerprint: str) -> None:
        self.db.execute(
            """INSERT INTO packets_received (packet_id, station_fingerprint, expert_id, blind, manifest, received_at)
               VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (packet_id) DO NOTHING""",
            [manifest["packet_id"], station_fingerprint, manifest["expert"]["id"], int(manifest["blind"]),
             json.dumps(manifest, ensure_ascii=False), now_iso()],
        )  # fmt: skip

    def active_packet(self) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT manifest FROM packets_received ORDER BY received_at DESC LIMIT 1"
        ).fetchone()
        return json.loads(row[0]) if row else None
