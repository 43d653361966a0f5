"""The store: where it lives, migrations recorded, a newer schema refused, a backup before migrating."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import paths
from app.errors import StoreError
from app.models.schema import known_migrations
from app.models.store import Store


def test_data_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "from-env"))
    assert paths.data_dir() == tmp_path / "from-env"
    assert paths.data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    monkeypatch.delenv(paths.ENV_VAR)
    assert "ReviewDesk" in str(paths.data_dir())


def test_new_store_is_wal_and_migrated(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    applied = {r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations").fetchall()}
    assert applied == known_migrations()
    assert store.integrity_ok()


def test_newer_schema_is_refused(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('reviewdesk', 'm999_future', 'x')"
    )
    store.close()
    with pytest.raises(StoreError) as error:
        Store.open(data_dir)
    assert error.value.code == "store_newer" and "更新版本" in error.value.zh


def test_store_is_backed_up_before_a_pending_migration(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    import app.models.store as store_module
    from app.models.schema import migrations

    Store.open(data_dir).close()
    newer = Migrations("reviewdesk")
    for existing in migrations.pending(Database(memory=True)):
        newer(name=existing.name)(existing.fn)

    @newer()
    def m002_notes(db) -> None:  # a schema change a later version might make
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(store_module, "migrations", newer)
    monkeypatch.setattr(store_module, "known_migrations", lambda: known_migrations() | {"m002_notes"})
    store = Store.open(data_dir)
    try:
        assert "notes" in store.db.table_names()
    finally:
        store.close()
    backups = list(data_dir.glob("*.before-m002_notes.bak"))
    assert len(backups) == 1
    import sqlite3

    with sqlite3.connect(backups[0]) as old:
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "sources" in tables and "notes" not in tables


def test_not_a_database_is_a_clear_error(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "reviewdesk.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as error:
        Store.open(data_dir)
    assert error.value.code == "store_corrupt"


def test_blob_store_writes_atomically_and_dedupes(store: Store, tmp_path: Path) -> None:
    import io

    first = store.blobs.put_stream(io.BytesIO(b"same bytes"))
    second = store.blobs.put_stream(io.BytesIO(b"same bytes"))
    assert first.sha256 == second.sha256 and first.is_new and not second.is_new
    assert list(store.blobs.tmp.iterdir()) == []


def test_every_migration_in_the_schema_is_registered_and_numbered_in_order() -> None:
    """A migration function without its decorator would silently never run (it happened at a merge)."""
    import inspect

    from app.models import schema

    defined = [
        name
        for name, _ in inspect.getmembers(schema, inspect.isfunction)
        if name[:1] == "m" and name[1:4].isdigit()
    ]
    assert sorted(defined) == sorted(known_migrations())
    numbers = sorted(int(name[1:4]) for name in defined)
    assert numbers == list(range(1, len(numbers) + 1)), "migrations are numbered without gaps"
