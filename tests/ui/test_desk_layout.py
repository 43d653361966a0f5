"""The desk over a day (issue 16): sizes that fit the screen, the queue, both languages without a restart,
the check dialog's texts, and screenshots of each screen at laptop and desktop sizes in both languages.

Screenshots go to test-output/screenshots/ (git-ignored), to be looked at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication

from app import vocabulary as vocab
from app.models.store import Store
from app.ui.case_table import UNIT_COLUMN
from app.ui.labels import label_of
from app.ui.language import remove_translators, switch_language
from app.ui.main_window import MainWindow
from app.ui.shortcuts import shortcut_table
from app.ui.window_layout import PAGE_SHARE, fit_to_screen, splitter_sizes
from app.workflow import analyse_born_digital, import_and_analyse

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
SIZES = [(1366, 768), (1920, 1080)]


@pytest.fixture
def chinese(qapp):
    switch_language(qapp, "zh_CN")
    yield qapp
    remove_translators(qapp)


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory, demo_disc) -> Path:
    """The demo disc imported, born-digital files analysed (the scans' OCR is the analyser's business)."""
    data = tmp_path_factory.mktemp("desk") / "data"
    store = Store.open(data)
    import_and_analyse(store, "tester", [demo_disc.root], full_text=False, analyse=analyse_born_digital)
    store.close()
    return data


def _window(qtbot, data: Path, size: tuple[int, int] | None = None) -> tuple[MainWindow, Store]:
    store = Store.open(data)
    window = MainWindow(
        store, QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat), expert="专家甲", dialogs=False
    )
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
        window.splitter.setSizes(splitter_sizes(size[0]))
    window.show()
    return window, store


def _on_a_transcript(qtbot, window: MainWindow) -> None:
    case = next(
        c
        for c in window.case_queue.shown_cases()
        if c.has_text and any(d.kind in vocab.TRANSCRIPT_KINDS for d in c.documents)
    )
    window.select_case(case.id)
    qtbot.waitUntil(
        lambda: window.form.sheet is not None and window.form.sheet.case_id == case.id, timeout=8000
    )
    qtbot.waitUntil(lambda: window.viewer._labels[window.viewer.current_page() - 1].rendered, timeout=8000)


# -- sizes (16.5) --------------------------------------------------------------------------------------


def test_the_page_keeps_at_least_sixty_percent_of_the_width() -> None:
    for width in (1366, 1920, 2560):
        sizes = splitter_sizes(width)
        assert sum(sizes) == width and sizes[1] >= PAGE_SHARE * width - 1


def test_a_remembered_geometry_is_clamped_to_the_screen() -> None:
    available = QRect(0, 0, 1366, 728)
    assert fit_to_screen(QRect(-50, 40, 1920, 1080), available) == available
    assert fit_to_screen(QRect(1300, 700, 800, 600), available) == QRect(566, 128, 800, 600)
    assert fit_to_screen(QRect(10, 10, 800, 600), available) == QRect(10, 10, 800, 600)


OPEN_ON_SCREEN = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from app.models.store import Store
from app.ui.main_window import MainWindow
app = QApplication([])
data = Path(sys.argv[1])
settings = QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat)
if len(sys.argv) > 2:
    settings.setValue("desk/geometry", bytes.fromhex(sys.argv[2]))
store = Store.open(data)
window = MainWindow(store, settings, dialogs=False)
window.showMaximized() if window.opens_maximized else window.show()
for _ in range(20):
    app.processEvents()
g, a = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({"maximized": window.opens_maximized, "frame": [g.x(), g.y(), g.width(), g.height()],
                  "available": [a.x(), a.y(), a.width(), a.height()], "page": window.viewer_pane.width(),
                  "width": window.width(), "sizes": window.splitter.sizes(), "mins": [window.splitter.widget(i).minimumSizeHint().width() for i in range(3)], "geometry": bytes(window.saveGeometry().data()).hex()}))
window.close()
store.close()
"""


