"""The desk at 1366×768 and 1920×1080, in Chinese and English: the queue shows the unit, criteria read as
sentences, the 2024 case sheet's section bar wraps instead of widening the form, the page keeps its share.

Screenshots go to test-output/narrow/ (git-ignored), to be looked at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.models.cases import CaseRepository
from app.models.scores import ScoreRepository
from app.models.store import Store
from app.rubric import catalog
from app.ui.case_table import UNIT_COLUMN
from app.ui.language import remove_translators, switch_language
from app.ui.main_window import MainWindow
from app.ui.window_layout import PAGE_SHARE, splitter_sizes
from app.workflow import analyse_born_digital, import_and_analyse

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "narrow"
SIZES = [(1366, 768), (1920, 1080)]


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory, demo_disc) -> Path:
    """The demo disc, born-digital files analysed, two criteria of a transcript scored."""
    data = tmp_path_factory.mktemp("narrow") / "data"
    store = Store.open(data)
    import_and_analyse(store, "tester", [demo_disc.root], full_text=False, analyse=analyse_born_digital)
    first = next(c for c in CaseRepository(store.db).list() if c.has_text)
    repo = ScoreRepository(store.db, "tester")
    sheet = repo.sheet(first.id, catalog.get("transcripts-2024", None))
    sheet = repo.change(sheet, "scores/inspection_record/production", 5.25)
    repo.change(sheet, "scores/inspection_record/violation", 14)
    store.close()
    return data


def _desk(qtbot, data: Path, size: tuple[int, int], rubric: str) -> tuple[MainWindow, Store]:
    store = Store.open(data)
    settings = QSettings(str(data / f"desk-{rubric}.ini"), QSettings.Format.IniFormat)
    settings.setValue("desk/rubric", rubric)
    window = MainWindow(store, settings, expert="专家甲", dialogs=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.splitter.setSizes(splitter_sizes(size[0]))
    window.show()
    first = next(c for c in window.case_queue.shown_cases() if c.has_text)
    window.select_case(first.id)
    qtbot.waitUntil(
        lambda: window.form.sheet is not None and window.form.sheet.case_id == first.id, timeout=8000
    )
    qtbot.wait(150)  # wrapped labels and the section bar laid out at their width
    return window, store


def _check_the_layout(window: MainWindow, size: tuple[int, int], language: str) -> None:
    assert window.width() == size[0], "nothing in a pane may widen the window"
    assert window.viewer_pane.width() >= PAGE_SHARE * size[0] - 20
    # the queue: status over 推/抽, then unit over type, both inside the view without scrolling
    table = window.case_queue.table
    right = table.columnViewportPosition(UNIT_COLUMN) + table.columnWidth(UNIT_COLUMN)
    assert right <= table.viewport().width() and table.columnWidth(UNIT_COLUMN) >= 48
    units = {window.model.data(window.model.index(r, UNIT_COLUMN)).split("\n")[0] for r in range(3)}
    assert all(units), units
    if language == "zh_CN":  # the demo's units and types are short enough to be whole at 1366
        assert table.columnWidth(UNIT_COLUMN) >= table.sizeHintForColumn(UNIT_COLUMN)
    # the form: no sideways scrolling, the section bar inside the pane
    form = window.form
    assert form.scroll.horizontalScrollBar().maximum() == 0
    assert form.section_bar.width() <= form.width()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_transcripts_sheet(qtbot, qapp, demo_data: Path, language: str, size: tuple[int, int]) -> None:
    switch_language(qapp, language)
    try:
        window, store = _desk(qtbot, demo_data, size, "transcripts-2024")
        editor = window.form.item_editors["inspection_record"]
        window.form.scroll.ensureWidgetVisible(editor.spins["violation"])
        QApplication.processEvents()
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SHOTS / f"transcripts-{language}-{size[0]}x{size[1]}.png"))
        _check_the_layout(window, size, language)
        line = editor.labels["production"].fontMetrics().lineSpacing()
        for criterion_id, label in editor.labels.items():
            assert label.height() <= 3 * line + 4, (criterion_id, label.height(), line)
            assert label.width() >= 0.8 * editor.widget.width(), "a criterion's wording has the form's width"
        window.close()
        store.close()
    finally:
        remove_translators(qapp)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_2024_case_sheet(qtbot, qapp, demo_data: Path, language: str, size: tuple[int, int]) -> None:
    switch_language(qapp, language)
    try:
        window, store = _desk(qtbot, demo_data, size, "case-review-2024")
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SHOTS / f"case-sheet-{language}-{size[0]}x{size[1]}.png"))
        _check_the_layout(window, size, language)
        bar = window.form.section_bar
        assert len(bar.buttons) >= 4
        assert all(b.geometry().right() <= bar.width() for b in bar.buttons), "the section bar wraps"
        window.close()
        store.close()
    finally:
        remove_translators(qapp)
