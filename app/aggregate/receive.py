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

from app.models.packets import PacketFileRepository, to_station_files
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
    rows = store.db.execute("SELECT f.sha256 FROM cases c JOIN files f ON f.id = c.file_id").fetchall()
    known = {r[0] for r in rows if r[0]} | set(PacketFileRepository(store.db).originals())
    return StationContext(roster, rubrics, known, accept_unknown_keys)


def receive(store: Store, package: VerifiedPackage) -> list[Event]:
    """Record a verified package; returns what happened, also written to ``package_events``."""
    db = store.db
    fp = package.fingerprint
    existing = db.execute(
        "SELECT manifest_sha256 FROM received_packages WHERE package_id = ?", [package.package_id]
    ).fetchone()
    if existing is not None:
        if is_withdrawn(store, package.package_id):
            return _log(store, [Event(package.package_id, fp, "withdrawn_offered", package.path.name)])
        if existing[0] == package.manifest_sha256:
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
    clash = db.execute(
        "SELECT package_id FROM received_packages WHERE fingerprint = ? AND sequence = ?",
        [fp, package.sequence],
    ).fetchone()
    if clash is not None:
        detail = f"序号 {package.sequence} 已由评分包 {clash[0][:8]} 使用 / sequence used by {clash[0][:8]}"
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
        cursor = db.execute(
            """INSERT INTO received_packages (package_id, manifest_sha256, fingerprint, expert_name, expert_unit,
                   sequence, created_at, received_at, file_name, manifest)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                package.package_id,
                package.manifest_sha256,
                fp,
                package.signer_name,
                package.signer_unit,
                package.sequence,
                package.manifest["created_at"],
                now_iso(),
                package.path.name,
                json.dumps(package.manifest, ensure_ascii=False, sort_keys=True),
            ],
        )
        row_id = cursor.lastrowid
        for case, case_path in zip(cases, paths, strict=True):
            before = db.execute(
                """SELECT p.package_id, p.sequence FROM received_scores s JOIN received_packages p ON p.id = s.package
                   WHERE p.fingerprint = ? AND s.case_sha256 = ? AND s.case_path = ? AND s.rubric_id = ?
                     AND p.id != ? AND p.package_id NOT IN (SELECT package_id FROM withdrawn_packages)
                   ORDER BY p.sequence DESC LIMIT 1""",
                [fp, case["sha256"], case_path, case["rubric"], row_id],
            ).fetchone()
            db.execute(
                """INSERT INTO received_scores (package, case_sha256, case_path, rubric_id, rubric_hash, total)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [
                    row_id,
                    case["sha256"],
                    case_path,
                    case["rubric"],
                    case["rubric_hash"],
                    str(report(to_decimal(case["result"]["score"]))),
                ],
            )
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
    row = store.db.execute("SELECT 1 FROM withdrawn_packages WHERE package_id = ?", [package_id]).fetchone()
    return row is not None


def _assigned_paths(store: Store, packet: dict | None) -> dict[str, list[str]]:
    """The station's paths of the files it assigned to the expert of this packet, by SHA-256."""
    if not packet:
        return {}
    row = store.db.execute(
        "SELECT assignment, expert_id FROM packets_sent WHERE packet_id = ?", [packet.get("packet_id")]
    ).fetchone()
    if row is None:
        return {}
    paths: dict[str, list[str]] = {}
    for sha256, path in store.db.execute(
        "SELECT sha256, source_path FROM assignment_rows WHERE assignment = ? AND expert_id = ?", list(row)
    ).fetchall():
        paths.setdefault(str(sha256), []).append(str(path))
    return paths


def _path(store: Store, case: dict, assigned: dict[str, list[str]]) -> str:
    """Which of the station's files this score is for: the one assigned to the expert, else by path."""
    mine = assigned.get(case["sha256"], [])
    if len(mine) == 1:
        return mine[0]
    return station_path(store, case["sha256"], case["source_path"])


def station_path(store: Store, sha256: str, path: str) -> str:
    """The station's own path of a scored file: experts may have it under another name (a blind packet)."""
    rows = [
        r[0]
        for r in store.db.execute(
            "SELECT f.source_path FROM cases c JOIN files f ON f.id = c.file_id WHERE f.sha256 = ?", [sha256]
        ).fetchall()
    ]
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
    for e in events:
        store.db.execute(
            "INSERT INTO package_events (at, package_id, fingerprint, event, detail) VALUES (?, ?, ?, ?, ?)",
            [at, e.package_id, e.fingerprint, e.event, e.detail],
        )


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
    rows = store.db.execute(
        """SELECT p.fingerprint, p.expert_name, p.expert_unit, s.case_sha256, s.case_path, s.rubric_id, s.total,
                  p.package_id, p.sequence
           FROM received_scores s JOIN received_packages p ON p.id = s.package
           WHERE p.package_id NOT IN (SELECT package_id FROM withdrawn_packages)
             AND p.sequence = (
               SELECT MAX(p2.sequence) FROM received_scores s2 JOIN received_packages p2 ON p2.id = s2.package
               WHERE p2.fingerprint = p.fingerprint AND s2.case_sha256 = s.case_sha256
                 AND s2.case_path = s.case_path AND s2.rubric_id = s.rubric_id
                 AND p2.package_id NOT IN (SELECT package_id FROM withdrawn_packages))
           ORDER BY s.case_sha256, s.case_path, s.rubric_id, p.expert_name"""
    ).fetchall()
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
    rows = store.db.execute(
        """SELECT DISTINCT p.package_id, s.total FROM received_scores s JOIN received_packages p ON p.id = s.package
           WHERE p.package_id NOT IN (SELECT package_id FROM withdrawn_packages)"""
    ).fetchall()
    return sorted({pid for pid, total in rows if _stored_score(total) is None})


def events(store: Store) -> list[dict[str, str]]:
    rows = store.db.execute(
        "SELECT at, package_id, fingerprint, event, detail FROM package_events ORDER BY id"
    ).fetchall()
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
