"""Runs an ``app.jobs`` function in a child process and turns its messages into Qt signals."""

from __future__ import annotations

import multiprocessing
import queue as queue_module
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


class BackgroundJob(QObject):
    progress = Signal(str, int, int)
    files_changed = Signal()
    analysing = Signal(str)
    """the sha256 of the file being analysed now ("" when analysis is over)"""
    finished = Signal(dict)
    failed = Signal(str, str)

    def __init__(self, target: Callable[..., None], *args: Any) -> None:
        super().__init__()
        context = multiprocessing.get_context("spawn")
        self.queue = context.Queue()
        self.cancel_event = context.Event()
        self.focus = context.Value("q", 0, lock=False)
        self.process = context.Process(
            target=target, args=(*args, self.queue, self.cancel_event, self.focus), daemon=True
        )
        self.timer = QTimer(self, interval=100)
        self.timer.timeout.connect(self._poll)
        self.running = False
        self.analysing_now = ""

    def start(self) -> None:
        self.process.start()
        self.running = True
        self.timer.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def set_focus(self, case_id: int) -> None:
        """The case the expert has open: the job analyses it next if it is still waiting."""
        self.focus.value = case_id

    def _poll(self) -> None:
        while True:
            try:
                message = self.queue.get_nowait()
            except queue_module.Empty:
                break
            kind = message[0]
            if kind == "progress":
                self.progress.emit(
                    message[1], int(min(message[2], 2**31 - 1)), int(min(message[3], 2**31 - 1))
                )
            elif kind == "files_changed":
                self.files_changed.emit()
            elif kind == "analysing":
                self.analysing_now = message[1]
                self.analysing.emit(message[1])
            elif kind == "done":
                self._stop()
                self.finished.emit(message[1])
                return
            elif kind == "error":
                self._stop()
                self.failed.emit(message[1], message[2])
                return
        if not self.process.is_alive() and self.queue.empty() and self.running:
            self._stop()
            self.failed.emit(
                self.tr("后台任务意外结束，已完成的部分已保存。"), f"exit code {self.process.exitcode}"
            )

    def _stop(self) -> None:
        self.running = False
        self.analysing_now = ""
        self.timer.stop()
        self.process.join(timeout=5)
