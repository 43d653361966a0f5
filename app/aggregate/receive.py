"""The station's ledger of received packages: verified once, kept exactly as signed, never double-counted.

Rules, per expert (key fingerprint), case file and rubric: the score counted is the one from that
expert's package with the highest sequence number. Receiving the same package again changes nothing;
a later package replaces what an earlier one said about the same case (recorded as an event); an
older one replayed after a newer is kept but not counted; two different packages claiming the same
sequence number of one expert are flagged and the second is not counted. The station can withdraw a
received package (logged, with a reason): it stays in the ledger and stops counting.

The name reports show is the roster's (or the key's fingerprint), recorded on receipt: the name a
manifest gives is only the signer's claim.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.models.assignments import AssignmentRepository
from app.models.cases import CaseRepository
from app.models.packets import PacketFileRepository, to_station_files
from app.models.received import ReceivedRepository
from app.models.store import Store, now_iso
from app.rubric import catalog
from app.rubric.model import Rubric
from app.rubric.rounding import report, to_decimal
from app.signing.rejection import PackageRejected
from app.signing.roster import Roster
from app.signing.verify import StationContext, VerifiedPackage, check_against_station, read_package

EVENT_LABELS = {
    "received": "已接收 / received",
    "already_received": "重复提交（未改变任何结果）/ already received (nothing changed)",
    "replaced": "替代了该专家较早的评分包 / replaces this expert's earlier package",
    "older_ignored": "比已收到的评分包旧，不计入 / older than one received, not counted",
    "sequence_conflict": "两个不同的评分包使用同一序号，后者不计入 / two packages share a sequence number; this one does not count",
    "rejected": "未通过核验，不计入 / refused, not counted",
    "withdrawn": "已撤回，不再计入 / withdrawn, no longer counted",
    "withdrawn_offered": "该评分包已被撤回，再次提交也不计入 / this package was withdrawn and does not count when offered again",
}


@dataclass(frozen=True)
class Event:
    package_id: str
    fingerprint: str
    event: str
    detail: str = ""

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.event, self.event)


def station_context(store: Store, roster: Roster | None, accept_unknown_keys: bool = False) -> StationContext:
    found, _errors = catalog.load_all(store.root)
    rubrics = {(r.id, r.content_hash): r for r in found.values() if isinstance(r, Rubric)}
    imported = {c.sha256 for c in CaseRepository(store.db).list() if c.sha256}
    known = imported | set(PacketFileRepository(store.db).originals())
    return StationContext(roster, rubrics, known, accept_unknown_keys)


def receive(store: Store, package: VerifiedPackage) -> list[Event]:
    """Record a verified package; returns what happened, also written to ``package_events``."""
    db = store.db
    ledger = ReceivedRepository(db)
    fp = package.fingerprint
    existing = ledger.manifest_sha256(package.package_id)
    if existing is not None:
        if is_withdrawn(store, package.package_id):
            return _log(store, [Event(package.package_id, fp, "withdrawn_offered", package.path.name)])
        if existing == package.manifest_sha256:
            return _log(store, [Event(package.package_id, fp, "already_received", package.path.name)])
        return _log(
            store,
            [
                Event(
                    package.package_id,
                    fp,
                    "sequence_conflict",
                    "同一评分包编号、不同内容 / same package id, other content",
                )
            ],
        )
    clash = ledger.with_sequence(fp, package.sequence)
    if clash is not None:
        detail = f"序号 {package.sequence} 已由评分包 {clash[:8]} 使用 / sequence used by {clash[:8]}"
        return _log(store, [Event(package.package_id, fp, "sequence_conflict", detail)])
    events = [Event(package.package_id, fp, "received", package.path.name)]
    assigned = _assigned_paths(store, package.manifest.get("packet"))
    originals = PacketFileRepository(store.db).originals()
    cases = to_station_files({"cases": package.cases}, originals)["cases"]
    paths = [_path(store, case, assigned) for case in cases]
    keys = [(case["sha256"], path, case["rubric"]) for case, path in zip(cases, paths, strict=True)]
    if len(set(keys)) != len(keys):
        raise PackageRejected(
            "duplicate_case",
            "评分包对本站同一份案卷给了两个分数（同一文件以不同名称列了两次），不计入。",
            "the package scores one of the station's case files twice (one file listed under two names)",
        )
    with db.atomic():
        row_id = ledger.add_package(
            {
                "package_id": package.package_id,
                "manifest_sha256": package.manifest_sha256,
                "fingerprint": fp,
                "expert_name": package.signer_name,
                "expert_unit": package.signer_unit,
                "sequence": package.sequence,
                "created_at": package.manifest["created_at"],
                "received_at": now_iso(),
                "file_name": package.path.name,
                "manifest": json.dumps(package.manifest, ensure_ascii=False, sort_keys=True),
            }
        )
        for case, case_path in zip(cases, paths, strict=True):
            before = ledger.latest_other(fp, case["sha256"], case_path, case["rubric"], row_id)
            total = str(report(to_decimal(case["result"]["score"])))
            ledger.add_score(row_id, case["sha256"], case_path, case["rubric"], case["rubric_hash"], total)
            if before is None:
                continue
            label = case.get("source_path") or case["sha256"][:12]
            if before[1] < package.sequence:
                events.append(
                    Event(
                        package.package_id,
                        fp,
                        "replaced",
                        f"{label}: 替代 {before[0][:8]}（第 {before[1]} 号）/ replaces {before[0][:8]} (sequence {before[1]})",
                    )
                )
            else:
                events.append(
                    Event(
                        package.package_id,
                        fp,
                        "older_ignored",
                        f"{label}: 已有第 {before[1]} 号（{before[0][:8]}）/ sequence {before[1]} ({before[0][:8]}) already counts",
                    )
                )
        _insert_events(store, events)
    return events


def is_withdrawn(store: Store, package_id: str) -> bool:
    return ReceivedRepository(store.db).withdrawn_at(package_id) is not None


def _assigned_paths(store: Store, packet: dict | None) -> dict[str, list[str]]:
    """The station's paths of the files it assigned to the expert of this packet, by SHA-256."""
    if not packet:
        return {}
    return AssignmentRepository(store.db).assigned_paths(str(packet.get("packet_id")))


