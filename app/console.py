"""Standard streams that never crash a command: a GBK console, a pipe, or no console at all.

- On Chinese Windows a redirected stdout is GBK: ``✓ ✗ ⚠`` would raise UnicodeEncodeError, and the
  exit code 1 that follows reads as "invalid package". Files and pipes get UTF-8; a terminal keeps
  its encoding with unencodable characters replaced.
- A windowed executable (the GUI exe of the bundle) has ``sys.stdout``/``sys.stderr`` set to None:
  every ``print`` and the progress bar would raise. Both go to ``reviewdesk.log`` in the data
  directory instead, so CLI errors can still be read afterwards.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TextIO

LOG_NAME = "reviewdesk.log"
_PROBE = "✓✗⚠案"
_windowed = False


def windowed() -> bool:
    """True in a program with no console (its messages go to the log, a person sees dialogs)."""
    return _windowed


def make_streams_safe(data_dir: str | None = None) -> None:
    """Apply to this process's stdout and stderr (call once, first thing in the entry point)."""
    global _windowed
    log: TextIO | None = None
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            log = log or open_log(data_dir)
            _windowed = True
            setattr(sys, name, log)
        else:
            make_safe(stream)


def make_safe(stream: TextIO) -> None:
    """Reconfigure one text stream so no character can make a write raise."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    if _can_encode(getattr(stream, "encoding", None) or "ascii"):
        return
    try:
        if _is_terminal(stream) or os.environ.get("PYTHONIOENCODING"):
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="replace")
    except (ValueError, OSError, io.UnsupportedOperation):
        pass  # a closed or unusual stream: leave it as it is


def _can_encode(encoding: str) -> bool:
    try:
        _PROBE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):
        return False


def open_log(data_dir: str | None) -> TextIO:
    """The log a windowed program writes its messages to; a sink that drops them if even that fails."""
    from app import paths

    try:
        folder = paths.data_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        return log_file(folder / LOG_NAME)
    except OSError:
        return io.StringIO()


def log_file(path: Path) -> TextIO:
    return open(path, "a", encoding="utf-8", errors="replace", buffering=1)
