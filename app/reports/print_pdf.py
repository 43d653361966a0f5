"""The station's printed PDFs share one layout: numbered tables, page x of y, and the signature block.

Every report the station signs (the panel's summary, the findings sent back to a bureau) ends with
评审组长、复核人、日期 lines kept together on one page, and carries 第 N 页 共 M 页 in its footer (the
page count is known only after layout, so the canvas holds each page until the end). A heading and
its notes keep with the table below them, so no heading is left alone at the foot of a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable

from app.aggregate.panel_tables import Table
from app.atomic import replacing
from app.reports.fonts import FONT, CjkMarkup
from app.reports.score_sheet import TABLE_STYLE, styles
from app.rubric.rounding import format_points
from app.textwidth import display_width

PAGE = landscape(A4)
MARGIN = 15 * mm
SIGNATURES = ("评审组长", "复核人", "日期")
SERIAL = "序号"
CHAR_WIDTH = 3.9
"""points per half-width character at the tables' 7.5 pt"""
PADDING = 13.0
SHORT_COLUMN = 60.0
CELL_FONT_SIZE = 7.5
"""the ``small`` paragraph style's size, which every table cell uses"""
"""columns up to this many points wide are never squeezed"""


def cell_text(value: object) -> str:
    """What a person reads in a cell: points with two places, ratios with three, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_points(value)
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


class Printer:
    """Paragraph factory for one document: CJK markup with fallbacks, the shared styles."""

    def __init__(self) -> None:
        self.markup = CjkMarkup()
        self.styles = styles()

    def p(self, text: object, style: str = "small") -> Paragraph:
        return Paragraph(self.markup(cell_text(text)), self.styles[style])

    def section(self, table: Table, frame_width: float) -> list[Flowable]:
        """Heading, notes and the table, the heading and notes kept with the table's first rows."""
        notes = [self.p(n) for n in table.notes]
        for note in notes:
            note.keepWithNext = True
        return [self.p(table.title, "heading"), *notes, self.table(table, frame_width), Spacer(1, 5 * mm)]

    def table(self, table: Table, frame_width: float) -> PdfTable:
        header = [SERIAL, *table.header]
        rows = [[self.p(h) for h in header]]
        rows += [[self.p(n), *[self.p(v) for v in row]] for n, row in enumerate(table.rows, 1)]
        widths = column_widths(header, [[n, *row] for n, row in enumerate(table.rows, 1)], frame_width)
        # splitInRow: a row taller than a page (a long 计分说明) is split instead of pushed to a page
        # of its own, which left an empty page behind it.
        pdf_table = PdfTable(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        pdf_table.setStyle([*TABLE_STYLE, ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
        return pdf_table

    def signature_block(self, frame_width: float) -> Flowable:
        """评审组长 ____ 复核人 ____ 日期 ____ on one line, room to sign by hand, never split."""
        cells: list[Any] = []
        widths = []
        for label in SIGNATURES:
            cells += [f"{label}：", ""]  # plain strings: a label never wraps
            label_width = display_width(label + "：") * 5 + 18
            widths += [label_width, frame_width / len(SIGNATURES) - label_width]
        line = PdfTable([cells], colWidths=widths, rowHeights=[14 * mm])
        line.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                *[("LINEBELOW", (i, 0), (i, 0), 0.6, colors.black) for i in (1, 3, 5)],
                ("RIGHTPADDING", (1, 0), (-1, 0), 18),
            ]
        )
        return KeepTogether([Spacer(1, 8 * mm), line])


def _set_width(line: str) -> float:
    """The width of ``line`` as the table cells print it (the small style's font and size)."""
    return float(stringWidth(line, FONT, CELL_FONT_SIZE))


def column_widths(header: Sequence[str], rows: Sequence[Sequence[Any]], frame_width: float) -> list[float]:
    """Each column's natural width (its longest line; CJK counts double), squeezing only long ones.

    Short columns (numbers, 是/否) keep theirs so a score never wraps a digit a line; the long ones
    share what is left in proportion.
    """
    natural = []
    for index, head in enumerate(header):
        texts = [str(head)] + [cell_text(row[index]) for row in rows]
        # measured in the font the cells are set in: a "−" is a wide glyph there, though one character
        longest = max(max((_set_width(line) for line in t.split("\n")), default=0.0) for t in texts)
        head_word = min(display_width(str(head)), 8) * CHAR_WIDTH
        natural.append(max(longest, head_word, 4 * CHAR_WIDTH) + PADDING)
    if sum(natural) <= frame_width:
        return [w * frame_width / sum(natural) for w in natural]
    fixed = [w if w <= SHORT_COLUMN else 0.0 for w in natural]
    # a long text (计分说明) may take at most 40 % of the width, so the names beside it stay readable
    flexible = [min(w, frame_width * 0.4) if w > SHORT_COLUMN else 0.0 for w in natural]
    room = max(frame_width - sum(fixed), frame_width * 0.3)
    scale = room / sum(flexible) if sum(flexible) else 1.0
    widths = [f or w * scale for f, w in zip(fixed, flexible, strict=True)]
    return [w * frame_width / sum(widths) for w in widths]


def page_x_of_y(page_size: tuple[float, float], left: str) -> type[Canvas]:
    """A canvas that writes ``left`` and 第 N 页 共 M 页 at the foot of every page once M is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT, 8)
                self.setFillColor(colors.black)
                self.drawString(MARGIN, 8 * mm, left)
                self.drawRightString(page_size[0] - MARGIN, 8 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
                super().showPage()
            super().save()

    return NumberedCanvas


def build(
    out: Path,
    story: list[Flowable],
    title: str,
    footer_left: str = "",
    page_size: tuple[float, float] = PAGE,
    signatures: Callable[[float], Flowable] | None = None,
) -> None:
    """Lay out ``story`` (then the signature block, when given) and write the PDF atomically."""
    frame_width = page_size[0] - 2 * MARGIN
    if signatures is not None:
        story = [*story, signatures(frame_width)]
    with replacing(out) as temp:
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=page_size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=12 * mm,
            bottomMargin=16 * mm,
            title=title,
            creator="ReviewDesk",
        )
        doc.build(story, canvasmaker=page_x_of_y(page_size, footer_left))
