"""The pure-UDF reader, checked against images from independent writers and against 7-Zip's reading."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pycdlib
import pytest
from pycdlib.pycdlibexception import PyCdlibException

from app.intake.sniff import sniff_file
from app.intake.sources import UdfSource, open_source
from app.intake.udf import UdfError, UdfImage
from tests.helpers.files import make_pure_udf, require_tool


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    (root / "01_德州市生态环境局/集体/推选案卷").mkdir(parents=True)
    (root / "01_德州市生态环境局/集体/推选案卷/德环罚〔2017〕3号.pdf").write_bytes(
        b"%PDF-1.4\n" + bytes(range(256)) * 4000
    )
    (root / "readme.txt").write_bytes(b"disc")
    # Longer than Joliet's 64 characters would keep, within what genisoimage's UDF writer keeps (63 UCS-2).
    (root / ("案卷材料" * 15 + ".pdf")).write_bytes(b"%PDF-1.4 long")
    return root


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_pure_udf_image_is_read_with_full_unicode_names(tree: Path, tmp_path: Path) -> None:
    image = make_pure_udf(tree, tmp_path / "disc.img", label="DEZHOU2017")
    assert sniff_file(image) == "udf"
    with pytest.raises(PyCdlibException):
        iso = pycdlib.PyCdlib()
        iso.open(str(image))
    with image.open("rb") as fp:
        udf = UdfImage(fp)
        assert udf.label == "DEZHOU2017"
        found = {e.path: hashlib.sha256(udf.open(e).read()).hexdigest() for e in udf.walk()}
    assert found == _digests(tree)


def test_seven_zip_reads_the_same_files_as_we_do(tree: Path, tmp_path: Path) -> None:
    """7-Zip, an independent UDF reader, sees the image as UDF and lists exactly the files we read."""
    seven = require_tool("7z")
    image = make_pure_udf(tree, tmp_path / "disc.udf")
    listing = subprocess.run(
        [seven, "l", "-slt", str(image)], capture_output=True, text=True, check=True
    ).stdout
    assert "Type = Udf" in listing
    blocks = listing.split("\n\n")
    files = set()
    for block in blocks:
        fields = dict(line.split(" = ", 1) for line in block.splitlines() if " = " in line)
        if "Path" in fields and fields.get("Folder") == "-":
            files.add(fields["Path"])
    with image.open("rb") as fp:
        ours = {entry.path for entry in UdfImage(fp).walk()}
    assert ours == files
    assert len(ours) == 3


def test_empty_image_from_mkudffs_reads_its_chinese_label(tmp_path: Path) -> None:
    mkudffs = require_tool("mkudffs")
    image = tmp_path / "blank.udf"
    subprocess.run(
        [mkudffs, "--new-file", "-b", "2048", "--media-type=hd", "--label=测试光盘", str(image), "2000"],
        check=True,
        capture_output=True,
    )
    with open_source(image) as source:
        assert isinstance(source, UdfSource)
        assert source.label == "测试光盘"
        assert list(source.entries()) == []


def test_not_udf_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.udf"
    junk.write_bytes(bytes(600 * 2048))
    with junk.open("rb") as fp, pytest.raises(UdfError):
        UdfImage(fp)


def test_truncated_udf_image_fails_on_the_file_not_the_whole_run(tree: Path, tmp_path: Path) -> None:
    image = make_pure_udf(tree, tmp_path / "disc.img")
    data = image.read_bytes()
    with image.open("rb") as fp:
        udf = UdfImage(fp)
        big = max(udf.walk(), key=lambda e: e.size)
        assert big.extents, "the large file is stored in extents"
        cut = big.extents[0].block
    start = None
    with image.open("rb") as fp:
        udf = UdfImage(fp)
        start = udf._physical_sector(big.extents[0].partition, cut) * 2048
    image.write_bytes(data[: start + 1000])
    with image.open("rb") as fp:
        udf = UdfImage(fp)
        entry = next(e for e in udf.walk() if e.path == big.path)
        with pytest.raises(UdfError):
            udf.open(entry).read()
