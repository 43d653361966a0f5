"""Known errors: problems a user can act on, each with a code and a Chinese and an English message.

Anything else that escapes is a bug and goes to the crash path, not to a friendly message.
"""

from __future__ import annotations


class KnownError(Exception):
    """A problem the user can fix; ``zh`` is shown in the UI, both languages on the command line."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self.zh = zh
        self.en = en

    def bilingual(self) -> str:
        return f"{self.zh}\n{self.en}"


class StoreError(KnownError):
    """The store cannot be opened or written (locked, newer schema, disk full)."""


class SourceError(KnownError):
    """A whole import source cannot be read (missing path, unreadable image)."""


class UsageError(KnownError):
    """The command was called with arguments that do not make sense."""
