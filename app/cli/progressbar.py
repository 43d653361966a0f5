"""A terminal progress bar on stderr, drawn only when stderr is a terminal and at most ten times a second."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from app.intake.outcome import Progress
from app.problems import human_size
from app.textwidth import char_width, display_width


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.interval = interval
        self._last = 0.0
        self._drawn = False

    def __call__(self, progress: Progress) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < self.interval:
            return
        self._last = now
        width = shutil.get_terminal_size((80, 20)).columns
        fraction = progress.bytes_done / progress.bytes_total if progress.bytes_total else 0.0
        fraction = min(fraction, 1.0)
        bar_width = 24
        filled = int(bar_width * fraction)
        text = (
            f"[{'#' * filled}{'.' * (bar_width - filled)}] {fraction:5.1%} "
            f"{human_size(progress.bytes_done)}/{human_size(progress.bytes_total)} "
            f"{progress.files_done}/{progress.files_total} {progress.current}"
        )
        fitted = fit_columns(text, width - 1)
        self.stream.write("\r" + fitted + " " * (width - 1 - display_width(fitted)))
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def fit_columns(text: str, columns: int) -> str:
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > columns:
            break
        out.append(ch)
        used += w
    return "".join(out)
