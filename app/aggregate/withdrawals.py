"""Taking a received package out of the count: listed, withdrawn with a reason, logged, never deleted.

A package that should not count (signed by mistake, scored against the wrong file, or stored by an
older version that did not check scores) must not block the panel: the station withdraws it, the
ledger keeps it with who, when and why, and the next ``aggregate`` recomputes without it (an older
package of the same expert counts again where it exists).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.aggregate.receive import Event, _insert_events, unusable_packages
from app.errors import UsageError
from app.models.received import ReceivedRepository
from app.models.store import Store, now_iso


@dataclass(frozen=True)
class ReceivedPackage:
    package_id: str
    fingerprint: str
    expert_name: str
    sequence: int
    received_at: str
    file_name: str
    cases: int
    withdrawn: dict[str, str] | None
    usable: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "package_id": self.package_id,
            "fingerprint": self.fingerprint,
            "expert": self.expert_name,
            "sequence": self.sequence,
            "received_at": self.received_at,
            "file": self.file_name,
            "cases": self.cases,
            "withdrawn": self.withdrawn,
            "usable": self.usable,
        }


def received_packages(store: Store) -> list[ReceivedPackage]:
    broken = set(unusable_packages(store))
    rows = ReceivedRepository(store.db).listing()
    return [
        ReceivedPackage(
            str(pid), str(fp), str(name), int(seq), str(at), str(file), int(cases),
            {"reason": reason, "by": by, "at": when} if reason is not None else None,
            pid not in broken,
        )
        for pid, fp, name, seq, at, file, cases, reason, by, when in rows
    ]  # fmt: skip


def find_package(store: Store, wanted: str) -> str:
    """The full package id of ``wanted`` (the id or a unique prefix of at least 8 characters)."""
    wanted = wanted.strip()
    ids = [p.package_id for p in received_packages(store)]
    matches = [pid for pid in ids if pid == wanted] or (
        [pid for pid in ids if pid.startswith(wanted)] if len(wanted) >= 8 else []
    )
    if len(matches) != 1:
        several = len(matches) > 1
        raise UsageError(
            "no_such_package",
            f"{'有多个' if several else '没有'}编号为 {wanted} 的已接收评分包（用 reviewdesk received list 查看）。",
            f"{'several' if several else 'no'} received packages match {wanted} (see `reviewdesk received list`)",
        )
    return matches[0]


def withdraw(store: Store, wanted: str, reason: str, by: str) -> str:
    """Withdraw a received package; returns its id. Refuses a blank reason and a second withdrawal."""
    if not reason.strip():
        raise UsageError(
            "reason_needed", "撤回评分包须写明原因（--reason）。", "withdrawing needs a --reason"
        )
    package_id = find_package(store, wanted)
    ledger = ReceivedRepository(store.db)
    fingerprint = ledger.fingerprint_of(package_id) or ""
    with store.db.atomic():
        done = ledger.withdrawn_at(package_id)
        if done is not None:
            raise UsageError(
                "already_withdrawn",
                f"评分包 {package_id[:8]} 已于 {done} 撤回。",
                f"package {package_id[:8]} was already withdrawn at {done}",
            )
        ledger.withdraw(package_id, reason.strip(), by, now_iso())
        _insert_events(store, [Event(package_id, fingerprint, "withdrawn", f"{by}: {reason.strip()}")])
    return package_id
