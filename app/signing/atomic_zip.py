"""Writing our zips (score packages, review packets) so that a crash never leaves half a file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from app.atomic import write_durably


def write_zip(out: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    # Stored, not deflated: every byte of the zip that belongs to a member is that member's content,
    # so any change to it is a change the hashes and the signature see.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    write_durably(out, buffer.getvalue())
