"""Case files as the rest of the app sees them: facts with their provenance, corrections applied.

A person's correction is stored against the file's content and path (not the case id), so it
survives re-import and re-analysis; it always wins over what intake found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from app import vocabulary as vocab
from app.errors import UsageError
from app.models.documents import Document, DocumentRepository
from app.models.store import now_iso
from app.problems import Problem, problem
from app.vocabulary import CASE_FACT_FIELDS as FIELDS

FIELD_CHOICES: dict[str, tuple[str, ...]] = {
    "candidate_kind": ("collective", "individual"),
    "selection": ("nominated", "sampled"),
    "case_type": tuple(vocab.CASE_TYPE_LABELS),
}


@dataclass
class FieldValue:
    value: str | None
    found_by: str
    detail: str = ""

    def as_json(self) -> dict[str, str | None]:
        return {"value": self.value, "found_by": self.found_by, "detail": self.detail}


@dataclass
class CaseFile:
    id: int
    file_id: int
    sha256: str
    source_path: str
    source_label: str
    pages: int | None
    has_text: bool | None
    class_reason: str
    fields: dict[str, FieldValue] = field(default_factory=dict)
    problems: list[dict[str, str]] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        found = self.fields.get(name)
        return found.value if found else None

    def as_json(self) -> dict[str, object]:
        kind = self.value("candidate_kind")
        return {
            "id": self.id,
            "sha256": self.sha256,
            "source_path": self.source_path,
            "source_label": self.source_label,
            "pages": self.pages,
            "scanned": None if self.has_text is None else not self.has_text,
            "unit": self.value("unit"),
            "candidate": {"kind": kind, "name": self.value("candidate_name")} if kind else None,
            "selection": self.value("selection"),
            "case_type": self.value("case_type"),
            "case_number": self.value("case_number"),
            "provenance": {name: value.as_json() for name, value in sorted(self.fields.items())},
            "problems": self.problems,
            "documents": [d.as_json() for d in self.documents],
        }


CaseFiles = list[CaseFile]
Paths = list[str]
Copies = list[tuple[int, str, str]]
"""(case id, source label, path) of the case files that share one file's bytes"""
"""Spelt out of the repository's class, where ``list`` is its method."""


def copy_problems(source_path: str, others: list[tuple[str, str]]) -> list[Problem]:
    """What the other case files with the same bytes, as (source label, path), say about this one.

    Under another path: 同一案卷重复报送. Under the same path from another source: one disc imported
    twice. The case list and the import report both judge copies by this.
    """
    found = []
    elsewhere = [path for _, path in others if path != source_path]
    if elsewhere:
        found.append(problem("duplicate_submission", other="、".join(elsewhere)))
    again = [label for label, path in others if path == source_path]
    if again:
        found.append(problem("imported_twice", source="、".join(again)))
    return found


def candidate_text(case: CaseFile) -> str:
    """集体, 个人 and the name, or — when intake could not tell."""
    text = vocab.CANDIDATE_LABELS.get(case.value("candidate_kind") or "", "—")
    name = case.value("candidate_name")
    return f"{text} {name}" if name else text


