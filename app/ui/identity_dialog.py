"""First run: who the expert is, and the passphrase that protects their signing key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.errors import KnownError
from app.signing.identity import MIN_PASSPHRASE, ExpertIdentity, create_identity


class FirstRunDialog(QDialog):
    """Name, unit, expert number and passphrase; creates the key pair on OK. Nothing is required to look around."""

    def __init__(self, data_dir: Path, offer_demo: bool, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.identity: ExpertIdentity | None = None
        self.setWindowTitle(self.tr("欢迎使用案卷评审台"))
        intro = QLabel(
            self.tr(
                "请填写评审专家信息。导出评分包时将用您的签名密钥签名，监理站据此核验评分确由您提交、未被改动。"
                "密钥口令用于保护签名密钥，请牢记，遗失后无法找回。"
            )
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.unit = QLineEdit()
        self.number = QLineEdit()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("至少 %n 个字符", "", MIN_PASSPHRASE))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("姓名(&N)："), self.name)
        form.addRow(self.tr("工作单位(&U)："), self.unit)
        form.addRow(self.tr("专家编号(&E)："), self.number)
        form.addRow(self.tr("密钥口令(&P)："), self.passphrase)
        form.addRow(self.tr("再输入一次(&A)："), self.again)
        self.demo = QCheckBox(self.tr("导入内置演示光盘，先练习一下(&D)"))
        self.demo.setChecked(offer_demo)
        self.demo.setVisible(offer_demo)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("生成密钥并开始"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("稍后"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.demo)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        if self.passphrase.text() != self.again.text():
            self._fail(self.tr("两次输入的口令不一致。"), self.again)
            return
        try:
            self.identity = create_identity(
                self.data_dir, self.name.text(), self.unit.text(), self.number.text(), self.passphrase.text()
            )
        except KnownError as error:
            field = {"identity_incomplete": self.name, "weak_passphrase": self.passphrase}.get(error.code)
            self._fail(error.zh, field)
            return
        super().accept()

    def _fail(self, text: str, field: QLineEdit | None) -> None:
        self.error.setText(text)
        if field is not None:
            field.setFocus()
            field.selectAll()
