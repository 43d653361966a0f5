"""The station's record of what each review packet carried (issue 18: the station's SQL lives in models)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database


class PacketFileRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self,
        packet_id: str,
        sha256: str,
        original_sha256: str,
        source_path: str,
        redactions: list[dict[str, Any]],
    ) -> None:
        self.db.execute(
            """INSERT OR REPLACE INTO packet_files (packet_id, sha256, original_sha256, source_path, redactions_json)
               VALUES (?, ?, ?, ?, ?)""",
            [packet_id, sha256, original_sha256, source_path, json.dumps(redactions, ensure_ascii=False)],
        )

    def originals(self) -> dict[str, str]:
        """A packet file's SHA-256 → the station's own file it was made from."""
        rows = self.db.execute("SELECT sha256, original_sha256 FROM packet_files").fetchall()
        return {str(a): str(b) for a, b in rows}

    def redactions(self, packet_id: str) -> dict[str, list[dict[str, Any]]]:
        """Per original SHA-256, the redactions listed for it in this packet."""
        rows = self.db.execute(
            "SELECT original_sha256, redactions_json FROM packet_files WHERE packet_id = ?", [packet_id]
        ).fetchall()
        return {str(a): json.loads(b) for a, b in rows}


def to_station_files(manifest: dict[str, Any], originals: dict[str, str]) -> dict[str, Any]:
    """A received manifest with each case's SHA-256 as the station's own file (a redacted one mapped back)."""
    if not originals:
        return manifest
    copy = dict(manifest)
    copy["cases"] = [
        {**case, "sha256": originals.get(case.get("sha256", ""), case.get("sha256"))}
        for case in manifest.get("cases", [])
    ]
    return copy
