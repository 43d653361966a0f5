"""Where ReviewDesk keeps its data: one directory, chosen once.

Order of precedence: an explicit ``--data-dir``, the ``REVIEWDESK_DATA_DIR`` variable, a bundle in
portable mode (a ``portable.txt`` file beside the executable: data in ``data/`` beside it, so a USB
stick carries program and data together), then the platform's user data directory (platformdirs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

ENV_VAR = "REVIEWDESK_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory, not yet created."""
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    portable = portable_data_dir()
    if portable is not None:
        return portable
    return Path(platformdirs.user_data_dir("ReviewDesk", appauthor=False))


PORTABLE_MARKER = "portable.txt"


def portable_data_dir(executable: str | None = None, frozen: bool | None = None) -> Path | None:
    """``data/`` beside a bundled executable that has ``portable.txt`` beside it; else None."""
    if not (getattr(sys, "frozen", False) if frozen is None else frozen):
        return None
    folder = Path(executable or sys.executable).resolve().parent
    if (folder / PORTABLE_MARKER).is_file():
        return folder / "data"
    return None


def store_file(root: Path) -> Path:
    return root / "reviewdesk.sqlite3"


def blob_dir(root: Path) -> Path:
    return root / "blobs"


def demo_disc_dir(root: Path) -> Path:
    return root / "demo-disc"


def current_user() -> str:
    """Who is importing or scoring, for the record; the desk later replaces it with the expert's name."""
    for var in ("REVIEWDESK_USER", "USER", "USERNAME", "LOGNAME"):
        value = os.environ.get(var)
        if value:
            return value
    return "unknown"
