"""Import sources into the store: copy every file as a blob, classify it, and record case files.

Each file goes through two stages: *staging* copies its bytes into the blob store in one pass
(hashed and written from the same buffer, left under a temporary name, its write-out to disk started at
once) and inspects the copy — from the bytes still in memory for any file up to
``IN_MEMORY_BYTES``, one PDF open giving the page count and the first pages' text — without touching
the database; *recording* takes a batch of staged files (up to ``BATCH_FILES`` files, ``BATCH_BYTES``
bytes or ``BATCH_SECONDS`` old), syncs their blobs in a background thread while the next batch is
staged (one syncfs where Linux has it, not an fsync per file), and once that sync has returned gives
the blobs their names and writes all the batch's rows in one transaction.

The guarantee, whatever moment the process or the machine dies: a blob gets its real name only after
its bytes are durable, and a row is written only after its blob has its name, so no row ever names a
blob that is missing or half written. (The rename is made durable by the file system's journal no
later than the database commit after it, on ext4, xfs, btrfs and NTFS alike.) What a crash can leave
is temporaries, which the next open removes, and a batch without rows: the source stays ``importing``
and the next run of the same source skips what is recorded and finishes the job. A cancel records the
batch already staged before it stops.

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
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from app import paths
from app.errors import SourceError, UsageError
from app.intake import casefacts
from app.intake import phrases as vocab
from app.intake.classify import Classification, classify
from app.intake.inspection import inspect_docx, inspect_pdf
from app.intake.outcome import FileOutcome, ImportOutcome, Progress, SourceOutcome
from app.intake.sniff import sniff_stored
from app.intake.sources import (
    CONTAINER_KINDS,
    Entry,
    ExpansionBudget,
    ReaderOptions,
    Source,
    ZipSource,
    open_container,
    open_source,
    unreadable_problem,
    unreadable_source_error,
)
from app.intake.udf import UdfError
from app.models.blobs import SizeLimitExceeded, StoredBlob
from app.models.cases import copy_problems
from app.models.intake import FileRecord, IntakeRepository
from app.models.store import Store, disk_full_error, store_error_from
from app.problems import Problem, problem
from app.vocabulary import FILE_KIND_LABELS

__all__ = ["ImportCancelled", "ImportOutcome", "Importer", "Progress"]

MAX_NESTING = 3
BATCH_FILES = 64
BATCH_BYTES = 64 * 1024 * 1024
BATCH_SECONDS = 1.0
"""A batch is recorded when it has this many files or bytes, or its first file was staged this long ago."""
IN_MEMORY_BYTES = 8 * 1024 * 1024
"""A file up to this size is inspected from the bytes just copied, not read back from the store (a larger
one is read back only where MuPDF needs it: its cross-reference table and first pages)."""
MAX_HELD_ROWS = 256
"""Rows held back while an image's hash is still running; past this, staging waits for it."""
DECISIVE_WORDS = vocab.CASE_TEXT_MARKERS + vocab.INTEGRITY_WORDS + vocab.MERIT_WORDS


class ImportCancelled(Exception):
    """The user cancelled; what was imported so far stays, and a re-run resumes."""


class _AlreadyImported(Exception):
    def __init__(self, source_id: int) -> None:
        super().__init__(source_id)
        self.source_id = source_id


@dataclass(frozen=True)
class _Copied:
    """An entry's bytes copied into the store, or the problem that kept them out."""

    blob: StoredBlob | None
    problem: Problem | None


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
    case_facts: dict[str, tuple[str | None, str, str]] | None = None


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


DOCUMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "ole"})
"""What makes a source worth importing: without a PDF or an Office file there is no case to review."""


def _is_document(staged: _Staged) -> bool:
    return staged.outcome.kind in DOCUMENT_KINDS or staged.classification.cls in ("case_file", "supporting")


def _what(source: Source) -> tuple[str, str]:
    if source.kind == "folder":
        return "文件夹", "folder"
    if source.kind == "zip":
        return "压缩包", "zip"
    if source.kind == "file":
        return "文件", "file"
    return "光盘映像", "disc image"


