"""The case facts analysis reads again from a scan's OCR text: which cases, what they know, the writes.

Intake writes a case's facts when it imports the file; analysis only adds what a scan hid from it.
These are the statements that addition needs, so that ``analysis.cover_facts`` holds none.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class ScannedCase:
    """A case file whose bytes have no text layer, and where it was found."""

    id: int
    source_label: str
    source_path: str


@dataclass(frozen=True)
class StoredFact:
    field: str
    value: str | None
    found_by: str
    detail: str


class CaseFactRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def scanned_cases(self, sha256: str) -> list[ScannedCase]:
        """Every case file with these bytes that intake read without a text layer."""
        rows = self.db.execute(
            """SELECT c.id, s.label, f.source_path FROM cases c JOIN files f ON f.id = c.file_id
               JOIN sources s ON s.id = f.source_id WHERE f.sha256 = ? AND coalesce(f.has_text, 0) = 0""",
            [sha256],
        ).fetchall()
        return [ScannedCase(int(case_id), label, path) for case_id, label, path in rows]

    def facts(self, case_id: int) -> list[StoredFact]:
        rows = self.db.execute(
            "SELECT field, value, found_by, detail FROM case_facts WHERE case_id = ?", [case_id]
        ).fetchall()
        return [
            StoredFact(field, value, found_by, str(detail or "")) for field, value, found_by, detail in rows
        ]

    def put(self, case_id: int, facts: dict[str, tuple[str, str, str]]) -> None:
        """Write ``{field: (value, found_by, detail)}``, replacing what the case had for those fields."""
        with self.db.atomic():
            for name, (value, found_by, detail) in facts.items():
                self.db.execute(
                    """INSERT INTO case_facts (case_id, field, value, found_by, detail) VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT (case_id, field) DO UPDATE SET value = excluded.value,
                           found_by = excluded.found_by, detail = excluded.detail""",
                    [case_id, name, value, found_by, detail],
                )