def _open_on_a_laptop_screen(tmp_path: Path, data: Path, geometry: str = "") -> dict:
    """The desk in a process whose (offscreen) screen is a 1366×768 laptop's."""
    import json
    import os
    import subprocess
    import sys

    screens = tmp_path / "screen.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]}),
        encoding="utf-8",
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}
    out = subprocess.run(
        [sys.executable, "-c", OPEN_ON_SCREEN, str(data), *([geometry] if geometry else [])],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_the_window_opens_on_the_available_geometry_and_never_larger(
    qapp, tmp_path: Path, demo_data: Path
) -> None:
    first = _open_on_a_laptop_screen(tmp_path, demo_data)
    x, y, w, h = first["frame"]
    ax, ay, aw, ah = first["available"]
    assert first["maximized"] and (aw, ah) == (1366, 768)
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, first
    assert first["page"] >= PAGE_SHARE * first["width"], str(
        {k: first[k] for k in ("page", "width", "sizes", "mins")}
    )
    # a geometry remembered from a larger screen comes back clamped to this one
    from PySide6.QtWidgets import QWidget

    big = QWidget()
    big.setGeometry(200, 100, 1900, 1060)
    remembered = bytes(big.saveGeometry().data()).hex()
    again = _open_on_a_laptop_screen(tmp_path, tmp_path / "other", remembered)
    x, y, w, h = again["frame"]
    assert not again["maximized"]
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, again


# -- the queue (16.9, 18.6) ------------------------------------------------------------------------------


def test_an_empty_desk_says_what_to_do_and_offers_nothing_to_complete(qtbot, tmp_path: Path, chinese) -> None:
    window, store = _window(qtbot, tmp_path / "empty")
    queue = window.case_queue
    assert queue.stack.currentWidget() is queue.empty_hint and "Ctrl+O" in queue.empty_hint.text()
    assert window.current_case() is None
    assert not any(action.isEnabled() for action in window.case_actions)
    assert not window.form.isEnabled()
    window.close()
    store.close()


def test_selection_and_unit_are_seen_and_case_types_are_not_cut(qtbot, demo_data: Path, chinese) -> None:
    window, store = _window(qtbot, demo_data, (1366, 768))
    table = window.case_queue.table
    headers = [
        window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())
    ]
    assert headers[0] == "状态\n推/抽", "推选/抽选 is seen without scrolling, under the status"
    assert headers[UNIT_COLUMN] == "单位\n类型"
    texts = {
        window.model.data(window.model.index(r, 0)).split("\n")[1] for r in range(window.model.rowCount())
    }
    assert {"推选", "抽选"} <= texts
    # unit over type, whole, beside the status and inside the queue's view at 1366 (issue 16's leftover)
    assert table.columnWidth(UNIT_COLUMN) >= table.sizeHintForColumn(UNIT_COLUMN)
    assert (
        table.columnViewportPosition(UNIT_COLUMN) + table.columnWidth(UNIT_COLUMN) <= table.viewport().width()
    )
    # a duplicate submission: the same file as 推选 and as 抽选, two rows that now differ
    shown = [(c.sha256, c.value("selection")) for c in window.case_queue.shown_cases()]
    assert len(set(shown)) == len(shown)
    window.close()
    store.close()


# -- language (16.8, 16.12) ------------------------------------------------------------------------------


def test_switching_language_retranslates_the_open_desk(qtbot, demo_data: Path, chinese) -> None:
    window, store = _window(qtbot, demo_data, (1366, 768))
    _on_a_transcript(qtbot, window)
    file_menu = window.menuBar().actions()[0]
    assert file_menu.text() == "文件"
    window.set_language("en")
    qtbot.waitUntil(lambda: file_menu.text().replace("&", "") == "File", timeout=3000)
    assert window.tabs.tabText(0) != "评分"
    assert window.case_queue.filter.placeholderText().startswith("Filter")
    assert label_of(vocab.CASE_TYPE_LABELS, "court_enforcement") == "Court enforcement application"
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Status\nNom./samp."
    find = window.viewer_pane.find_box
    assert find.width() >= find.fontMetrics().horizontalAdvance(find.placeholderText())
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: file_menu.text() == "文件", timeout=3000)
    window.close()
    store.close()


def test_the_shortcut_list_never_wraps_a_line() -> None:
    table = shortcut_table()
    assert table.count("white-space:nowrap") == 2 * table.count("<tr>")


# -- the check dialog (16.7, 16.8) -----------------------------------------------------------------------


def test_check_dialog_texts(qtbot, demo_data: Path, chinese, qapp) -> None:
    from app.ui.check_dialog import CheckDialog

    store = Store.open(demo_data)
    dialog = CheckDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.start.date().year() == 2024 and dialog.end.date().year() == 2024
    dialog.run_check()
    texts = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    duplicates = [t for t in texts if "重复报送" in t]
    assert duplicates and not any("重复报送：同一案卷重复报送" in t for t in texts), duplicates
    switch_language(qapp, "en")
    english = CheckDialog(store)
    qtbot.addWidget(english)
    headers = [english.table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Candidate", "Finding", "Details", "File"]
    english.run_check()
    reasons = [english.table.item(r, 2).text() for r in range(english.table.rowCount())]
    assert reasons and not any(
        "\u4e00" <= ch <= "\u9fff"
        for ch in "".join(english.table.item(r, 1).text() for r in range(english.table.rowCount()))
    )
    assert any(text.isascii() for text in reasons)
    store.close()


# -- screenshots (16, Measured) ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_screenshots(
    qtbot, qapp, demo_data: Path, tmp_path: Path, language: str, size: tuple[int, int]
) -> None:
    from app.ui.check_dialog import CheckDialog

    SHOTS.mkdir(parents=True, exist_ok=True)
    tag = f"{size[0]}x{size[1]}-{language}"
    switch_language(qapp, language)
    try:
        window, store = _window(qtbot, demo_data, size)
        _on_a_transcript(qtbot, window)
        page_pane = window.viewer_pane.width()
        assert page_pane >= PAGE_SHARE * size[0] - 20
        assert window.grab().save(str(SHOTS / f"desk-transcript-{tag}.png"))
        window.form._apply("scores/inspection_record", 30.0)
        window.form._apply("scores/inspection_record", 28.5)
        window.tabs.setCurrentWidget(window.history)
        QApplication.processEvents()
        assert window.grab().save(str(SHOTS / f"history-{tag}.png"))
        window.form.undo()
        window.form.undo()
        dialog = CheckDialog(store, window)
        qtbot.addWidget(dialog)
        dialog.resize(min(980, size[0] - 80), min(560, size[1] - 80))
        dialog.show()
        dialog.run_check()
        QApplication.processEvents()
        assert dialog.grab().save(str(SHOTS / f"check-{tag}.png"))
        dialog.close()
        window.close()
        store.close()
        empty, empty_store = _window(qtbot, tmp_path / "empty", size)
        QApplication.processEvents()
        assert empty.grab().save(str(SHOTS / f"empty-{tag}.png"))
        empty.close()
        empty_store.close()
    finally:
        remove_translators(qapp)
