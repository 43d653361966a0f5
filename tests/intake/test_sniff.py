"""Files are recognised by content, never by extension."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from app.intake.sniff import sniff_file, sniff_head
from tests.helpers.files import case_pdf, jpeg_bytes, ole_bytes


def test_zip_with_a_stored_pdf_first_is_a_zip(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.pdf", case_pdf())
    path = tmp_path / "a.pdf"
    path.write_bytes(buffer.getvalue())
    assert sniff_file(path) == "zip"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf%PDF-1.4", "pdf"),
        (jpeg_bytes(), "jpeg"),
        (ole_bytes(), "ole"),
        ("单位,数量\n".encode(), "text"),
        ("单位,数量\n".encode("gbk"), "text"),
        (bytes(range(256)), "unknown"),
    ],
)
def test_head_kinds(data: bytes, kind: str) -> None:
    assert sniff_head(data) == kind


def test_docx_is_told_from_a_plain_zip(tmp_path: Path, demo_disc) -> None:
    docx = next(demo_disc.root.rglob("*.docx"))
    renamed = tmp_path / "material.zip"
    renamed.write_bytes(docx.read_bytes())
    assert sniff_file(renamed) == "docx"