class CaseRepository:
    """Reads and corrects case files in one store connection."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[CaseFile]:
        """Every case file, in id order: a fixed number of queries however many there are."""
        return self._load(None)

    def get(self, case_id: int) -> CaseFile:
        """One case file, read alone (callers loop over this; it must not load every case)."""
        found = self._load(case_id)
        if not found:
            raise UsageError(
                "no_such_case", f"没有编号为 {case_id} 的案卷。", f"there is no case file with id {case_id}"
            )
        return found[0]

    def _load(self, case_id: int | None) -> CaseFiles:
        where, params = ("WHERE c.id = ?", [case_id]) if case_id is not None else ("", [])
        rows = self.db.execute(
            f"""SELECT c.id, f.id, f.sha256, f.source_path, s.label, f.pages, f.has_text, f.class_reason,
                       f.problem_code, f.problem_zh, f.problem_en
                FROM cases c JOIN files f ON f.id = c.file_id JOIN sources s ON s.id = f.source_id
                {where} ORDER BY c.id""",
            params,
        ).fetchall()
        cases = {}
        for cid, fid, sha, path, label, pages, has_text, reason, code, zh, en in rows:
            case = CaseFile(
                cid, fid, sha, path, label, pages, None if has_text is None else bool(has_text), reason
            )
            if code:
                case.problems.append({"code": code, "message": zh, "message_en": en})
            cases[cid] = case
        if not cases:
            return []
        facts_where = "WHERE case_id = ?" if case_id is not None else ""
        for cid, name, value, found_by, detail in self.db.execute(
            f"SELECT case_id, field, value, found_by, detail FROM case_facts {facts_where}", params
        ).fetchall():
            if cid in cases:
                cases[cid].fields[name] = FieldValue(value, found_by, detail)
        self._apply_corrections(cases, single=case_id is not None)
        documents = DocumentRepository(self.db)
        copies: dict[str, Copies]
        if case_id is not None:
            case = cases[case_id]
            case.documents = documents.documents(case.sha256)
            copies = {case.sha256: self._copies(case.sha256)}
        else:
            by_sha = documents.all_documents()
            copies = {}
            for case in cases.values():
                case.documents = by_sha.get(case.sha256, [])
                copies.setdefault(case.sha256, []).append((case.id, case.source_label, case.source_path))
        for case in cases.values():
            others = [(label, path) for cid, label, path in copies[case.sha256] if cid != case.id]
            case.problems += [found.as_json() for found in copy_problems(case.source_path, others)]
        return list(cases.values())

    def _copies(self, sha256: str) -> Copies:
        """(case id, source label, path) of every case file with these bytes."""
        rows = self.db.execute(
            """SELECT c.id, s.label, f.source_path FROM cases c JOIN files f ON f.id = c.file_id
               JOIN sources s ON s.id = f.source_id WHERE f.sha256 = ? ORDER BY c.id""",
            [sha256],
        ).fetchall()
        return [(cid, label, path) for cid, label, path in rows]

    def _apply_corrections(self, cases: dict[int, CaseFile], single: bool) -> None:
        """A person's corrections win over what intake found."""
        query = "SELECT sha256, source_path, field, value, corrected_by, corrected_at FROM case_corrections"
        params: list[object] = []
        if single:
            (case,) = cases.values()
            query += " WHERE sha256 = ? AND source_path = ?"
            params = [case.sha256, case.source_path]
        corrections = {
            (sha, path, name): (value, by, at)
            for sha, path, name, value, by, at in self.db.execute(query, params).fetchall()
        }
        if not corrections:
            return
        for case in cases.values():
            for name in FIELDS:
                corrected = corrections.get((case.sha256, case.source_path, name))
                if corrected:
                    value, by, at = corrected
                    case.fields[name] = FieldValue(value, "manual", f"{by} {at}")

    def source_paths(self, sha256: str) -> Paths:
        """Every path a case file with these bytes was submitted under, in case id order."""
        rows = self.db.execute(
            """SELECT f.source_path FROM cases c JOIN files f ON f.id = c.file_id
               WHERE f.sha256 = ? ORDER BY c.id""",
            [sha256],
        ).fetchall()
        return [row[0] for row in rows]

    def correct(self, case_id: int, changes: dict[str, str | None], user: str) -> CaseFile:
        """Record a person's corrections; a value of None clears that field."""
        case = self.get(case_id)
        for name, value in changes.items():
            if name not in FIELDS:
                raise UsageError("bad_field", f"未知字段：{name}", f"unknown field: {name}")
            choices = FIELD_CHOICES.get(name)
            if value is not None and choices and value not in choices:
                raise UsageError(
                    "bad_value",
                    f"{name} 的取值必须是：{'、'.join(choices)}",
                    f"{name} must be one of: {', '.join(choices)}",
                )
        with self.db.atomic():
            for name, value in changes.items():
                self.db.execute(
                    """INSERT INTO case_corrections (sha256, source_path, field, value, corrected_by, corrected_at)
                       VALUES (?, ?, ?, ?, ?, ?)
                       ON CONFLICT (sha256, source_path, field)
                       DO UPDATE SET value = excluded.value, corrected_by = excluded.corrected_by,
                                     corrected_at = excluded.corrected_at""",
                    [case.sha256, case.source_path, name, value, user, now_iso()],
                )
        return self.get(case_id)
