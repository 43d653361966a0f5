"""Import sources into the store: copy every file as a blob, classify it, and record case files.

Each file goes through two stages: *staging* copies its bytes into the blob store (hashing them on
the way) and inspects the copy, without touching the database; *recording* writes its rows in one
transaction. A blob is therefore always in place before a row names it, so a process killed at any
moment leaves a consistent store; the source stays ``importing`` and the next run of the same
source skips what is recorded and finishes the job.

A disc image or zip is identified by its SHA-256. That hash runs in a worker thread (hashlib
releases the GIL) while the first files are staged; their rows wait until the image's identity is
known, and if that identity was imported completely before, the import stops there: unchanged.

Progress goes to a callback and a cancel callback is polled between files, so the command line and
the desk drive the same code.
"""

from __future__ import annotations

import codecs
import hashlib
import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app import paths
from app.errors import SourceError, UsageError
from app.intake import casefacts
from app.intake import phrases as vocab
from app.intake.classify import Classification, classify
from app.intake.inspection import inspect_docx, inspect_pdf
from app.intake.outcome import FileOutcome, ImportOutcome, Progress, SourceOutcome
from app.intake.sniff import sniff_file
from app.intake.sources import (
    Entry,
    ExpansionBudget,
    Source,
    UdfSource,
    ZipSource,
    open_source,
    unreadable_problem,
    unreadable_source_error,
)
from app.intake.udf import UdfError
from app.models.blobs import SizeLimitExceeded, StoredBlob
from app.models.store import Store, disk_full_error, now_iso, store_error_from
from app.problems import Problem, problem

__all__ = ["ImportCancelled", "ImportOutcome", "Importer", "Progress"]

MAX_NESTING = 3
CONTAINER_KINDS = ("zip", "iso", "udf")
MAX_HELD_ROWS = 256
"""Rows held back while an image's hash is still running; past this, staging waits for it."""
DECISIVE_WORDS = vocab.CASE_TEXT_MARKERS + vocab.INTEGRITY_WORDS + vocab.MERIT_WORDS


class ImportCancelled(Exception):
    """The user cancelled; what was imported so far stays, and a re-run resumes."""


class _AlreadyImported(Exception):
    def __init__(self, source_id: int) -> None:
        super().__init__(source_id)
        self.source_id = source_id


@dataclass
class _Staged:
    """A file copied and inspected, not yet recorded."""

    outcome: FileOutcome
    classification: Classification
    blob: StoredBlob | None
    cover: str | None = None
    pages: int | None = None
    has_text: bool | None = None
    raw_path: bytes | None = None


ProgressCallback = Callable[[Progress], None]
CancelCallback = Callable[[], bool]


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fp:
        while chunk := fp.read(4 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _checked_encoding(encoding: str | None) -> str | None:
    """A forced name encoding must be one Python knows, or the import would fail on the first zip."""
    if encoding is None:
        return None
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(
            "bad_encoding",
            f"不认识的文件名编码：{encoding}（可用如 gbk、gb18030、utf-8、big5）",
            f"unknown name encoding {encoding!r} (use e.g. gbk, gb18030, utf-8, big5)",
        ) from None
    return encoding


def _page_is_decisive(text: str) -> bool:
    """Classification needs pages 2 and 3 only when the first page says nothing about the file."""
    return any(word in text for word in DECISIVE_WORDS)


class _SourceRow:
    """The database row of the source being imported, known now (folders) or once its hash is done."""

    def __init__(self, importer: Importer, path: Path, source: Source, outcome: SourceOutcome) -> None:
        self.importer = importer
        self.path = path
        self.source = source
        self.outcome = outcome
        self.id: int | None = None
        self.previous_status: str | None = None
        self.held: list[_Staged] = []
        self._pool: ThreadPoolExecutor | None = None
        self._hash: Future[str] | None = None
        if source.kind == "folder":
            self._resolve(f"folder:{path}|{source.label}")
        else:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="image-hash")
            self._hash = self._pool.submit(_hash_file, path)

    def record(self, staged: _Staged) -> None:
        """Write the file's rows now, or hold them until the source's identity is known."""
        if self.id is None:
            self.held.append(staged)
            if self._hash is not None and (self._hash.done() or len(self.held) >= MAX_HELD_ROWS):
                self.wait()
            return
        self.importer._record(self.id, staged, self.source.label)

    def wait(self) -> int:
        """Resolve the identity and flush held rows; raises _AlreadyImported for a finished image."""
        if self.id is None:
            assert self._hash is not None
            try:
                sha = self._hash.result()
            except OSError as exc:
                raise unreadable_source_error(self.path, exc) from exc
            self.outcome.sha256 = sha
            self._resolve(f"sha256:{sha}")
        assert self.id is not None
        held, self.held = self.held, []
        for staged in held:
            self.importer._record(self.id, staged, self.source.label)
        return self.id

    def _resolve(self, identity: str) -> None:
        self.id, self.previous_status = self.importer._upsert_source(
            identity, self.path, self.source, self.outcome.sha256
        )
        # A folder is re-read for new files; a loose file may come again under another name, which is
        # recorded beside the first; an image or zip with the same bytes has nothing new.
        if self.previous_status == "complete" and self.source.kind not in ("folder", "file"):
            raise _AlreadyImported(self.id)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


