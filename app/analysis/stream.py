"""A transcript's text as one folded string that remembers where the white space was.

Labels must match however a form spaced them (``时　　间：``, OCR's ``检 查 人``), so white space is
removed; but a gap is also what separates two names (``曹海春　才让东智``) or a table's cells. Each
removed run of white space is kept as a gap before the next character: *strong* for a line or cell
break, a full-width space or two spaces and more; *weak* for one space, which OCR also puts inside
names and numbers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from app.analysis.pages import Line, PageText

WEAK = 1
STRONG = 2
# Characters NFKC leaves alone that forms and OCR use for a colon.
_EXTRA_FOLD = str.maketrans({"∶": ":", "︰": ":", "\u3000": "  "})


@dataclass
class Stream:
    text: str = ""
    gaps: dict[int, int] = field(default_factory=dict)
    """position → the strength of the white space removed just before that character"""

    def gap(self, position: int) -> int:
        return self.gaps.get(position, STRONG if position <= 0 or position >= len(self.text) else 0)

    def add_line(self, line: str) -> None:
        folded = unicodedata.normalize("NFKC", line.translate(_EXTRA_FOLD))
        pending = STRONG
        spaces = 0
        parts = []
        for char in folded:
            if char.isspace():
                spaces += 1
                continue
            if spaces:
                pending = max(pending, STRONG if spaces >= 2 else WEAK)
                spaces = 0
            if pending:
                self.gaps[len(self.text) + len(parts)] = pending
                pending = 0
            parts.append(char)
        self.text += "".join(parts)


def reading_order(lines: list[Line]) -> list[Line]:
    """Lines top to bottom, and left to right within a row.

    A row gathers lines whose vertical centres lie within half a line height of the row's first
    line, so a table's label cell and its value cell read as label, value even when the two boxes
    are a little apart in height.
    """
    if not lines:
        return []
    ordered = sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2)
    heights = sorted(max(ln.box[3] - ln.box[1], 1e-4) for ln in lines)
    tolerance = heights[len(heights) // 2] * 0.5
    rows: list[list[Line]] = []
    anchor = None
    for line in ordered:
        centre = (line.box[1] + line.box[3]) / 2
        if anchor is None or centre - anchor > tolerance:
            rows.append([])
            anchor = centre
        rows[-1].append(line)
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.box[0])]


def build(pages: list[PageText]) -> Stream:
    """The stream of a transcript's pages, in reading order."""
    stream = Stream()
    for page in pages:
        for line in reading_order(page.lines):
            stream.add_line(line.text)
    return stream


def from_text(text: str) -> Stream:
    """A stream of plain text, one line per line (for tests and text without boxes)."""
    stream = Stream()
    for line in text.split("\n"):
        stream.add_line(line)
    return stream
