"""Scoring in the desk through behaviour: keyboard entry, undo, completion, reopening, a hard kill."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox

from app.analysis.analyzer import Analyzer
from app.intake.importer import Importer
from app.models.cases import CaseRepository
from app.models.scores import ScoreRepository
from app.models.store import Store
from app.rubric import catalog
from app.ui.language import install_translators
from app.ui.main_window import MainWindow
from app.workflow import analyse_listed

OUTPUT = Path(__file__).parents[2] / "test-output"


@pytest.fixture
def desk_data(demo_disc, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    store = Store.open(data)
    Importer(store, "tester").run([demo_disc.root])
    born_digital = [c.id for c in CaseRepository(store.db).list() if c.has_text]
    analyse_listed(Analyzer(store), born_digital, titles_only=True)
    store.close()
    return data


def open_window(qtbot, data: Path) -> tuple[MainWindow, Store]:
    store = Store.open(data)
    settings = QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, expert="专家甲")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.viewer.page_count > 0, timeout=5000)
    wait_loaded(qtbot, window)
    return window, store


def wait_loaded(qtbot, window: MainWindow) -> None:
    """The form and case pane follow the page by one turn of the event loop."""
    qtbot.waitUntil(
        lambda: window.form.sheet is not None and window.form.sheet.case_id == window.current_case().id,
        timeout=5000,
    )


def stored(data: Path, case_id: int, rubric_id: str = "transcripts-2024"):
    """Read through a separate connection, as another process would."""
    store = Store.open(data)
    try:
        return ScoreRepository(store.db, "reader").sheet(case_id, catalog.get(rubric_id, None))
    finally:
        store.close()


def test_keyboard_scoring_is_durable_at_once_and_undoable(qtbot, desk_data: Path) -> None:
    window, store = open_window(qtbot, desk_data)
    case = window.current_case()
    assert case is not None and window.rubric.id == "transcripts-2024"
    # the case opened on its first transcript page
    first_transcript = next(d for d in case.documents if d.kind == "inspection_record")
    qtbot.waitUntil(lambda: window.viewer.current_page() == first_transcript.first_page, timeout=5000)
    # go to the inquiry record from the documents list
    inquiry = next(d for d in case.documents if d.kind == "inquiry_record")
    window.info.page_requested.emit(inquiry.first_page)
    qtbot.waitUntil(lambda: window.viewer.current_page() == inquiry.first_page, timeout=5000)
    spin = window.form.editors["scores/inspection_record/violation"]
    assert isinstance(spin, QDoubleSpinBox)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "14")
    assert stored(desk_data, case.id).get("scores/inspection_record") == {"criteria": {"violation": 14}}
    qtbot.keyClick(spin, Qt.Key.Key_Tab)  # Tab moves on through the form
    assert not spin.hasFocus()
    other = window.form.editors["scores/inquiry_record/pollution"]
    other.setFocus()
    other.selectAll()
    qtbot.keyClicks(other, "6.5")
    assert stored(desk_data, case.id).get("scores/inquiry_record/pollution") == 6.5
    box = window.form.editors[next(p for p in window.form.editors if p.endswith("/credentials"))]
    assert isinstance(box, QCheckBox)
    box.click()
    assert stored(desk_data, case.id).result().score == 30 + 70 * (14 + 6.5) / 70 - 4.5
    window.form.undo()
    assert not box.isChecked() and stored(desk_data, case.id).result().score == 30 + 20.5
    window.form.redo()
    assert box.isChecked()
    history = ScoreRepository(store.db, "x").history(case.id, "transcripts-2024")
    assert [h["expert"] for h in history][-1] == "专家甲" and len(history) >= 6
    window.close()
    store.close()


def test_complete_locks_moves_on_and_reopening_needs_a_reason(qtbot, desk_data: Path) -> None:
    window, store = open_window(qtbot, desk_data)
    case = window.current_case()
    window.form.complete()
    assert "未评" in window.form.message.text()  # nothing scored yet: refused, and said why
    assert stored(desk_data, case.id).status != "complete"
    for item in window.form.sheet.rubric.items:
        for criterion in item.criteria:
            window.form.editors[f"scores/{item.id}/{criterion.id}"].setValue(float(criterion.points))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    field = window.form.editors["scores/inquiry_record/other"]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(desk_data, case.id).status == "complete"
    assert window.current_case().id != case.id  # the next unfinished case is open
    assert window.model.status_of(window.model.row_of(case.id)) == "complete"
    window.select_case(case.id)
    wait_loaded(qtbot, window)
    assert not window.form.scroll.widget().isEnabled()  # locked
    assert not window.form.reopen("  ")
    assert window.form.reopen("专家组复核后需调整")
    history = ScoreRepository(store.db, "x").history(case.id, "transcripts-2024")
    assert history[-1]["reason"] == "专家组复核后需调整"
    window.close()
    store.close()


def test_killed_desk_loses_nothing_and_reopens_where_it_was(desk_data: Path) -> None:
    """A real SIGKILL right after a keystroke; the next desk shows the score, the case and the page."""
    script = f"""
