"""Every transcript in the store with its text and the case files it belongs to, for cross-case checks.

One query per table, not one per case: a campaign store holds thousands of case files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from app.models.store import now_iso


@dataclass(frozen=True)
class CaseRef:
    case_id: int
    unit: str | None
    source_path: str


@dataclass
class StoredTranscript:
    sha256: str
    kind: str
    first_page: int
    last_page: int
    facts: dict[str, Any]
    text: str = ""
    cases: list[CaseRef] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, int]:
        return self.sha256, self.first_page


@dataclass
class StoredDocumentText:
    """A case file's non-transcript document (filing approval, decision, receipt) and its text."""

    sha256: str
    kind: str
    first_page: int
    last_page: int
    text: str


_UNIT = """COALESCE(
    (SELECT value FROM case_corrections cc WHERE cc.sha256 = f.sha256 AND cc.source_path = f.source_path
        AND cc.field = 'unit'),
    (SELECT value FROM case_facts cf WHERE cf.case_id = c.id AND cf.field = 'unit'))"""


class TranscriptRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def case_refs(self) -> dict[str, list[CaseRef]]:
        """The case files of each analysed file (one file may be submitted twice)."""
        refs: dict[str, list[CaseRef]] = {}
        rows = self.db.execute(
            f"""SELECT f.sha256, c.id, {_UNIT}, f.source_path
                FROM cases c JOIN files f ON f.id = c.file_id ORDER BY c.id"""
        ).fetchall()
        for sha, case_id, unit, path in rows:
            refs.setdefault(sha, []).append(CaseRef(case_id, unit, path))
        return refs

    def transcripts(self) -> list[StoredTranscript]:
        refs = self.case_refs()
        records: dict[tuple[str, int], StoredTranscript] = {}
        for sha, first, kind, facts_json in self.db.execute(
            "SELECT sha256, first_page, kind, facts_json FROM transcript_facts ORDER BY sha256, first_page"
        ).fetchall():
            if sha not in refs:
                continue
            facts = json.loads(facts_json)
            last = int(facts.get("last_page") or first)
            records[(sha, first)] = StoredTranscript(sha, kind, first, last, facts, cases=refs[sha])
        texts: dict[tuple[str, int], list[str]] = {key: [] for key in records}
        for sha, first, text in self.db.execute(
            """SELECT t.sha256, t.first_page, p.text FROM transcript_facts t
               JOIN page_texts p ON p.sha256 = t.sha256
                 AND p.page BETWEEN t.first_page AND CAST(json_extract(t.facts_json, '$.last_page') AS INTEGER)
               ORDER BY t.sha256, t.first_page, p.page"""
        ).fetchall():
            if (sha, first) in texts:
                texts[(sha, first)].append(text)
        for key, record in records.items():
            record.text = "\n".join(texts[key])
        return list(records.values())

    def document_texts(self, kinds: tuple[str, ...]) -> list[StoredDocumentText]:
        """Segments of ``kinds`` with their page text (corrections aside: dates only need the text)."""
        marks = ", ".join("?" for _ in kinds)
        rows = self.db.execute(
            f"""SELECT s.sha256, s.kind, s.first_page, s.last_page, group_concat(p.text, char(10))
                FROM segments s JOIN page_texts p ON p.sha256 = s.sha256
                  AND p.page BETWEEN s.first_page AND s.last_page
                WHERE s.kind IN ({marks})
                GROUP BY s.sha256, s.ordinal ORDER BY s.sha256, s.first_page""",
            list(kinds),
        ).fetchall()
        return [StoredDocumentText(*row) for row in rows]


class MaskedUnitCache:
    """Masked units per record, so a second run over a grown store masks only what is new."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def load(self, version: str) -> dict[tuple[str, int], tuple[str, list[list[str]]]]:
        rows = self.db.execute(
            "SELECT sha256, first_page, text_hash, units_json FROM crosscheck_units WHERE mask_version = ?",
            [version],
        ).fetchall()
        return {(sha, first): (digest, json.loads(units)) for sha, first, digest, units in rows}

    def save(self, version: str, rows: list[tuple[str, int, str, list[list[str]]]]) -> None:
        with self.db.atomic():
            self.db.conn.executemany(
                """INSERT OR REPLACE INTO crosscheck_units (sha256, first_page, mask_version, text_hash, units_json)
                   VALUES (?, ?, ?, ?, ?)""",
                [
                    (sha, first, version, digest, json.dumps(units, ensure_ascii=False))
                    for sha, first, digest, units in rows
                ],
            )


class CrosscheckFindingRepository:
    """The last cross-case run's findings, so the desk shows them without running it again."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def replace(self, findings: list[dict[str, Any]]) -> None:
        at = now_iso()
        with self.db.atomic():
            self.db.execute("DELETE FROM crosscheck_findings")
            for finding in findings:
                self.db.execute(
                    """INSERT INTO crosscheck_findings (code, sha256_a, first_page_a, sha256_b, first_page_b,
                                                        finding_json, found_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    [
                        finding["code"],
                        finding["a"]["sha256"],
                        finding["a"]["first_page"],
                        (finding.get("b") or {}).get("sha256"),
                        (finding.get("b") or {}).get("first_page"),
                        json.dumps(finding, ensure_ascii=False),
                        at,
                    ],
                )
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('crosscheck_run_at', ?)", [at])

    def for_file(self, sha256: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT finding_json FROM crosscheck_findings WHERE sha256_a = ? OR sha256_b = ? ORDER BY id",
            [sha256, sha256],
        ).fetchall()
        return [json.loads(row[0]) for row in rows]

    def last_run(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'crosscheck_run_at'").fetchone()
        return row[0] if row else None
