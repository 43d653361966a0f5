"""Full-text search over every page's text (text layer and OCR), with snippets.

SQLite FTS5's trigram tokenizer finds any string of three characters or more, Chinese included;
one or two characters fall back to a scan with LIKE. Text and query are width-folded (NFKC) alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlite_utils import Database

SNIPPET_CHARS = 24
LATIN_BREAK = re.compile(r"(?<=[A-Za-z])\n(?=[A-Za-z])")


def search_text(text: str) -> str:
    r"""What the index holds for a page: widths folded (：and : alike) and its lines joined.

    A line break is no break in Chinese: a 执法证号 or a word that ran onto the next line
    (``6\n32856422``, ``危险废\n物``) must still be found whole. Only between two Latin letters
    does a break stand for a space.
    """
    folded = unicodedata.normalize("NFKC", text)
    return LATIN_BREAK.sub(" ", folded).replace("\n", "")


@dataclass(frozen=True)
class Hit:
    case_id: int
    sha256: str
    page: int
    snippet: str

    def as_json(self) -> dict[str, object]:
        return {"case": self.case_id, "sha256": self.sha256, "page": self.page, "snippet": self.snippet}


def _snippet(text: str, query: str) -> str:
    at = text.find(query)
    if at < 0:
        return text[: SNIPPET_CHARS * 2].replace("\n", " ")
    start = max(0, at - SNIPPET_CHARS)
    end = min(len(text), at + len(query) + SNIPPET_CHARS)
    body = text[start:at] + "【" + query + "】" + text[at + len(query) : end]
    return ("…" if start else "") + body.replace("\n", " ") + ("…" if end < len(text) else "")


def search(db: Database, query: str, case_id: int | None = None, limit: int = 200) -> list[Hit]:
    query = unicodedata.normalize("NFKC", query.strip())
    if not query:
        return []
    # Pages come in the order they were stored (case files in import order), like the hits are shown:
    # ranking every match first cost 70 ms for a word on every page of 3,000 case files.
    only = ""
    params: list[object] = []
    if case_id is not None:
        only = " AND sha256 = (SELECT f.sha256 FROM cases c JOIN files f ON f.id = c.file_id WHERE c.id = ?)"
        params = [case_id]
    if len(query) >= 3:
        phrase = '"' + query.replace('"', '""') + '"'
        rows = db.execute(
            f"SELECT sha256, page, text FROM page_search WHERE page_search MATCH ?{only} LIMIT ?",
            [phrase, *params, limit * 4],
        ).fetchall()
    else:
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = db.execute(
            f"SELECT sha256, page, text FROM page_search WHERE text LIKE ? ESCAPE '\\'{only} LIMIT ?",
            [f"%{escaped}%", *params, limit * 4],
        ).fetchall()
    cases: dict[str, list[int]] = {}
    for cid, sha in db.execute(
        "SELECT c.id, f.sha256 FROM cases c JOIN files f ON f.id = c.file_id"
    ).fetchall():
        cases.setdefault(sha, []).append(cid)
    hits = []
    for sha, page, text in rows:
        for cid in cases.get(sha, []):
            if case_id is None or cid == case_id:
                hits.append(Hit(cid, sha, int(page), _snippet(text, query)))
    hits.sort(key=lambda h: (h.case_id, h.page))
    return hits[:limit]
