"""What a file is, from its bytes: never from its extension (discs come as .iso, .img, .udf, .bin)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from app.intake.udf import anchor_sector_size

ISO_MAGIC_OFFSET = 16 * 2048 + 1
RAW_SECTOR = 2352
RAW_ISO_MAGIC_OFFSET = 16 * RAW_SECTOR + 16 + 1
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_head(head: bytes) -> str:
    """A kind from the first bytes: pdf, zip, ole, jpeg, png, gif, tiff, bmp, empty, text or unknown."""
    if not head:
        return "empty"
    # Magic numbers at offset 0 first: a zip whose first member is a stored PDF has "%PDF-" near its start.
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"BM") and len(head) > 14:
        return "bmp"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if _looks_like_text(head[:4096]):
        return "text"
    return "unknown"


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def zip_flavour(path: Path) -> str:
    """docx, xlsx, pptx, or zip (a plain archive to open)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def disc_image_kind(fp: BinaryIO) -> str | None:
    """'iso' (ISO 9660, maybe with Joliet/Rock Ridge/UDF bridge), 'udf' (pure UDF), 'raw' or None."""
    fp.seek(ISO_MAGIC_OFFSET)
    if fp.read(5) == b"CD001":
        return "iso"
    if anchor_sector_size(fp) is not None:
        return "udf"
    fp.seek(RAW_ISO_MAGIC_OFFSET)
    if fp.read(5) == b"CD001":
        return "raw"
    return None


NOT_A_DISC_MAGIC = (b"%PDF-", b"PK\x03\x04", b"PK\x05\x06", OLE_MAGIC, b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
"""Magic numbers at offset 0 that no disc image has (its first 32 KiB are the system area)."""


def sniff_stored(path: Path, head: bytes) -> str:
    """``sniff_file`` for a file whose first bytes are already in hand: most files need no further read."""
    if head.startswith(NOT_A_DISC_MAGIC):
        kind = sniff_head(head)
        return zip_flavour(path) if kind == "zip" else kind
    return sniff_file(path)


def sniff_file(path: Path) -> str:
    """The kind of a file on disk, including disc images and the flavours of zip."""
    with path.open("rb") as fp:
        head = fp.read(64 * 1024)
        image = disc_image_kind(fp) if len(head) >= 2048 else None
    if image is not None:
        return image
    kind = sniff_head(head)
    if kind == "zip":
        return zip_flavour(path)
    return kind
