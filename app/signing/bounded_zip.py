"""Reading a zip someone else made without trusting its sizes: every member streamed, with a bound.

A 2 MB zip can inflate to gigabytes; reading members whole would exhaust memory before the
signature check ever ran. Sizes are checked against the central directory first (cheap refusal),
then counted while streaming (the directory can lie), per member and in total.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.signing.rejection import PackageRejected, reject

CHUNK = 1 << 20
MiB = 1 << 20

READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    RuntimeError,  # encrypted member
    NotImplementedError,  # unknown compression method
    EOFError,
    zlib.error,
    KeyError,
    OverflowError,
)


@dataclass(frozen=True)
class ZipLimits:
    member_bytes: int
    total_bytes: int
    members: int


def _size_text(limit: int) -> str:
    return f"{limit // MiB} MB"


def open_archive(path: Path, noun: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise reject("package_missing", f"找不到{noun}：{path}", f"not found: {path}") from exc
    except IsADirectoryError as exc:
        raise reject(
            "package_unreadable", f"这是文件夹，不是{noun}：{path}", f"a folder, not a zip: {path}"
        ) from exc
    except READ_ERRORS as exc:
        raise reject(
            "package_unreadable", f"不是有效的{noun}（zip 文件已损坏）：{path}", f"not a readable zip: {path}"
        ) from exc


def member_table(archive: zipfile.ZipFile, limits: ZipLimits, noun: str) -> dict[str, zipfile.ZipInfo]:
    """Name → entry, refusing duplicates, too many members and sizes above the limits before reading any."""
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise reject(
            "too_many_members",
            f"{noun}中的文件过多（{len(infos)} 个，上限 {limits.members}）。",
            f"too many members ({len(infos)}, at most {limits.members})",
        )
    table: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        if info.filename in table:
            raise reject("member_duplicated", f"{noun}中有重名的文件。", "duplicate member names")
        table[info.filename] = info
        _check_size(info.filename, info.file_size, limits.member_bytes, noun)
        total += info.file_size
        if total > limits.total_bytes:
            raise _too_large_total(limits, noun)
    return table


def _check_size(name: str, size: int, limit: int, noun: str) -> None:
    if size > limit:
        raise reject(
            "member_too_large",
            f"{noun}中的 {name} 解压后过大（上限 {_size_text(limit)}），已拒收。",
            f"{name} inflates beyond {_size_text(limit)}; refused",
        )


def _too_large_total(limits: ZipLimits, noun: str) -> PackageRejected:
    return reject(
        "package_too_large",
        f"{noun}解压后总大小超过 {_size_text(limits.total_bytes)}，已拒收。",
        f"the members inflate beyond {_size_text(limits.total_bytes)} in all; refused",
    )


@dataclass
class Budget:
    """Bytes still allowed across all members of one archive."""

    left: int


def stream_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limit: int,
    budget: Budget,
    limits: ZipLimits,
    noun: str,
    keep: bool,
) -> tuple[str, bytes | None]:
    """(SHA-256, the bytes when ``keep``) of one member, never holding more than ``limit`` of it."""
    digest = hashlib.sha256()
    kept: list[bytes] = []
    read = 0
    try:
        with archive.open(info) as stream:
            while chunk := _read(stream):
                read += len(chunk)
                _check_size(info.filename, read, limit, noun)
                budget.left -= len(chunk)
                if budget.left < 0:
                    raise _too_large_total(limits, noun)
                digest.update(chunk)
                if keep:
                    kept.append(chunk)
    except PackageRejected:
        raise
    except READ_ERRORS as exc:
        # A changed byte inside a compressed member fails its CRC here.
        raise reject(
            "member_changed",
            f"{noun}中的文件 {info.filename} 已损坏或被改动。",
            f"member {info.filename} is damaged or changed: {exc}",
        ) from exc
    return digest.hexdigest(), b"".join(kept) if keep else None


def _read(stream: IO[bytes]) -> bytes:
    return stream.read(CHUNK)
