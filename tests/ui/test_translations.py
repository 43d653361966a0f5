"""Translations: every UI string has an English translation, the compiled files are current, both load."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialogButtonBox

from app.ui.labels import english
from app.ui.language import chosen_language, install_translators, remove_translators

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        pytest.fail(f"pyside6-{name} comes with PySide6 and should be on PATH")
    return found


def test_every_ui_string_is_in_the_english_file_and_translated(tmp_path: Path) -> None:
    copy = tmp_path / "reviewdesk_en.ts"
    shutil.copy(TRANSLATIONS / "reviewdesk_en.ts", copy)
    # the desk's own strings and the core's labels (case types, documents), marked in app/vocabulary.py
    ui_files = [
        *sorted(str(p) for p in (ROOT / "app" / "ui").glob("*.py")),
        str(ROOT / "app" / "vocabulary.py"),
    ]
    out = subprocess.run(
        [_tool("lupdate"), *ui_files, "-source-language", "zh_CN", "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"\(0 new and \d+ already existing\)", out), (
        f"run packaging/update-translations.sh\n{out}"
    )
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and 'type="vanished"' not in text


def test_compiled_translations_are_current(tmp_path: Path) -> None:
    for language in ("en", "zh_CN"):
        compiled = tmp_path / f"{language}.qm"
        subprocess.run(
            [_tool("lrelease"), str(TRANSLATIONS / f"reviewdesk_{language}.ts"), "-qm", str(compiled)],
            capture_output=True,
            check=True,
        )
        committed = TRANSLATIONS / f"reviewdesk_{language}.qm"
        assert compiled.read_bytes() == committed.read_bytes(), "run packaging/update-translations.sh"


@pytest.mark.parametrize(
    ("language", "file_menu", "cancel"), [("en", "File", "Cancel"), ("zh_CN", "文件", "取消")]
)
def test_our_strings_and_qts_own_follow_the_language(
    qapp, language: str, file_menu: str, cancel: str
) -> None:
    installed = install_translators(qapp, language)
    try:
        assert QCoreApplication.translate("MainWindow", "文件").replace("&", "") == file_menu
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == cancel
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_language_choice_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv("REVIEWDESK_LANG", raising=False)
    assert chosen_language(settings) == "zh_CN"
    settings.setValue("ui/language", "en")
    assert chosen_language(settings) == "en"
    monkeypatch.setenv("REVIEWDESK_LANG", "zh_CN")
    assert chosen_language(settings) == "zh_CN"
    assert chosen_language(settings, "en") == "en"
    assert chosen_language(settings, "fr") == "zh_CN"


def test_no_translated_string_hides_inside_an_f_string() -> None:
    """lupdate does not read inside f-string braces: a literal in a tr() there is never translated.

    (tr() of a variable is fine: its texts are marked with QT_TRANSLATE_NOOP where they are defined.)
    """
    hidden = [
        f"{path.name}:{number}"
        for path in sorted((ROOT / "app" / "ui").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""f["'].*\{[^}]*\b(tr|translate)\([^)]*["']""", line)
    ]
    assert hidden == []


def test_module_level_tr_helpers_find_their_translations(qapp) -> None:
    """A module-level ``tr()`` is filed by lupdate under no context; its lookups must use that context."""
    from app.ui import station_menu

    install_translators(qapp, "en")
    try:
        assert station_menu.tr("打开评审包…") == "Open review packet…"
        assert station_menu.tr("监理站工作台…") == "Station workbench…"
    finally:
        remove_translators(qapp)
    assert not english(), "the tests after this one are Chinese again"
