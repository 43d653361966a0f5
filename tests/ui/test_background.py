"""Import and analysis from the desk run in a child process; the queue fills as they go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.demo.disc import generate_demo_disc


def test_dropping_a_disc_imports_and_analyses_it(qtbot, tmp_path: Path) -> None:
    disc = generate_demo_disc(tmp_path / "disc", scans=False)
    data = tmp_path / "data"
    window, store = open_window_empty(qtbot, data)
    assert window.model.rowCount() == 0
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(disc.root))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.job is not None and window.job.running
    with qtbot.waitSignal(window.job.finished, timeout=120_000):
        pass
    expected = len(disc.cases) + len(disc.duplicates)
    assert window.model.rowCount() == expected
    assert all(window.model.case_at(row).documents for row in range(expected))
    assert "导入" in window.statusBar().currentMessage()
    window.close()
    store.close()


def open_window_empty(qtbot, data: Path):
    from PySide6.QtCore import QSettings

    from app.models.store import Store
    from app.ui.main_window import MainWindow

    store = Store.open(data)
    window = MainWindow(
        store, QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat), expert="专家", dialogs=False
    )
    qtbot.addWidget(window)
    window.show()
    return window, store


def test_opening_on_unanalysed_scans_reads_the_open_case_first_and_cancels_cleanly(
    qtbot, tmp_path: Path, demo_disc
) -> None:
    from app.intake.importer import Importer
    from app.models.store import Store

    data = tmp_path / "data"
    store = Store.open(data)
    Importer(store, "tester").run([demo_disc.root])
    store.close()
    window, store = open_window_empty(qtbot, data)
    scanned = [c for c in window.case_queue.shown_cases() if c.has_text is False]
    assert scanned, "the demo disc has scanned case files"
    target = scanned[-1]  # the last in the queue: it goes first only because the expert opened it
    window.select_case(target.id)
    assert window.analyse_pending()
    assert window.job is not None and window.job.running
    with qtbot.waitSignal(window.job.analysing, timeout=120_000) as first:
        pass
    assert first.args == [target.sha256]
    documents = window.info.documents
    qtbot.waitUntil(lambda: documents.count() == 1 and "正在分析" in documents.item(0).text(), timeout=5000)
    assert "reviewdesk" not in documents.item(0).text()
    window.jobs.cancel()
    with qtbot.waitSignal(window.job.finished, timeout=120_000) as done:
        pass
    assert done.args[0].get("cancelled")
    assert window.analyse_pending(), "what was not read yet is still waiting and starts again"
    window.jobs.cancel()
    with qtbot.waitSignal(window.job.finished, timeout=120_000):
        pass
    window.close()
    store.close()