import os, signal
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from app.models.store import Store
from app.ui.language import install_translators
from app.ui.main_window import MainWindow
from pathlib import Path
data = Path({str(desk_data)!r})
app = QApplication([])
window = MainWindow(Store.open(data), QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat), expert="专家乙")
window.show()
app.processEvents()
window.case_queue.table.selectRow(2)
import time
deadline = time.monotonic() + 5
while window.form.sheet is None and time.monotonic() < deadline:
    app.processEvents()
window.viewer.go_to_page(5)
app.processEvents()
window.form.editors["scores/inquiry_record/violation"].setValue(12.5)
os.kill(os.getpid(), signal.SIGKILL)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[2], check=False)
    assert result.returncode == -9
    store = Store.open(desk_data)
    try:
        assert store.integrity_ok()
        third = CaseRepository(store.db).list()[2]
    finally:
        store.close()
    assert stored(desk_data, third.id).get("scores/inquiry_record/violation") == 12.5
    settings = QSettings(str(desk_data / "desk.ini"), QSettings.Format.IniFormat)
    assert int(settings.value("desk/last_case")) == third.id
    assert int(settings.value("desk/last_page")) == 5


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_screenshots_at_laptop_and_desktop_sizes(qtbot, qapp, desk_data: Path, size, language: str) -> None:
    installed = install_translators(qapp, language)
    try:
        window, store = open_window(qtbot, desk_data)
        window.resize(*size)
        qtbot.wait(200)
        OUTPUT.mkdir(exist_ok=True)
        image = window.grab().toImage()
        target = OUTPUT / f"desk-{language}-{size[0]}x{size[1]}.png"
        assert image.save(str(target))
        assert image.width() == size[0] and image.height() == size[1]
        # the scoring pane is readable at this size: its total and its first item are visible
        assert (
            window.form.total.isVisible()
            and window.form.editors["scores/inspection_record/production"].isVisible()
        )
        menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
        assert menus[0] == ("文件" if language == "zh_CN" else "File")
        window.close()
        store.close()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_the_page_survives_resizes(qtbot, desk_data: Path) -> None:
    window, store = open_window(qtbot, desk_data)
    case = window.current_case()
    first = next(d for d in case.documents if d.kind == "inspection_record")
    qtbot.waitUntil(
        lambda: window.viewer.current_page() == first.first_page, timeout=5000
    )  # the case has settled
    inquiry = next(d for d in case.documents if d.kind == "inquiry_record")
    window.viewer.go_to_page(inquiry.first_page)
    for size in ((1920, 1080), (1366, 768), (1100, 700)):
        window.resize(*size)
        qtbot.wait(50)
        assert window.viewer.current_page() == inquiry.first_page, size
    assert int(window.settings.value("desk/last_page")) == inquiry.first_page
    window.close()
    store.close()
