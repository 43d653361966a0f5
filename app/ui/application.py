"""Starting the desk: the QApplication, settings in the data directory, known errors and crashes.

The QApplication does not need the store to exist (see STYLE.md, "what not to copy"): the store is
opened after it, and a store that cannot be opened is a message, not a crash.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME, __version__
from app.errors import KnownError
from app.models.store import Store


def _report(title: str, text: str, details: str, dialogs: bool, bug: bool = False) -> None:
    print(f"{title}: {text}\n{details}", file=sys.stderr)
    if not dialogs or QApplication.instance() is None:
        return
    if bug:
        from app.ui.crash_dialog import CrashDialog

        CrashDialog(title, text, details).exec()
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    if details:
        box.setDetailedText(details)
    box.exec()


def install_crash_handler(dialogs: bool) -> None:
    """Bugs reach a dialog with details to copy; every change is already in the store, so nothing is lost."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        if isinstance(value, KnownError):
            _report("ReviewDesk", value.zh, value.en, dialogs)
            return
        _report(
            QCoreApplication.translate("Application", "ReviewDesk 出错了"),
            QCoreApplication.translate(
                "Application", "程序遇到了一个错误。已录入的内容都已保存。请把下面的详细信息复制给技术支持。"
            ),
            details,
            dialogs,
            bug=True,
        )

    sys.excepthook = hook


def run(
    data_dir: Path, screenshot: Path | None = None, error_dialogs: bool = True, language: str | None = None
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    install_crash_handler(error_dialogs and screenshot is None)
    try:
        store = Store.open(data_dir)
    except KnownError as error:
        _report("ReviewDesk", error.zh, error.en, error_dialogs)
        return 2
    from app.ui.main_window import MainWindow

    settings = QSettings(str(data_dir / "desk.ini"), QSettings.Format.IniFormat)
    from app.ui.language import chosen_language, install_translators

    install_translators(app, chosen_language(settings, language))
    from app.signing.identity import scorer_name

    window = MainWindow(
        store, settings, expert=scorer_name(data_dir), dialogs=error_dialogs and screenshot is None
    )
    if screenshot is not None:
        _arm_screenshot(app, window, screenshot)
    if window.opens_maximized and screenshot is None:
        window.showMaximized()
    else:
        window.show()
    if window.identity is None and screenshot is None and error_dialogs:
        QTimer.singleShot(0, window.first_run)
    if screenshot is None:
        # scans the expert has not had read yet: read now, in the background, the open case first
        QTimer.singleShot(500, window.analyse_pending)
    try:
        return app.exec()
    finally:
        store.close()


def _arm_screenshot(app: QApplication, window: object, target: Path) -> None:
    """Save the window once the first page is on screen, then quit; give up after 20 s."""
    from app.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)

    def grab() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(target))
        app.exit(0 if ok else 1)

    window.first_page_shown.connect(lambda: QTimer.singleShot(150, grab))
    QTimer.singleShot(20000, lambda: app.exit(3))
