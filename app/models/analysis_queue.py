"""Which files have been analysed, and how far: what the workflow asks before choosing its next file."""

from __future__ import annotations

from sqlite_utils import Database


def analysis_states(db: Database) -> dict[str, tuple[str, str]]:
    """sha256 → (analyser version, status: segmented or complete) of every analysed file."""
    rows = db.execute("SELECT sha256, analyzer_version, status FROM analyses").fetchall()
    return {sha: (version, status) for sha, version, status in rows}
