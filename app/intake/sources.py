"""Sources: the things a user hands to ``import`` (a folder, a disc image, a zip, a file), as entries.

Every reader yields ``Entry`` objects in a stable order with '/'-separated Unicode paths inside the
source and a way to open the bytes as a stream; nothing is read into memory whole. Problems known
before reading (an unsafe name, a zip bomb) travel on the entry, and its bytes are never read.
"""

from __future__ import annotations

import os
import posixpath
import stat
import struct
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.errors import SourceError
from app.intake.problems import Problem, human_size, problem
from app.intake.sniff import sniff_file
from app.intake.udf import UdfError, UdfImage
from app.intake.zipnames import decode_member_name

# A member that claims to expand more than this many times its compressed size, to more than
# BOMB_MIN_SIZE, is refused unread. Real PDFs and Office files compress 1-10 times.
BOMB_RATIO = 200
BOMB_MIN_SIZE = 64 * 1024 * 1024
MAX_MEMBER_SIZE = 8 * 1024**3


@dataclass
class Entry:
    path: str
    size: int | None
    opener: Callable[[], BinaryIO] | None
    problem: Problem | None = None
    limit: int | None = None


class Source(AbstractContextManager["Source"]):
    """A readable source; use as a context manager so images and archives are closed."""

    kind: str = ""
    label: str = ""
    filesystem: str = ""
    encoding: str | None = None

    def entries(self) -> Iterator[Entry]:
        raise NotImplementedError

    def total_size(self) -> int:
        return sum(entry.size or 0 for entry in self.entries() if entry.problem is None)

    def close(self) -> None:
        """Release open files."""

    def __exit__(self, *exc: object) -> None:
        self.close()


class FolderSource(Source):
    """A folder: a mounted disc or a copy of one."""

    kind = "folder"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = root.name or str(root)
        self.filesystem = "folder"

    def entries(self) -> Iterator[Entry]:
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                full = Path(dirpath) / name
                rel = full.relative_to(self.root).as_posix()
                try:
                    info = full.lstat()
                except OSError as exc:
                    yield Entry(rel, None, None, problem("unreadable_file", reason=exc.strerror))
                    continue
                if stat.S_ISLNK(info.st_mode):
                    yield Entry(rel, None, None, problem("symlink"))
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                yield Entry(rel, info.st_size, lambda p=full: p.open("rb"))


class SingleFileSource(Source):
    """One loose file (a PDF or .docx handed over on its own)."""

    kind = "file"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = path.parent.name or str(path.parent)
        self.filesystem = "file"

    def entries(self) -> Iterator[Entry]:
        yield Entry(self.path.name, self.path.stat().st_size, lambda: self.path.open("rb"))


