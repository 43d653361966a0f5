"""The desk says in Chinese why an import brought nothing: the source's own message, not a bare title."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from PySide6.QtCore import QSettings

from app.jobs import import_and_analyze
from app.models.store import Store
from app.ui.main_window import MainWindow
from tests.helpers.files import text_pdf


def _summary_of_import(data: Path, source: Path) -> dict:
    events: queue.Queue = queue.Queue()
    import_and_analyze(str(data), [str(source)], "tester", events, threading.Event())
    done = []
    while not events.empty():
        event = events.get_nowait()
        if event[0] in ("done", "error"):
            done.append(event)
    assert [kind for kind, *_ in done] == ["done"]
    return done[0][1]


def _window(qtbot, data: Path) -> MainWindow:
    store = Store.open(data)
    settings = QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, expert="专家甲", dialogs=False)
    qtbot.addWidget(window)
    return window


def test_an_empty_folder_is_reported_by_the_desk_in_chinese(qtbot, tmp_path: Path) -> None:
    empty = tmp_path / "空光盘"
    empty.mkdir()
    data = tmp_path / "data"
    summary = _summary_of_import(data, empty)
    assert summary["files"] == 0 and summary["exit_code"] == 2
    assert len(summary["errors"]) == 1 and "没有可导入的内容" in summary["errors"][0]

    window = _window(qtbot, data)
    window._job_finished(summary)
    shown = window.statusBar().currentMessage()
    assert "没有可导入的内容" in shown and str(empty.resolve()) in shown


def test_documents_without_a_case_file_are_imported_and_the_desk_says_so(qtbot, tmp_path: Path) -> None:
    disc = tmp_path / "材料"
    disc.mkdir()
    (disc / "廉洁执法证明.pdf").write_bytes(text_pdf(["廉洁执法证明", "德令哈市生态环境局"]))
    data = tmp_path / "data"
    summary = _summary_of_import(data, disc)
    assert summary["files"] == 1 and summary["case_file"] == 0 and summary["errors"] == []
    assert len(summary["warnings"]) == 1 and "没有找到案卷" in summary["warnings"][0]

    window = _window(qtbot, data)
    window._job_finished(summary)
    assert "没有找到案卷" in window.statusBar().currentMessage()
