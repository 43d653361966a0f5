"""A transcript's text as one folded string that remembers where the white space was.

Labels must match however a form spaced them (``时　　间：``, OCR's ``检 查 人``), so white space is
removed; but a gap is also what separates two names (``曹海春　才让东智``) or a table's cells. Each
removed run of white space is kept as a gap before the next character: *strong* for a line or cell
break, a full-width space or two spaces and more; *weak* for one space, which OCR also puts inside
names and numbers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
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

    def add_line(self, line: str, joined: bool = False) -> None:
        """Append a line; a line break is a strong gap unless the line continues the previous one."""
        folded = unicodedata.normalize("NFKC", line.translate(_EXTRA_FOLD))
        pending = 0 if joined and self.text else STRONG
        spaces = 0
        parts: list[str] = []
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


def _skew(lines: list[Line], height: float) -> float:
    """How far a scanned page's rows fall (or rise) per page width.

    The median slope between lines that sit side by side (a table's label and value cells).
    """
    centres = [((ln.box[0] + ln.box[2]) / 2, (ln.box[1] + ln.box[3]) / 2) for ln in lines]
    slopes = []
    for i, (xa, ya) in enumerate(centres):
        for xb, yb in centres[i + 1 :]:
            if abs(xb - xa) > 0.05 and abs(yb - ya) < height * 0.6:
                slopes.append((yb - ya) / (xb - xa))
    if len(slopes) < 3:
        return 0.0
    slopes.sort()
    return max(-0.1, min(0.1, slopes[len(slopes) // 2]))


def _rows(lines: list[Line]) -> list[list[list[Line]]]:
    """Rows top to bottom, each a list of columns left to right, each column's lines in order.

    Rows are found on boxes levelled by the page's skew, so a skewed scan's label and value
    cells fall into the same row and not into the neighbouring one.
    """
    heights = sorted(max(ln.box[3] - ln.box[1], 1e-4) for ln in lines)
    median = heights[len(heights) // 2]
    least = median * 0.25
    skew = _skew(lines, median) if len(lines) <= 400 else 0.0

    def level(line: Line) -> tuple[float, float]:
        shift = skew * ((line.box[0] + line.box[2]) / 2 - 0.5)
        return line.box[1] - shift, line.box[3] - shift

    rows: list[list[Line]] = []
    bottom = -1.0
    for line in sorted(lines, key=lambda ln: (level(ln)[0], ln.box[0])):
        top, low = level(line)
        if rows and min(bottom, low) - top >= min(least, (low - top) * 0.25):
            rows[-1].append(line)
            bottom = max(bottom, low)
        else:
            rows.append([line])
            bottom = low
    return [_columns(row) for row in rows]


def _columns(row: list[Line]) -> list[list[Line]]:
    columns: list[list[Line]] = []
    for line in sorted(row, key=lambda ln: ln.box[0]):
        for column in columns:
            if any(line.box[0] < other.box[2] and other.box[0] < line.box[2] for other in column):
                column.append(line)
                break
        else:
            columns.append([line])
    return [sorted(column, key=lambda ln: ln.box[1]) for column in columns]


def _under(labels: list[list[Line]], values: list[list[Line]]) -> list[list[Line]] | None:
    """The value cells of a row below a row of label cells, one per label, or None."""
    found: list[list[Line]] = [[] for _ in labels]
    for column in values:
        x0, x1 = min(ln.box[0] for ln in column), max(ln.box[2] for ln in column)
        owners = [
            i for i, label in enumerate(labels) if any(x0 < ln.box[2] and ln.box[0] < x1 for ln in label)
        ]
        if len(owners) != 1:
            return None
        found[owners[0]].extend(column)
    return found


def reading_order(lines: list[Line], is_label: Callable[[str], bool] | None = None) -> list[Line]:
    """Lines in reading order: rows top to bottom, and in a row its columns left to right.

    A row is a run of lines that overlap vertically, so a table's label cell centred beside a
    value of two lines belongs to the row of both; in the row each column (lines that overlap
    horizontally: one cell) reads top to bottom before the next column begins. A row of label
    cells above a row of values (``检查时间 | 检查地点`` over ``… | …``) reads label, value, label,
    value.
    """
    if not lines:
        return []
    rows = _rows(lines)
    label_cell = is_label or (lambda _text: False)
    ordered: list[Line] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        below = rows[index + 1] if index + 1 < len(rows) else None
        all_labels = len(row) >= 2 and all(label_cell("".join(ln.text for ln in col)) for col in row)
        values = _under(row, below) if all_labels and below else None
        if values is not None:
            for label, value in zip(row, values, strict=True):
                ordered.extend(label)
                ordered.extend(value)
            index += 2
            continue
        ordered.extend(line for column in row for line in column)
        index += 1
    return ordered


def build(
    pages: list[PageText],
    is_label: Callable[[str], bool] | None = None,
    opens_with_label: Callable[[str], bool] | None = None,
) -> Stream:
    """The stream of a transcript's pages, in reading order.

    A line that opens with a label never continues the line before it.
    """
    stream = Stream()
    for page in pages:
        lines = reading_order(_upright(page.lines), is_label)
        left = min((ln.box[0] for ln in lines), default=0.0)
        right = max((ln.box[2] for ln in lines), default=1.0)
        previous: Line | None = None
        for line in lines:
            joined = previous is not None and _wraps(previous, line, (right - left) * 0.45)
            joined = joined and not (opens_with_label and opens_with_label(line.text))
            stream.add_line(line.text, joined=joined)
            previous = line
    return stream


def _upright(lines: list[Line]) -> list[Line]:
    """The lines of a page whose boxes came out upside down, turned back.

    A sheet taken for upside down and turned reads line by line but in reverse order: its title
    (``……笔录``) is at the bottom. Its boxes are turned back so the header reads first.
    """
    titles = [ln for ln in lines if len(ln.text.replace(" ", "")) <= 16 and ln.text.rstrip().endswith("笔录")]
    if not titles or min((ln.box[1] + ln.box[3]) / 2 for ln in titles) < 0.7:
        return lines
    return [
        Line((1 - ln.box[2], 1 - ln.box[3], 1 - ln.box[0], 1 - ln.box[1]), ln.text, ln.score) for ln in lines
    ]


def _wraps(previous: Line, line: Line, long: float) -> bool:
    """Whether ``line`` goes on with the sentence of a long ``previous`` line.

    The next line of a paragraph starts below, at or left of where the previous one started;
    a name or a number split there is whole again. Short lines (a table's cells) and lines that
    end a sentence never wrap.
    """
    below = line.box[1] >= previous.box[3] - (previous.box[3] - previous.box[1]) * 0.3
    wide = previous.box[2] - previous.box[0] >= long
    ended = previous.text.rstrip().endswith(("。", ":", "：", ";", "；", "！", "？", "?"))
    return below and wide and not ended and line.box[0] <= previous.box[0] + 0.01


def from_text(text: str) -> Stream:
    """A stream of plain text, one line per line (for tests and text without boxes)."""
    stream = Stream()
    for line in text.split("\n"):
        stream.add_line(line)
    return stream
