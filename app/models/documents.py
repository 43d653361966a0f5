"""A case file's documents as the rest of the app sees them.

What analysis found, with a person's corrections applied in the order they were made, so they
survive re-analysis.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from app.errors import UsageError
from app.models.store import now_iso
from app.vocabulary import DOCUMENT_LABELS, SEGMENT_KINDS, TITLED_KINDS


@dataclass
class Document:
    kind: str
    first_page: int
    last_page: int
    title: str = ""
    found_by: str = ""

    @property
    def label(self) -> str:
        """What a person sees in a list: the kind, and the printed title of a paper the app has no kind for."""
        kind = DOCUMENT_LABELS.get(self.kind, self.kind)
        title = " ".join(self.title.split())
        if self.kind in TITLED_KINDS and title:
            return f"{kind}：{title}"
        return kind

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "first_page": self.first_page,
            "last_page": self.last_page,
            "title": self.title,
            "found_by": self.found_by,
        }


def apply_corrections(
    found: list[Document], corrections: list[tuple[str, str | None, int, int, str]]
) -> list[Document]:
    """``set`` replaces whatever covered its pages (trimming neighbours); ``delete`` removes what lies within."""
    documents = list(found)
    for action, kind, first, last, who in corrections:
        # a correction of a paper's kind keeps the title printed on it
        title = next((d.title for d in documents if d.first_page == first), "")
        kept = []
        for doc in documents:
            if doc.last_page < first or doc.first_page > last:
                kept.append(doc)
                continue
            if action == "delete" and first <= doc.first_page and doc.last_page <= last:
                continue
            if action == "set":
                if doc.first_page < first:
                    kept.append(Document(doc.kind, doc.first_page, first - 1, doc.title, doc.found_by))
                if doc.last_page > last:
                    kept.append(Document(doc.kind, last + 1, doc.last_page, doc.title, doc.found_by))
            else:
                kept.append(doc)
        if action == "set" and kind is not None:
            kept.append(Document(kind, first, last, title, f"人工更正（{who}）"))
        documents = sorted(kept, key=lambda d: d.first_page)
    return documents


class DocumentRepository:
    """Documents, facts and page text of analysed files, in one store connection."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def found(self, sha256: str) -> list[Document]:
        rows = self.db.execute(
            "SELECT kind, first_page, last_page, title, found_by FROM segments WHERE sha256 = ? ORDER BY ordinal",
            [sha256],
        ).fetchall()
        return [Document(*row) for row in rows]

    def corrections(self, sha256: str) -> list[tuple[str, str | None, int, int, str]]:
        return self.db.execute(
            """SELECT action, kind, first_page, last_page, corrected_by FROM segment_corrections
               WHERE sha256 = ? ORDER BY id""",
            [sha256],
        ).fetchall()

    def documents(self, sha256: str) -> list[Document]:
        return apply_corrections(self.found(sha256), self.corrections(sha256))

    def all_documents(self) -> dict[str, list[Document]]:
        """Every analysed file's documents by SHA-256, in two queries (the case list needs them all)."""
        found: dict[str, list[Document]] = {}
        for sha, *row in self.db.execute(
            "SELECT sha256, kind, first_page, last_page, title, found_by FROM segments ORDER BY sha256, ordinal"
        ).fetchall():
            found.setdefault(sha, []).append(Document(*row))
        corrections: dict[str, list[tuple[str, str | None, int, int, str]]] = {}
        for sha, *row in self.db.execute(
            """SELECT sha256, action, kind, first_page, last_page, corrected_by FROM segment_corrections
               ORDER BY id"""
        ).fetchall():
            corrections.setdefault(sha, []).append(tuple(row))
        for sha, changes in corrections.items():
            found[sha] = apply_corrections(found.get(sha, []), changes)
        return found

    def pages(self, sha256: str) -> int | None:
        row = self.db.execute("SELECT pages FROM analyses WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def correct(
        self, sha256: str, action: str, kind: str | None, first: int, last: int, pages: int, user: str
    ) -> None:
        if action == "set" and kind not in SEGMENT_KINDS:
            raise UsageError(
                "bad_kind",
                f"未知的文书类型：{kind}。可用：{'、'.join(SEGMENT_KINDS)}",
                f"unknown document kind {kind}; one of {', '.join(SEGMENT_KINDS)}",
            )
        if not 1 <= first <= last <= pages:
            raise UsageError(
                "bad_pages",
                f"页码范围 {first}-{last} 不在 1-{pages} 之内。",
                f"pages {first}-{last} are outside 1-{pages}",
            )
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO segment_corrections (sha256, action, kind, first_page, last_page, corrected_by,
                                                    corrected_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [sha256, action, kind, first, last, user, now_iso()],
            )

    def facts(self, sha256: str) -> list[dict[str, object]]:
        rows = self.db.execute(
            "SELECT facts_json FROM transcript_facts WHERE sha256 = ? ORDER BY first_page", [sha256]
        ).fetchall()
        return [json.loads(row[0]) for row in rows]
