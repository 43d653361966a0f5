"""Writing an output file whole or not at all: to a temporary name beside it, then renamed over it."""

from __future__ import annotations

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
