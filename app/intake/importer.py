"""Import sources into the store: copy every file as a blob, classify it, and record case files.

Crash safety: a blob is in place before its row is written, and each file's rows are written in one
transaction, so a process killed at any moment leaves a consistent store; the source stays marked
``importing`` and the next run of the same source skips what is there and finishes the job.

Progress is reported through a callback, and a cancel callback is polled between files, so the
command line and the desk drive the same code.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app import paths
from app.errors import KnownError, SourceError
from app.intake import casefacts
from app.intake.classify import Classification, classify
from app.intake.documents import inspect_docx, inspect_pdf
from app.intake.problems import Problem, problem
from app.intake.sniff import sniff_file
from app.intake.sources import Entry, Source, UdfSource, ZipSource, open_source
from app.intake.udf import UdfError
from app.models.blobs import SizeLimitExceeded, StoredBlob
from app.models.store import Store, disk_full_error, now_iso, store_error_from

MAX_NESTING = 3
CONTAINER_KINDS = ("zip", "iso", "udf")


class ImportCancelled(Exception):
    """The user cancelled; what was imported so far stays, and a re-run resumes."""


@dataclass
class Progress:
    source: str
    current: str
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int


@dataclass
class FileOutcome:
    source_path: str
    sha256: str | None
    size: int | None
    kind: str
    cls: str
    reason: str
    problem: Problem | None
    status: str
    """new or unchanged"""
    case_id: int | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "source_path": self.source_path,
            "sha256": self.sha256,
            "size": self.size,
            "class": self.cls,
            "kind": self.kind,
            "reason": self.reason,
            "status": self.status,
            "case_id": self.case_id,
            "problem": self.problem.as_json() if self.problem else None,
        }


@dataclass
class SourceOutcome:
    path: str
    kind: str = ""
    label: str = ""
    filesystem: str = ""
    sha256: str | None = None
    status: str = "new"
    """new, resumed, unchanged (same content imported before) or failed"""
    error: KnownError | None = None
    files: list[FileOutcome] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "kind": self.kind,
            "label": self.label,
            "filesystem": self.filesystem,
            "sha256": self.sha256,
            "status": self.status,
            "error": {"code": self.error.code, "message": self.error.zh, "message_en": self.error.en}
            if self.error
            else None,
        }


@dataclass
class ImportReport:
    sources: list[SourceOutcome] = field(default_factory=list)

    @property
    def files(self) -> list[FileOutcome]:
        return [f for s in self.sources for f in s.files]

    def summary(self) -> dict[str, int]:
        files = self.files
        counts = {
            "sources": len(self.sources),
            "sources_failed": sum(1 for s in self.sources if s.error is not None),
            "sources_unchanged": sum(1 for s in self.sources if s.status == "unchanged"),
            "files": len(files),
            "new": sum(1 for f in files if f.status == "new"),
            "unchanged": sum(1 for f in files if f.status == "unchanged"),
            "problems": sum(1 for f in files if f.problem is not None),
            "bytes": sum(f.size or 0 for f in files if f.status == "new"),
        }
        for cls in ("case_file", "supporting", "other", "rejected"):
            counts[cls] = sum(1 for f in files if f.cls == cls)
        return counts

    @property
    def exit_code(self) -> int:
        """0 everything imported, 1 some files had problems, 2 a source could not be read."""
        if any(s.error is not None for s in self.sources):
            return 2
        if any(f.problem is not None for f in self.files):
            return 1
        return 0

    def as_json(self) -> dict[str, object]:
        return {
            "sources": [s.as_json() for s in self.sources],
            "files": [f.as_json() for f in self.files],
            "summary": self.summary(),
            "exit_code": self.exit_code,
        }


ProgressCallback = Callable[[Progress], None]
CancelCallback = Callable[[], bool]


def _hash_file(path: Path, on_bytes: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fp:
        while chunk := fp.read(1024 * 1024):
            digest.update(chunk)
            if on_bytes:
                on_bytes(len(chunk))
    return digest.hexdigest()


class Importer:
    """Imports sources into one store; one instance per thread (it owns no connection of its own)."""

    def __init__(
        self,
        store: Store,
        user: str,
        progress: ProgressCallback | None = None,
        cancelled: CancelCallback | None = None,
        encoding: str | None = None,
    ) -> None:
        self.store = store
        self.db = store.db
        self.user = user
        self.progress = progress or (lambda _p: None)
        self.cancelled = cancelled or (lambda: False)
        self.encoding = encoding
        self._state = Progress("", "", 0, 0, 0, 0)

    def run(self, sources: list[Path]) -> ImportReport:
        report = ImportReport()
        self.store.blobs.clear_stale_temporaries()
        for path in sources:
            outcome = SourceOutcome(path=str(path))
            report.sources.append(outcome)
            try:
                self._import_source(path, outcome)
            except SourceError as exc:
                outcome.status = "failed"
                outcome.error = exc
            except sqlite3.OperationalError as exc:
                raise store_error_from(exc, paths.store_file(self.store.root)) from exc
        self._flag_duplicates(report)
        return report

    # -- one source ---------------------------------------------------------------------------

    def _import_source(self, path: Path, outcome: SourceOutcome) -> None:
        path = path.expanduser().resolve()
        with open_source(path, self.encoding) as source:
            outcome.kind, outcome.label, outcome.filesystem = source.kind, source.label, source.filesystem
            entries = list(source.entries())
            total = sum(e.size or 0 for e in entries if e.problem is None)
            self._state = Progress(str(path), "", 0, len(entries), 0, total)
            if source.kind == "folder":
                identity = f"folder:{path}|{source.label}"
            else:
                self._state.bytes_total += path.stat().st_size
                outcome.sha256 = _hash_file(path, self._advance)
                identity = f"sha256:{outcome.sha256}"
            source_id, previous_status = self._upsert_source(identity, path, source, outcome.sha256)
            if previous_status == "complete" and source.kind != "folder":
                # Same bytes as a finished import: nothing can have changed.
                outcome.status = "unchanged"
                outcome.files = self._stored_outcomes(source_id)
                return
            outcome.status = {"complete": "unchanged", "importing": "resumed"}.get(
                previous_status or "", "new"
            )
            self._import_entries(source, entries, source_id, source.label, "", outcome, depth=0)
            self.db.execute(
                "UPDATE sources SET status = 'complete', finished_at = ? WHERE id = ?", [now_iso(), source_id]
            )
            if outcome.status == "unchanged" and any(f.status == "new" for f in outcome.files):
                outcome.status = "updated"

    def _upsert_source(
        self, identity: str, path: Path, source: Source, sha256: str | None
    ) -> tuple[int, str | None]:
        row = self.db.execute("SELECT id, status FROM sources WHERE identity = ?", [identity]).fetchone()
        if row:
            return row[0], row[1]
        size = path.stat().st_size if path.is_file() else None
        with self.db.atomic():
            cursor = self.db.execute(
                """INSERT INTO sources (identity, kind, path, label, sha256, size, filesystem, encoding,
                                        status, imported_at, imported_by)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'importing', ?, ?)""",
                [
                    identity,
                    source.kind,
                    str(path),
                    source.label,
                    sha256,
                    size,
                    source.filesystem,
                    self.encoding,
                    now_iso(),
                    self.user,
                ],
            )
        return int(cursor.lastrowid or 0), None

    def _stored_outcomes(self, source_id: int) -> list[FileOutcome]:
        rows = self.db.execute(
            """SELECT f.source_path, f.sha256, f.size, f.kind, f.class, f.class_reason, f.problem_code,
                      f.problem_zh, f.problem_en, c.id
               FROM files f LEFT JOIN cases c ON c.file_id = f.id
               WHERE f.source_id = ? ORDER BY f.id""",
            [source_id],
        ).fetchall()
        outcomes = []
        for path, sha, size, kind, cls, reason, code, zh, en, case_id in rows:
            found = Problem(code, zh, en) if code else None
            outcomes.append(FileOutcome(path, sha, size, kind, cls, reason, found, "unchanged", case_id))
        return outcomes

    # -- entries --------------------------------------------------------------------------------

    def _advance(self, nbytes: int) -> None:
        self._state.bytes_done += nbytes
        self.progress(self._state)

    def _import_entries(
        self,
        source: Source,
        entries: list[Entry],
        source_id: int,
        label: str,
        prefix: str,
        outcome: SourceOutcome,
        depth: int,
    ) -> None:
        for entry in entries:
            if self.cancelled():
                raise ImportCancelled()
            shown = f"{prefix}{entry.path}"
            self._state.current = shown
            self.progress(self._state)
            file_outcome, blob = self._import_entry(entry, shown, source_id, label)
            outcome.files.append(file_outcome)
            self._state.files_done += 1 if not prefix else 0
            if blob is not None and file_outcome.kind in CONTAINER_KINDS:
                self._open_nested(blob, file_outcome, source_id, label, outcome, depth)
        self.progress(self._state)

    def _open_nested(
        self,
        blob: StoredBlob,
        container: FileOutcome,
        source_id: int,
        label: str,
        outcome: SourceOutcome,
        depth: int,
    ) -> None:
        if depth + 1 > MAX_NESTING:
            self._reject(source_id, container, problem("nested_too_deep"))
            return
        try:
            nested: Source
            if container.kind == "zip":
                nested = ZipSource(blob.path, encoding=self.encoding, label=label)
            elif container.kind == "udf":
                nested = UdfSource(blob.path)
            else:
                nested = open_source(blob.path)
        except SourceError as exc:
            self._reject(source_id, container, Problem(exc.code, exc.zh, exc.en))
            return
        with nested:
            entries = list(nested.entries())
            self._import_entries(
                nested, entries, source_id, label, f"{container.source_path}/", outcome, depth + 1
            )

    def _import_entry(
        self, entry: Entry, shown: str, source_id: int, label: str
    ) -> tuple[FileOutcome, StoredBlob | None]:
        if entry.problem is not None or entry.opener is None:
            found = entry.problem or problem("unreadable_file", reason="no data")
            result = Classification(
                "rejected" if found.severity == "error" else "other", found.zh, problem=found
            )
            return self._record(source_id, shown, None, entry.size, "unknown", result, label), None
        try:
            with entry.opener() as stream:
                blob = self.store.blobs.put_stream(stream, limit=entry.limit, on_bytes=self._advance)
        except SizeLimitExceeded:
            found = problem("zip_bomb", size=f"> {entry.limit}", ratio="?")
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            found = problem("corrupt_zip_member", reason=str(exc))
        except UdfError as exc:
            found = problem("unreadable_file", reason=str(exc))
        except OSError as exc:
            if exc.errno == 28:  # ENOSPC: a store problem, not the file's
                raise disk_full_error() from exc
            found = problem("unreadable_file", reason=exc.strerror or str(exc))
        else:
            existing = self.db.execute(
                """SELECT f.kind, f.class, f.class_reason, f.problem_code, f.problem_zh, f.problem_en, c.id
                   FROM files f LEFT JOIN cases c ON c.file_id = f.id
                   WHERE f.source_id = ? AND f.source_path = ? AND f.sha256 = ?""",
                [source_id, shown, blob.sha256],
            ).fetchone()
            if existing:
                kind, cls, reason, code, zh, en, case_id = existing
                found_problem = Problem(code, zh, en) if code else None
                return (
                    FileOutcome(
                        shown, blob.sha256, blob.size, kind, cls, reason, found_problem, "unchanged", case_id
                    ),
                    blob,
                )
            kind, result, cover, pages, has_text = self._inspect(blob, shown)
            outcome = self._record(
                source_id, shown, blob, blob.size, kind, result, label, cover, pages, has_text
            )
            return outcome, blob
        result = Classification("rejected", found.zh, problem=found)
        return self._record(source_id, shown, None, entry.size, "unknown", result, label), None

    def _inspect(
        self, blob: StoredBlob, shown: str
    ) -> tuple[str, Classification, str | None, int | None, bool | None]:
        kind = sniff_file(blob.path) if blob.size else "empty"
        if kind == "pdf":
            facts = inspect_pdf(blob.path)
            cover = facts.first_pages_text[0] if facts.first_pages_text else None
            return kind, classify(kind, shown, pdf=facts), cover, facts.pages or None, facts.has_text
        if kind == "docx":
            return kind, classify(kind, shown, docx=inspect_docx(blob.path)), None, None, None
        return kind, classify(kind, shown), None, None, None

    def _record(
        self,
        source_id: int,
        shown: str,
        blob: StoredBlob | None,
        size: int | None,
        kind: str,
        result: Classification,
        label: str,
        cover: str | None = None,
        pages: int | None = None,
        has_text: bool | None = None,
    ) -> FileOutcome:
        sha = blob.sha256 if blob else None
        existing = self.db.execute(
            "SELECT id FROM files WHERE source_id = ? AND source_path = ? AND coalesce(sha256, '') = ?",
            [source_id, shown, sha or ""],
        ).fetchone()
        if existing:
            return FileOutcome(shown, sha, size, kind, result.cls, result.reason, result.problem, "unchanged")
        case_id = None
        found = result.problem
        with self.db.atomic():
            if blob is not None:
                self.db.execute(
                    "INSERT OR IGNORE INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)",
                    [blob.sha256, blob.size, now_iso()],
                )
            cursor = self.db.execute(
                """INSERT INTO files (source_id, source_path, sha256, size, kind, class, class_reason, role,
                                      pages, has_text, problem_code, problem_zh, problem_en,
                                      imported_at, imported_by)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    source_id,
                    shown,
                    sha,
                    size,
                    kind,
                    result.cls,
                    result.reason,
                    result.role,
                    pages,
                    None if has_text is None else int(has_text),
                    found.code if found else None,
                    found.zh if found else None,
                    found.en if found else None,
                    now_iso(),
                    self.user,
                ],
            )
            file_id = cursor.lastrowid
            if result.cls == "case_file":
                case_id = self.db.execute("INSERT INTO cases (file_id) VALUES (?)", [file_id]).lastrowid
                for name, fact in casefacts.extract(label, shown, cover).items():
                    self.db.execute(
                        "INSERT INTO case_facts (case_id, field, value, found_by, detail) VALUES (?, ?, ?, ?, ?)",
                        [case_id, name, fact.value, fact.found_by, fact.detail],
                    )
        return FileOutcome(shown, sha, size, kind, result.cls, result.reason, found, "new", case_id)

    def _reject(self, source_id: int, outcome: FileOutcome, found: Problem) -> None:
        """A container found unreadable after its row was written: rejected, with the reason."""
        outcome.problem, outcome.cls, outcome.reason = found, "rejected", found.zh
        with self.db.atomic():
            self.db.execute(
                """UPDATE files SET class = 'rejected', class_reason = ?, problem_code = ?, problem_zh = ?,
                                    problem_en = ?
                   WHERE source_id = ? AND source_path = ? AND sha256 = ?""",
                [found.zh, found.code, found.zh, found.en, source_id, outcome.source_path, outcome.sha256],
            )

    def _flag_duplicates(self, report: ImportReport) -> None:
        """同一案卷重复报送: the same case PDF under two paths. Derived, so shown, not stored."""
        for outcome in report.files:
            if outcome.cls != "case_file" or outcome.sha256 is None or outcome.problem is not None:
                continue
            others = self.db.execute(
                """SELECT f.source_path FROM cases c JOIN files f ON f.id = c.file_id
                   WHERE f.sha256 = ? AND c.id != ? ORDER BY f.id""",
                [outcome.sha256, outcome.case_id],
            ).fetchall()
            if others:
                outcome.problem = problem("duplicate_submission", other="、".join(r[0] for r in others))
