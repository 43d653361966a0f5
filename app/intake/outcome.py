"""What an import did, per source and per file, in the shape the CLI prints and the JSON contract fixes."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.errors import KnownError
from app.problems import Problem


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
    warning: Problem | None = None
    """Imported, but something about the source as a whole needs a look (``no_case_file``)."""
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
            "warning": self.warning.as_json() if self.warning else None,
        }


@dataclass
class ImportOutcome:
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
        """0 everything imported, 1 some files or a source had problems, 2 a source could not be imported."""
        if any(s.error is not None for s in self.sources):
            return 2
        if any(f.problem is not None for f in self.files) or any(s.warning for s in self.sources):
            return 1
        return 0

    def as_json(self) -> dict[str, object]:
        return {
            "sources": [s.as_json() for s in self.sources],
            "files": [f.as_json() for f in self.files],
            "summary": self.summary(),
            "exit_code": self.exit_code,
        }
