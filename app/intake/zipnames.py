"""Decoding zip member names: UTF-8 flagged, Info-ZIP Unicode extra, or legacy bytes (GBK on Chinese Windows).

Python decodes an unflagged name as cp437, so ``name.encode("cp437")`` gives the original bytes back.
Those are tried as UTF-8, then GB18030 (a superset of GBK); a user can force an encoding for a
source, since GBK bytes can happen to be valid UTF-8.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

UTF8_FLAG = 0x800
UNICODE_PATH_EXTRA = 0x7075
AUTO_ENCODINGS = ("utf-8", "gb18030")


def _unicode_path_extra(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    extra = info.extra
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if tag == UNICODE_PATH_EXTRA and len(body) >= 5 and body[0] == 1:
            crc = struct.unpack_from("<I", body, 1)[0]
            if crc == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
    return None


def decode_member_name(info: zipfile.ZipInfo, forced_encoding: str | None = None) -> tuple[str, str]:
    """The member's Unicode name and the encoding that produced it.

    With ``forced_encoding`` a name that does not decode raises UnicodeDecodeError.
    """
    if info.flag_bits & UTF8_FLAG:
        return info.filename, "utf-8"
    raw = info.filename.encode("cp437")
    if forced_encoding:  # strict: a wrong --encoding must be said, not stored as garbled names
        return raw.decode(forced_encoding), forced_encoding
    from_extra = _unicode_path_extra(info, raw)
    if from_extra is not None:
        return from_extra, "utf-8 (unicode extra field)"
    for encoding in AUTO_ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return info.filename, "cp437"
