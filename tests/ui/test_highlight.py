"""A passage marked on the page with the mouse becomes an item's evidence, and the score sheet quotes it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from app.analysis.find import Box, rotate_for_view
from app.models.cases import CaseRepository
from app.models.store import Store
from app.reports.score_sheet import render_score_sheet
from app.ui.main_window import MainWindow
from app.ui.page_view import PageView, quote_of

OUTPUT = Path(__file__).parents[2] / "test-output"
PHRASE = "询问人：韩明 执法证号 5"
OCR_LINE = "现场检查笔录 检查人：王强"
OCR_OTHER = "被检查单位负责人签字"
ITEM = "inquiry_record"


def _case_file(path: Path) -> Path:
    """Page 1 has a text layer; page 2 is a 'scan': only a drawing, its words stored as OCR lines."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "德令哈市生态环境局", fontname="china-s", fontsize=14)
    page.insert_text((72, 110), "调查询问笔录", fontname="china-s", fontsize=12)
    page.insert_text((72, 400), PHRASE, fontname="china-s", fontsize=12)
    page.insert_text((72, 430), "记录人：方淑", fontname="china-s", fontsize=12)
    scan = doc.new_page()
    w, h = scan.rect.width, scan.rect.height
    for text, top in ((OCR_LINE, 0.3), (OCR_OTHER, 0.6)):  # pictures of the words, as a scanner makes them
        picture = pymupdf.open()
        words = picture.new_page(width=0.7 * w, height=0.04 * h)
        words.insert_text((2, 0.03 * h), text, fontname="china-s", fontsize=16)
        scan.insert_image(
            pymupdf.Rect(0.1 * w, top * h, 0.8 * w, (top + 0.04) * h),
            pixmap=words.get_pixmap(dpi=150),
        )
    assert not scan.get_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path):
    data = tmp_path / "data"
    pdf = _case_file(tmp_path / "disc" / "德令哈市生态环境局" / "集体" / "推选案卷" / "德环罚〔2024〕1号.pdf")
    store = Store.open(data)
    from app.intake.importer import Importer

    Importer(store, "tester").run([tmp_path / "disc"])
    lines = [[0.1, 0.3, 0.8, 0.34, OCR_LINE, 0.95], [0.1, 0.6, 0.8, 0.64, OCR_OTHER, 0.95]]
    (case,) = CaseRepository(store.db).list()
    sha256 = case.sha256
    store.db.execute(
        """INSERT INTO page_texts (sha256, page, source, scope, rotation, confidence, text, lines_json)
           VALUES (?, 2, 'ocr', 'full', 0, 0.95, ?, ?)""",
        [sha256, f"{OCR_LINE}\n{OCR_OTHER}", json.dumps(lines)],
    )
    desk = MainWindow(store, QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat), dialogs=False)
    qtbot.addWidget(desk)
    desk.resize(1366, 768)
    desk.show()
    qtbot.waitUntil(lambda: desk.viewer.page_count == 2 and desk.form.sheet is not None, timeout=5000)
    desk.pdf = pdf
    yield desk
    desk.close()
    store.close()


def _phrase_box(pdf: Path) -> Box:
    """Where the phrase is on page 1, fractions of the page, a little larger than its letters."""
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        rects = page.search_for(PHRASE)
        whole = rects[0]
        for rect in rects[1:]:
            whole |= rect
        w, h = page.rect.width, page.rect.height
    return ((whole.x0 - 2) / w, (whole.y0 - 2) / h, (whole.x1 + 2) / w, (whole.y1 + 2) / h)


