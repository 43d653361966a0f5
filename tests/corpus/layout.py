"""Pages as lists of drawing operations, laid out top to bottom, and two ways to turn them into a PDF.

A document is composed first (so its page count, footers and titles are known) and drawn later, by
PyMuPDF or by reportlab (STSong-Light), so the text layers differ the way real producers differ.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pymupdf

WIDTH, HEIGHT = 595.0, 842.0
BLACK = (0.0, 0.0, 0.0)
RED = (0.85, 0.05, 0.05)
INK = (0.08, 0.1, 0.35)

Op = tuple
"""("text", x, y, s, size, bold, color) | ("line", x0, y0, x1, y1, width, color) |
("rect", x0, y0, x1, y1, fill) | ("circle", cx, cy, r, width, color) | ("curve", points, width, color)"""


def text_width(s: str, size: float) -> float:
    return pymupdf.get_text_length(s, fontname="china-s", fontsize=size)


@dataclass
class Flow:
    """Writes lines down the page and starts a new page (calling ``continued``) when one is full."""

    left: float = 72.0
    right: float = 72.0
    top: float = 72.0
    bottom: float = 92.0
    continued: Callable[[Flow], None] | None = None
    pages: list[list[Op]] = field(default_factory=list)
    y: float = 0.0

    def __post_init__(self) -> None:
        self.new_page(first=True)

    @property
    def page(self) -> list[Op]:
        return self.pages[-1]

    @property
    def width(self) -> float:
        return WIDTH - self.left - self.right

    def new_page(self, first: bool = False) -> None:
        self.pages.append([])
        self.y = self.top
        if not first and self.continued is not None:
            self.continued(self)

    def room(self, height: float) -> None:
        if self.y + height > HEIGHT - self.bottom:
            self.new_page()

    def gap(self, height: float) -> None:
        self.y += height

    def line(
        self,
        s: str,
        size: float = 12,
        align: str = "left",
        bold: bool = False,
        color: tuple = BLACK,
        indent: float = 0.0,
        leading: float = 1.75,
    ) -> None:
        self.room(size * leading)
        self.y += size * leading
        width = text_width(s, size)
        if align == "center":
            x = (WIDTH - width) / 2
        elif align == "right":
            x = WIDTH - self.right - width
        else:
            x = self.left + indent
        self.page.append(("text", x, self.y, s, size, bold, color))

    def para(self, s: str, size: float = 12, indent_chars: int = 2, leading: float = 1.75) -> None:
        """A paragraph wrapped to the text width, first line indented."""
        first = True
        while s:
            indent = size * indent_chars if first else 0.0
            take = _fit(s, size, self.width - indent)
            self.line(s[:take], size, indent=indent, leading=leading)
            s = s[take:]
            first = False

    def rule(self, width: float = 0.6) -> None:
        self.page.append(("line", self.left, self.y + 6, WIDTH - self.right, self.y + 6, width, BLACK))
        self.y += 10

    def grid(self, rows: list[list[tuple[str, float]]], size: float = 11, height: float = 26) -> None:
        """A table with drawn borders: each row a list of (text, share of the width) cells."""
        for row in rows:
            lines = 1
            for text, share in row:
                lines = max(lines, len(_wrap(text, size, share * self.width - 8)))
            row_height = max(height, lines * size * 1.45 + 10)
            self.room(row_height)
            top = self.y
            x = self.left
            for text, share in row:
                w = share * self.width
                self.page.append(("line", x, top, x + w, top, 0.7, BLACK))
                self.page.append(("line", x, top + row_height, x + w, top + row_height, 0.7, BLACK))
                self.page.append(("line", x, top, x, top + row_height, 0.7, BLACK))
                self.page.append(("line", x + w, top, x + w, top + row_height, 0.7, BLACK))
                for i, part in enumerate(_wrap(text, size, w - 8)):
                    self.page.append(
                        ("text", x + 4, top + 5 + size * (1.0 + 1.45 * i), part, size, False, BLACK)
                    )
                x += w
            self.y = top + row_height


def _fit(s: str, size: float, width: float) -> int:
    take = max(1, min(len(s), int(width // size)))
    while take < len(s) and text_width(s[: take + 1], size) <= width:
        take += 1
    while take > 1 and text_width(s[:take], size) > width:
        take -= 1
    return take


def _wrap(s: str, size: float, width: float) -> list[str]:
    parts = []
    for chunk in s.split("\n"):
        while chunk:
            take = _fit(chunk, size, width)
            parts.append(chunk[:take])
            chunk = chunk[take:]
    return parts or [""]


FOOTERS: dict[str, Callable[[int, int], str] | None] = {
    "gong-di": lambda i, n: f"共{n}页  第{i}页",
    "di-slash-gong": lambda i, n: f"第 {i} 页/共 {n} 页",
    "di-gong": lambda i, n: f"第{i}页 共{n}页",
    "fraction": lambda i, n: f"{i}/{n}",
    "dash": lambda i, n: f"- {i} -",
    "none": None,
}


def add_footers(pages: list[list[Op]], style: str, size: float = 10.5) -> None:
    footer = FOOTERS[style]
    if footer is None:
        return
    for i, page in enumerate(pages, 1):
        s = footer(i, len(pages))
        page.append(("text", (WIDTH - text_width(s, size)) / 2, HEIGHT - 46, s, size, False, BLACK))


def render_pymupdf(pages: list[list[Op]], fontname: str, stamp_date: str) -> bytes:
    doc = pymupdf.open()
    for ops in pages:
        page = doc.new_page(width=WIDTH, height=HEIGHT)
        for op in ops:
            _draw_pymupdf(page, op, fontname)
    doc.set_metadata(
        {
            "producer": "WPS 文字",
            "creator": "",
            "creationDate": stamp_date,
            "modDate": stamp_date,
            "title": "",
        }
    )
    data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    doc.close()
    return data


def _draw_pymupdf(page: pymupdf.Page, op: Op, fontname: str) -> None:
    kind = op[0]
    if kind == "text":
        _, x, y, s, size, bold, color = op
        page.insert_text(
            (x, y),
            s,
            fontname=fontname,
            fontsize=size,
            color=color,
            render_mode=2 if bold else 0,
            border_width=0.04 if bold else 1,
        )
    elif kind == "line":
        _, x0, y0, x1, y1, width, color = op
        page.draw_line((x0, y0), (x1, y1), color=color, width=width)
    elif kind == "rect":
        _, x0, y0, x1, y1, fill = op
        page.draw_rect(pymupdf.Rect(x0, y0, x1, y1), color=None, fill=fill, width=0)
    elif kind == "circle":
        _, cx, cy, r, width, color = op
        page.draw_circle((cx, cy), r, color=color, width=width)
    elif kind == "curve":
        _, points, width, color = op
        page.draw_polyline(points, color=color, width=width)


def render_reportlab(pages: list[list[Op]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    c.setProducer("Microsoft Word 2010")
    for ops in pages:
        for op in ops:
            kind = op[0]
            if kind == "text":
                _, x, y, s, size, bold, color = op
                text = c.beginText(x, HEIGHT - y)
                text.setFont("STSong-Light", size)
                text.setFillColorRGB(*color)
                text.setStrokeColorRGB(*color)
                if bold:
                    c.setLineWidth(0.5)
                    text.setTextRenderMode(2)
                text.textOut(s)
                c.drawText(text)
            elif kind == "line":
                _, x0, y0, x1, y1, width, color = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(width)
                c.line(x0, HEIGHT - y0, x1, HEIGHT - y1)
            elif kind == "rect":
                _, x0, y0, x1, y1, fill = op
                c.setFillColorRGB(*fill)
                c.rect(x0, HEIGHT - y1, x1 - x0, y1 - y0, stroke=0, fill=1)
            elif kind == "circle":
                _, cx, cy, r, width, color = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(width)
                c.circle(cx, HEIGHT - cy, r, stroke=1, fill=0)
            elif kind == "curve":
                _, points, width, color = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(width)
                path = c.beginPath()
                path.moveTo(points[0][0], HEIGHT - points[0][1])
                for px, py in points[1:]:
                    path.lineTo(px, HEIGHT - py)
                c.drawPath(path, stroke=1, fill=0)
        c.showPage()
    c.save()
    return out.getvalue()
