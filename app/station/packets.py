"""Review packets: the station hands each expert their assigned case files, signed with its key.

A packet is a signed zip like a score package (``app.signing.verify.read_signed``): ``manifest.json``
(packet id, assignment and seed, station and expert, blind or not, the rubric and its hash, the
case files with their SHA-256), ``manifest.sig``, ``station.pub.pem``, the rubric file and the case
PDFs. In a blind packet the files are named 案卷01.pdf … and the manifest carries no unit or 文号.

The expert's app verifies the station's signature, imports the files (so their SHA-256 is the
station's), records the packet, and from then on shows only the packet's case files; the score
packages it exports name the packet, so the station knows whose review is still missing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from app.analysis.find import find_in_file
from app.atomic import write_durably
from app.errors import UsageError
from app.intake.importer import Importer
from app.models.assignments import AssignmentRepository
from app.models.cases import CaseFile, CaseRepository, FieldValue
from app.models.packets import PacketFileRepository
from app.models.store import Store, now_iso
from app.rubric import catalog
from app.rubric.loader import RubricError
from app.rubric.model import Rubric
from app.signing import package_format as fmt
from app.signing.atomic_zip import write_zip
from app.signing.bounded_zip import MiB, ZipLimits
from app.signing.identity import ExpertIdentity
from app.signing.manifest_schema import check_packet
from app.signing.verify import PackageRejected, read_signed
from app.station.assign import Assignment, Expert
from app.station.redaction import redact_pdf, terms_for

FORMAT = "reviewdesk-review-packet"
FORMAT_VERSION = 1
STATION_KEY = "station.pub.pem"
BLIND_LABEL = "（盲评）"
PACKET_LIMITS = ZipLimits(member_bytes=1024 * MiB, total_bytes=4096 * MiB, members=5000)
"""case PDFs are scans and can be large; the bounds still stop a zip bomb"""


# -- the station's ledger of assignments ------------------------------------------------------------


def record_assignment(store: Store, result: Assignment, cases: list[CaseFile], by: str) -> int:
    by_id = {c.id: c for c in cases}
    experts = [e.as_json() for e in result.experts]
    repo = AssignmentRepository(store.db)
    with store.db.atomic():
        assignment_id = repo.add(result.seed, result.per_case, experts, by)
        for case_id, expert_ids in result.by_case.items():
            case = by_id[case_id]
            for expert_id in expert_ids:
                repo.add_row(assignment_id, expert_id, case.sha256, case.source_path)
    return assignment_id


@dataclass
class StoredAssignment:
    id: int
    seed: int
    per_case: int
    experts: list[Expert]
    rows: list[tuple[str, str, str]]
    """(expert id, sha256, source path)"""

    def expert(self, expert_id: str) -> Expert:
        for expert in self.experts:
            if expert.id == expert_id:
                return expert
        raise UsageError(
            "unknown_expert", f"分配方案中没有专家 {expert_id}。", f"no expert {expert_id} in the assignment"
        )


def latest_assignment(db: Database) -> StoredAssignment | None:
    found = AssignmentRepository(db).latest()
    if found is None:
        return None
    ident, seed, per_case, experts, rows = found
    return StoredAssignment(ident, seed, per_case, [Expert.from_json(e) for e in experts], rows)


# -- writing a packet (station) ----------------------------------------------------------------------


def write_packet(
    store: Store,
    station: ExpertIdentity,
    key: Ed25519PrivateKey,
    expert_id: str,
    rubric_id: str,
    out: Path,
    blind: bool = False,
) -> dict[str, Any]:
    assignment = latest_assignment(store.db)
    if assignment is None:
        raise UsageError(
            "no_assignment",
            "还没有分配方案：请先运行 reviewdesk assign。",
            "no assignment yet: run reviewdesk assign",
        )
    expert = assignment.expert(expert_id)
    rubric = catalog.get_case_rubric(rubric_id, store.root)
    rubric_text = Path(rubric.path).read_bytes()
    cases = {(c.sha256, c.source_path): c for c in CaseRepository(store.db).list()}
    members: dict[str, bytes] = {STATION_KEY: station.public_pem(), f"rubric/{rubric.id}.toml": rubric_text}
    entries = []
    mine = [(sha, path) for who, sha, path in assignment.rows if who == expert_id]
    carried: list[tuple[str, str, str, list[dict[str, Any]]]] = []
    for number, (sha, path) in enumerate(mine, 1):
        case = cases.get((sha, path))
        name = f"cases/案卷{number:02d}.pdf" if blind else f"cases/{path}"
        data = store.blobs.path_for(sha).read_bytes()
        entry: dict[str, Any] = {"sha256": sha, "file": name}
        if blind:
            data, redactions = _redacted(store, sha, data, case)
            entry |= {"sha256": hashlib.sha256(data).hexdigest(), "redactions": redactions}
            carried.append((entry["sha256"], sha, path, redactions))
        members[name] = data
        if case is not None:
            entry |= {"case_type": case.value("case_type"), "selection": case.value("selection")}
            if not blind:
                entry |= {
                    "source_path": path,
                    "unit": case.value("unit"),
                    "case_number": case.value("case_number"),
                    "candidate_kind": case.value("candidate_kind"),
                    "candidate_name": case.value("candidate_name"),
                }
        entries.append(entry)
    packet_id = str(uuid.uuid4())
    created_at = now_iso()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "packet_id": packet_id,
        "assignment": {"id": assignment.id, "seed": assignment.seed, "per_case": assignment.per_case},
        "created_at": created_at,
        "station": station.as_json(),
        "expert": {"id": expert.id, "name": expert.name, "unit": expert.unit},
        "blind": blind,
        "rubric": {"id": rubric.id, "content_hash": rubric.content_hash, "file": f"rubric/{rubric.id}.toml"},
        "cases": entries,
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    write_zip(out, {fmt.MANIFEST: manifest_bytes, fmt.SIGNATURE: key.sign(manifest_bytes), **members})
    with store.db.atomic():
        AssignmentRepository(store.db).packet_sent(
            packet_id, assignment.id, expert_id, blind, str(out), created_at
        )
        files = PacketFileRepository(store.db)
        for packet_sha, original, path, redactions in carried:
            files.record(packet_id, packet_sha, original, path, redactions)
    return {
        "packet_id": packet_id,
        "expert": expert.id,
        "cases": len(entries),
        "blind": blind,
        "file": str(out),
    }


def _redacted(
    store: Store, sha256: str, data: bytes, case: CaseFile | None
) -> tuple[bytes, list[dict[str, Any]]]:
    """A blind packet's copy of a case file: unit, 文号, candidate and letterhead removed (listed)."""
    if case is None or not data.startswith(b"%PDF"):
        return data, []
    terms = terms_for(case.value("unit"), case.value("case_number"), case.value("candidate_name"))
    redacted, found = redact_pdf(data, terms, lambda text: find_in_file(store.db, sha256, text))
    return redacted, [r.as_json() for r in found]