class Importer:
    """Imports sources into one store; one instance per thread (the store's connection is the caller's)."""

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
        self.encoding = _checked_encoding(encoding)
        self._state = Progress("", "", 0, 0, 0, 0)

    def run(self, sources: list[Path]) -> ImportOutcome:
        report = ImportOutcome()
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
        try:
            path = path.expanduser().resolve()
        except RuntimeError as exc:  # a symlink loop (Python 3.11 raises RuntimeError, 3.13 OSError)
            raise SourceError(
                "source_unreadable",
                f"路径中有循环的符号链接，无法读取：{path}",
                f"the path is a symbolic-link loop and cannot be read: {path}",
            ) from exc
        except OSError as exc:
            raise unreadable_source_error(path, exc) from exc
        with open_source(path, self.encoding) as source:
            outcome.kind, outcome.label, outcome.filesystem = source.kind, source.label, source.filesystem
            entries = list(source.entries())
            total = sum(e.size or 0 for e in entries if e.problem is None)
            self._state = Progress(str(path), "", 0, len(entries), 0, total)
            row = _SourceRow(self, path, source, outcome)
            try:
                budget = source.budget if isinstance(source, ZipSource) else None
                self._import_entries(entries, row, source.label, "", outcome, depth=0, budget=budget)
                source_id = row.wait()
            except _AlreadyImported as done:
                # Same bytes as a finished import: nothing can have changed.
                outcome.status = "unchanged"
                outcome.files = self._stored_outcomes(done.source_id)
                return
            finally:
                row.close()
            self.db.execute(
                "UPDATE sources SET status = 'complete', finished_at = ? WHERE id = ?", [now_iso(), source_id]
            )
            outcome.status = {"complete": "unchanged", "importing": "resumed"}.get(
                row.previous_status or "", "new"
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
        entries: list[Entry],
        row: _SourceRow,
        label: str,
        prefix: str,
        outcome: SourceOutcome,
        depth: int,
        budget: ExpansionBudget | None = None,
    ) -> None:
        for entry in entries:
            if self.cancelled():
                raise ImportCancelled()
            shown = f"{prefix}{entry.path}"
            self._state.current = shown
            self.progress(self._state)
            staged = self._stage(entry, shown, label, row.id)
            staged.raw_path = entry.raw_path
            outcome.files.append(staged.outcome)
            row.record(staged)
            if not prefix:
                self._state.files_done += 1
            if staged.blob is not None and staged.outcome.kind in CONTAINER_KINDS:
                self._open_nested(staged, row, label, outcome, depth, budget)
        self.progress(self._state)

    def _open_nested(
        self,
        staged: _Staged,
        row: _SourceRow,
        label: str,
        outcome: SourceOutcome,
        depth: int,
        budget: ExpansionBudget | None,
    ) -> None:
        assert staged.blob is not None
        container = staged.outcome
        if depth + 1 > MAX_NESTING:
            self._reject(row.wait(), container, problem("nested_too_deep"))
            return
        try:
            nested: Source
            if container.kind == "zip":
                # A zip inside a zip spends its parent's expansion budget, not a fresh one.
                nested = ZipSource(staged.blob.path, encoding=self.encoding, label=label, budget=budget)
            elif container.kind == "udf":
                nested = UdfSource(staged.blob.path)
            else:
                nested = open_source(staged.blob.path)
        except SourceError as exc:
            self._reject(row.wait(), container, Problem(exc.code, exc.zh, exc.en))
            return
        with nested:
            entries = list(nested.entries())
            inner_budget = nested.budget if isinstance(nested, ZipSource) else budget
            self._import_entries(
                entries, row, label, f"{container.source_path}/", outcome, depth + 1, inner_budget
            )

    def _stage(self, entry: Entry, shown: str, label: str, source_id: int | None) -> _Staged:
        """Copy the entry's bytes into the blob store and inspect them; no database writes."""
        if entry.problem is not None or entry.opener is None:
            found = entry.problem or problem("unreadable_file", reason="no data")
            cls = "rejected" if found.severity == "error" else "other"
            return self._unread(shown, entry.size, Classification(cls, found.zh, problem=found))
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
            found = unreadable_problem(exc)
        else:
            known = self._known_file(source_id, shown, blob) if source_id is not None else None
            return known or self._inspect(blob, shown)
        return self._unread(shown, entry.size, Classification("rejected", found.zh, problem=found))

    @staticmethod
    def _unread(shown: str, size: int | None, result: Classification) -> _Staged:
        outcome = FileOutcome(shown, None, size, "unknown", result.cls, result.reason, result.problem, "new")
        return _Staged(outcome, result, None)

    def _known_file(self, source_id: int, shown: str, blob: StoredBlob) -> _Staged | None:
        """A file this source already recorded: no need to inspect it again."""
        row = self.db.execute(
            """SELECT f.kind, f.class, f.class_reason, f.role, f.problem_code, f.problem_zh, f.problem_en, c.id
               FROM files f LEFT JOIN cases c ON c.file_id = f.id
               WHERE f.source_id = ? AND f.source_path = ? AND f.sha256 = ?""",
            [source_id, shown, blob.sha256],
        ).fetchone()
        if row is None:
            return None
        kind, cls, reason, role, code, zh, en, case_id = row
        found = Problem(code, zh, en) if code else None
        outcome = FileOutcome(shown, blob.sha256, blob.size, kind, cls, reason, found, "unchanged", case_id)
        return _Staged(outcome, Classification(cls, reason, role, found), blob)

    def _inspect(self, blob: StoredBlob, shown: str) -> _Staged:
        kind = sniff_file(blob.path) if blob.size else "empty"
        cover = pages = has_text = None
        if kind == "pdf":
            facts = inspect_pdf(blob.path, enough=_page_is_decisive)
            result = classify(kind, shown, pdf=facts)
            cover = facts.first_pages_text[0] if facts.first_pages_text else None
            pages, has_text = facts.pages or None, facts.has_text
        elif kind == "docx":
            result = classify(kind, shown, docx=inspect_docx(blob.path))
        else:
            result = classify(kind, shown)
        outcome = FileOutcome(
            shown, blob.sha256, blob.size, kind, result.cls, result.reason, result.problem, "new"
        )
        return _Staged(outcome, result, blob, cover, pages, has_text)

    def _record(self, source_id: int, staged: _Staged, label: str) -> None:
        """Write one file's rows (blob, file, case and its facts) in a single transaction."""
        outcome, result, blob = staged.outcome, staged.classification, staged.blob
        existing = self.db.execute(
            """SELECT c.id FROM files f LEFT JOIN cases c ON c.file_id = f.id
               WHERE f.source_id = ? AND f.source_path = ? AND coalesce(f.sha256, '') = ?""",
            [source_id, outcome.source_path, outcome.sha256 or ""],
        ).fetchone()
        if existing:
            outcome.status, outcome.case_id = "unchanged", existing[0]
            return
        found = result.problem
        with self.db.atomic():
            if blob is not None:
                self.db.execute(
                    "INSERT OR IGNORE INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)",
                    [blob.sha256, blob.size, now_iso()],
                )
            file_id = self.db.execute(
                """INSERT INTO files (source_id, source_path, sha256, size, kind, class, class_reason, role,
                                      pages, has_text, problem_code, problem_zh, problem_en,
                                      imported_at, imported_by, raw_path)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    source_id,
                    outcome.source_path,
                    outcome.sha256,
                    outcome.size,
                    outcome.kind,
                    result.cls,
                    result.reason,
                    result.role,
                    staged.pages,
                    None if staged.has_text is None else int(staged.has_text),
                    found.code if found else None,
                    found.zh if found else None,
                    found.en if found else None,
                    now_iso(),
                    self.user,
                    staged.raw_path,
                ],
            ).lastrowid
            if result.cls == "case_file":
                outcome.case_id = self.db.execute(
                    "INSERT INTO cases (file_id) VALUES (?)", [file_id]
                ).lastrowid
                facts = casefacts.extract(
                    label, outcome.source_path, staged.cover, blob.path if blob is not None else None
                )
                for name, fact in facts.items():
                    self.db.execute(
                        "INSERT INTO case_facts (case_id, field, value, found_by, detail) VALUES (?, ?, ?, ?, ?)",
                        [outcome.case_id, name, fact.value, fact.found_by, fact.detail],
                    )

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

    def _flag_duplicates(self, report: ImportOutcome) -> None:
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
