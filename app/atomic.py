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
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        yield temp
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UsageError(
            "output_unwritable", f"无法写入 {out}：{exc.strerror}", f"cannot write {out}: {exc.strerror}"
        ) from exc
