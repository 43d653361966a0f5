"""What intake writes and reads back: sources, their files, blobs, and the case files found.

The importer decides; this repository owns the statements. Files are recorded a batch at a time in
one transaction, so a batch's rows appear together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from app.models.store import now_iso
from app.problems import Problem


@dataclass
class FileRecord:
    """One file's row (and its case file's, when it is one), ready to write."""

    source_path: str
    sha256: str | None
    size: int | None
    kind: str
    cls: str
    reason: str
    role: str | None = None
    pages: int | None = None
    has_text: bool | None = None
    problem: Problem | None = None
    raw_path: bytes | None = None
    case_facts: dict[str, tuple[str | None, str, str]] | None = None
    """field → (value, found_by, detail) for a case file; None for any other file."""


@dataclass
class RecordedFile:
    status: str
    """``new``, or ``unchanged`` when this source already had the file."""
    case_id: int | None


@dataclass
class StoredFile:
    """A file as an earlier run recorded it."""

    source_path: str
    sha256: str | None
    size: int | None
    kind: str
    cls: str
    reason: str
    role: str | None
    problem: Problem | None
    case_id: int | None = field(default=None)


def _problem(code: str | None, zh: str | None, en: str | None) -> Problem | None:
    return Problem(code, zh or "", en or "") if code else None


class IntakeRepository:
    """Intake's statements, in one store connection."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- sources ----------------------------------------------------------------------------------

    def source(self, identity: str) -> tuple[int, str] | None:
        """The id and status of the source with this identity, if one was ever started."""
        row = self.db.execute("SELECT id, status FROM sources WHERE identity = ?", [identity]).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def add_source(
        self,
        identity: str,
        kind: str,
        path: str,
        label: str,
        sha256: str | None,
        size: int | None,
        filesystem: str,
        encoding: str | None,
        user: str,
    ) -> int:
        with self.db.atomic():
            cursor = self.db.execute(
                """INSERT INTO sources (identity, kind, path, label, sha256, size, filesystem, encoding,
                                        status, imported_at, imported_by)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'importing', ?, ?)""",
                [identity, kind, path, label, sha256, size, filesystem, encoding, now_iso(), user],
            )
        return int(cursor.lastrowid or 0)

    def finish_source(self, source_id: int) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE sources SET status = 'complete', finished_at = ? WHERE id = ?", [now_iso(), source_id]
            )

    # -- files ------------------------------------------------------------------------------------

    def stored_files(
        self, source_id: int, source_path: str | None = None, sha256: str | None = None
    ) -> list[StoredFile]:
        """The source's files in import order; or the one at ``source_path`` with ``sha256``."""
        where = "f.source_id = ?"
        params: list[object] = [source_id]
        if source_path is not None:
            where += " AND f.source_path = ? AND f.sha256 = ?"
            params += [source_path, sha256]
        rows = self.db.execute(
            f"""SELECT f.source_path, f.sha256, f.size, f.kind, f.class, f.class_reason, f.role,
                       f.problem_code, f.problem_zh, f.problem_en, c.id
                FROM files f LEFT JOIN cases c ON c.file_id = f.id
                WHERE {where} ORDER BY f.id""",
            params,
        ).fetchall()
        return [
            StoredFile(path, sha, size, kind, cls, reason, role, _problem(code, zh, en), case_id)
            for path, sha, size, kind, cls, reason, role, code, zh, en, case_id in rows
        ]

    def record_files(self, source_id: int, records: list[FileRecord], user: str) -> list[RecordedFile]:
        """Write the files' rows (blob, file, case and its facts) in a single transaction."""
        results = []
        at = now_iso()
        with self.db.atomic():
            for record in records:
                results.append(self._record_file(source_id, record, user, at))
        return results

    def _record_file(self, source_id: int, record: FileRecord, user: str, at: str) -> RecordedFile:
        existing = self.db.execute(
            """SELECT c.id FROM files f LEFT JOIN cases c ON c.file_id = f.id
               WHERE f.source_id = ? AND f.source_path = ? AND coalesce(f.sha256, '') = ?""",
            [source_id, record.source_path, record.sha256 or ""],
        ).fetchone()
        if existing:
            return RecordedFile("unchanged", existing[0])
        if record.sha256 is not None:
            self.db.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)",
                [record.sha256, record.size, at],
            )
        found = record.problem
        file_id = self.db.execute(
            """INSERT INTO files (source_id, source_path, sha256, size, kind, class, class_reason, role,
                                  pages, has_text, problem_code, problem_zh, problem_en,
                                  imported_at, imported_by, raw_path)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                source_id,
                record.source_path,
                record.sha256,
                record.size,
                record.kind,
                record.cls,
                record.reason,
                record.role,
                record.pages,
                None if record.has_text is None else int(record.has_text),
                found.code if found else None,
                found.zh if found else None,
                found.en if found else None,
                at,
                user,
                record.raw_path,
            ],
        ).lastrowid
        if record.case_facts is None:
            return RecordedFile("new", None)
        case_id = self.db.execute("INSERT INTO cases (file_id) VALUES (?)", [file_id]).lastrowid
        self.db.conn.executemany(
            "INSERT INTO case_facts (case_id, field, value, found_by, detail) VALUES (?, ?, ?, ?, ?)",
            [(case_id, name, *fact) for name, fact in record.case_facts.items()],
        )
        return RecordedFile("new", case_id)

    def reject_file(self, source_id: int, source_path: str, sha256: str | None, found: Problem) -> None:
        """A container found unreadable after its row was written: rejected, with the reason."""
        with self.db.atomic():
            self.db.execute(
                """UPDATE files SET class = 'rejected', class_reason = ?, problem_code = ?, problem_zh = ?,
                                    problem_en = ?
                   WHERE source_id = ? AND source_path = ? AND sha256 = ?""",
                [found.zh, found.code, found.zh, found.en, source_id, source_path, sha256],
            )

    def other_case_copies(self, sha256: str, case_id: int | None) -> list[tuple[str, str]]:
        """(source label, path) of every other case file with these bytes: 同一案卷重复报送, or one disc twice."""
        rows = self.db.execute(
            """SELECT s.label, f.source_path FROM cases c JOIN files f ON f.id = c.file_id
               JOIN sources s ON s.id = f.source_id WHERE f.sha256 = ? AND c.id != ? ORDER BY f.id""",
            [sha256, case_id],
        ).fetchall()
        return [(label, path) for label, path in rows]
