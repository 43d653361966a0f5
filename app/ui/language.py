"""The interface language: Chinese by default, English available; Qt's own dialogs follow it.

Our strings are written in Chinese in the code (the source language) and translated with Qt
Linguist files in ``resources/translations`` (``reviewdesk_<lang>.ts``, compiled to ``.qm``).
Qt's standard buttons and dialogs take the ``qtbase_<lang>.qm`` that ships in the PySide6 wheel.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app.resourcefiles import resource_dir

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT = "zh_CN"
ENV_VAR = "REVIEWDESK_LANG"
SETTING = "ui/language"
_installed: list[QTranslator] = []
"""the translators in force, so a switch of language can take them out again"""


def chosen_language(settings: QSettings, override: str | None = None) -> str:
    """--lang, then $REVIEWDESK_LANG, then the setting, then Chinese; anything unknown is Chinese."""
    for candidate in (override, os.environ.get(ENV_VAR), settings.value(SETTING)):
        if candidate:
            return str(candidate) if str(candidate) in LANGUAGES else DEFAULT
    return DEFAULT


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's for ``language``; keep the returned objects alive."""
    installed = []
    ours = QTranslator(app)
    if ours.load(str(resource_dir("translations") / f"reviewdesk_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    QLocale.setDefault(QLocale(language))
    _installed[:] = installed
    return installed


def switch_language(app: QCoreApplication, language: str) -> None:
    """Replace the installed translators; Qt then sends every widget a LanguageChange event."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed[:] = install_translators(app, language)


def remove_translators(app: QCoreApplication) -> None:
    """Back to the source texts (Chinese) and Qt's own English: what a test leaves behind."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # the core's bilingual messages follow the locale, not the translators
    QLocale.setDefault(QLocale(DEFAULT))