def nothing_to_import(path: Path, source: Source, found: list[FileOutcome]) -> SourceError:
    """The source is empty, or holds no PDF or Office file: refused, the store left as it was."""
    zh_what, en_what = _what(source)
    if not found:
        return SourceError(
            "nothing_to_import",
            f"没有可导入的内容：{zh_what} {path} 是空的，没有任何文件。数据未改动。",
            f"nothing to import: the {en_what} {path} is empty, it has no files; the store is unchanged",
        )
    kinds = Counter(f.kind for f in found)
    labels = {k: FILE_KIND_LABELS.get(k, FILE_KIND_LABELS["unknown"]) for k in kinds}
    zh_kinds = "、".join(f"{labels[k][0]} {n} 个" for k, n in kinds.most_common())
    en_kinds = ", ".join(f"{n} × {labels[k][1]}" for k, n in kinds.most_common())
    return SourceError(
        "nothing_to_import",
        f"没有可导入的内容：{zh_what} {path} 中的 {len(found)} 个文件（{zh_kinds}）都不是 PDF 或 Word/Excel"
        " 文档，没有案卷。数据未改动。",
        f"nothing to import: none of the {len(found)} files in the {en_what} {path} ({en_kinds}) is a PDF"
        " or a Word/Excel document, so there is no case file; the store is unchanged",
    )


def no_case_file(path: Path, files: int) -> Problem:
    """Documents but no case file: imported (every received file is kept), and said plainly."""
    return Problem(
        "no_case_file",
        f"{path} 中没有找到案卷：{files} 个文件已作为辅助材料或其他文件导入。请核实这是否是报送的案卷光盘。",
        f"no case file found in {path}: its {files} files were imported as supporting or other files;"
        " check that this is the disc with the case files",
        "warning",
    )


def _page_is_decisive(text: str) -> bool:
    """Classification needs pages 2 and 3 only when the first page says nothing about the file."""
    return any(word in text for word in DECISIVE_WORDS)


