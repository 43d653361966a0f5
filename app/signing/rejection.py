"""The one error every refused package or packet raises: a code and a reason in Chinese and English."""

from __future__ import annotations

from app.errors import KnownError


class PackageRejected(KnownError):
    """The package must not be counted; the message says why."""


def reject(code: str, zh: str, en: str) -> PackageRejected:
    return PackageRejected(code, zh, en)
