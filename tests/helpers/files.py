"""Real files for tests, made on the spot: PDFs (good, damaged, encrypted), zips (GBK, bombs, traversal), images."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pymupdf
from PIL import Image


def require_tool(name: str) -> str:
    """The tool's path; on CI a missing tool is a failure, elsewhere the test is skipped."""
    import pytest

    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required on CI (packaging/debian-deps.sh installs it)")
    pytest.skip(f"{name} not installed")


def text_pdf(lines: list[str], pages: int = 1) -> bytes:
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page()
        y = 72
        for line in lines:
            page.insert_text((72, y), line, fontname="china-s", fontsize=12)
            y += 20
        page.insert_text((400, 800), f"第{number + 1}页", fontname="china-s")
    data = doc.tobytes()
    doc.close()
    return data


def case_pdf(pages: int = 12) -> bytes:
    return text_pdf(["德州市生态环境局", "行政处罚案卷", "卷内目录", "文号：德环罚〔2017〕3号"], pages)


def encrypted_pdf() -> bytes:
    doc = pymupdf.open(stream=case_pdf(), filetype="pdf")
    data = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    doc.close()
    return data


def truncated_pdf() -> bytes:
    data = case_pdf(20)
    return data[: len(data) * 2 // 3]


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


def ole_bytes() -> bytes:
    """The start of a legacy Office (OLE2) file: the magic is what sniffing sees."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512 - 8) + b"legacy word document"


class GbkZipInfo(zipfile.ZipInfo):
    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(path: Path, members: dict[str, bytes], gbk: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = GbkZipInfo(name) if gbk else zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path


def write_traversal_zip(path: Path, good: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("good/案卷.pdf", good)
        archive.writestr("../../evil.txt", b"written outside?")
        archive.writestr("/abs/evil2.txt", b"absolute")
    return path


def write_bomb_zip(path: Path, good: bytes, megabytes: int = 200) -> Path:
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ok/德环罚〔2017〕3号.pdf", good)
        with archive.open("bomb.pdf", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(zeros)
    return path


def make_iso(folder: Path, out: Path, *flags: str, label: str = "DISC2024") -> Path:
    """An ISO image by genisoimage; flags such as -R (Rock Ridge), -J (Joliet), -udf (UDF bridge)."""
    tool = require_tool("genisoimage")
    subprocess.run(
        [tool, "-quiet", "-input-charset", "utf-8", *flags, "-V", label, "-o", str(out), str(folder)],
        check=True,
    )
    return out


def make_pure_udf(folder: Path, out: Path, label: str = "UDFDISC") -> Path:
    """A pure UDF image, as Windows 'like a USB flash drive' burning writes: no ISO 9660 descriptor left.

    genisoimage writes a UDF bridge (ISO 9660 descriptors, then the UDF volume recognition
    sequence BEA01/NSR02/TEA01). Rewriting sectors 16+ as a bare recognition sequence leaves a
    valid UDF volume that ISO 9660 readers (pycdlib included) no longer recognise.
    """
    make_iso(folder, out, "-udf", "-J", label=label)
    with out.open("r+b") as fp:
        fp.seek(16 * 2048)
        descriptors = []
        for _ in range(32):
            sector = fp.read(2048)
            descriptors.append(sector[1:6])
            if sector[1:6] == b"TEA01":
                break
        count = len(descriptors)
        fp.seek(16 * 2048)
        fp.write(bytes(count * 2048))
        for index, ident in enumerate((b"BEA01", b"NSR02", b"TEA01")):
            fp.seek((16 + index) * 2048)
            fp.write(b"\x00" + ident + b"\x01")
    return out
