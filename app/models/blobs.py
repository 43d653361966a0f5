"""Content-addressed copies of every received file, so the disc can go back to its owner.

A blob is stored once under its SHA-256 and written atomically: into a temporary file in the same
directory tree, flushed and fsynced, then renamed into place. A crash leaves at most a stray
temporary file, never a half-written blob under a real name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


# fdatasync flushes the data and the size needed to read it back, skipping timestamps: cheaper, as durable.
_sync_data = getattr(os, "fdatasync", os.fsync)


class SizeLimitExceeded(Exception):
    """The stream produced more bytes than allowed (a zip bomb or a lying header)."""


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    path: Path
    head: bytes
    """The first bytes of the content, for sniffing its type without reading the file again."""
    is_new: bool


class BlobStore:
    """A folder of files named by their SHA-256, two hex digits of fan-out."""

    HEAD_BYTES = 64 * 1024

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_stream(
        self,
        stream: BinaryIO,
        limit: int | None = None,
        on_bytes: Callable[[int], None] | None = None,
    ) -> StoredBlob:
        """Copy a stream into the store while hashing it; ``limit`` bounds the bytes read."""
        digest = hashlib.sha256()
        size = 0
        head = bytearray()
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                while True:
                    chunk = stream.read(CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if limit is not None and size > limit:
                        raise SizeLimitExceeded(f"more than {limit} bytes")
                    digest.update(chunk)
                    if len(head) < self.HEAD_BYTES:
                        head += chunk[: self.HEAD_BYTES - len(head)]
                    out.write(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk))
                out.flush()
                _sync_data(out.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            if final.is_file():
                os.unlink(tmp_name)
                return StoredBlob(sha, size, final, bytes(head), is_new=False)
            final.parent.mkdir(exist_ok=True)
            os.replace(tmp_name, final)
            return StoredBlob(sha, size, final, bytes(head), is_new=True)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def clear_stale_temporaries(self, older_than_seconds: float = 3600) -> int:
        """Remove temporary files a killed import left behind; returns how many.

        Only old ones: a young temporary file may belong to an import running in another process.
        """
        removed = 0
        cutoff = time.time() - older_than_seconds
        for leftover in self.tmp.glob("incoming-*"):
            try:
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed
