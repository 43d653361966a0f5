"""Advisory whole-file locks that work on Windows and POSIX, released when the process dies.

Used where two ReviewDesk processes may meet in one data directory: around schema migrations, and
to tell the temporary files of a running import from those a killed one left behind. The lock is
held by an open file; the operating system drops it when the process ends, however it ends.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import IO

# sys.platform rather than os.name: mypy narrows on it, so it checks only the branch of this platform
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _release(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class FileLock:
    """An exclusive lock on ``path`` (created if missing); a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        handle = self.path.open("a+b")
        if _try(handle):
            self._handle = handle
            return True
        handle.close()
        return False

    def acquire(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds; False when another process still holds it."""
        deadline = time.monotonic() + timeout
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True

    def release(self) -> None:
        if self._handle is not None:
            _release(self._handle)
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None
