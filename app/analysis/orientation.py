"""Which way up a scanned page is, decided from the whole page and only on strong evidence.

Judging by the title band alone let a few lines decide, and with RapidOCR's line classifier
turning each line crop upright before recognition, an upright page read upside down still
"reads well" — its lines merely come out in reverse order. So the decision is made here, once,
from every text box on the page, cheapest signal first:

1. The text detector alone (no recognition) on a reduced copy of the page gives the boxes. If
   their long sides mostly run up and down the page, it is a quarter turn (90 or 270), else 0 or
   180.
2. The line-direction classifier votes on every horizontal line: upright or upside down.
3. Only when the vote says "turn" (or cannot tell the two quarter turns apart) are some lines
   recognised both ways; the right way reads as Chinese with higher confidence, and a margin is
   required before a page leaves 0.

The boxes come back with the decision, in the upright page's pixels, with the upright image, so
that the title and page-number bands can be read without detecting a second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.analysis.ocr import OcrEngine, crop
from app.analysis.reading_order import is_horizontal, is_vertical, long_axis, skew
from app.analysis.textnorm import cjk_count

DETECT_SIDE = 800
"""the page copy the detector sees is at most this long (pixels): a 150 dpi A4 page at ~0.45.
At 640, 12 pt lines set 14 pt apart ran together; at 800 they did not, and it costs no more
than detecting the two bands at full size did."""
VOTE_RATIO = 2.0
"""a turn needs twice the classifier's votes of the alternative"""
MIN_VOTING_LINES = 2
VOTERS = 16
"""the longest horizontal lines are the classifier's voters; more add time, not certainty"""
READ_BOTH_WAYS = 8
"""lines recognised both ways when the vote is to be checked (the longest ones)"""
WINDOW = 12
"""of each, a window this many line heights long from its middle: enough to tell, and cheap"""
READING_MARGIN = 0.08
"""how much better (confidence x Chinese share, 0..1) the turned reading must be"""
MIN_QUALITY = 0.3
"""below this neither way reads as Chinese (printed lines read 0.7-0.9, upside down ~0.2-0.3)"""


@dataclass
class Orientation:
    rotation: int
    """degrees (counter-clockwise) that turn the scan upright"""
    skew: float
    """radians, of the upright page's lines (positive: they fall to the right)"""
    width: int
    height: int
    """of the upright page, in pixels"""
    image: np.ndarray = field(default_factory=lambda: np.zeros((1, 1, 3), np.uint8))
    """the page turned upright"""
    quads: list[np.ndarray] = field(default_factory=list)
    """text boxes in the upright page's pixels"""
    why: str = ""


def turn_quad(quad: np.ndarray, quarter_turns: int, width: int, height: int) -> np.ndarray:
    """A box's corners in ``np.rot90(image, quarter_turns)`` for an image ``width`` x ``height``."""
    x, y = quad[:, 0], quad[:, 1]
    turns = quarter_turns % 4
    if turns == 1:
        return np.stack([y, width - x], axis=1)
    if turns == 2:
        return np.stack([width - x, height - y], axis=1)
    if turns == 3:
        return np.stack([height - y, x], axis=1)
    return quad.copy()


def reading_quality(readings: list[tuple[str, float]]) -> float:
    """How well lines read as Chinese: mean of confidence x the share of Chinese characters."""
    values = [score * cjk_count(text) / max(len(text), 1) for text, score in readings]
    return sum(values) / len(values) if values else 0.0


def orient(engine: OcrEngine, image: np.ndarray) -> Orientation:
    """Decide the page's rotation; the boxes come back upright."""
    quads = engine.detect(image, DETECT_SIDE)
    rows = sum(long_axis(q)[1] for q in quads if is_horizontal(q))
    columns = sum(long_axis(q)[1] for q in quads if is_vertical(q))
    quarter = sum(1 for q in quads if is_vertical(q)) >= MIN_VOTING_LINES and columns > VOTE_RATIO * rows
    base = 270 if quarter else 0
    turned = _turned(image, quads, base)
    rotation, why = _decide(engine, base, turned.image, turned.quads)
    if rotation != base:
        turned = _turned(image, quads, rotation)
    turned.why = why
    return turned


def _turned(image: np.ndarray, quads: list[np.ndarray], rotation: int) -> Orientation:
    """The page and its boxes turned by ``rotation`` degrees counter-clockwise."""
    height, width = image.shape[:2]
    turns = rotation // 90
    upright = np.ascontiguousarray(np.rot90(image, turns))
    moved = [turn_quad(q, turns, width, height) for q in quads]
    return Orientation(rotation, skew(moved), upright.shape[1], upright.shape[0], upright, moved)


def _decide(engine: OcrEngine, base: int, image: np.ndarray, quads: list[np.ndarray]) -> tuple[int, str]:
    """``base`` or ``base + 180``: the classifier's vote, checked by reading when it says turn."""
    horizontal = [q for q in quads if is_horizontal(q)]
    voters = sorted(horizontal, key=lambda q: -long_axis(q)[1])[:VOTERS]
    crops = [crop(image, q) for q in voters]
    keep = flip = 0.0
    flipped_lines = 0
    for upside_down, score in engine.classify(crops):
        if upside_down:
            flip += score
            flipped_lines += 1
        else:
            keep += score
    votes = f"votes {keep:.1f}:{flip:.1f} of {len(voters)} lines"
    turned = (base + 180) % 360
    kept_lines = len(voters) - flipped_lines
    if base == 0:
        if flipped_lines < MIN_VOTING_LINES or flip < VOTE_RATIO * keep:
            return base, votes
    elif flip >= VOTE_RATIO * keep and flipped_lines >= MIN_VOTING_LINES:
        return turned, votes
    elif keep >= VOTE_RATIO * flip and kept_lines >= MIN_VOTING_LINES:
        return base, votes
    sample = [_window(c) for c in crops[:READ_BOTH_WAYS]]
    as_is = reading_quality(engine.recognize(sample))
    other = reading_quality(engine.recognize([np.ascontiguousarray(np.rot90(c, 2)) for c in sample]))
    why = f"{votes}; read {as_is:.2f} as is, {other:.2f} turned"
    if base == 0:
        return (turned if other >= as_is + READING_MARGIN else base), why
    if max(as_is, other) < MIN_QUALITY:  # no Chinese either way up: not text turned on its side
        return 0, why
    return (turned if other > as_is else base), why


def _window(line: np.ndarray) -> np.ndarray:
    """The middle of a line crop, at most WINDOW heights long."""
    height, width = line.shape[:2]
    keep = min(width, WINDOW * height)
    start = (width - keep) // 2
    return np.ascontiguousarray(line[:, start : start + keep])
