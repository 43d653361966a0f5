"""Import and analysis in the background, shown in the status bar: what is read now, how far, 取消.

One job at a time (``app.jobs.import_and_analyze`` in a child process). It runs by itself after an
import and when the desk opens on cases not yet analysed, so it must not stand in the expert's way:
no dialog, a line in the status bar that can be cancelled; whatever was done is kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.jobs import import_and_analyze
from app.ui.jobs import BackgroundJob


class JobPanel(QWidget):
    files_changed = Signal()
    analysing = Signal(str)
    finished = Signal(dict)
    failed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: BackgroundJob | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("取消"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    @property
    def analysing_now(self) -> str:
        """The sha256 of the file being analysed now, "" when none."""
        return self.job.analysing_now if self.running and self.job else ""

    def start(self, data_dir: Path, sources: list[str], user: str, focus: int = 0) -> bool:
        """Start a job; False when one is already running."""
        if self.running:
            return False
        self.job = BackgroundJob(import_and_analyze, str(data_dir), sources, user)
        self.job.set_focus(focus)
        self.job.progress.connect(self._progress)
        self.job.files_changed.connect(self.files_changed)
        self.job.analysing.connect(self.analysing)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.label.setText(self.tr("正在准备…"))
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.show()
        self.job.start()
        return True

    def set_focus(self, case_id: int) -> None:
        if self.job is not None:
            self.job.set_focus(case_id)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("正在取消…"))

    def _progress(self, text: str, done: int, total: int) -> None:
        shown = _translated_phase(text)
        self.label.setText(self.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideMiddle, 320))
        self.bar.setValue(int(1000 * done / total) if total else 0)

    def _finished(self, summary: dict) -> None:
        self.hide()
        self.finished.emit(summary)

    def _failed(self, zh: str, details: str) -> None:
        self.hide()
        self.failed.emit(zh, details)


PHASES = (
    QT_TRANSLATE_NOOP("JobPanel", "导入"),
    QT_TRANSLATE_NOOP("JobPanel", "识别页面"),
    QT_TRANSLATE_NOOP("JobPanel", "笔录全文"),
    QT_TRANSLATE_NOOP("JobPanel", "其余全文"),
    QT_TRANSLATE_NOOP("JobPanel", "正在生成演示光盘…"),
)
"""the words the child process starts its progress lines with (it has no translator)"""


def _translated_phase(text: str) -> str:
    for zh in PHASES:
        if text.startswith(zh):
            return QCoreApplication.translate("JobPanel", zh) + text[len(zh) :]
    return text
