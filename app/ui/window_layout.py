"""Window and pane sizes that fit the screen: the page keeps most of the width, nothing lands off screen."""

from __future__ import annotations

from PySide6.QtCore import QRect

PAGE_SHARE = 0.6
"""the least share of the window's width the page pane keeps"""
FORM_WIDTH = 300
"""the least width of the form's pane: its contents wrap down to it, and the splitter squeezes it no further"""


def splitter_sizes(width: int) -> list[int]:
    """Queue | page | form for a window ``width`` wide: queue and form bounded, the page the rest.

    The page is given a little over ``PAGE_SHARE`` so that it keeps its share after the window's frame
    and the splitter's handles take their pixels.
    """
    queue = max(170, min(340, round(width * 0.135)))
    form = max(FORM_WIDTH, min(540, round(width * 0.245)))
    page = max(width - queue - form, round(width * (PAGE_SHARE + 0.02)))
    return [queue, page, max(0, width - queue - page)]


def fit_to_screen(geometry: QRect, available: QRect) -> QRect:
    """A remembered geometry made no larger than the screen's available area and moved onto it."""
    width = min(geometry.width(), available.width())
    height = min(geometry.height(), available.height())
    x = min(max(geometry.x(), available.x()), available.right() + 1 - width)
    y = min(max(geometry.y(), available.y()), available.bottom() + 1 - height)
    return QRect(x, y, width, height)
