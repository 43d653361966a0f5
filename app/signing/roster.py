"""The station's roster: the experts' public keys it trusts.

A roster is a PEM file with one or more public keys (``cat expert-*.pem > roster.pem``) or a folder
of such files — exactly what ``reviewdesk keys export-public`` writes, so no other tool is needed.
Without ``--roster``, the station's own ``roster/`` folder in its data directory is used if present.

The roster, not the package, says who a key belongs to: the ``专家 / expert:`` and ``单位 / unit:``
lines written above each key (the station can edit them), else the file's name when it holds one
key, else the key's fingerprint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.errors import UsageError
from app.signing.identity import display_fingerprint, fingerprint

PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)
NAME_LINE = re.compile(r"^\s*#?\s*(?:专家\s*/\s*)?expert\s*[:：]\s*(.+?)\s*$", re.I | re.M)
UNIT_LINE = re.compile(r"^\s*#?\s*(?:单位\s*/\s*)?unit\s*[:：]\s*(.+?)\s*$", re.I | re.M)


@dataclass(frozen=True)
class RosterEntry:
    fingerprint: str
    name: str
    unit: str
    file: str


@dataclass(frozen=True)
class Roster:
    entries: dict[str, RosterEntry]
    """fingerprint → who the station says holds the key"""
    source: str

    def __contains__(self, fingerprint: str) -> bool:
        return fingerprint in self.entries

    def entry(self, fingerprint: str) -> RosterEntry | None:
        return self.entries.get(fingerprint)

    @property
    def fingerprints(self) -> dict[str, str]:
        return {fp: e.file for fp, e in self.entries.items()}


def label_lines(name: str, unit: str) -> str:
    """The lines ``keys export-public`` writes above the key, read back as the roster entry."""
    return f"专家 / expert: {name}\n单位 / unit: {unit}\n"


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
    found: dict[str, RosterEntry] = {}
    for file in files:
        found |= _entries(file)
    if not found:
        raise UsageError(
            "roster_empty",
            f"专家名册中没有公钥（应为 PEM 格式，由 reviewdesk keys export-public 导出）：{where}",
            f"no public keys in the roster (PEM, as written by `reviewdesk keys export-public`): {where}",
        )
    return Roster(found, str(where))


def _entries(file: Path) -> dict[str, RosterEntry]:
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise UsageError(
            "roster_unreadable", f"无法读取专家名册：{file}", f"cannot read the roster: {file}"
        ) from exc
    blocks = list(PEM_BLOCK.finditer(data))
    entries: dict[str, RosterEntry] = {}
    previous_end = 0
    for block in blocks:
        fp = _fingerprint_of(block.group(0), file)
        before = data[previous_end : block.start()].decode("utf-8", "replace")
        previous_end = block.end()
        name = _last(NAME_LINE, before) or (file.stem if len(blocks) == 1 else "")
        name = name or f"未登记姓名 {display_fingerprint(fp)[:19]}"
        entries[fp] = RosterEntry(fp, name, _last(UNIT_LINE, before), str(file))
    return entries


def _last(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.findall(text)
    return found[-1][:200] if found else ""


def _fingerprint_of(block: bytes, file: Path) -> str:
    try:
        key = serialization.load_pem_public_key(block)
    except (ValueError, TypeError) as exc:
        raise UsageError(
            "roster_bad_key", f"名册中有无法读取的公钥：{file}", f"unreadable key in {file}"
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError("roster_bad_key", f"名册中的公钥不是 Ed25519：{file}", f"not an Ed25519 key: {file}")
    return fingerprint(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
