"""The station's ledger of received score packages, as the aggregate reads it (issue 18: no SQL outside models)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from app.models.packets import PacketFileRepository, to_station_files

NOT_WITHDRAWN = "p.package_id NOT IN (SELECT package_id FROM withdrawn_packages)"


class ReceivedRepository:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.originals = PacketFileRepository(db).originals()

    def manifests(self, package_ids: set[str]) -> dict[str, dict[str, Any]]:
        """The signed manifests of these packages, by package id, exactly as received."""
        found: dict[str, dict[str, Any]] = {}
        for package_id in sorted(package_ids):
            row = self.db.execute(
                "SELECT manifest FROM received_packages WHERE package_id = ?", [package_id]
            ).fetchone()
            if row is not None:
                found[package_id] = to_station_files(json.loads(row[0]), self.originals)
        return found

    def counted_manifests(self) -> list[dict[str, Any]]:
        """Manifests of every received package not withdrawn."""
        rows = self.db.execute(f"SELECT manifest FROM received_packages p WHERE {NOT_WITHDRAWN}").fetchall()
        return [to_station_files(json.loads(r[0]), self.originals) for r in rows]
