"""Making bad packages and packets the way an attacker or a careless script would: changed, then re-signed.

A re-signed manifest has a valid signature, so every refusal these produce comes from the checks
after the signature: the manifest's shape, the recomputed scores, the roster, the member bounds.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

GiB = 1 << 30
ZERO_MIB = bytes(1 << 20)
# CRC-32 and SHA-256 of 2 GiB of zero bytes: inputs of the zip bomb, computed once with zlib and hashlib
# over 2048 chunks of 1 MiB (2 s and 4 s to recompute; the bomb is refused before either is needed).
ZEROS_2GIB_CRC = 0x4DBDF21C
ZEROS_2GIB_SHA256 = "a7c744c13cc101ed66c29f672f92455547889cc586ce6d44fe76ae824958ea51"


def members_of(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest_of(members: dict[str, bytes]) -> dict[str, Any]:
    return json.loads(members["manifest.json"])


def dump(manifest: Any) -> bytes:
    """JSON as a careless script would write it: NaN and Infinity allowed through."""
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=True).encode("utf-8")


def sign(members: dict[str, bytes], manifest_bytes: bytes, key: Ed25519PrivateKey) -> dict[str, bytes]:
    return {**members, "manifest.json": manifest_bytes, "manifest.sig": key.sign(manifest_bytes)}


def resign(members: dict[str, bytes], manifest: Any, key: Ed25519PrivateKey) -> dict[str, bytes]:
    return sign(members, dump(manifest), key)


def relist(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    """Make the manifest's member hashes match the members (after a member was changed on purpose)."""
    manifest["members"] = {
        name: hashlib.sha256(data).hexdigest()
        for name, data in members.items()
        if name not in ("manifest.json", "manifest.sig")
    }


def write(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _deflated_zeros(mebibytes: int) -> bytes:
    """A raw deflate stream of ``mebibytes`` MiB of zeros, about 1 KB per MiB, built without inflating it."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = squeeze.compress(ZERO_MIB) + squeeze.flush(zlib.Z_FULL_FLUSH)
    repeat = squeeze.compress(ZERO_MIB) + squeeze.flush(zlib.Z_FULL_FLUSH)
    return first + repeat * (mebibytes - 2) + squeeze.compress(ZERO_MIB) + squeeze.flush()


def write_with_bomb(
    path: Path, members: dict[str, bytes], bomb_name: str, crc: int, declared_size: int, mebibytes: int
) -> Path:
    """A zip of ``members`` plus ``bomb_name``: ``mebibytes`` MiB of zeros, declared as ``declared_size``."""
    stored = {n: d for n, d in members.items() if n != bomb_name}
    entries: list[tuple[str, int, int, int, int, bytes]] = []
    body = bytearray()
    for name, data in stored.items():
        entries.append((name, zlib.crc32(data), len(data), len(data), 0, data))
    bomb = _deflated_zeros(mebibytes)
    entries.append((bomb_name, crc, len(bomb), declared_size, 8, bomb))
    central = bytearray()
    for name, entry_crc, packed, size, method, data in entries:
        encoded = name.encode("utf-8")
        offset = len(body)
        body += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, entry_crc, packed, size, len(encoded), 0
        )
        body += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0x800, method, 0, 0x21, entry_crc, packed, size, len(encoded), 0, 0, 0, 0, 0,
            offset,
        )  # fmt: skip
        central += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(body), 0)
    path.write_bytes(bytes(body) + bytes(central) + end)
    return path
