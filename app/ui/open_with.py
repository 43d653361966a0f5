"""The Qt side of ``reviewdesk PATH`` and of a windowed program's messages (app.cli stays Qt-free).

A windowed program (the bundle's ``ReviewDesk.exe``) has no console: a question or a result a command
would print is asked or shown in a message box instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def _application() -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])


def show_error(zh: str, en: str) -> None:
    _application()
    QMessageBox.critical(None, "ReviewDesk", f"{zh}\n\n{en}")


def show_result(text: str, ok: bool) -> None:
    _application()
    box = QMessageBox.information if ok else QMessageBox.warning
    box(None, "ReviewDesk", text[-4000:] or "OK")


def ask(question: str) -> bool:
    _application()
    return QMessageBox.question(None, "ReviewDesk", question) == QMessageBox.StandardButton.Yes


def open_desk_importing(run_desk: Callable[[], int], sources: list[str]) -> int:
    """Run the desk and start importing ``sources`` as soon as its window is up."""
    app = _application()

    def start() -> None:
        from app.ui.main_window import MainWindow

        for widget in app.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.start_import(sources)
                return

    QTimer.singleShot(0, start)
    return run_desk()
