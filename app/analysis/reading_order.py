"""Text boxes in reading order on a slightly skewed scan: lines top to bottom, boxes left to right.

A scan skewed by 3° drops ~50 px across a 1000 px line, more than a line's height at 150 dpi, so
sorting by the raw y of box corners interleaves neighbouring lines. The skew is estimated from the
boxes themselves (the direction of their long sides), the box centres are turned back by it, and
boxes whose deskewed centres lie within half a line height of each other form one line.

Boxes are quadrilaterals in pixels, corners as a (4, 2) array, as the text detector gives them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

WIDE = 1.5
"""a box is a horizontal line when its long side is this many times its short side"""
MAX_SKEW_DEGREES = 10.0
"""directions further off the horizontal are not skew but stamps, arrows or vertical text"""


def long_axis(quad: np.ndarray) -> tuple[np.ndarray, float, float]:
    """The unit vector of the box's long side, its length and the short side's length."""
    first = quad[1] - quad[0]
    second = quad[2] - quad[1]
    a, b = float(np.hypot(*first)), float(np.hypot(*second))
    if a >= b:
        return first / (a or 1.0), a, b
    return second / (b or 1.0), b, a


def is_horizontal(quad: np.ndarray) -> bool:
    """A line of horizontal text: clearly longer than high, long side nearer the x axis."""
    axis, length, thickness = long_axis(quad)
    return length >= WIDE * thickness and abs(axis[0]) > abs(axis[1])


def is_vertical(quad: np.ndarray) -> bool:
    axis, length, thickness = long_axis(quad)
    return length >= WIDE * thickness and abs(axis[1]) > abs(axis[0])


def skew(quads: Sequence[np.ndarray]) -> float:
    """The page's skew in radians (positive: lines fall to the right), from its horizontal boxes.

    The median of the long sides' directions, each counted as often as it is long in multiples of
    its height, so that long lines weigh more than one-character boxes.
    """
    angles: list[float] = []
    weights: list[float] = []
    for quad in quads:
        if not is_horizontal(quad):
            continue
        axis, length, thickness = long_axis(quad)
        if axis[0] < 0:
            axis = -axis
        angle = math.atan2(float(axis[1]), float(axis[0]))
        if abs(angle) <= math.radians(MAX_SKEW_DEGREES):
            angles.append(angle)
            weights.append(length / max(thickness, 1.0))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    middle = int(np.searchsorted(cumulative, cumulative[-1] / 2))
    return float(np.asarray(angles)[order][middle])


def canonical(quad: np.ndarray) -> np.ndarray:
    """The corners of a box as top-left, top-right, bottom-right, bottom-left of its text.

    Text is taken to run along whichever side is nearer the x axis (the caller has turned the
    page so that lines are horizontal). The detector names corners by sorting on x, which for a
    long box tilted past its own thickness starts at a bottom corner: a crop taken from those
    corners comes out turned.
    """
    first = quad[1] - quad[0]
    second = quad[2] - quad[1]
    along, across = (first, second) if abs(first[0]) >= abs(second[0]) else (second, first)
    length, thickness = float(np.hypot(*along)), float(np.hypot(*across))
    axis = along / (length or 1.0)
    if axis[0] < 0:
        axis = -axis
    down = np.array([-axis[1], axis[0]])
    centre = quad.mean(axis=0)
    half_long, half_short = axis * length / 2, down * thickness / 2
    return np.array(
        [
            centre - half_long - half_short,
            centre + half_long - half_short,
            centre + half_long + half_short,
            centre - half_long + half_short,
        ],
        dtype=np.float32,
    )


def reading_order(quads: Sequence[np.ndarray], angle: float | None = None) -> list[list[int]]:
    """Indices of ``quads`` grouped into lines, lines top to bottom, boxes in a line left to right."""
    if not quads:
        return []
    angle = skew(quads) if angle is None else angle
    cos, sin = math.cos(angle), math.sin(angle)
    centres = np.array([q.mean(axis=0) for q in quads], dtype=np.float64)
    across = centres[:, 0] * cos + centres[:, 1] * sin
    down = -centres[:, 0] * sin + centres[:, 1] * cos
    heights = np.array([max(_height(q, cos, sin), 1.0) for q in quads])
    lines: list[list[int]] = []
    line_down: list[float] = []
    line_height: list[float] = []
    for index in np.argsort(down, kind="stable"):
        if lines and down[index] - line_down[-1] < 0.5 * min(heights[index], line_height[-1]):
            members = lines[-1] + [int(index)]
            lines[-1] = members
            line_down[-1] = float(np.mean(down[members]))
            line_height[-1] = float(np.median(heights[members]))
        else:
            lines.append([int(index)])
            line_down.append(float(down[index]))
            line_height.append(float(heights[index]))
    return [sorted(line, key=lambda i: across[i]) for line in lines]


def _height(quad: np.ndarray, cos: float, sin: float) -> float:
    """The box's extent along the deskewed vertical axis."""
    down = -quad[:, 0] * sin + quad[:, 1] * cos
    return float(down.max() - down.min())
