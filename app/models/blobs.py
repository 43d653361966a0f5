"""Content-addressed copies of every received file, so the disc can go back to its owner.

A blob is stored once under its SHA-256 and written atomically: into a temporary file in the same
directory tree, flushed and fsynced, then renamed into place. A crash leaves at most a stray
temporary file, never a half-written blob under a real name.

An import writes many blobs in a row: ``put_stream(..., settle=False)`` leaves the copy under its
temporary name, and ``settle`` later syncs a whole batch of them and only then renames each into
place. Syncing after the batch's writes lets the disk take them together instead of waiting once per
file, and the rule stays the same: nothing has a real name (or a row naming it) before it is durable.
"""

from __future__ import annotations

import atexit
import ctypes
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from app.filelock import FileLock

CHUNK = 1024 * 1024


# fdatasync flushes the data and the size needed to read it back, skipping timestamps: cheaper, as durable.
_sync_data = getattr(os, "fdatasync", os.fsync)


def _load_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2): one call makes everything written to a file system durable."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return None
    syncfs.argtypes = [ctypes.c_int]
    syncfs.restype = ctypes.c_int
    return syncfs


_syncfs = _load_syncfs()


def _load_sync_file_range() -> Callable[[int], int] | None:
    """Linux's sync_file_range(2) with SYNC_FILE_RANGE_WRITE: start writing a file out, without waiting."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    call.restype = ctypes.c_int
    return lambda fd: int(call(fd, 0, 0, 2))  # SYNC_FILE_RANGE_WRITE


_start_writeback = _load_sync_file_range()


class SizeLimitExceeded(Exception):
    """The stream produced more bytes than allowed (a zip bomb or a lying header)."""


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    path: Path
    """Where the bytes are now: the final name, or the temporary one until the blob is settled."""
    head: bytes
    """The first bytes of the content, for sniffing its type without reading the file again."""
    is_new: bool
    settled: bool = True
    """False while the copy is a temporary file not yet synced (``put_stream(settle=False)``)."""
    content: bytes | None = field(default=None, repr=False, compare=False)
    """All the bytes, when ``put_stream(keep=...)`` asked to keep a file this small in memory."""


class BlobStore:
    """A folder of files named by their SHA-256, two hex digits of fan-out."""

    HEAD_BYTES = 64 * 1024

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        # Beside the blobs, not among the temporaries: each live process's lock on its temporaries.
        self.owners = root.parent / "locks"

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_stream(
        self,
        stream: IO[bytes],
        limit: int | None = None,
        on_bytes: Callable[[int], None] | None = None,
        settle: bool = True,
        keep: int = 0,
    ) -> StoredBlob:
        """Copy a stream into the store while hashing it; ``limit`` bounds the bytes read.

        One pass: each chunk read is hashed and written from the same buffer. With ``settle=False`` a
        new blob stays a temporary file until ``settle`` is called on it, and its writing-out starts at
        once (so the later sync has little left to wait for). A file of at most ``keep`` bytes comes
        back with its ``content``, so inspecting it needs no second read.
        """
        digest = hashlib.sha256()
        size = 0
        head = bytearray()
        kept: list[bytes] | None = [] if keep else None
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix=self._claim_temporaries())
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
                    if kept is not None:
                        if size <= keep:
                            kept.append(chunk)
                        else:
                            kept = None
                    if len(head) < self.HEAD_BYTES:
                        head += chunk[: self.HEAD_BYTES - len(head)]
                    out.write(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk))
                out.flush()
                if settle:
                    _sync_data(out.fileno())
                elif _start_writeback is not None:
                    _start_writeback(out.fileno())
            sha = digest.hexdigest()
            content = b"".join(kept) if kept is not None else None
            final = self.path_for(sha)
            if final.is_file():
                os.unlink(tmp_name)
                return StoredBlob(sha, size, final, bytes(head), is_new=False, content=content)
            if not settle:
                return StoredBlob(sha, size, Path(tmp_name), bytes(head), True, False, content)
            self._move_into_place(tmp_name, final)
            return StoredBlob(sha, size, final, bytes(head), is_new=True, content=content)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def settle(self, blobs: list[StoredBlob]) -> list[StoredBlob]:
        """Sync the unsettled blobs' data (all writes first, then the syncs), then give them their names."""
        self.sync(blobs)
        return self.name(blobs)

    def sync(self, blobs: list[StoredBlob]) -> None:
        """Make the unsettled blobs' bytes durable; touches nothing else, so it may run in another thread."""
        pending = [b for b in blobs if not b.settled]
        if pending:
            self._sync_all([Path(b.path) for b in pending])

    def name(self, synced: list[StoredBlob]) -> list[StoredBlob]:
        """Give blobs that ``sync`` made durable their real names; the same bytes twice keep one copy."""
        settled = []
        for blob in synced:
            if blob.settled:
                settled.append(blob)
                continue
            final = self.path_for(blob.sha256)
            if final.is_file():  # the same bytes twice in one batch
                os.unlink(blob.path)
            else:
                self._move_into_place(str(blob.path), final)
            settled.append(StoredBlob(blob.sha256, blob.size, final, blob.head, blob.is_new))
        return settled

    def _sync_all(self, files: list[Path]) -> None:
        """One syncfs for the batch where the system has it, else an fdatasync per file after all writes.

        The temporaries all live in one folder, so one file system holds the whole batch.
        """
        if _syncfs is not None and len(files) > 1:
            fd = os.open(self.tmp, os.O_RDONLY)
            try:
                if _syncfs(fd) == 0:
                    return
            finally:
                os.close(fd)
        for path in files:
            fd = os.open(
                path, os.O_RDWR | getattr(os, "O_BINARY", 0)
            )  # Windows flushes only a writable handle
            try:
                _sync_data(fd)
            finally:
                os.close(fd)

    def discard(self, blobs: list[StoredBlob]) -> None:
        """Remove the temporaries of blobs that will not be settled (a cancelled batch)."""
        for blob in blobs:
            if not blob.settled:
                Path(blob.path).unlink(missing_ok=True)

    def _move_into_place(self, tmp_name: str, final: Path) -> None:
        try:
            os.replace(tmp_name, final)
        except FileNotFoundError:  # the fan-out folder is made on first use
            final.parent.mkdir(exist_ok=True)
            os.replace(tmp_name, final)

    def clear_stale_temporaries(self, older_than_seconds: float = 3600) -> int:
        """Remove temporary files that killed processes left behind; returns how many.

        A temporary file is named after the process writing it, and that process holds a lock
        on its owner file while it lives; a lock anyone can take again means the owner is gone.
        Unnamed ones (from older versions) go once they are old.
        """
        removed = 0
        cutoff = time.time() - older_than_seconds
        owners: dict[str, bool] = {str(os.getpid()): False}
        for leftover in self.tmp.iterdir():
            parts = leftover.name.split("-")
            owner = parts[1] if len(parts) > 2 and parts[1].isdigit() else None
            try:
                if owner is None:
                    stale = leftover.stat().st_mtime < cutoff
                else:
                    if owner not in owners:
                        owners[owner] = self._owner_is_gone(owner)
                    stale = owners[owner]
                if stale:
                    if leftover.is_dir():
                        shutil.rmtree(leftover, ignore_errors=True)
                    else:
                        leftover.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    def _owner_is_gone(self, pid: str) -> bool:
        owner_file = self.owners / f"import-{pid}.lock"
        if not owner_file.exists():
            return True
        probe = FileLock(owner_file)
        if not probe.try_acquire():
            return False
        probe.release()
        owner_file.unlink(missing_ok=True)
        return True

    def scratch_dir(self, purpose: str) -> tempfile.TemporaryDirectory[str]:
        """A temporary folder inside the data directory, removed on the next open if this process dies."""
        return tempfile.TemporaryDirectory(dir=self.tmp, prefix=self._claim_temporaries(purpose))

    def _claim_temporaries(self, purpose: str = "incoming") -> str:
        """Hold this process's owner lock (once per process and folder) and name temporaries after it."""
        pid = os.getpid()
        key = (pid, str(self.tmp))
        if key not in _OWNER_LOCKS:
            self.owners.mkdir(exist_ok=True)
            lock = FileLock(self.owners / f"import-{pid}.lock")
            lock.try_acquire()
            if not _OWNER_LOCKS:
                atexit.register(_release_owner_locks)
            _OWNER_LOCKS[key] = lock
        return f"{purpose}-{pid}-"


_OWNER_LOCKS: dict[tuple[int, str], FileLock] = {}
"""Held for the life of the process; the OS releases them when it ends, however it ends."""


def _release_owner_locks() -> None:
    for lock in _OWNER_LOCKS.values():
        lock.release()
    _OWNER_LOCKS.clear()
