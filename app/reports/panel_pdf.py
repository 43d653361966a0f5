"""The station's PDF report: the same tables as the workbook, A4 landscape, CJK font embedded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable

from app.aggregate.panel import PanelReport
from app.aggregate.panel_tables import Table, panel_tables
from app.atomic import replacing
from app.models.store import now_iso
from app.reports.fonts import FONT, CjkMarkup
from app.reports.score_sheet import TABLE_STYLE, styles
from app.textwidth import display_width

PAGE = landscape(A4)
FRAME_WIDTH = PAGE[0] - 30 * mm


def write_panel_pdf(panel: PanelReport, out: Path) -> None:
    markup = CjkMarkup()
    st = styles()

    def p(text: object, style: str = "small") -> Paragraph:
        return Paragraph(markup("" if text is None else text), st[style])

    story: list[Any] = [
        p("环境执法案卷评审 · 专家评分汇总", "title"),
        p(f"生成于 {now_iso()[:16].replace('T', ' ')}", "subtitle"),
    ]
    for table in panel_tables(panel):
        story += [
            p(table.title, "heading"),
            *[p(n) for n in table.notes],
            _table(p, table),
            Spacer(1, 5 * mm),
        ]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawRightString(PAGE[0] - 15 * mm, 8 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    with replacing(out) as temp:
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=PAGE,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=12 * mm,
            bottomMargin=14 * mm,
            title="专家评分汇总",
            creator="ReviewDesk",
        )
        doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _table(p: Any, table: Table) -> PdfTable:
    rows = [[p(h) for h in table.header]] + [[p(v) for v in row] for row in table.rows]
    widths = _widths(table)
    pdf_table = PdfTable(rows, colWidths=widths, repeatRows=1)
    pdf_table.setStyle(TABLE_STYLE)
    return pdf_table


def _widths(table: Table) -> list[float]:
    """Share the page by each column's longest text (CJK counts double), bounded so none vanishes."""
    weights = []
    for index, head in enumerate(table.header):
        texts = [str(head)] + [str(row[index] if row[index] is not None else "") for row in table.rows]
        longest = max(max((display_width(line) for line in t.split("\n")), default=1) for t in texts)
        weights.append(min(max(longest, 7), 60))
    total = sum(weights)
    return [FRAME_WIDTH * w / total for w in weights]
