"""The station's roster: the experts' public keys it trusts.

A roster is a PEM file with one or more public keys (``cat expert-*.pem > roster.pem``) or a folder
of such files — exactly what ``reviewdesk keys export-public`` writes, so no other tool is needed.
Without ``--roster``, the station's own ``roster/`` folder in its data directory is used if present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.errors import UsageError
from app.signing.identity import fingerprint

PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)


@dataclass(frozen=True)
class Roster:
    fingerprints: dict[str, str]
    """fingerprint → the file it came from"""
    source: str

    def __contains__(self, fingerprint: str) -> bool:
        return fingerprint in self.fingerprints


def roster_dir(root: Path) -> Path:
    return root / "roster"


def load_roster(path: str | Path | None, data_root: Path) -> Roster | None:
    """The roster given, else the data directory's ``roster/`` folder, else None (nothing to check)."""
    if path is None:
        default = roster_dir(data_root)
        if not default.is_dir() or not any(default.glob("*.pem")):
            return None
        path = default
    where = Path(path)
    if where.is_dir():
        files = sorted(where.glob("*.pem"))
    elif where.is_file():
        files = [where]
    else:
        raise UsageError("roster_missing", f"找不到专家名册：{where}", f"roster not found: {where}")
    found: dict[str, str] = {}
    for file in files:
        for block in PEM_BLOCK.findall(file.read_bytes()):
            found[_fingerprint_of(block, file)] = str(file)
    if not found:
        raise UsageError(
            "roster_empty",
            f"专家名册中没有公钥（应为 PEM 格式，由 reviewdesk keys export-public 导出）：{where}",
            f"no public keys in the roster (PEM, as written by `reviewdesk keys export-public`): {where}",
        )
    return Roster(found, str(where))


def _fingerprint_of(block: bytes, file: Path) -> str:
    try:
        key = serialization.load_pem_public_key(block)
    except ValueError as exc:
        raise UsageError(
            "roster_bad_key", f"名册中有无法读取的公钥：{file}", f"unreadable key in {file}"
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError("roster_bad_key", f"名册中的公钥不是 Ed25519：{file}", f"not an Ed25519 key: {file}")
    return fingerprint(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
