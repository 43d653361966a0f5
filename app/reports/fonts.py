"""CJK text for reportlab: the embedded font, a fallback for rare characters, and markup per run.

reportlab embeds TrueType outlines only. PyMuPDF's built-in CJK font (Droid Sans Fallback,
Apache-2.0) is TrueType and ships in its wheel, so every sheet embeds it. It lacks some rare
characters found in names (䶮 U+4DAE, Extension B); for those a TrueType system font that has them is
used if one is installed (SimSun-ExtB, SimSun, Microsoft YaHei …); otherwise the character is printed
as 〓 (the GB convention for a missing glyph) and reported, while the signed data keeps the real text.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pymupdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT = "ReviewDeskCJK"
MISSING_MARK = "〓"
_FALLBACK_FILES = (
    "C:/Windows/Fonts/simsunb.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)


@functools.cache
def register_cjk_font() -> str:
    """Once per process; the demo's page layout calls it for every paragraph."""
    pdfmetrics.registerFont(TTFont(FONT, io.BytesIO(pymupdf.Font("cjk").buffer)))
    return FONT


@functools.cache
def _cmap(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


@functools.cache
def _fallback_for(code: int) -> str | None:
    """A registered TrueType font that has this character, or None."""
    for index, path in enumerate(_candidate_files(code)):
        name = f"ReviewDeskFallback{code:X}_{index}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
        except (TTFError, OSError, ValueError):
            continue
        if code in _cmap(name):
            return name
    return None


def _candidate_files(code: int) -> list[Path]:
    found = [Path(p) for p in _FALLBACK_FILES if Path(p).exists()]
    if shutil.which("fc-list"):
        try:
            listed = subprocess.run(
                ["fc-list", f":charset={code:x}", "file"], capture_output=True, text=True, timeout=10
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listed = ""
        for line in listed.splitlines():
            path = Path(line.strip().rstrip(":"))
            if path.suffix.lower() in (".ttf", ".ttc"):
                found.append(path)
    return sorted(found, key=lambda p: "bold" in p.name.lower())  # stable: regular faces first


@dataclass
class CjkMarkup:
    """Turns plain text into reportlab paragraph markup, switching font for characters the main one lacks."""

    missing: set[str] = field(default_factory=set)

    def __call__(self, text: object) -> str:
        register_cjk_font()
        known = _cmap(FONT)
        parts: list[str] = []
        for char in str(text):
            code = ord(char)
            if code in known or char in "\n\t " or code < 0x80:
                parts.append(escape(char))
                continue
            fallback = _fallback_for(code)
            if fallback:
                parts.append(f'<font name="{fallback}">{escape(char)}</font>')
            else:
                self.missing.add(char)
                parts.append(MISSING_MARK)
        return "".join(parts).replace("\n", "<br/>")
