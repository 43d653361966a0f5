"""File names on a disc that are not valid UTF-8, read the way a person meant them.

A GBK disc mounted without ``iocharset`` hands Python names with lone surrogates (PEP 383's
surrogateescape). Those cannot be written to SQLite or printed, so the raw bytes are tried as
UTF-8 and then GB18030 (a superset of GBK), the same order zip member names use; the raw bytes
are kept beside the decoded name so nothing about the original is lost.
"""

from __future__ import annotations

import os

from app.intake.zipnames import AUTO_ENCODINGS


def has_surrogates(name: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in name)


def decode_os_name(name: str) -> tuple[str, bytes | None]:
    """The readable name, and the raw bytes when the name was not valid UTF-8 (else None)."""
    if not has_surrogates(name):
        return name, None
    raw = os.fsencode(name)
    for encoding in AUTO_ENCODINGS:
        try:
            return raw.decode(encoding), raw
        except UnicodeDecodeError:
            continue
    return raw.decode("gb18030", errors="replace"), raw
