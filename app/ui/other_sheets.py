"""Scores a case has under a sheet other than the one the desk shows, said in the queue and over the form.

Scores stay under the sheet they were entered on: ``reviewdesk score set --rubric transcripts-2024``
while the desk shows the 2024 case sheets, or a sheet chosen earlier. Showing 未评 for such a case
would tell the expert their work is lost; the queue says 另表已完成 and names the sheet, and the form
offers to switch to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from app.models.scores import SheetScore
from app.rubric.rounding import format_points


@dataclass(frozen=True)
class OtherSheet:
    """A sheet the case has scores on that is not the one shown."""

    title: str
    score: SheetScore


def status_key(own: str, others: list[OtherSheet]) -> str:
    """The queue's status: the shown sheet's own, unless nothing is on it and another sheet has scores."""
    if own != "not_started" or not others:
        return own
    return "elsewhere_complete" if any(o.score.status == "complete" for o in others) else "elsewhere_started"


def status_text(key: str) -> str:
    """Texts of the two keys ``status_key`` adds to ``STATUS_LABELS``'s."""
    if key == "elsewhere_complete":
        return QCoreApplication.translate("OtherSheets", "另表已完成")
    return QCoreApplication.translate("OtherSheets", "另表评审中")


def describe(other: OtherSheet) -> str:
    """One line: on which sheet, how far, and the total when complete."""
    if other.score.status == "complete" and other.score.total is not None:
        return QCoreApplication.translate("OtherSheets", "已按“{title}”评审完成（{total} 分）").format(
            title=other.title, total=format_points(other.score.total)
        )
    return QCoreApplication.translate("OtherSheets", "已按“{title}”评审中（尚未完成）").format(
        title=other.title
    )


class OtherSheetsNotice(QWidget):
    """Over the form: the case's scores on other sheets, each with a button beside it that switches to it."""

    switch_to = Signal(str)
    """the rubric id to show instead"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("otherSheets")
        self.setStyleSheet("#otherSheets { background: #fef3c7; border: 1px solid #f59e0b; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 4, 6, 4)
        self.grid.setColumnStretch(0, 1)
        self.lines: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setStyleSheet("color: #555;")
        self._others: list[OtherSheet] = []
        self._shown, self._shown_status = "", "not_started"
        self.hide()

    def show_for(self, others: list[OtherSheet], shown_title: str, shown_status: str) -> None:
        """The other sheets of the case now open; hidden when there are none."""
        self._others, self._shown, self._shown_status = others, shown_title, shown_status
        for widget in [*self.lines, *self.buttons]:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.lines, self.buttons = [], []
        self.setVisible(bool(others))
        for row, other in enumerate(others):
            line = QLabel()
            line.setWordWrap(True)
            button = QPushButton()
            button.clicked.connect(lambda _c=False, rid=other.score.rubric_id: self.switch_to.emit(rid))
            self.grid.addWidget(line, row, 0)
            self.grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
            self.lines.append(line)
            self.buttons.append(button)
        self.grid.addWidget(self.current, len(others), 0, 1, 2)
        self.retranslate()

    def shown_status(self, status: str) -> None:
        """The sheet shown was scored on (or undone): only the line about it changes."""
        if status != self._shown_status:
            self._shown_status = status
            self.retranslate()

    def retranslate(self) -> None:
        for line, button, other in zip(self.lines, self.buttons, self._others, strict=True):
            line.setText(describe(other))
            button.setText(QCoreApplication.translate("OtherSheets", "改用此表"))
            button.setToolTip(
                QCoreApplication.translate("OtherSheets", "改用“{title}”，显示已评的分数").format(
                    title=other.title
                )
            )
        self.current.setVisible(self._shown_status == "not_started")
        self.current.setText(
            QCoreApplication.translate("OtherSheets", "当前评分表“{title}”尚未评分。").format(
                title=self._shown
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
