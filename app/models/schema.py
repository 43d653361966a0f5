"""The store's schema as ordered, named migrations (sqlite-utils ``Migrations``).

Each migration runs in one transaction and is recorded in the database; never edit a released
migration, add a new one. ``KNOWN_MIGRATIONS`` lets the store refuse a database from a newer app.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("reviewdesk")


@migrations()
def m001_intake(db: Database) -> None:
    """Sources, files, blobs, case files and their facts, and the user's corrections."""
    db.execute(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """
    )
    # identity: "sha256:<hex>" for an image, zip or single file; "folder:<abs path>|<label>" for a folder.
    db.execute(
        """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            identity TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('folder', 'iso', 'zip', 'file')),
            path TEXT NOT NULL,
            label TEXT NOT NULL,
            sha256 TEXT,
            size INTEGER,
            filesystem TEXT,
            encoding TEXT,
            status TEXT NOT NULL CHECK (status IN ('importing', 'complete')),
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            finished_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            stored_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            source_path TEXT NOT NULL,
            sha256 TEXT REFERENCES blobs(sha256),
            size INTEGER,
            kind TEXT NOT NULL,
            class TEXT NOT NULL CHECK (class IN ('case_file', 'supporting', 'other', 'rejected')),
            class_reason TEXT NOT NULL DEFAULT '',
            role TEXT,
            pages INTEGER,
            has_text INTEGER,
            problem_code TEXT,
            problem_zh TEXT,
            problem_en TEXT,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL
        )
        """
    )
    # A NULL sha256 (content never read: zip bomb, unsafe name) is still one row per path.
    db.execute("CREATE UNIQUE INDEX files_identity ON files (source_id, source_path, coalesce(sha256, ''))")
    db.execute("CREATE INDEX files_sha256 ON files (sha256)")
    db.execute(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL UNIQUE REFERENCES files(id)
        )
        """
    )
    # What the intake found, one row per field: the value and how it was found.
    db.execute(
        """
        CREATE TABLE case_facts (
            case_id INTEGER NOT NULL REFERENCES cases(id),
            field TEXT NOT NULL,
            value TEXT,
            found_by TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (case_id, field)
        )
        """
    )
    # Keyed by content and path, not by case id, so a correction outlives re-import and re-analysis.
    db.execute(
        """
        CREATE TABLE case_corrections (
            sha256 TEXT NOT NULL,
            source_path TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT,
            corrected_by TEXT NOT NULL,
            corrected_at TEXT NOT NULL,
            PRIMARY KEY (sha256, source_path, field)
        )
        """
    )


def known_migrations() -> frozenset[str]:
    """Names of every migration this version of the app knows."""
    return frozenset(m.name for m in migrations.pending(Database(memory=True)))
