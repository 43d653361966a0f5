"""The desk through behaviour: it opens on the imported demo disc, shows a page, moves between cases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from app.intake.importer import Importer
from app.models.store import Store
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_disc, tmp_path: Path):
    store = Store.open(tmp_path / "data")
    Importer(store, "tester").run([demo_disc.root])
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()
    store.close()


def test_opens_on_the_first_case_and_renders_its_page(qtbot, window: MainWindow, demo_disc) -> None:
    assert window.model.rowCount() == len(demo_disc.cases) + len(demo_disc.duplicates)
    qtbot.waitUntil(lambda: window.viewer.page_count > 0 and window.viewer._labels[0].rendered, timeout=5000)
    image = window.viewer._labels[0].pixmap().toImage()
    dark = sum(
        1
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
        if image.pixelColor(x, y).value() < 128
    )
    assert dark > 20, "the first page shows text"


def test_f8_moves_to_the_next_case_and_remembers_it(qtbot, window: MainWindow, tmp_path: Path) -> None:
    qtbot.waitUntil(lambda: window.viewer.page_count > 0, timeout=5000)
    first = window.current_case()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    second = window.current_case()
    qtbot.waitUntil(
        lambda: window.form.sheet is not None and window.form.sheet.case_id == second.id, timeout=5000
    )
    assert second.id != first.id
    assert second.value("case_number") in window.info.body.toPlainText()
    assert int(window.settings.value("desk/last_case")) == second.id


def test_demo_screenshot_smoke(tmp_path: Path) -> None:
    """The README's demo, as CI runs it: opens, waits for the first page, saves the window, exits 0."""
    shot = tmp_path / "demo.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--data-dir",
            str(tmp_path / "data"),
            "--no-error-dialogs",
            "demo",
            "--screenshot",
            str(shot),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert shot.stat().st_size > 10_000
