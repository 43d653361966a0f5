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
from functools import partial
from pathlib import Path
from typing import IO, cast

from app.errors import SourceError
from app.intake.fsnames import decode_os_name
from app.intake.sniff import sniff_file
from app.intake.udf import UdfError, UdfFile, UdfImage
from app.intake.zipnames import decode_member_name
from app.problems import Problem, human_size, problem

# A member that claims to expand more than this many times its compressed size, to more than
# BOMB_MIN_SIZE, is refused unread. Real PDFs and Office files compress 1-10 times.
BOMB_RATIO = 200
BOMB_MIN_SIZE = 64 * 1024 * 1024
MAX_MEMBER_SIZE = 8 * 1024**3
# The whole archive may expand to at most this many times its own size (at least BOMB_MIN_SIZE):
# twenty members of 60 MB at 1000:1 each pass the per-member rule but not this one.
ARCHIVE_EXPANSION_RATIO = 50


class ExpansionBudget:
    """How many bytes an archive, with the archives inside it, may still expand to."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def take(self, size: int) -> bool:
        if self.used + size > self.limit:
            return False
        self.used += size
        return True


@dataclass
class Entry:
    path: str
    size: int | None
    opener: Callable[[], IO[bytes]] | None
    problem: Problem | None = None
    limit: int | None = None
    raw_path: bytes | None = None
    """the path's bytes as the disc has them, when they were not valid UTF-8"""


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
        self.label = decode_os_name(root.name or str(root))[0]
        self.filesystem = "folder"

    def entries(self) -> Iterator[Entry]:
        unreadable: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(self.root, onerror=unreadable.append, followlinks=False):
            yield from self._unreadable_folders(unreadable)
            dirnames.sort()
            for name in sorted(filenames):
                full = Path(dirpath) / name
                rel, raw = decode_os_name(full.relative_to(self.root).as_posix())
                try:
                    info = full.lstat()
                except OSError as exc:
                    yield Entry(rel, None, None, unreadable_problem(exc), raw_path=raw)
                    continue
                if stat.S_ISLNK(info.st_mode):
                    yield Entry(rel, None, None, problem("symlink"), raw_path=raw)
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                yield Entry(rel, info.st_size, partial(_open_binary, full), raw_path=raw)
        yield from self._unreadable_folders(unreadable)

    def _unreadable_folders(self, errors: list[OSError]) -> Iterator[Entry]:
        """A folder that cannot be listed keeps a row with the reason, so it does not silently vanish."""
        while errors:
            exc = errors.pop(0)
            folder = Path(exc.filename) if exc.filename else self.root
            try:
                rel = folder.relative_to(self.root).as_posix()
            except ValueError:
                rel = str(folder)
            shown, raw = decode_os_name(f"{rel}/")
            yield Entry(shown, None, None, problem("unreadable_folder", reason=_reason(exc)), raw_path=raw)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def unreadable_problem(exc: OSError) -> Problem:
    """No permission is the user's to fix; anything else points at the medium."""
    if isinstance(exc, PermissionError):
        return problem("permission_denied", reason=_reason(exc))
    return problem("unreadable_file", reason=_reason(exc))


class SingleFileSource(Source):
    """One loose file (a PDF or .docx handed over on its own)."""

    kind = "file"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = decode_os_name(path.parent.name or str(path.parent))[0]
        self.filesystem = "file"

    def entries(self) -> Iterator[Entry]:
        name, raw = decode_os_name(self.path.name)
        yield Entry(name, self.path.stat().st_size, lambda: self.path.open("rb"), raw_path=raw)


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

    def __init__(
        self,
        path: Path,
        encoding: str | None = None,
        label: str | None = None,
        budget: ExpansionBudget | None = None,
    ) -> None:
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
        if budget is None:
            try:
                own_size = path.stat().st_size
            except OSError:
                own_size = 0
            budget = ExpansionBudget(max(BOMB_MIN_SIZE, ARCHIVE_EXPANSION_RATIO * own_size))
        self.budget = budget
        self._listed: list[Entry] | None = None

    def entries(self) -> Iterator[Entry]:
        # Listed once: the expansion budget is spent as members are listed, and must not be spent twice.
        if self._listed is None:
            self._listed = list(self._list_members())
        return iter(self._listed)

    def _wrong_encoding(self, info: zipfile.ZipInfo) -> SourceError:
        """The names were not written in the encoding given: refused before anything is imported."""
        guessed, by = decode_member_name(info)
        return SourceError(
            "wrong_name_encoding",
            f"压缩包 {self.path} 中的文件名不是 {self.encoding} 编码（如“{guessed}”，看来是 {by}）。"
            "请去掉 --encoding 让程序自动识别，或指定正确的编码。数据未改动。",
            f"the names in {self.path} are not {self.encoding} (e.g. “{guessed}”, which reads as {by}); "
            "leave out --encoding to detect it, or give the right one; the store is unchanged",
        )

    def _list_members(self) -> Iterator[Entry]:
        for info in self.archive.infolist():
            if info.is_dir():
                continue
            try:
                name, used = decode_member_name(info, self.encoding)
            except UnicodeDecodeError as exc:
                raise self._wrong_encoding(info) from exc
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
            if not self.budget.take(info.file_size):
                yield Entry(
                    safe,
                    info.file_size,
                    None,
                    problem(
                        "archive_too_large",
                        size=human_size(self.budget.used + info.file_size),
                        budget=human_size(self.budget.limit),
                    ),
                )
                continue
            yield Entry(safe, info.file_size, partial(self.archive.open, info), limit=info.file_size)

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
        assert self.iso.pvd is not None  # pycdlib sets it once an image is open
        pvd = self.iso.pvd.volume_identifier.decode("ascii", errors="replace").strip()
        if self.namespace == "joliet_path":
            assert self.iso.joliet_vd is not None  # has_joliet() said so
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
                yield Entry(shown, size, partial(self._open, full))

    def _open(self, iso_path: str) -> IO[bytes]:
        # duck-typed: reading and closing in a with block are all the importer asks of a stream
        return cast(IO[bytes], _PycdlibStream(self.iso.open_file_from_iso(**{self.namespace: iso_path})))

    def close(self) -> None:
        self.iso.close()


