"""Who submitted what: the candidates (collective units, individuals) with their case files and papers.

A case file's candidate comes from intake (folder names, cover; corrected by hand): the files of one
submitting folder are one candidate, and so are files whose units are the same unit spelt another
way (海西州 / 海西蒙古族藏族自治州, 环保局 / 环境保护局: ``unit_key``). A supporting
file (事迹材料, 廉洁执法证明) belongs to the candidate whose case files sit in the same folder or
below it — the way bureaus lay out their discs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from sqlite_utils import Database

from app.intake.casefacts import submitting_folder
from app.intake.unitnames import unit_key
from app.models.cases import CaseFile, CaseRepository
from app.models.station_facts import StationFactsRepository


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
    """(id, name, kind, unit) from this case file's own facts, or None when intake could not tell whose it is.

    All case files of a submitting folder share that folder's unit, kind and person, so they
    share this key; ``candidates`` also joins the files whose units are spelt differently.
    """
    unit, kind = case.value("unit"), case.value("candidate_kind")
    if not unit or not kind:
        return None
    return _key(unit, kind, case.value("candidate_name"))


def _key(unit: str, kind: str, person: str | None) -> tuple[str, str, str, str]:
    if kind == "individual":
        person = person or "?"
        return f"{unit}/{person}", f"{unit} {person}", kind, unit
    return unit, unit, kind, unit


def _case_year(case: CaseFile) -> int | None:
    year = re.search(r"〔((?:19|20)\d{2})〕", case.value("case_number") or "")
    return int(year.group(1)) if year else None


def _links(case: CaseFile) -> list[tuple[str, ...]]:
    """What ties this case file to others of the same candidate: its folder, and its unit's identity."""
    kind, person = case.value("candidate_kind"), case.value("candidate_name") or ""
    if not kind:
        return []
    links: list[tuple[str, ...]] = []
    corrected = any(
        case.fields[name].found_by == "manual"
        for name in ("unit", "candidate_kind", "candidate_name")
        if name in case.fields
    )
    folder = submitting_folder(case.source_label, case.source_path)
    if folder is not None and not corrected:  # a person who moved a file to another candidate wins
        links.append(("folder", case.source_label, folder, kind, person))
    unit = case.value("unit")
    nameless = kind == "individual" and not person
    if unit and not (nameless and links):  # two unnamed individuals of one unit are two people
        links.append(("unit", unit_key(unit, _case_year(case)), kind, person))
    return links


def _shown_unit(cases: list[CaseFile]) -> str | None:
    """The unit as the folder (or a person) wrote it, else the spelling most covers use."""
    stated = [
        c.value("unit")
        for c in cases
        if c.fields.get("unit") and c.fields["unit"].found_by in ("folder", "manual")
    ]
    spelt = [u for u in stated if u] or [u for c in cases if (u := c.value("unit"))]
    if not spelt:
        return None
    counts = Counter(spelt)
    return max(counts, key=lambda u: (counts[u], len(u)))  # a tie goes to the fuller, official form


def _group(cases: list[CaseFile]) -> list[list[CaseFile]]:
    """Case files joined when they share a submitting folder or a unit identity (union-find)."""
    parent = list(range(len(cases)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[str, ...], int] = {}
    for index, case in enumerate(cases):
        for link in _links(case):
            other = first_with.setdefault(link, index)
            parent[root(index)] = root(other)
    groups: dict[int, list[CaseFile]] = {}
    for index, case in enumerate(cases):
        groups.setdefault(root(index), []).append(case)
    return list(groups.values())


def candidates(db: Database) -> tuple[list[Candidate], list[CaseFile]]:
    """The candidates, one per submitting folder (or unit), and the case files no candidate could be found for."""
    found: dict[str, Candidate] = {}
    orphans: list[CaseFile] = []
    for group in _group(CaseRepository(db).list()):
        unit, kind = _shown_unit(group), group[0].value("candidate_kind")
        if not unit or not kind:
            orphans += group
            continue
        person = group[0].value("candidate_name")
        if kind == "individual" and not person:  # unnamed: told apart by the folder they came in
            folder = submitting_folder(group[0].source_label, group[0].source_path)
            person = f"?（{folder.rsplit('/', 1)[-1]}）" if folder else None
        ident, name, kind, unit = _key(unit, kind, person)
        found.setdefault(ident, Candidate(ident, name, kind, unit)).cases.extend(group)
    for cand in found.values():
        cand.cases.sort(key=lambda c: c.id)
    rows = StationFactsRepository(db).supporting_files()
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