def _drag(qtbot, window: MainWindow, page: int, box: Box) -> None:
    """Press, move and release the left button over ``box`` (fractions of the page as shown)."""
    view = window.viewer
    view.go_to_page(page)
    label = view._labels[page - 1]
    qtbot.waitUntil(lambda: view.page_in_view(page), timeout=2000)
    start = QPoint(int(box[0] * label.width()), int(box[1] * label.height()))
    end = QPoint(int(box[2] * label.width()) + 1, int(box[3] * label.height()) + 1)
    QTest.mousePress(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(label, (start + end) / 2)
    QTest.mouseMove(label, end)
    QTest.mouseRelease(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_a_drag_over_a_phrase_cites_that_phrase_and_the_sheet_prints_it(qtbot, window: MainWindow) -> None:
    _drag(qtbot, window, 1, _phrase_box(window.pdf))
    marked = window.viewer.selection
    assert marked is not None and marked.page == 1 and marked.text == PHRASE
    assert window.viewer._labels[0].selection is not None  # drawn over the page
    window.form._cite(ITEM)
    assert window.form.sheet.get(f"evidence/{ITEM}") == {"page": 1, "text": PHRASE}
    link = window.form.editors[f"evidence/{ITEM}"]
    assert PHRASE in link.link.text()
    _screenshot(window, "highlight-text-1366x768.png")

    sheet = window.form.sheet
    entry = {
        "rubric": sheet.rubric.id,
        "inputs": sheet.engine_inputs(),
        "result": sheet.result().as_json(),
        "status": "in_progress",
        "source_path": "disc/1.pdf",
        "sha256": "ab" * 32,
        "pages": 2,
        "unit": "德令哈市生态环境局",
        "case_number": "德环罚〔2024〕1号",
        "case_type": "general_penalty",
    }
    header = {
        "expert": {"name": "李明", "unit": "省厅", "number": "7", "fingerprint": "cd" * 32},
        "created_at": datetime.now().astimezone().isoformat(),
        "package_id": "0123456789abcdef",
        "sequence": 1,
        "rubrics": [{"id": sheet.rubric.id, "title": sheet.rubric.title}],
    }
    pdf = render_score_sheet(header, [entry], {sheet.rubric.id: sheet.rubric}).pdf
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        text = "".join("".join(page.get_text().split()) for page in doc)
    assert "".join(f"见第1页：“{PHRASE}”".split()) in text


def test_the_mark_follows_a_turned_page_and_esc_clears_it(qtbot, window: MainWindow) -> None:
    window.viewer.rotate(90)
    qtbot.waitUntil(
        lambda: window.viewer._labels[0].width() > window.viewer._labels[0].height(), timeout=2000
    )
    _drag(qtbot, window, 1, rotate_for_view(_phrase_box(window.pdf), 90))
    marked = window.viewer.selection
    assert marked is not None and marked.text == PHRASE
    assert window.viewer.hasFocus()
    qtbot.keyClick(window.viewer, Qt.Key.Key_Escape)
    assert window.viewer.selection is None and window.viewer._labels[0].selection is None
    window.form._cite(ITEM)  # no mark: the page in view, without text
    assert window.form.sheet.get(f"evidence/{ITEM}") == {"page": 1}


def test_a_drag_on_a_scanned_page_reads_the_ocr_line_it_touches(qtbot, window: MainWindow) -> None:
    _drag(qtbot, window, 2, (0.3, 0.29, 0.5, 0.35))  # part of the line: the whole line is quoted
    marked = window.viewer.selection
    assert marked is not None and marked.page == 2 and marked.text == OCR_LINE
    notes = window.form.editors[f"notes/{ITEM}"]
    notes.setFocus()
    qtbot.waitUntil(lambda: window.form.last_item == ITEM, timeout=1000)
    _drag(qtbot, window, 2, (0.05, 0.29, 0.9, 0.65))  # the drag takes focus; the item is remembered
    assert window.viewer.selection.text == f"{OCR_LINE} {OCR_OTHER}"
    qtbot.keyClick(
        window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.form.sheet.get(f"evidence/{ITEM}") == {"page": 2, "text": f"{OCR_LINE} {OCR_OTHER}"}
    _screenshot(window, "highlight-scan-1366x768.png")


def test_a_page_the_pdf_itself_turns_is_read_where_it_shows(qtbot, tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 400), PHRASE, fontname="china-s", fontsize=12)
    page.set_rotation(90)  # /Rotate 90: shown landscape, the text running down
    rects = page.search_for(PHRASE)
    whole = rects[0]
    for rect in rects[1:]:
        whole |= rect
    shown = (whole * page.rotation_matrix) + (-2, -2, 2, 2)
    w, h = page.rect.width, page.rect.height
    doc.save(tmp_path / "turned.pdf")
    view = PageView()
    qtbot.addWidget(view)
    view.open(tmp_path / "turned.pdf")
    marked = view.select(1, (shown.x0 / w, shown.y0 / h, shown.x1 / w, shown.y1 / h))
    assert marked is not None and marked.text == PHRASE
    view.close_document()


def test_a_long_passage_is_cut_and_its_whitespace_collapsed() -> None:
    assert quote_of("  询问人：\n韩明\t执法证号  ") == "询问人： 韩明 执法证号"
    long = quote_of("字" * 300)
    assert len(long) == 200 and long.endswith("…")


def _screenshot(window: MainWindow, name: str) -> None:
    """The marked passage and, scrolled into sight in the form, the item's evidence quoting it."""
    OUTPUT.mkdir(exist_ok=True)
    window.resize(1366, 768)
    window.form.scroll.ensureWidgetVisible(window.form.editors[f"evidence/{ITEM}"], 50, 120)
    QTest.qWait(100)  # the evidence row grows to its wrapped quote
    assert window.grab().save(str(OUTPUT / name))
