"""What "the store stays intact" means in the robustness tests, checked one way everywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def assert_store_whole(data_dir: Path) -> None:
    """Integrity, foreign keys, every file row's blob on disk, no case without its file."""
    db = sqlite3.connect(data_dir / "reviewdesk.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for (sha,) in db.execute("SELECT sha256 FROM files WHERE sha256 IS NOT NULL"):
            assert (data_dir / "blobs" / sha[:2] / sha).is_file(), f"row without blob: {sha}"
        orphans = db.execute(
            "SELECT count(*) FROM cases c LEFT JOIN files f ON f.id = c.file_id WHERE f.id IS NULL"
        ).fetchone()
        assert orphans == (0,)
    finally:
        db.close()
