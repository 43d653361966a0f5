"""The score form: criteria set anywhere show as scored, totals say when they are provisional,
hints sit beside the elements they concern, and screenshots of a criterion-scored item."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QLabel

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
    first = CaseRepository(store.db).list()[0]
    analyse_listed(Analyzer(store), [first.id], titles_only=True)
    # as `reviewdesk score set 1 inspection_record.production=5.25 inspection_record.violation=14` would
    repo = ScoreRepository(store.db, "cli")
    sheet = repo.sheet(first.id, catalog.get("transcripts-2024", None))
    sheet = repo.change(sheet, "scores/inspection_record/production", 5.25)
    repo.change(sheet, "scores/inspection_record/violation", 14)
    store.close()
    return data


def open_window(qtbot, data: Path) -> tuple[MainWindow, Store]:
    store = Store.open(data)
    settings = QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings, expert="专家甲")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.form.sheet is not None, timeout=5000)
    return window, store


def test_criteria_scored_elsewhere_show_as_scored_and_the_total_as_provisional(
    qtbot, desk_data: Path
) -> None:
    window, store = open_window(qtbot, desk_data)
    form = window.form
    assert form.editors["scores/inspection_record/production"].value() == 5.25
    assert form.editors["scores/inspection_record/violation"].value() == 14
    assert form.editors["scores/inspection_record/permits"].text() == "未评"
    summary = form.item_summaries["inspection_record"].text()
    assert "19.25 / 35.00" in summary and "2/5" in summary
    # no item scored in full: the total says so, and is not drawn like a final one
    # (30 + 70 × 19.25 / 35 over the item touched so far)
    assert form.total.text() == "已评 0/2 项 · 暂计 68.50"
    assert "italic" in form.total.styleSheet()
    # the 笔录基本要素 section is one Alt+N away, with analysis's hints beside its elements
    titles = [s.title for s in form.sections]
    assert (
        "笔录基本要素" in titles
        and "笔录基本要素" in form.section_bar.buttons[titles.index("笔录基本要素")].text()
    )
    section = form.sections[titles.index("笔录基本要素")]
    hints = [label.text() for label in section.findChildren(QLabel) if label.text()[:1] in "✓⚑"]
    assert hints, "no hint beside any element"
    window.close()
    store.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_screenshots_of_a_criterion_scored_item(qtbot, qapp, desk_data: Path, size, language: str) -> None:
    installed = install_translators(qapp, language)
    try:
        window, store = open_window(qtbot, desk_data)
        window.resize(*size)
        qtbot.wait(200)
        spin = window.form.editors["scores/inspection_record/violation"]
        window.form.scroll.ensureWidgetVisible(spin)
        qtbot.wait(50)
        assert spin.isVisible() and window.form.total.isVisible()
        OUTPUT.mkdir(exist_ok=True)
        image = window.grab().toImage()
        target = OUTPUT / f"form-criteria-{language}-{size[0]}x{size[1]}.png"
        assert image.save(str(target))
        # and the 笔录基本要素, opened from the bar, with analysis's hints beside the elements
        window.form.open_section([s.title for s in window.form.sections].index("笔录基本要素"))
        qtbot.wait(100)
        elements = OUTPUT / f"form-elements-{language}-{size[0]}x{size[1]}.png"
        # the splitter left the form at its least width: nothing in it is cut off at the right
        assert window.form.scroll.horizontalScrollBar().maximum() == 0
        assert window.grab().toImage().save(str(elements))
        window.close()
        store.close()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale("zh_CN"))  # install_translators set it; the tests after this are Chinese


def test_a_criterion_marked_not_applicable_leaves_the_standard(qtbot, desk_data: Path) -> None:
    from PySide6.QtCore import Qt

    window, store = open_window(qtbot, desk_data)
    form = window.form
    spin = form.editors["scores/inspection_record/sampling_other"]
    na = form.editors["scores/inspection_record/not_applicable/sampling_other"]
    na.setFocus()
    qtbot.keyClick(na, Qt.Key.Key_Space)
    assert na.isChecked() and not spin.isEnabled()
    sheet = ScoreRepository(store.db, "x").sheet(form.sheet.case_id, form.sheet.rubric)
    assert sheet.get("scores/inspection_record/not_applicable/sampling_other") is True
    assert "2/4" in form.item_summaries["inspection_record"].text()
    form.undo()
    assert not na.isChecked() and spin.isEnabled()
    window.close()
    store.close()
