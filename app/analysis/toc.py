"""Reading a 卷内目录 (table of contents) page: entries with their page numbers.

Rows read as “序号 文件名称 … 页码”: a title, then a page or range at the end of the row. Rows are
rebuilt from line boxes (a row's cells share a vertical position), as both the text layer and OCR
return cells as separate lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.analysis.pages import Line
from app.analysis.textnorm import fold
from app.analysis.titles import kind_of

PAGES = re.compile(r"(\d{1,3})(?:[-—–~至](\d{1,3}))?$")


@dataclass(frozen=True)
class TocEntry:
    title: str
    kind: str | None
    first: int
    last: int


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        middle = (line.box[1] + line.box[3]) / 2
        if rows and abs(middle - (rows[-1][0].box[1] + rows[-1][0].box[3]) / 2) < 0.008:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda ln: ln.box[0]) for row in rows]


def parse_toc(lines: list[Line]) -> list[TocEntry]:
    entries = []
    for row in _rows(lines):
        cells = [fold(cell.text) for cell in row]
        if len(cells) < 2:
            continue
        match = PAGES.search(cells[-1])
        if not match:
            continue
        title = next((c for c in cells[:-1] if not c.isdigit()), "")
        if not title:
            continue
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            continue
        entries.append(TocEntry(title, kind_of(title), first, last))
    return entries
