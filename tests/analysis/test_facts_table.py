"""A transcript laid out as a drawn table: a real PDF, its text read the way the analyzer reads it."""

from __future__ import annotations

import pymupdf

from app.analysis.pages import PageReader
from app.analysis.transcript_facts import extract

FONT = "china-s"
SIZE = 10.5


def _cell(page: pymupdf.Page, rect: pymupdf.Rect, text: str, middle: bool = True) -> None:
    page.draw_rect(rect, width=0.6)
    lines = text.split("\n")
    height = len(lines) * SIZE * 1.3
    top = rect.y0 + (rect.height - height) / 2 if middle else rect.y0 + 3
    for index, line in enumerate(lines):
        page.insert_text((rect.x0 + 4, top + SIZE + index * SIZE * 1.3), line, fontname=FONT, fontsize=SIZE)


def _table_pdf(rows: list[list[tuple[str, float]]], values_first: bool = False) -> pymupdf.Document:
    """Rows of (text, width) cells; each row as tall as its tallest cell. With ``values_first``
    the content stream holds every value cell before every label cell, as some form software
    writes it."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((230, 70), "现场检查（勘察）笔录", fontname=FONT, fontsize=16)
    y = 100.0
    placed = []
    for row in rows:
        tallest = max(text.count("\n") + 1 for text, _ in row)
        height = tallest * SIZE * 1.3 + 10
        x = 50.0
        for column, (text, width) in enumerate(row):
            placed.append((column % 2 == 0, pymupdf.Rect(x, y, x + width, y + height), text))
            x += width
        y += height
    order = sorted(placed, key=lambda p: p[0]) if values_first else placed
    for _is_label, rect, text in order:
        _cell(page, rect, text)
    return doc


ROWS = [
    [("时间", 80), ("2017年5月4日9时30分至10时40分", 415)],
    [("地点", 80), ("格尔木市柯鲁柯路238号", 170), ("被检查单位", 80), ("格尔木某某化工\n有限公司", 165)],
    [("检查人", 80), ("曹海春", 170), ("执法证号", 80), ("6328085802", 165)],
    [("检查人", 80), ("才让东智", 170), ("执法证号", 80), ("6328075255", 165)],
    [("记录人", 80), ("马林", 170), ("工作单位", 80), ("海西州环境保护局", 165)],
    [("告知事项", 80), ("我们是海西州环境保护局的执法人员，这是我们的执法证件，\n请过目确认。", 415)],
]


def _facts(doc: pymupdf.Document):
    reader = PageReader(doc, ocr=None)  # a text layer: no OCR needed
    return extract("inspection_record", [reader.text_layer(0)])


def test_table_cells_pair_labels_and_values() -> None:
    facts = _facts(_table_pdf(ROWS))
    assert facts.officers == [
        {"name": "曹海春", "badge": "6328085802"},
        {"name": "才让东智", "badge": "6328075255"},
    ]
    assert facts.place == "格尔木市柯鲁柯路238号"
    assert facts.subject == "格尔木某某化工有限公司"
    assert facts.recorder == "马林"
    assert (facts.start, facts.end) == ("2017-05-04T09:30", "2017-05-04T10:40")
    assert facts.flags == []


def test_table_written_values_first_reads_the_same() -> None:
    facts = _facts(_table_pdf(ROWS, values_first=True))
    assert [o["name"] for o in facts.officers] == ["曹海春", "才让东智"]
    assert facts.subject == "格尔木某某化工有限公司" and facts.place == "格尔木市柯鲁柯路238号"


def test_table_with_one_officer_row_and_labels_above_values() -> None:
    rows = [
        [("检查时间", 247), ("检查地点", 248)],
        [("2017年5月4日9时30分至10时", 247), ("格尔木市柯鲁柯路238号", 248)],
        [("检查人员及执法证号", 247), ("记录人", 248)],
        [("曹海春（6328085802）", 247), ("马林", 248)],
    ]
    facts = _facts(_table_pdf(rows))
    assert facts.officers == [{"name": "曹海春", "badge": "6328085802"}]
    assert facts.place == "格尔木市柯鲁柯路238号" and facts.recorder == "马林"
    assert set(facts.flags) == {"single_officer", "time_not_to_minute"}
