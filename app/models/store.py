"""Opening the SQLite store: WAL, migrations with a backup first, refusal of newer schemas.

One ``Store`` per thread: a SQLite connection belongs to the thread that opened it.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from app import paths
from app.errors import StoreError
from app.filelock import FileLock
from app.models.blobs import BlobStore
from app.models.schema import known_migrations, migrations


def now_iso() -> str:
    """Timestamps in the store: UTC, ISO 8601, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Store:
    """The data directory: the SQLite database and the blob folder beside it."""

    def __init__(self, root: Path, db: Database, blobs: BlobStore) -> None:
        self.root = root
        self.db = db
        self.blobs = blobs

    @classmethod
    def open(cls, root: Path) -> Store:
        """Open (creating if needed) the store in ``root``, migrated to this app's schema."""
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                "store_unwritable",
                f"无法创建数据目录 {root}：{exc.strerror}",
                f"cannot create the data directory {root}: {exc.strerror}",
            ) from exc
        db_path = paths.store_file(root)
        _refuse_emptied_store(root, db_path)
        try:
            conn = sqlite3.connect(db_path, timeout=10)
            db = Database(conn)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA synchronous=NORMAL")
            with _migration_lock(root):
                _migrate(db, db_path)
        except sqlite3.OperationalError as exc:
            raise store_error_from(exc, db_path) from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                "store_corrupt",
                f"数据库文件已损坏或不是 ReviewDesk 数据库：{db_path}",
                f"the database file is damaged or not a ReviewDesk store: {db_path}",
            ) from exc
        store = cls(root, db, BlobStore(paths.blob_dir(root)))
        store.blobs.clear_stale_temporaries()
        return store

    def close(self) -> None:
        self.db.close()

    def integrity_ok(self) -> bool:
        rows = self.db.execute("PRAGMA integrity_check").fetchall()
        return rows == [("ok",)]


def _refuse_emptied_store(root: Path, db_path: Path) -> None:
    """A zero-byte database beside stored files is a lost database, not a new store: say so."""
    try:
        emptied = db_path.stat().st_size == 0
    except FileNotFoundError:
        return
    blobs = paths.blob_dir(root)
    if emptied and blobs.is_dir() and any(p.name != "tmp" for p in blobs.iterdir()):
        raise StoreError(
            "store_emptied",
            f"数据库文件是空的（0 字节），但数据目录中已有导入的文件：{db_path}。"
            "请从备份（.bak）恢复数据库，或换一个数据目录。",
            f"the database file is empty (0 bytes) but the data directory holds imported files: {db_path}; "
            "restore it from a backup (.bak) or use another data directory",
        )


@contextmanager
def _migration_lock(root: Path) -> Iterator[None]:
    """One process migrates at a time; two imports racing on a new data directory would both create tables."""
    (root / "locks").mkdir(exist_ok=True)
    lock = FileLock(root / "locks" / "migrate.lock")
    if not lock.acquire(timeout=30):
        raise StoreError(
            "store_locked",
            f"另一个 ReviewDesk 进程正在升级数据库，请稍后重试：{root}",
            f"another ReviewDesk process is upgrading the store, try again later: {root}",
        )
    try:
        yield
    finally:
        lock.release()


def _migrate(db: Database, db_path: Path) -> None:
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - known_migrations()
    if unknown:
        raise StoreError(
            "store_newer",
            "这个数据库由更新版本的 ReviewDesk 创建，请升级本软件后再打开。",
            f"this store was written by a newer ReviewDesk (migrations {sorted(unknown)}); upgrade first",
        )
    pending = migrations.pending(db)
    if not pending:
        return
    if applied:
        # Copy before changing a schema that already holds work (Vorta does the same).
        backup = db_path.with_name(f"{db_path.name}.before-{pending[0].name}.bak")
        db.execute("PRAGMA wal_checkpoint(FULL)")
        shutil.copy2(db_path, backup)
    migrations.apply(db)


def store_error_from(exc: sqlite3.OperationalError, db_path: Path) -> StoreError:
    """The user's reading of a SQLite failure; the work already committed is always intact."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            "store_locked",
            f"数据库正被另一个程序使用，请稍后重试：{db_path}",
            f"the store is locked by another process, try again later: {db_path}",
        )
    if "disk" in text and "full" in text:
        return disk_full_error()
    return StoreError(
        "store_unwritable",
        f"无法打开数据库 {db_path}：{exc}",
        f"cannot open the store {db_path}: {exc}",
    )


def disk_full_error() -> StoreError:
    return StoreError(
        "disk_full",
        "磁盘空间已满，无法继续写入。已保存的内容完好，请清理磁盘后重试。",
        "the disk is full; free some space and try again (what was saved is intact)",
    )