class _SourceRow:
    """The database row of the source being imported, written once there is something to import.

    Its identity is known now (folders) or once the image's hash is done; the row itself waits for
    the first document (a PDF or an Office file), so a source with nothing to import leaves the store
    exactly as it was and ``wait`` says so (``nothing_to_import``).
    """

    def __init__(self, importer: Importer, path: Path, source: Source, outcome: SourceOutcome) -> None:
        self.importer = importer
        self.path = path
        self.source = source
        self.outcome = outcome
        self.identity: str | None = None
        self.id: int | None = None
        self.previous_status: str | None = None
        self.has_document = False
        self.held: list[_Staged] = []
        self._held_bytes = 0
        self._held_since = 0.0
        self._pool: ThreadPoolExecutor | None = None
        self._hash: Future[str] | None = None
        self._syncer = ThreadPoolExecutor(1, thread_name_prefix="blob-sync")
        self._syncing: tuple[list[_Staged], Future[None]] | None = None
        """The batch whose blobs are being synced while the next one is staged; recorded once synced."""
        if source.kind == "folder":
            self._resolve(f"folder:{path}|{source.label}")
        else:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="image-hash")
            self._hash = self._pool.submit(_hash_file, path)

    def record(self, staged: _Staged) -> None:
        """Hold the file's rows for the current batch; record the batch once it is full or old enough."""
        if not self.held:
            self._held_since = time.monotonic()
        self.held.append(staged)
        self._held_bytes += staged.outcome.size or 0
        self.has_document = self.has_document or _is_document(staged)
        if self.identity is None:
            assert self._hash is not None
            if not (self._hash.done() or len(self.held) >= MAX_HELD_ROWS):
                return
            self._identify()
        if self.id is None:
            if not self.has_document:
                return  # nothing worth a row yet: an empty-handed source must leave no trace
            self._add_row()
        if (
            len(self.held) >= BATCH_FILES
            or self._held_bytes >= BATCH_BYTES
            or time.monotonic() - self._held_since >= BATCH_SECONDS
        ):
            self.flush(drain=False)

    def wait(self) -> int:
        """Record everything held; raises _AlreadyImported for a finished image, SourceError for nothing."""
        self._identify()
        if self.id is None:
            if not self.has_document:
                raise nothing_to_import(self.path, self.source, [s.outcome for s in self.held])
            self._add_row()
        self.flush()
        assert self.id is not None
        return self.id

    def reject(self, staged: _Staged, found: Problem) -> None:
        """A container found unreadable once staged: rejected, with the reason, recorded or not yet."""
        outcome = staged.outcome
        outcome.problem, outcome.cls, outcome.reason = found, "rejected", found.zh
        staged.classification = Classification("rejected", found.zh, problem=found)
        pending = self.held + (self._syncing[0] if self._syncing else [])
        if not any(s is staged for s in pending):
            assert self.id is not None
            self.importer.records.reject_file(self.id, outcome.source_path, outcome.sha256, found)

    def _identify(self) -> None:
        """Wait for the image's hash (if any) and look its identity up."""
        if self.identity is not None:
            return
        assert self._hash is not None
        try:
            sha = self._hash.result()
        except OSError as exc:
            raise unreadable_source_error(self.path, exc) from exc
        self.outcome.sha256 = sha
        self._resolve(f"sha256:{sha}")

    def flush(self, drain: bool = True) -> None:
        """Sync the held batch's blobs in the background and record the batch synced before it.

        With ``drain`` (the end of a source, a cancel, a row needed now) the held batch is recorded
        too, so every staged file has its row when this returns. The source's identity must be known.
        """
        assert self.id is not None
        self._record_synced()
        held, self.held, self._held_bytes = self.held, [], 0
        if held:
            blobs = [s.blob for s in held if s.blob is not None]
            self._syncing = (held, self._syncer.submit(self.importer.store.blobs.sync, blobs))
        if drain:
            self._record_synced()

    def _record_synced(self) -> None:
        """Wait for the batch being synced, then name its blobs and write its rows in one transaction."""
        if self._syncing is None:
            return
        batch, synced = self._syncing
        self._syncing = None
        try:
            synced.result()
        except OSError as exc:
            self.importer.store.blobs.discard([s.blob for s in batch if s.blob is not None])
            if exc.errno == 28:  # ENOSPC
                raise disk_full_error() from exc
            raise
        assert self.id is not None
        self.importer._record_batch(self.id, batch)

    def _resolve(self, identity: str) -> None:
        self.identity = identity
        found = self.importer.records.source(identity)
        if found is None:
            return
        self.id, self.previous_status = found
        # A folder is re-read for new files; a loose file may come again under another name, which is
        # recorded beside the first; an image or zip with the same bytes has nothing new.
        if self.previous_status == "complete" and self.source.kind not in ("folder", "file"):
            raise _AlreadyImported(self.id)

    def _add_row(self) -> None:
        assert self.identity is not None
        self.id = self.importer._add_source(self.identity, self.path, self.source, self.outcome.sha256)

    def close(self) -> None:
        """Drop what was staged and never recorded (an error, or a cancel before the identity was known)."""
        if self._syncing is not None:
            batch, synced = self._syncing
            self._syncing = None
            synced.exception()  # wait: its temporaries must not be removed under the sync
            self.held = batch + self.held
        self.importer.store.blobs.discard([s.blob for s in self.held if s.blob is not None])
        self.held = []
        self._syncer.shutdown(wait=True)
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
        self.records = IntakeRepository(store.db)
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
            if not entries:
                raise nothing_to_import(path, source, [])
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
            except (ImportCancelled, SourceError) as exc:
                if row.id is not None:
                    row.flush()  # what is staged is kept, like every file before it
                elif isinstance(exc, SourceError):
                    outcome.files = []  # nothing was recorded
                raise
            finally:
                row.close()
            self.records.finish_source(source_id)
            outcome.status = {"complete": "unchanged", "importing": "resumed"}.get(
                row.previous_status or "", "new"
            )
            if outcome.status == "unchanged" and any(f.status == "new" for f in outcome.files):
                outcome.status = "updated"
            if not any(f.cls == "case_file" for f in outcome.files):
                outcome.warning = no_case_file(path, len(outcome.files))

    def _add_source(self, identity: str, path: Path, source: Source, sha256: str | None) -> int:
        size = path.stat().st_size if path.is_file() else None
        return self.records.add_source(
            identity,
            source.kind,
            str(path),
            source.label,
            sha256,
            size,
            source.filesystem,
            self.encoding,
            self.user,
        )

    def _stored_outcomes(self, source_id: int) -> list[FileOutcome]:
        return [
            FileOutcome(
                f.source_path, f.sha256, f.size, f.kind, f.cls, f.reason, f.problem, "unchanged", f.case_id
            )
            for f in self.records.stored_files(source_id)
        ]

    # -- entries --------------------------------------------------------------------------------

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
            known_source = row.id if row.previous_status is not None else None  # a new row has no files yet
            staged = self._stage(entry, self._copy(entry), shown, label, known_source)
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
            row.reject(staged, problem("nested_too_deep"))
            return
        try:
            options = ReaderOptions(encoding=self.encoding, label=label, budget=budget)
            nested = open_container(staged.blob.path, container.kind, options)
        except SourceError as exc:
            row.reject(staged, Problem(exc.code, exc.zh, exc.en))
            return
        with nested:
            entries = list(nested.entries())
            inner_budget = nested.budget if isinstance(nested, ZipSource) else budget
            self._import_entries(
                entries, row, label, f"{container.source_path}/", outcome, depth + 1, inner_budget
            )

    def _advance(self, nbytes: int) -> None:
        self._state.bytes_done += nbytes
        self.progress(self._state)

    def _copy(self, entry: Entry) -> _Copied:
        """The entry's bytes in the store (hashed on the way), or why they could not be read."""
        if entry.problem is not None or entry.opener is None:
            return _Copied(None, entry.problem or problem("unreadable_file", reason="no data"))
        try:
            with entry.opener() as stream:
                blob = self.store.blobs.put_stream(
                    stream, limit=entry.limit, on_bytes=self._advance, settle=False, keep=IN_MEMORY_BYTES
                )
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
            return _Copied(blob, None)
        return _Copied(None, found)

    def _stage(self, entry: Entry, copied: _Copied, shown: str, label: str, source_id: int | None) -> _Staged:
        """Inspect the entry's copy; no database writes."""
        blob = copied.blob
        if blob is None:
            found = copied.problem
            assert found is not None
            cls = "rejected" if found.severity == "error" or entry.problem is None else "other"
            return self._unread(shown, entry.size, Classification(cls, found.zh, problem=found))
        known = self._known_file(source_id, shown, blob) if source_id is not None else None
        staged = known or self._inspect(blob, shown, label)
        staged.blob = replace(blob, content=None)  # the batch holds rows, not files' bytes
        return staged

    @staticmethod
    def _unread(shown: str, size: int | None, result: Classification) -> _Staged:
        outcome = FileOutcome(shown, None, size, "unknown", result.cls, result.reason, result.problem, "new")
        return _Staged(outcome, result, None)

    def _known_file(self, source_id: int, shown: str, blob: StoredBlob) -> _Staged | None:
        """A file this source already recorded: no need to inspect it again."""
        found = self.records.stored_files(source_id, shown, blob.sha256)
        if not found:
            return None
        known = found[0]
        outcome = FileOutcome(
            shown,
            blob.sha256,
            blob.size,
            known.kind,
            known.cls,
            known.reason,
            known.problem,
            "unchanged",
            known.case_id,
        )
        return _Staged(outcome, Classification(known.cls, known.reason, known.role, known.problem), blob)

    def _inspect(self, blob: StoredBlob, shown: str, label: str) -> _Staged:
        """What the file is and, for a case file, its facts: read here, before any database write."""
        kind = sniff_stored(blob.path, blob.head) if blob.size else "empty"
        cover = pages = has_text = None
        if kind == "pdf":
            facts = inspect_pdf(blob.path, enough=_page_is_decisive, data=blob.content)
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
        staged = _Staged(outcome, result, blob, cover, pages, has_text)
        if result.cls == "case_file":
            found = casefacts.extract(label, shown, cover, blob.path)
            staged.case_facts = {name: (f.value, f.found_by, f.detail) for name, f in found.items()}
        return staged

    def _record_batch(self, source_id: int, batch: list[_Staged]) -> None:
        """Name the batch's blobs (already synced: ``_SourceRow.flush``), then write its rows in one transaction."""
        settled = iter(self.store.blobs.name([s.blob for s in batch if s.blob is not None]))
        records = []
        for staged in batch:
            if staged.blob is not None:
                staged.blob = next(settled)
            outcome, result = staged.outcome, staged.classification
            records.append(
                FileRecord(
                    outcome.source_path,
                    outcome.sha256,
                    outcome.size,
                    outcome.kind,
                    result.cls,
                    result.reason,
                    result.role,
                    staged.pages,
                    staged.has_text,
                    result.problem,
                    staged.raw_path,
                    staged.case_facts if result.cls == "case_file" else None,
                )
            )
        for staged, recorded in zip(
            batch, self.records.record_files(source_id, records, self.user), strict=True
        ):
            if recorded.status == "unchanged":
                staged.outcome.status = "unchanged"
            staged.outcome.case_id = recorded.case_id

    def _flag_duplicates(self, report: ImportOutcome) -> None:
        """The same case PDF met before, judged as the case list judges it (``copy_problems``).

        Derived, so shown, not stored.
        """
        for outcome in report.files:
            if outcome.cls != "case_file" or outcome.sha256 is None or outcome.problem is not None:
                continue
            found = copy_problems(
                outcome.source_path, self.records.other_case_copies(outcome.sha256, outcome.case_id)
            )
            if found:
                outcome.problem = found[
                    0
                ]  # a file's report has room for one: the first, as the case list orders them
