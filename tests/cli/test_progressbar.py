"""The terminal progress bar: drawn on a terminal only, within the terminal's width, Chinese counted double."""

from __future__ import annotations

import io

from app.cli.progressbar import ProgressBar, display_width, fit_columns
from app.intake.outcome import Progress


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_draws_on_a_terminal_within_its_width(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    stream = FakeTty()
    bar = ProgressBar(stream, interval=0)
    bar(
        Progress(
            "src", "01_德州市生态环境局/集体/推选案卷/德环罚〔2017〕3号.pdf", 3, 10, 50 * 2**20, 200 * 2**20
        )
    )
    bar.finish()
    line = stream.getvalue().strip("\r\n")
    assert "25.0%" in line and "3/10" in line
    assert display_width(line) <= 59


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, interval=0)
    bar(Progress("src", "x", 1, 2, 1, 2))
    bar.finish()
    assert stream.getvalue() == ""


def test_fit_columns_counts_chinese_as_two() -> None:
    assert fit_columns("案卷abc", 5) == "案卷a"
    assert display_width("案卷abc") == 7
