"""m010 rebuilds ``sources`` without the CHECK on its kind, keeping every row and every reference."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from app import paths
from app.models.schema import migrations
from app.models.store import Store


def _store_before_m010(root: Path) -> None:
    """A store as the schema before m010 made it: a pure UDF disc stored as 'iso', a folder, their files."""
    root.mkdir(parents=True)
    conn = sqlite3.connect(paths.store_file(root))
    db = Database(conn)
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db, stop_before="m010_source_kinds_unchecked")
    at = "2026-01-01T00:00:00.000+00:00"
    db.execute(
        """INSERT INTO sources (id, identity, kind, path, label, sha256, size, filesystem, status, imported_at,
                                imported_by) VALUES
           (1, 'sha256:aa', 'iso', '/d/win.udf', 'WIN', 'aa', 10, 'udf', 'complete', ?, 'x'),
           (2, 'folder:/d/disc|DISC', 'folder', '/d/disc', 'DISC', NULL, NULL, 'folder', 'importing', ?, 'x')""",
        [at, at],
    )
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            """INSERT INTO sources (identity, kind, path, label, status, imported_at, imported_by)
               VALUES ('x', 'udf', '/x', 'x', 'complete', ?, 'x')""",
            [at],
        )
    db.execute("INSERT INTO blobs VALUES ('bb', 3, ?)", [at])
    for file_id, source_id in ((1, 1), (2, 2)):
        db.execute(
            """INSERT INTO files (id, source_id, source_path, sha256, size, kind, class, imported_at, imported_by)
               VALUES (?, ?, ?, 'bb', 3, 'pdf', 'case_file', ?, 'x')""",
            [file_id, source_id, f"case{file_id}.pdf", at],
        )
        db.execute("INSERT INTO cases (id, file_id) VALUES (?, ?)", [file_id, file_id])
    conn.commit()
    conn.close()


def test_m010_keeps_rows_and_references_and_drops_the_kind_check(tmp_path: Path) -> None:
    root = tmp_path / "data"
    _store_before_m010(root)
    store = Store.open(root)
    try:
        db = store.db
        rows = db.execute("SELECT id, identity, kind, filesystem, status FROM sources ORDER BY id").fetchall()
        assert rows == [
            (1, "sha256:aa", "udf", "udf", "complete"),
            (2, "folder:/d/disc|DISC", "folder", "folder", "importing"),
        ]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute(
            "SELECT count(*) FROM files JOIN sources s ON s.id = files.source_id"
        ).fetchone() == (2,)
        files_sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'files'").fetchone()[0]
        assert "REFERENCES sources(id)" in files_sql
        # any kind the reader table knows can now be stored; the other CHECKs and the UNIQUE stay
        db.execute(
            """INSERT INTO sources (identity, kind, path, label, status, imported_at, imported_by)
               VALUES ('sha256:cc', 'udf', '/x', 'x', 'complete', 'now', 'x')"""
        )
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                """INSERT INTO sources (identity, kind, path, label, status, imported_at, imported_by)
                   VALUES ('sha256:dd', 'zip', '/x', 'x', 'half-done', 'now', 'x')"""
            )
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                """INSERT INTO sources (identity, kind, path, label, status, imported_at, imported_by)
                   VALUES ('sha256:cc', 'zip', '/x', 'x', 'complete', 'now', 'x')"""
            )
        with pytest.raises(sqlite3.IntegrityError):  # files still may not name a missing source
            db.execute(
                """INSERT INTO files (source_id, source_path, kind, class, imported_at, imported_by)
                   VALUES (99, 'p', 'pdf', 'other', 'now', 'x')"""
            )
        assert store.integrity_ok()
    finally:
        store.close()
    backups = list(root.glob("*.before-m010_source_kinds_unchecked.bak"))
    assert len(backups) == 1


def test_m010_run_again_after_an_unrecorded_finish_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "data"
    _store_before_m010(root)
    Store.open(root).close()
    conn = sqlite3.connect(paths.store_file(root))
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_source_kinds_unchecked'")
    conn.commit()
    conn.close()
    store = Store.open(root)
    try:
        kinds = [r[0] for r in store.db.execute("SELECT kind FROM sources ORDER BY id").fetchall()]
        assert kinds == ["udf", "folder"]
    finally:
        store.close()
