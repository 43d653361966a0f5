"""The core's labels (``app.vocabulary``) in the interface language: Qt Linguist context "vocabulary"."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLocale

from app.vocabulary import CONTEXT


def translated(label: str) -> str:
    return QCoreApplication.translate(CONTEXT, label)


def label_of(labels: Mapping[str, str], key: str | None, missing: str = "—") -> str:
    """The translated label of ``key``; ``missing`` for none, the key itself for one not in the list."""
    if not key:
        return missing
    return translated(labels[key]) if key in labels else key


def in_language(zh: str, en: str | None) -> str:
    """A bilingual message of the core (problems, findings, errors) in the interface language."""
    return en if en and english() else zh


def english() -> bool:
    """The interface is English (``language.install_translators`` sets the default locale)."""
    return QLocale().language() == QLocale.Language.English
