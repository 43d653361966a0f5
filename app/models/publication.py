"""Whether a case's penalty was published on the portal (``reviewdesk publication``), per case file."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class Publication:
    published: bool
    portal: str
    """the address that was checked, or empty"""


class PublicationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, sha256: str, source_path: str, published: bool, portal: str, by: str, at: str) -> None:
        """Set (or replace) the case file's publication state, with who set it and when."""
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO case_publication (sha256, source_path, published, portal, set_by, set_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (sha256, source_path) DO UPDATE SET published = excluded.published,
                       portal = excluded.portal, set_by = excluded.set_by, set_at = excluded.set_at""",
                [sha256, source_path, int(published), portal, by, at],
            )

    def get(self, sha256: str, source_path: str) -> Publication | None:
        row = self.db.execute(
            "SELECT published, portal FROM case_publication WHERE sha256 = ? AND source_path = ?",
            [sha256, source_path],
        ).fetchone()
        return None if row is None else Publication(bool(row[0]), row[1])
