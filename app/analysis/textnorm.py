"""One spelling for text from different sources, so titles and labels match.

OCR returns half-width punctuation where the text layer has full-width (":" for "：", "(" for
"（"), and spaces where none were printed. NFKC folds the widths; spaces go.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """For matching: widths folded (NFKC), white space removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
