"""The viewer: zoom and fit, turning pages, thumbnails, find with highlights, a cache bounded in bytes."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QSettings, Qt

from app.analysis.analyzer import Analyzer
from app.models.store import Store
from app.ui import page_view
from app.ui.main_window import MainWindow
from app.workflow import analyse_listed


def _case_file(path: Path, pages: int = 30) -> Path:
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page()
        page.insert_text((72, 72), "德令哈市生态环境局", fontname="china-s", fontsize=14)
        page.insert_text(
            (72, 110), "行政处罚案卷" if number == 1 else "调查询问笔录", fontname="china-s", fontsize=12
        )
        page.insert_text(
            (72, 140), "时间：2024年5月9日9时10分至10时25分 地点：污水处理站", fontname="china-s", fontsize=11
        )
        if number in (5, 17):
            page.insert_text((72, 400), f"询问人：韩明 执法证号 {number}", fontname="china-s", fontsize=12)
        page.insert_text((400, 800), f"第{number}页", fontname="china-s")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path):
    data = tmp_path / "data"
    _case_file(tmp_path / "disc" / "德令哈市生态环境局" / "集体" / "推选案卷" / "德环罚〔2024〕1号.pdf")
    store = Store.open(data)
    from app.intake.importer import Importer

    Importer(store, "tester").run([tmp_path / "disc"])
    analyse_listed(Analyzer(store), None)
    desk = MainWindow(store, QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat), dialogs=False)
    qtbot.addWidget(desk)
    desk.resize(1366, 768)
    desk.show()
    qtbot.waitUntil(lambda: desk.viewer.page_count == 30 and desk.form.sheet is not None, timeout=5000)
    yield desk
    desk.close()
    store.close()


def test_zoom_fit_and_turn(qtbot, window: MainWindow) -> None:
    view = window.viewer
    label = view._labels[0]
    fit_width = label.width()
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_mode == "page" and label.height() <= view.viewport().height()
    assert window.viewer_pane.zoom_label.text() in ("适合页面", "Fit page")
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_mode == "factor" and label.width() > view.viewport().height() * 0.7
    before = label.size()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert view.rotation == 90 and (label.width(), label.height()) == (before.height(), before.width())
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_mode == "width" and label.width() == fit_width and label.height() < label.width()
    for _ in range(3):
        view.rotate(90)
    assert view.rotation == 0
    qtbot.waitUntil(lambda: label.width() == fit_width, timeout=2000)


def test_find_highlights_matches_and_steps_through_them(qtbot, window: MainWindow) -> None:
    pane = window.viewer_pane
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    pane.find_box.setText("韩明")
    qtbot.keyClick(pane.find_box, Qt.Key.Key_Return)
    assert pane.find_status.text() == "1 / 2"
    assert window.viewer.current_page() == 5
    label = window.viewer._labels[4]
    ((box, current),) = label.highlights
    assert current and 0.4 < box[1] < 0.6  # the line is halfway down the page
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert pane.find_status.text() == "2 / 2" and window.viewer.current_page() == 17
    assert label.highlights[0][1] is False
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.viewer.current_page() == 5
    pane.find_box.setText("没有这句话")
    pane.search()
    assert pane.find_status.text() in ("未找到", "Not found") and not label.highlights


def test_thumbnails_draw_what_is_visible_and_go_to_a_page(qtbot, window: MainWindow) -> None:
    strip = window.viewer_pane.thumbnails
    assert not strip.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert strip.isVisible() and strip.count() == 30
    qtbot.waitUntil(lambda: len(strip._drawn) > 0, timeout=2000)
    assert 0 in strip._drawn and 29 not in strip._drawn  # drawn lazily
    strip.itemClicked.emit(strip.item(11))
    assert window.viewer.current_page() == 12


def test_render_cache_stays_within_its_byte_budget(qtbot, window: MainWindow, monkeypatch) -> None:
    view = window.viewer
    one_page = view._labels[0].width() * view._labels[0].height() * 4
    monkeypatch.setattr(page_view, "CACHE_BYTES", one_page * 4)
    for number in range(1, 31):
        view.go_to_page(number)
        qtbot.wait(1)
        view._render_visible()
        assert view.cache_bytes <= one_page * 6  # the budget, plus what is in view
    assert sum(1 for label in view._labels if label.rendered) <= 6


def test_evidence_cites_the_page_in_view_and_a_click_goes_back(qtbot, window: MainWindow) -> None:
    from app.ui.evidence import EvidenceLink

    pane = window.viewer_pane
    pane.find_box.setText("韩明")
    pane.search()
    assert window.viewer.current_page() == 5
    link = window.form.editors["evidence/inquiry_record"]
    assert isinstance(link, EvidenceLink) and link.value is None
    window.form._cite("inquiry_record")
    assert window.form.sheet.get("evidence/inquiry_record") == {"page": 5, "text": "韩明"}
    assert "第 5 页" in link.link.text() or "page 5" in link.link.text()
    window.viewer.go_to_page(20)
    link.link.linkActivated.emit("page:5")
    assert window.viewer.current_page() == 5
    window.form.undo()
    assert window.form.sheet.get("evidence/inquiry_record") is None and link.value is None


def test_history_tab_lists_every_change_newest_first(qtbot, window: MainWindow) -> None:
    window.form._apply("scores/inspection_record", 30.0)
    window.form._apply("notes/inspection_record", "第5页未出示证件")
    window.tabs.setCurrentWidget(window.history)
    history = window.history
    assert history.rowCount() == 2
    assert history.item(0, history.WHAT).text().endswith("现场检查（勘察）笔录")
    assert history.item(0, history.NEW).text() == "第5页未出示证件"
    assert window.expert in history.item(0, history.TIME).toolTip()
    assert history.item(1, history.OLD).text() == "—" and history.item(1, history.NEW).text() == "30.00"
    window.form._apply("scores/inspection_record", 31.0)
    assert history.rowCount() == 3 and history.item(0, history.OLD).text() == "30.00"
    # old → new are seen without scrolling sideways, in a pane as narrow as the form's at 1366 px
    history.resize(330, 400)
    history.resizeColumnsToContents()
    qtbot.wait(10)
    header = history.horizontalHeader()
    right_edge = header.sectionViewportPosition(history.NEW) + header.sectionSize(history.NEW)
    assert right_edge <= history.viewport().width()


def test_crash_dialog_copies_its_details(qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    from app.ui.crash_dialog import CrashDialog

    dialog = CrashDialog("ReviewDesk 出错了", "已录入的内容都已保存。", "Traceback: ValueError: 42")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Traceback: ValueError: 42"
    assert dialog.isVisible()  # copying does not close it


def test_a_reopened_document_still_lands_on_the_asked_page(qtbot, window: MainWindow) -> None:
    """Going to a page right after opening, before the scroll range exists, must not stay on page 1."""
    view = window.viewer
    path = window._blob_path(window.current_case())
    for page in (12, 7, 12):
        view.open(path)
        view.go_to_page(page)
        qtbot.waitUntil(
            lambda p=page: view.current_page() == p and view._labels[p - 1].rendered, timeout=2000
        )


def test_check_dialog_lists_findings_of_the_chosen_scheme(qtbot, window: MainWindow) -> None:
    from app.ui.check_dialog import CheckDialog

    dialog = CheckDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("haixi-2017-collective"))
    dialog.run_check()
    # one nominated general case of 德令哈: the others the scheme asks for are missing
    assert dialog.table.rowCount() >= 3
    assert {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())} == {"缺少案卷"}
    assert dialog.table.item(0, 1).toolTip() == "missing_case_file"
    assert "1 个候选" in dialog.summary.text() or "1 candidate" in dialog.summary.text()


def test_queue_filter_by_words_and_status(qtbot, tmp_path: Path) -> None:
    from app.intake.importer import Importer
    from tests.ui.test_scoring import open_window

    data = tmp_path / "q"
    disc = tmp_path / "qdisc"
    for number, unit in ((1, "德令哈市生态环境局"), (2, "格尔木市生态环境局"), (3, "德令哈市生态环境局")):
        _case_file(disc / unit / "集体" / "推选案卷" / f"环罚〔2024〕{number}号.pdf", pages=2)
    store = Store.open(data)
    Importer(store, "tester").run([disc])
    store.close()
    window, opened = open_window(qtbot, data)
    queue = window.case_queue
    shown = queue.shown_cases
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert queue.filter.hasFocus()
    queue.filter.setText("格尔木")
    assert len(shown()) == 1 and "显示 1 份" in queue.title.text()
    queue.filter.setText("德令哈 3号")
    assert [case.value("case_number") for case in shown()] == ["环罚〔2024〕3号"]
    queue.filter.clear()
    queue.status.setCurrentIndex(queue.status.findData("complete"))
    assert shown() == []
    window.close()
    opened.close()