def _path(store: Store, case: dict, assigned: dict[str, list[str]]) -> str:
    """Which of the station's files this score is for: the one assigned to the expert, else by path."""
    mine = assigned.get(case["sha256"], [])
    if len(mine) == 1:
        return mine[0]
    return station_path(store, case["sha256"], case["source_path"])


def station_path(store: Store, sha256: str, path: str) -> str:
    """The station's own path of a scored file: experts may have it under another name (a blind packet)."""
    rows = CaseRepository(store.db).source_paths(sha256)  # one query, not every case per score
    for candidate in rows:
        if candidate == path or candidate.endswith("/" + path) or path.endswith("/" + candidate):
            return str(candidate)
    return str(rows[0]) if rows else path


def record_rejection(store: Store, path: Path, reason: str) -> Event:
    event = Event(path.name, "", "rejected", reason)
    _log(store, [event])
    return event


def _log(store: Store, events: list[Event]) -> list[Event]:
    with store.db.atomic():
        _insert_events(store, events)
    return events


def _insert_events(store: Store, events: list[Event]) -> None:
    at = now_iso()
    ledger = ReceivedRepository(store.db)
    for e in events:
        ledger.log(at, e.package_id, e.fingerprint, e.event, e.detail)


@dataclass(frozen=True)
class CountedScore:
    fingerprint: str
    expert_name: str
    expert_unit: str
    case_sha256: str
    case_path: str
    rubric_id: str
    score: Decimal
    package_id: str
    sequence: int


def counted_scores(store: Store) -> list[CountedScore]:
    """Per expert, case and rubric: the score of that expert's latest package."""
    rows = ReceivedRepository(store.db).counted_rows()
    counted = []
    for fp, name, unit, sha, path, rubric, total, pid, seq in rows:
        score = _stored_score(total)
        if score is not None:  # a row a buggy older version stored: withdraw its package, never crash
            counted.append(CountedScore(fp, name, unit, sha, path, rubric, score, pid, int(seq)))
    return counted


def _stored_score(total: object) -> Decimal | None:
    try:
        value = to_decimal(total)
    except (TypeError, ArithmeticError):
        return None
    return value if value.is_finite() else None


def unusable_packages(store: Store) -> list[str]:
    """Received, not withdrawn packages holding a score that is not a number (stored before checks existed)."""
    rows = ReceivedRepository(store.db).counted_totals()
    return sorted({pid for pid, total in rows if _stored_score(total) is None})


def events(store: Store) -> list[dict[str, str]]:
    rows = ReceivedRepository(store.db).events()
    return [
        {"at": a, "package_id": p, "fingerprint": f, "event": e, "label": EVENT_LABELS.get(e, e), "detail": d}
        for a, p, f, e, d in rows
    ]


@dataclass(frozen=True)
class Receipt:
    """What happened to one offered file: its events, or the refusal with its reason."""

    file: Path
    signer: str
    events: tuple[Event, ...] = ()
    refused_code: str = ""
    refused_zh: str = ""
    refused_en: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.refused_code)


def receive_files(store: Store, files: list[Path], context: StationContext) -> list[Receipt]:
    """Verify and record each file as ``reviewdesk aggregate`` does; a refusal is logged, never raised."""
    receipts = []
    for path in files:
        try:
            package = read_package(path)
            check_against_station(package, context)
            events = receive(store, package)
        except PackageRejected as rejected:
            record_rejection(store, path, f"{rejected.code}: {rejected.en}")
            receipts.append(Receipt(path, "", (), rejected.code, rejected.zh, rejected.en))
            continue
        receipts.append(Receipt(path, package.signer_name, tuple(events), warnings=tuple(package.warnings)))
    return receipts
