"""The expert in the desk: first-run identity, the fingerprint on show, export of a signed package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.models.store import Store
from app.signing.identity import load_identity
from app.signing.verify import read_package
from app.ui.identity_dialog import FirstRunDialog
from app.ui.main_window import MainWindow
from tests.helpers.panel import PASSPHRASE, case_ids, make_disc, run, score


def _window(qtbot, data: Path) -> tuple[MainWindow, Store]:
    store = Store.open(data)
    window = MainWindow(store, QSettings(str(data / "desk.ini"), QSettings.Format.IniFormat), dialogs=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.form.sheet is not None, timeout=5000)
    return window, store


def _ok(dialog: FirstRunDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_first_run_dialog_checks_what_it_is_given_and_makes_the_key(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    dialog = FirstRunDialog(data, offer_demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.demo.isVisible() and dialog.demo.isChecked()
    dialog.name.insert("王䶮")  # QTest types ASCII only
    dialog.unit.insert("德令哈市环境监察大队")
    qtbot.keyClicks(dialog.passphrase, "123")
    qtbot.keyClicks(dialog.again, "124")
    _ok(dialog)
    assert "不一致" in dialog.error.text() and load_identity(data) is None
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "123")
    _ok(dialog)
    assert "至少" in dialog.error.text() and dialog.focusWidget() is dialog.passphrase
    for field in (dialog.passphrase, dialog.again):
        field.setText(PASSPHRASE)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    made = load_identity(data)
    assert made is not None and made.name == "王䶮" and dialog.identity == made


def test_desk_shows_the_fingerprint_and_exports_a_signed_package(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    disc = make_disc(tmp_path / "disc")
    run(data, "import", disc)
    assert run(data, "keys", "init", "--name", "李明", "--unit", "监理站", "--passphrase-file",
               _passphrase(tmp_path)).code == 0  # fmt: skip
    score(data, case_ids(data)["德环罚〔2024〕1号"], "30", "30")
    window, store = _window(qtbot, data)
    made = load_identity(data)
    assert made is not None
    assert (
        made.short_fingerprint[:9] in window.identity_label.text() and "李明" in window.identity_label.text()
    )
    assert window.scores.expert == "李明"
    assert not window.export_to(tmp_path / "bad.zip", "wrong passphrase")
    assert "口令不正确" in window.statusBar().currentMessage() and not (tmp_path / "bad.zip").exists()
    assert window.export_to(tmp_path / "out.zip", PASSPHRASE)
    package = read_package(tmp_path / "out.zip")
    assert package.expert["name"] == "李明" and len(package.cases) == 1
    assert package.cases[0]["result"]["score"] == 90
    window.close()
    store.close()


def _passphrase(tmp: Path) -> Path:
    path = tmp / "pass.txt"
    path.write_text(PASSPHRASE)
    return path
