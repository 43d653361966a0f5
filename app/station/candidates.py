"""Who submitted what: the candidates (collective units, individuals) with their case files and papers.

A case file's candidate comes from intake (folder names, cover; corrected by hand). A supporting
file (事迹材料, 廉洁执法证明) belongs to the candidate whose case files sit in the same folder or
below it — the way bureaus lay out their discs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from sqlite_utils import Database

from app.models.cases import CaseFile, CaseRepository


@dataclass(frozen=True)
class SupportingFile:
    id: int
    sha256: str
    source_path: str
    role: str


@dataclass
class Candidate:
    id: str
    """the unit for a collective, unit/name for an individual"""
    name: str
    kind: str
    unit: str
    cases: list[CaseFile] = field(default_factory=list)
    papers: list[SupportingFile] = field(default_factory=list)

    def papers_of(self, role: str) -> list[SupportingFile]:
        return [p for p in self.papers if p.role == role]


def candidate_key(case: CaseFile) -> tuple[str, str, str, str] | None:
    """(id, name, kind, unit), or None when intake could not tell whose the case file is."""
    unit, kind = case.value("unit"), case.value("candidate_kind")
    if not unit or not kind:
        return None
    if kind == "individual":
        person = case.value("candidate_name") or "?"
        return f"{unit}/{person}", f"{unit} {person}", kind, unit
    return unit, unit, kind, unit


def candidates(db: Database) -> tuple[list[Candidate], list[CaseFile]]:
    """The candidates, and the case files no candidate could be found for."""
    found: dict[str, Candidate] = {}
    orphans: list[CaseFile] = []
    for case in CaseRepository(db).list():
        key = candidate_key(case)
        if key is None:
            orphans.append(case)
            continue
        ident, name, kind, unit = key
        found.setdefault(ident, Candidate(ident, name, kind, unit)).cases.append(case)
    rows = db.execute(
        "SELECT id, sha256, source_path, role FROM files WHERE class = 'supporting' AND role IS NOT NULL"
    ).fetchall()
    for file_id, sha256, path, role in rows:
        owner = _owner(found.values(), str(path))
        if owner is not None:
            owner.papers.append(SupportingFile(int(file_id), str(sha256), str(path), str(role)))
    return sorted(found.values(), key=lambda c: (c.unit, c.kind, c.id)), orphans


def _owner(cands: Iterable[Candidate], path: str) -> Candidate | None:
    """The one candidate with case files under this file's folder; None when none or several."""
    folder = PurePosixPath(path).parent
    owners = [
        c for c in cands if any(PurePosixPath(case.source_path).is_relative_to(folder) for case in c.cases)
    ]
    return owners[0] if len(owners) == 1 else None