def _open_binary(path: Path) -> IO[bytes]:
    return path.open("rb")


class _PycdlibStream:
    """pycdlib's file object as a plain context-managed binary stream."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.inner.__enter__()  # type: ignore[attr-defined]

    def read(self, size: int = -1) -> bytes:
        return self.inner.read(size)  # type: ignore[attr-defined]

    def __enter__(self) -> _PycdlibStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(None, None, None)  # type: ignore[attr-defined]

    def close(self) -> None:
        self.inner.__exit__(None, None, None)  # type: ignore[attr-defined]


class UdfSource(Source):
    """A pure UDF image (Windows 'like a USB flash drive' discs), read by ``app.intake.udf``."""

    kind = "udf"

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
            yield Entry(item.path, item.size, partial(self._open, item))

    def _open(self, item: UdfFile) -> IO[bytes]:
        # a RawIOBase: duck-typed like pycdlib's stream above
        return cast(IO[bytes], self.image.open(item))

    def close(self) -> None:
        self.fp.close()


@dataclass(frozen=True)
class ReaderOptions:
    """What a container's reader may need besides its path."""

    encoding: str | None = None
    label: str | None = None
    """the label of the source a nested container was found in"""
    budget: ExpansionBudget | None = None
    """the expansion budget of the archive a nested zip was found in"""


def _open_iso(path: Path, options: ReaderOptions) -> Source:
    try:
        return IsoSource(path)
    except SourceError:
        # A bridge image whose ISO side is broken may still have a readable UDF side.
        return UdfSource(path)


def _open_udf(path: Path, options: ReaderOptions) -> Source:
    return UdfSource(path)


def _open_zip(path: Path, options: ReaderOptions) -> Source:
    # A zip inside a zip spends its parent's expansion budget, not a fresh one.
    return ZipSource(path, encoding=options.encoding, label=options.label, budget=options.budget)


def _refuse_raw(path: Path, options: ReaderOptions) -> Source:
    raise SourceError(
        "unsupported_image",
        f"这是 2352 字节扇区的原始光盘映像（.bin），请另存为 .iso：{path}",
        f"a raw 2352-byte-sector image (.bin); save it as .iso: {path}",
    )


READERS: dict[str, Callable[[Path, ReaderOptions], Source]] = {
    "iso": _open_iso,
    "udf": _open_udf,
    "zip": _open_zip,
    "raw": _refuse_raw,
}
"""The one table from a sniffed kind to the reader that opens it; any other kind is a single file.

A new container format is a reader class above and one line here."""

CONTAINER_KINDS = frozenset(kind for kind in READERS if kind != "raw")
"""Kinds whose files are opened and their entries imported in turn."""

DISC_KINDS = frozenset({"iso", "udf"})


def open_container(path: Path, kind: str, options: ReaderOptions | None = None) -> Source:
    """The reader for a file of a known container kind; raises SourceError when it cannot be read."""
    return READERS[kind](path, options or ReaderOptions())


def open_source(path: Path, encoding: str | None = None) -> Source:
    """The right reader for ``path``, decided by content; raises SourceError when it cannot be read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError("source_missing", f"找不到：{path}", f"no such file or folder: {path}") from None
    except OSError as exc:
        raise unreadable_source_error(path, exc) from exc
    if stat.S_ISDIR(info.st_mode):
        _check_listable(path)
        return FolderSource(path)
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISBLK(info.st_mode)):
        # /dev/zero, a pipe or a socket would be read forever; a disc drive (block device) is fine.
        raise SourceError(
            "not_a_file",
            f"这不是文件、文件夹或光盘：{path}（设备、管道或套接字不能导入）",
            f"not a file, folder or disc: {path} (devices, pipes and sockets cannot be imported)",
        )
    try:
        kind = sniff_file(path)
    except OSError as exc:
        raise unreadable_source_error(path, exc) from exc
    if stat.S_ISBLK(info.st_mode) and kind not in DISC_KINDS:
        raise SourceError(
            "not_a_file",
            f"这个设备上没有可读取的光盘：{path}",
            f"no readable disc in this device: {path}",
        )
    if kind in READERS:
        return open_container(path, kind, ReaderOptions(encoding=encoding))
    return SingleFileSource(path)


def _check_listable(path: Path) -> None:
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        raise unreadable_source_error(path, exc) from exc


def unreadable_source_error(path: Path, exc: OSError) -> SourceError:
    if isinstance(exc, PermissionError):
        return SourceError(
            "source_permission_denied",
            f"没有读取权限：{path}。请检查文件夹或文件的权限后重试。",
            f"permission denied: {path}; check its permissions and try again",
        )
    return SourceError(
        "source_unreadable",
        f"无法读取：{path}（{_reason(exc)}），光盘可能有划痕或损坏。",
        f"cannot read {path} ({_reason(exc)}); the disc may be scratched or damaged",
    )
