"""Help → About: version, licence and where this program's source is (AGPL-3.0 asks for both).

A bundle carries its own source archive (``source/reviewdesk-<version>-source.tar.gz``, made by
``git archive`` at build time); an installed or checked-out program is its own source (the ``app``
folder of readable Python files). The dialog names the place and opens it in the file manager.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.resourcefiles import resource_dir

LICENCE = "AGPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/agpl-3.0.html"


def source_location() -> Path:
    """The bundled source archive when there is one, else the folder of this program's Python source."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        archives = sorted((Path(bundle) / "source").glob("*.tar.gz"))
        if archives:
            return archives[-1]
    return Path(__file__).resolve().parents[1]


def licence_file() -> Path | None:
    """LICENSE beside the source (checkout) or inside the bundle's data; None when not shipped."""
    for candidate in (
        Path(__file__).resolve().parents[2] / "LICENSE",
        Path(getattr(sys, "_MEIPASS", "")) / "LICENSE",
    ):
        if candidate.is_file():
            return candidate
    return None


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于 ReviewDesk"))
        self.source = source_location()
        icon = QLabel()
        icon.setPixmap(QIcon(str(resource_dir("icons") / "reviewdesk.svg")).pixmap(96, 96))
        text = QLabel(
            self.tr(
                "<h3>案卷评审台 ReviewDesk {version}</h3>"
                "<p>环境执法案卷离线评审与评分。</p>"
                "<p>许可证：{licence}（GNU Affero 通用公共许可证第 3 版或更高版本）。"
                "本程序是自由软件，不提供任何担保。<a href='{url}'>许可证全文</a></p>"
                "<p>源代码：{source}</p>"
            ).format(version=__version__, licence=LICENCE, url=self.licence_url(), source=self.source)
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        text.setOpenExternalLinks(True)
        self.text = text
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_source_button = QPushButton(self.tr("打开源代码所在位置"))
        buttons.addButton(self.open_source_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_source_button.clicked.connect(self.open_source)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)

    @staticmethod
    def licence_url() -> str:
        """The shipped LICENSE (laptops are offline), else the licence's address."""
        local = licence_file()
        return QUrl.fromLocalFile(str(local)).toString() if local else LICENCE_URL

    def source_folder(self) -> Path:
        return self.source if self.source.is_dir() else self.source.parent

    def open_source(self) -> bool:
        """Show the source (archive) in the file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.source_folder())))