def _safe_member_path(name: str) -> str | None:
    """The normalised relative path, or None when it would escape the source (../, /abs, C:)."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return posixpath.join(*parts)


class ZipSource(Source):
    """A zip archive, by path; member names decoded as ``zipnames`` explains."""

    kind = "zip"

    def __init__(self, path: Path, encoding: str | None = None, label: str | None = None) -> None:
        self.path = path
        self.encoding = encoding
        self.label = label or path.stem
        self.filesystem = "zip"
        try:
            self.archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise SourceError(
                "corrupt_archive",
                f"压缩包已损坏，无法打开：{path}",
                f"the zip archive is damaged and cannot be opened: {path} ({exc})",
            ) from exc
        self.encodings_used: set[str] = set()

    def entries(self) -> Iterator[Entry]:
        for info in self.archive.infolist():
            if info.is_dir():
                continue
            name, used = decode_member_name(info, self.encoding)
            self.encodings_used.add(used)
            safe = _safe_member_path(name)
            if safe is None:
                yield Entry(name, info.file_size, None, problem("unsafe_path", path=name))
                continue
            if info.flag_bits & 0x1:
                yield Entry(safe, info.file_size, None, problem("encrypted_zip_member"))
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_MEMBER_SIZE or (ratio > BOMB_RATIO and info.file_size > BOMB_MIN_SIZE):
                yield Entry(
                    safe,
                    info.file_size,
                    None,
                    problem("zip_bomb", size=human_size(info.file_size), ratio=f"{ratio:.0f}:1"),
                )
                continue
            yield Entry(safe, info.file_size, lambda i=info: self.archive.open(i), limit=info.file_size)

    def close(self) -> None:
        self.archive.close()


class IsoSource(Source):
    """An ISO 9660 image through pycdlib: Rock Ridge names first, then UDF bridge, then Joliet."""

    kind = "iso"

    def __init__(self, path: Path) -> None:
        import pycdlib
        from pycdlib.pycdlibexception import PyCdlibException

        self.path = path
        self.iso = pycdlib.PyCdlib()
        try:
            self.iso.open(str(path))
        except (PyCdlibException, OSError, struct.error) as exc:
            raise SourceError(
                "corrupt_archive",
                f"光盘映像已损坏或无法识别：{path}",
                f"the disc image is damaged or not recognised: {path} ({exc})",
            ) from exc
        if self.iso.has_rock_ridge():
            self.namespace = "rr_path"
            self.filesystem = "iso9660+rockridge"
        elif self.iso.has_udf():
            self.namespace = "udf_path"
            self.filesystem = "iso9660+udf"
        elif self.iso.has_joliet():
            self.namespace = "joliet_path"
            self.filesystem = "iso9660+joliet"
        else:
            self.namespace = "iso_path"
            self.filesystem = "iso9660"
        self.label = self._label()

    def _label(self) -> str:
        pvd = self.iso.pvd.volume_identifier.decode("ascii", errors="replace").strip()
        if self.namespace == "joliet_path":
            joliet = self.iso.joliet_vd.volume_identifier.decode("utf-16-be", errors="replace").strip()
            return joliet.strip("\x00 ") or pvd
        if self.namespace == "udf_path":
            try:
                with self.path.open("rb") as fp:
                    return UdfImage(fp).label or pvd
            except UdfError:
                return pvd
        return pvd

    def entries(self) -> Iterator[Entry]:
        for dirpath, _dirs, files in self.iso.walk(**{self.namespace: "/"}):
            for name in sorted(files):
                full = posixpath.join(dirpath, name)
                shown = full.lstrip("/")
                if self.namespace == "iso_path":
                    shown = shown.split(";")[0].rstrip(".")
                record = self.iso.get_record(**{self.namespace: full})
                size = record.get_data_length() if hasattr(record, "get_data_length") else None
                yield Entry(shown, size, lambda f=full: self._open(f))

    def _open(self, iso_path: str) -> BinaryIO:
        return _PycdlibStream(self.iso.open_file_from_iso(**{self.namespace: iso_path}))

    def close(self) -> None:
        self.iso.close()


class _PycdlibStream:
    """pycdlib's file object as a plain context-managed binary stream."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.inner.__enter__()  # type: ignore[attr-defined]

    def read(self, size: int = -1) -> bytes:
        return self.inner.read(size)  # type: ignore[attr-defined,no-any-return]

    def __enter__(self) -> _PycdlibStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(None, None, None)  # type: ignore[attr-defined]

    def close(self) -> None:
        self.inner.__exit__(None, None, None)  # type: ignore[attr-defined]


class UdfSource(Source):
    """A pure UDF image (Windows 'like a USB flash drive' discs), read by ``app.intake.udf``."""

    kind = "iso"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fp = path.open("rb")
        try:
            self.image = UdfImage(self.fp)
        except (UdfError, OSError, IndexError, ValueError) as exc:
            self.fp.close()
            raise SourceError(
                "unsupported_image",
                f"无法读取 UDF 光盘映像 {path}：{exc}",
                f"cannot read the UDF disc image {path}: {exc}",
            ) from exc
        self.label = self.image.label
        self.filesystem = "udf"

    def entries(self) -> Iterator[Entry]:
        for item in self.image.walk():
            yield Entry(item.path, item.size, lambda i=item: self.image.open(i))  # type: ignore[misc]

    def close(self) -> None:
        self.fp.close()


def open_source(path: Path, encoding: str | None = None) -> Source:
    """The right reader for ``path``, decided by content; raises SourceError when it cannot be read."""
    if not path.exists():
        raise SourceError("source_missing", f"找不到：{path}", f"no such file or folder: {path}")
    if path.is_dir():
        return FolderSource(path)
    try:
        kind = sniff_file(path)
    except OSError as exc:
        raise SourceError(
            "source_unreadable", f"无法读取：{path}（{exc.strerror}）", f"cannot read {path}: {exc.strerror}"
        ) from exc
    if kind == "iso":
        try:
            return IsoSource(path)
        except SourceError:
            # A bridge image whose ISO side is broken may still have a readable UDF side.
            return UdfSource(path)
    if kind == "udf":
        return UdfSource(path)
    if kind == "raw":
        raise SourceError(
            "unsupported_image",
            f"这是 2352 字节扇区的原始光盘映像（.bin），请另存为 .iso：{path}",
            f"a raw 2352-byte-sector image (.bin); save it as .iso: {path}",
        )
    if kind == "zip":
        return ZipSource(path, encoding=encoding)
    return SingleFileSource(path)
