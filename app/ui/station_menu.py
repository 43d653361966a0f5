"""The desk's station and packet actions, installed with one call from the main window.

Station: the workbench (discs, assignment, packets, receipts, panel and adjudication). Expert: open
the station's review packet (menu, or drop the zip on the window), checked against the station's
key fingerprint; the export back is the File menu's signed export.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QMessageBox

from app import paths
from app.errors import KnownError
from app.signing.identity import display_fingerprint
from app.signing.rejection import PackageRejected
from app.station.packets import FORMAT as PACKET_FORMAT
from app.station.packets import receive_packet


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files a module-level tr() under no context


def install_station_menu(window: Any, station_menu: QMenu, file_menu: QMenu) -> None:
    station_menu.addAction(tr("监理站工作台…")).triggered.connect(lambda: open_workbench(window))
    file_menu.addSeparator()
    file_menu.addAction(tr("打开评审包…")).triggered.connect(lambda: choose_packet(window))
    window._packet_drops = PacketDrops(window)
    window.installEventFilter(window._packet_drops)


def open_workbench(window: Any, tab: int = 0) -> Any:
    from app.ui.station_workbench import StationWorkbench

    bench = getattr(window, "_station_workbench", None)
    if bench is None:
        bench = StationWorkbench(window, window.expert or paths.current_user())
        window._station_workbench = bench
    bench.tabs.setCurrentIndex(tab)
    bench.show()
    bench.raise_()
    return bench


def is_review_packet(path: Path) -> bool:
    """A zip whose manifest names the review-packet format (only the manifest is read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("manifest.json")
            if info.file_size > 16 * 1024 * 1024:
                return False
            return json.loads(archive.read(info)).get("format") == PACKET_FORMAT
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, AttributeError):
        return False


def choose_packet(window: Any) -> None:
    name, _filter = QFileDialog.getOpenFileName(window, tr("打开评审包"), "", tr("评审包 (*.zip)"))
    if name:
        open_packet(window, Path(name))


def ask_fingerprint(window: Any) -> str | None:
    text, ok = QInputDialog.getText(
        window,
        tr("监理站密钥指纹"),
        tr("请输入监理站公布的密钥指纹（用于核对评审包确由监理站签发）："),
        QLineEdit.EchoMode.Normal,
    )
    return text.strip() if ok and text.strip() else None


def open_packet(window: Any, path: Path, fingerprint: str | None = None) -> dict[str, Any] | None:
    """Verify and import the packet; its case files fill the queue. Refusals are shown with the reason."""
    fingerprint = fingerprint or ask_fingerprint(window)
    if not fingerprint:
        return None
    try:
        received = receive_packet(window.store, path, fingerprint, window.expert or paths.current_user())
    except (KnownError, PackageRejected) as error:
        _tell(window, tr("评审包未导入：") + error.zh, warn=True)
        return None
    window.reload_cases()
    blind = tr("（盲评）") if received["blind"] else ""
    _tell(
        window,
        tr(
            "已导入评审包：案卷 {cases} 份{blind}，评分标准 {rubric}；监理站 {station} · {fp}。评审完成后用“文件 → 导出签名评分包”交回。"
        ).format(
            cases=received["cases"],
            blind=blind,
            rubric=received["rubric"],
            station=received["station"],
            fp=display_fingerprint(received["station_fingerprint"]),
        ),
    )
    return received


def _tell(window: Any, text: str, warn: bool = False) -> None:
    window.statusBar().showMessage(text, 15000)
    if getattr(window, "dialogs", True):
        box = QMessageBox.warning if warn else QMessageBox.information
        box(window, tr("评审包"), text)


class PacketDrops(QObject):
    """A review packet dropped on the desk opens as a packet; anything else goes on to the import."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Drop:
            return False
        urls = event.mimeData().urls()  # type: ignore[attr-defined]
        files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        packets = [f for f in files if f.suffix.lower() == ".zip" and is_review_packet(f)]
        if not packets or len(packets) != len(files):
            return False
        event.acceptProposedAction()  # type: ignore[attr-defined]
        for packet in packets:
            open_packet(self.window, packet)
        return True
