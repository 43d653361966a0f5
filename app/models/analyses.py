"""What analysis keeps of a case file: page texts with their line boxes, documents found, transcript facts.

Every statement the analyser and the in-file search run lives here, so the tables have one owner.
Rows are keyed by the file's SHA-256; each page is written in its own transaction, so an
interrupted analysis resumes where it stopped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from app.models.documents import Document
from app.models.search import search_text
from app.models.store import now_iso

ANALYSIS_TABLES = ("page_texts", "page_search", "segments", "transcript_facts", "analyses")


@dataclass(frozen=True)
class StoredPage:
    page: int
    """1-based"""
    source: str
    scope: str
    rotation: int
    lines: list[list[object]]
    """each line as x0, y0, x1, y1 (fractions of the upright page), text, confidence"""


class AnalysisRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def state(self, sha256: str) -> tuple[str, str] | None:
        """The analyser version and status of the file's analysis, if it was analysed."""
        row = self.db.execute(
            "SELECT analyzer_version, status FROM analyses WHERE sha256 = ?", [sha256]
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def pages(self, sha256: str) -> list[StoredPage]:
        rows = self.db.execute(
            "SELECT page, source, scope, rotation, lines_json FROM page_texts WHERE sha256 = ? ORDER BY page",
            [sha256],
        ).fetchall()
        return [
            StoredPage(int(number), str(source), str(scope), int(rotation), json.loads(lines_json))
            for number, source, scope, rotation, lines_json in rows
        ]

    def save_page(self, sha256: str, page: StoredPage, text: str, confidence: float) -> None:
        """The page's lines and its search text, in one transaction."""
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO page_texts (sha256, page, source, scope, rotation, confidence, text, lines_json)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (sha256, page) DO UPDATE SET source = excluded.source, scope = excluded.scope,
                       rotation = excluded.rotation, confidence = excluded.confidence, text = excluded.text,
                       lines_json = excluded.lines_json""",
                [
                    sha256,
                    page.page,
                    page.source,
                    page.scope,
                    page.rotation,
                    confidence,
                    text,
                    json.dumps(page.lines, ensure_ascii=False),
                ],
            )
            self.db.execute("DELETE FROM page_search WHERE sha256 = ? AND page = ?", [sha256, page.page])
            self.db.execute(
                "INSERT INTO page_search (text, sha256, page) VALUES (?, ?, ?)",
                [search_text(text), sha256, page.page],
            )

    def save_segments(self, sha256: str, pages: int, found: list[Document], analyzer_version: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM segments WHERE sha256 = ?", [sha256])
            for ordinal, seg in enumerate(found):
                self.db.execute(
                    """INSERT INTO segments (sha256, ordinal, kind, first_page, last_page, title, found_by)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    [sha256, ordinal, seg.kind, seg.first_page, seg.last_page, seg.title, seg.found_by],
                )
            self.set_status(sha256, pages, "segmented", analyzer_version)

    def save_transcript_facts(self, sha256: str, records: list[tuple[int, str, dict[str, object]]]) -> None:
        """The file's transcript facts replaced: (first page, kind, facts) for each transcript."""
        with self.db.atomic():
            self.db.execute("DELETE FROM transcript_facts WHERE sha256 = ?", [sha256])
            for first_page, kind, facts in records:
                self.db.execute(
                    "INSERT INTO transcript_facts (sha256, first_page, kind, facts_json) VALUES (?, ?, ?, ?)",
                    [sha256, first_page, kind, json.dumps(facts, ensure_ascii=False)],
                )

    def set_status(self, sha256: str, pages: int, status: str, analyzer_version: str) -> None:
        self.db.execute(
            """INSERT INTO analyses (sha256, analyzer_version, pages, status, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (sha256) DO UPDATE SET analyzer_version = excluded.analyzer_version,
                   pages = excluded.pages, status = excluded.status, updated_at = excluded.updated_at""",
            [sha256, analyzer_version, pages, status, now_iso()],
        )

    def forget(self, sha256: str) -> None:
        """Page text, documents found and facts go; a person's corrections stay."""
        with self.db.atomic():
            for table in ANALYSIS_TABLES:
                self.db.execute(f"DELETE FROM {table} WHERE sha256 = ?", [sha256])