# -- receiving a packet (expert) -----------------------------------------------------------------------


def receive_packet(store: Store, path: Path, station_fingerprint: str | None, user: str) -> dict[str, Any]:
    """Verify, import the case files and the rubric, record the packet; returns a summary.

    Everything is checked before anything is written: the signature, the whole manifest's shape, the
    station's fingerprint, each case file's SHA-256 and the rubric's content hash.
    """

    def trust(signer: str) -> None:
        if station_fingerprint and signer != station_fingerprint.replace(" ", "").lower():
            raise PackageRejected(
                "not_the_station",
                "评审包不是用监理站公布的密钥签名的（指纹不符）。",
                "the packet was not signed by the station's key (fingerprint differs)",
            )

    # Case files are held in memory to import them: only once the station's key has signed.
    signed = read_signed(
        path, FORMAT, FORMAT_VERSION, STATION_KEY, (STATION_KEY,), "评审包", signer_field="station",
        limits=PACKET_LIMITS, keep=lambda name: True, trust=trust,
    )  # fmt: skip
    manifest = signed.manifest
    check_packet(manifest, PACKET_LIMITS.members)
    for case in manifest["cases"]:
        if hashlib.sha256(signed.data[case["file"]]).hexdigest() != case["sha256"]:
            raise PackageRejected(
                "member_changed", "评审包中的案卷与清单不符。", "a case file differs from the manifest"
            )
    rubric = manifest["rubric"]
    rubric_text = signed.data[rubric["file"]]
    _check_packet_rubric(rubric, rubric_text, store)
    rubric_dir = store.root / "rubrics"
    rubric_dir.mkdir(parents=True, exist_ok=True)
    if catalog_hash(store.root, rubric["id"]) != rubric["content_hash"]:
        write_durably(rubric_dir / f"{rubric['id']}.toml", rubric_text)
    # Inside the data directory, so a killed receive leaves nothing behind that the next open keeps.
    with store.blobs.scratch_dir("packet") as tmp:
        folder = Path(tmp) / f"评审包-{manifest['packet_id'][:8]}"
        for case in manifest["cases"]:
            target = folder / case["file"].removeprefix("cases/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(signed.data[case["file"]])
        report = Importer(store, user).run([folder])
        shutil.rmtree(folder, ignore_errors=True)
    _apply_manifest_facts(store, manifest, user)
    with store.db.atomic():
        AssignmentRepository(store.db).packet_received(manifest, signed.fingerprint)
    return {
        "packet_id": manifest["packet_id"],
        "station": manifest["station"]["name"],
        "station_fingerprint": signed.fingerprint,
        "expert": manifest["expert"],
        "cases": len(manifest["cases"]),
        "blind": manifest["blind"],
        "rubric": rubric["id"],
        "import_exit_code": report.exit_code,
    }


def _check_packet_rubric(rubric: dict[str, Any], text: bytes, store: Store) -> None:
    """The packet's rubric file is a case rubric with the id and content hash the manifest names."""
    with store.blobs.scratch_dir("rubric") as tmp:
        candidate = Path(tmp) / f"{rubric['id']}.toml"
        candidate.write_bytes(text)
        try:
            loaded = catalog.load_any(candidate)
        except (RubricError, UnicodeDecodeError, ValueError) as exc:
            raise PackageRejected(
                "bad_rubric",
                "评审包中的评分标准文件无法使用。",
                f"the packet's rubric file is not usable: {exc}"[:400],
            ) from exc
    if (
        not isinstance(loaded, Rubric)
        or loaded.id != rubric["id"]
        or loaded.content_hash != rubric["content_hash"]
    ):
        raise PackageRejected(
            "bad_rubric",
            "评审包中的评分标准文件与清单所写的编号或内容不符。",
            "the packet's rubric file is not the rubric (id, content hash) its manifest names",
        )


def catalog_hash(root: Path, rubric_id: str) -> str | None:
    try:
        return catalog.get(rubric_id, root).content_hash
    except UsageError:  # not there: the packet's copy is installed
        return None


def _apply_manifest_facts(store: Store, manifest: dict[str, Any], user: str) -> None:
    """The station's facts for each file (what intake would guess from folder names a blind packet lacks)."""
    repo = CaseRepository(store.db)
    by_sha = {c.sha256: c for c in repo.list()}
    for entry in manifest["cases"]:
        case = by_sha.get(entry["sha256"])
        if case is None:
            continue
        changes = {k: entry.get(k) for k in ("case_type", "selection") if entry.get(k)}
        if not manifest["blind"]:
            changes |= {
                k: entry.get(k)
                for k in ("unit", "case_number", "candidate_kind", "candidate_name")
                if entry.get(k)
            }
        if changes:
            repo.correct(case.id, changes, user)


def active_packet(db: Database) -> dict[str, Any] | None:
    return AssignmentRepository(db).active_packet()


def visible_cases(db: Database, cases: list[CaseFile]) -> list[CaseFile]:
    """With a packet received: only its case files, and in a blind packet without their unit."""
    packet = active_packet(db)
    if packet is None:
        return cases
    wanted = {c["sha256"] for c in packet["cases"]}
    shown = [c for c in cases if c.sha256 in wanted]
    if packet["blind"]:
        for case in shown:  # whatever intake read from the (redacted) file, the expert sees the label
            for name in ("unit", "case_number"):
                case.fields[name] = FieldValue(BLIND_LABEL, "blind")
            if "candidate_name" in case.fields:
                case.fields["candidate_name"] = FieldValue(BLIND_LABEL, "blind")
    return shown
