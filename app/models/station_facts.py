"""What the station records about candidates and case files besides scores (issue 18: SQL in models).

Candidate levels (市级/县级), whether a case's penalty was published (and where it was checked), the
supporting files intake found, and a file's stored page text for the completeness check.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from app.models.store import now_iso


class StationFactsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def set_level(self, candidate: str, level: str, user: str) -> None:
        self.db.execute(
            """INSERT INTO candidate_levels (candidate, level, set_by, set_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (candidate) DO UPDATE SET level = excluded.level, set_by = excluded.set_by,
                   set_at = excluded.set_at""",
            [candidate, level, user, now_iso()],
        )

    def levels(self) -> dict[str, str]:
        return {str(c): str(lv) for c, lv in self.db.execute("SELECT candidate, level FROM candidate_levels")}

    def set_publication(self, sha256: str, source_path: str, published: bool, portal: str, user: str) -> None:
        self.db.execute(
            """INSERT INTO case_publication (sha256, source_path, published, portal, set_by, set_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (sha256, source_path) DO UPDATE SET published = excluded.published,
                   portal = excluded.portal, set_by = excluded.set_by, set_at = excluded.set_at""",
            [sha256, source_path, int(published), portal, user, now_iso()],
        )

    def publication(self, sha256: str, source_path: str) -> tuple[bool, str] | None:
        """(published, portal checked) as the station recorded it, or None."""
        row = self.db.execute(
            "SELECT published, portal FROM case_publication WHERE sha256 = ? AND source_path = ?",
            [sha256, source_path],
        ).fetchone()
        return None if row is None else (bool(row[0]), str(row[1]))

    def supporting_files(self) -> list[tuple[Any, ...]]:
        """(file id, SHA-256, path, role) of every supporting file intake recognised."""
        return self.db.execute(
            "SELECT id, sha256, source_path, role FROM files WHERE class = 'supporting' AND role IS NOT NULL"
        ).fetchall()

    def page_text(self, sha256: str) -> str:
        rows = self.db.execute(
            "SELECT text FROM page_texts WHERE sha256 = ? ORDER BY page", [sha256]
        ).fetchall()
        return "\n".join(r[0] for r in rows)
