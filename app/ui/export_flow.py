"""Export from the desk: where to save, the passphrase, then the same export as ``reviewdesk export``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from app.models.store import Store
from app.score_export import ExportResult, export_package
from app.signing.identity import ExpertIdentity, load_private_key


def ask_target(parent: QWidget, identity: ExpertIdentity, folder: str) -> Path | None:
    suggested = Path(folder) / f"评分包-{identity.name}-{date.today():%Y%m%d}.zip"
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ExportFlow", "导出评分包"),
        str(suggested),
        QCoreApplication.translate("ExportFlow", "评分包 (*.zip)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".zip" else path.with_suffix(".zip")


def ask_passphrase(parent: QWidget) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("ExportFlow", "密钥口令"),
        QCoreApplication.translate("ExportFlow", "请输入签名密钥的口令："),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def export_signed(store: Store, identity: ExpertIdentity, target: Path, passphrase: str) -> ExportResult:
    """Raises KnownError (wrong passphrase, nothing complete, unwritable target) for the caller to show."""
    key = load_private_key(store.root, passphrase)
    return export_package(store, identity, key, target)


def summary(result: ExportResult, identity: ExpertIdentity) -> str:
    lines = [
        QCoreApplication.translate("ExportFlow", "已导出评分包：") + str(result.path),
        QCoreApplication.translate("ExportFlow", "案卷 {cases} 份，第 {sequence} 号评分包。").format(
            cases=result.cases, sequence=result.sequence
        ),
        QCoreApplication.translate("ExportFlow", "密钥指纹：") + identity.short_fingerprint,
        QCoreApplication.translate(
            "ExportFlow", "请打印包内的评分表（score-sheet.pdf）签字后，与评分包一并交监理站。"
        ),
    ]
    if result.missing_glyphs:
        lines.append(
            QCoreApplication.translate(
                "ExportFlow", "注意：评分表字体中没有这些字，以 〓 代替（签名数据中保留原字）："
            )
            + result.missing_glyphs
        )
    return "\n".join(lines)
