"""The Qt binding itself: a regression guard for a fault that would end an expert's day, not a feature."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_drop_references_to_none(qapp) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call; the process dies at zero."""
    label, timer = QLabel(), QTimer()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        timer.start(1000)
        qapp.processEvents()
    timer.stop()
    assert sys.getrefcount(None) >= before - 50
