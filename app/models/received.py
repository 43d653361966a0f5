"""The station's ledger of received score packages (issue 18: the aggregate's SQL lives in models).

Tables: ``received_packages`` (each package as signed), ``received_scores`` (one row per case and
rubric of a package), ``withdrawn_packages`` and the ``package_events`` log. The rules of what counts
are ``app.aggregate.receive``'s; this module only reads and writes rows.
"""

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

    # -- packages --------------------------------------------------------------------------------

    def manifest_sha256(self, package_id: str) -> str | None:
        row = self.db.execute(
            "SELECT manifest_sha256 FROM received_packages WHERE package_id = ?", [package_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def with_sequence(self, fingerprint: str, sequence: int) -> str | None:
        """The package id of this expert that already uses ``sequence``, if any."""
        row = self.db.execute(
            "SELECT package_id FROM received_packages WHERE fingerprint = ? AND sequence = ?",
            [fingerprint, sequence],
        ).fetchone()
        return None if row is None else str(row[0])

    def fingerprint_of(self, package_id: str) -> str | None:
        row = self.db.execute(
            "SELECT fingerprint FROM received_packages WHERE package_id = ?", [package_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def add_package(self, values: dict[str, Any]) -> int:
        """Insert a package row (the caller holds the transaction); returns its row id."""
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.db.execute(
            f"INSERT INTO received_packages ({columns}) VALUES ({marks})", list(values.values())
        )
        return int(cursor.lastrowid or 0)

    def add_score(
        self, package_row: int, sha256: str, path: str, rubric: str, rubric_hash: str, total: str
    ) -> None:
        self.db.execute(
            """INSERT INTO received_scores (package, case_sha256, case_path, rubric_id, rubric_hash, total)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [package_row, sha256, path, rubric, rubric_hash, total],
        )

    def latest_other(
        self, fingerprint: str, sha256: str, path: str, rubric: str, package_row: int
    ) -> tuple[str, int] | None:
        """(package id, sequence) of this expert's latest other counted package scoring the same case."""
        row = self.db.execute(
            f"""SELECT p.package_id, p.sequence FROM received_scores s JOIN received_packages p ON p.id = s.package
               WHERE p.fingerprint = ? AND s.case_sha256 = ? AND s.case_path = ? AND s.rubric_id = ?
                 AND p.id != ? AND {NOT_WITHDRAWN}
               ORDER BY p.sequence DESC LIMIT 1""",
            [fingerprint, sha256, path, rubric, package_row],
        ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]))

    def counted_rows(self) -> list[tuple[Any, ...]]:
        """Per expert, case and rubric, the row of that expert's latest counted package."""
        return self.db.execute(
            f"""SELECT p.fingerprint, p.expert_name, p.expert_unit, s.case_sha256, s.case_path, s.rubric_id,
                      s.total, p.package_id, p.sequence
               FROM received_scores s JOIN received_packages p ON p.id = s.package
               WHERE {NOT_WITHDRAWN}
                 AND p.sequence = (
                   SELECT MAX(p2.sequence) FROM received_scores s2 JOIN received_packages p2 ON p2.id = s2.package
                   WHERE p2.fingerprint = p.fingerprint AND s2.case_sha256 = s.case_sha256
                     AND s2.case_path = s.case_path AND s2.rubric_id = s.rubric_id
                     AND p2.package_id NOT IN (SELECT package_id FROM withdrawn_packages))
               ORDER BY s.case_sha256, s.case_path, s.rubric_id, p.expert_name"""
        ).fetchall()

    def counted_totals(self) -> list[tuple[str, Any]]:
        """(package id, stored total) of every score in a package not withdrawn."""
        rows = self.db.execute(
            f"""SELECT DISTINCT p.package_id, s.total FROM received_scores s
                JOIN received_packages p ON p.id = s.package WHERE {NOT_WITHDRAWN}"""
        ).fetchall()
        return [(str(a), b) for a, b in rows]

    def listing(self) -> list[tuple[Any, ...]]:
        """Every received package with its case count and withdrawal, in order of receipt."""
        return self.db.execute(
            """SELECT p.package_id, p.fingerprint, p.expert_name, p.sequence, p.received_at, p.file_name,
                      (SELECT COUNT(*) FROM received_scores s WHERE s.package = p.id),
                      w.reason, w.withdrawn_by, w.withdrawn_at
               FROM received_packages p LEFT JOIN withdrawn_packages w ON w.package_id = p.package_id
               ORDER BY p.id"""
        ).fetchall()

    def manifests(self, package_ids: set[str]) -> dict[str, dict[str, Any]]:
        """The signed manifests of these packages, by package id, each case as the station's own file."""
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

    # -- withdrawals -------------------------------------------------------------------------------

    def withdrawn_at(self, package_id: str) -> str | None:
        row = self.db.execute(
            "SELECT withdrawn_at FROM withdrawn_packages WHERE package_id = ?", [package_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def withdraw(self, package_id: str, reason: str, by: str, at: str) -> None:
        self.db.execute(
            "INSERT INTO withdrawn_packages (package_id, reason, withdrawn_by, withdrawn_at) VALUES (?, ?, ?, ?)",
            [package_id, reason, by, at],
        )

    # -- events ------------------------------------------------------------------------------------

    def log(self, at: str, package_id: str, fingerprint: str, event: str, detail: str) -> None:
        self.db.execute(
            "INSERT INTO package_events (at, package_id, fingerprint, event, detail) VALUES (?, ?, ?, ?, ?)",
            [at, package_id, fingerprint, event, detail],
        )

    def events(self) -> list[tuple[Any, ...]]:
        return self.db.execute(
            "SELECT at, package_id, fingerprint, event, detail FROM package_events ORDER BY id"
        ).fetchall()
