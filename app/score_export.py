"""Export driver: the expert's completed scores as one signed package, with the PDF score sheet inside.

It sits above both `app.signing` (the package format and keys) and `app.reports` (the score sheet it
embeds), so neither of those has to import the other.

The manifest carries everything the station needs to trust and use a score without our app: the
SHA-256 of each case file scored (so it is the very file received), the rubric's content hash (so it
was the agreed rubric), every input and the explanation of the total, the history of changes. Each
export gets the next sequence number of this expert, so the station can tell a later package from a
replayed old one.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import __version__
from app.errors import UsageError
from app.models.cases import CaseFile, CaseRepository
from app.models.exports import ExportRepository
from app.models.scores import ScoreRepository
from app.models.store import Store, now_iso
from app.reports.score_sheet import render_score_sheet
from app.rubric import catalog
from app.rubric.model import Rubric
from app.signing import package_format as fmt
from app.signing.atomic_zip import write_zip
from app.signing.identity import ExpertIdentity


@dataclass
class ExportResult:
    path: Path
    package_id: str
    sequence: int
    cases: int
    missing_glyphs: str
    """characters the PDF could not show (printed as 〓); the manifest keeps the real text"""


def scored_cases(store: Store, case_ids: list[int] | None, rubric_id: str | None) -> list[tuple[int, str]]:
    """(case, rubric) pairs to export: all completed ones, or exactly those asked for, which must be complete."""
    rows = ExportRepository(store.db).score_states()
    if rubric_id:
        rows = [r for r in rows if r.rubric_id == rubric_id]
    if case_ids:
        wanted = set(case_ids)
        rows = [r for r in rows if r.case_id in wanted]
        unscored = wanted - {r.case_id for r in rows}
        open_ = sorted({r.case_id for r in rows if r.status != "complete"})
        if unscored or open_:
            names = ", ".join(str(c) for c in sorted(unscored | set(open_)))
            raise UsageError(
                "not_complete",
                f"这些案卷还没有评审完成，不能导出：{names}",
                f"these cases are not complete and cannot be exported: {names}",
            )
    pairs = [(r.case_id, r.rubric_id) for r in rows if r.status == "complete"]
    if not pairs:
        raise UsageError(
            "nothing_to_export",
            "没有已完成的评分可导出（案卷评审完成后才能导出）。",
            "no completed scores to export (complete a case first)",
        )
    return pairs


def case_entry(case: CaseFile, rubric: Rubric, repo: ScoreRepository) -> dict[str, Any]:
    sheet = repo.sheet(case.id, rubric)
    if sheet.outdated:
        raise UsageError(
            "rubric_changed",
            f"案卷 {case.id} 是按另一版本的评分标准 {rubric.id} 评的；请重新打开核对后再完成。",
            f"case {case.id} was scored under another version of {rubric.id}; reopen and check it",
        )
    result = sheet.result()
    return {
        "sha256": case.sha256,
        "source_label": case.source_label,
        "source_path": case.source_path,
        "pages": case.pages,
        "unit": case.value("unit"),
        "candidate_kind": case.value("candidate_kind"),
        "candidate_name": case.value("candidate_name"),
        "selection": case.value("selection"),
        "case_type": case.value("case_type"),
        "case_number": case.value("case_number"),
        "rubric": rubric.id,
        "rubric_hash": rubric.content_hash,
        "status": sheet.status,
        "updated_at": ExportRepository(repo.db).score_updated_at(case.id, rubric.id),
        "inputs": sheet.inputs,
        "result": result.as_json(),
        "history": repo.history(case.id, rubric.id),
    }


def export_package(
    store: Store,
    identity: ExpertIdentity,
    private_key: Ed25519PrivateKey,
    out: Path,
    case_ids: list[int] | None = None,
    rubric_id: str | None = None,
    packet: dict[str, Any] | None = None,
) -> ExportResult:
    """Write the package to ``out`` atomically and record the export; returns what was written."""
    pairs = scored_cases(store, case_ids, rubric_id)
    cases = CaseRepository(store.db)
    repo = ScoreRepository(store.db, identity.name)
    rubrics: dict[str, Rubric] = {}
    entries = []
    for case_id, rid in pairs:
        if rid not in rubrics:
            rubrics[rid] = catalog.get_case_rubric(rid, store.root)
        entries.append(case_entry(cases.get(case_id), rubrics[rid], repo))
    if packet is None:
        packet = _packet_reference(store)
    exports = ExportRepository(store.db)
    sequence = exports.next_sequence()
    package_id = str(uuid.uuid4())
    created = now_iso()
    header = {
        "format": fmt.FORMAT,
        "format_version": fmt.FORMAT_VERSION,
        "package_id": package_id,
        "sequence": sequence,
        "created_at": created,
        "app_version": __version__,
        "expert": identity.as_json(),
        "packet": packet,
        "rubrics": [
            {"id": r.id, "title": r.title, "version": r.version, "content_hash": r.content_hash}
            for r in rubrics.values()
        ],
    }
    sheet = render_score_sheet(header, entries, rubrics)
    members = {
        fmt.PUBLIC_KEY: identity.public_pem(),
        fmt.SHEET: sheet.pdf,
        fmt.HOWTO: fmt.VERIFY_TEXT.encode("utf-8"),
    }
    manifest = {
        **header,
        "cases": entries,
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    signature = private_key.sign(manifest_bytes)
    write_zip(out, {fmt.MANIFEST: manifest_bytes, fmt.SIGNATURE: signature, **members})
    exports.record(package_id, sequence, identity.fingerprint, str(out), len(entries), created)
    return ExportResult(out, package_id, sequence, len(entries), sheet.missing_glyphs)


def _packet_reference(store: Store) -> dict[str, Any] | None:
    """The review packet these cases came in, so the station knows which assignment this answers."""
    packet = ExportRepository(store.db).latest_packet()
    if packet is None:
        return None
    return {
        "packet_id": packet["packet_id"],
        "expert_id": packet["expert_id"],
        "assignment": packet["manifest"]["assignment"]["id"],
    }
