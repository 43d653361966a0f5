"""Writing an output file whole or not at all: to a temporary name beside it, then renamed over it."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import UsageError


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """Yields the temporary path to write; on success it becomes ``out``, on failure it is removed."""
    temp = out.with_name(out.name + ".part")
    if not out.parent.is_dir():
        # A typo in a folder name must not quietly create a new folder somewhere the user will not look.
        raise UsageError(
            "output_folder_missing",
            f"输出文件夹不存在：{out.parent}（请先创建它，或检查路径是否写错）",
            f"the output folder does not exist: {out.parent} (create it first, or check the path)",
        )
    try:
        yield temp
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UsageError(
            "output_unwritable", f"无法写入 {out}：{exc.strerror}", f"cannot write {out}: {exc.strerror}"
        ) from exc


def write_durably(out: Path, data: bytes, mode: int = 0o644) -> None:
    """All of ``data`` on disk under ``out`` (flushed to the device), or nothing; ``mode`` from the start."""
    with replacing(out) as temp:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def output_folder(folder: Path) -> Path:
    """``folder``, made if it is not there yet (a command's whole output goes into it), or a clear refusal.

    A file in the way, a path under a file, a read-only place: each is the user's to fix, said in words.
    """
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            "output_not_a_folder",
            f"输出位置已有同名文件，不是文件夹：{folder}",
            f"the output path is a file, not a folder: {folder}",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = _WHY_ZH.get(exc.errno or 0, "系统拒绝")
        raise UsageError(
            "output_unwritable",
            f"无法创建输出文件夹 {folder}：{why}",
            f"cannot create the output folder {folder}: {exc.strerror or exc}",
        ) from exc
    return folder


_WHY_ZH = {
    errno.ENOTDIR: "路径中有一部分是文件而不是文件夹",
    errno.ENOENT: "上级路径不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "该位置只读（例如光盘）",
    errno.ENOSPC: "磁盘已满",
}
