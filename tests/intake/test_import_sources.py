"""Importing each kind of source, the JSON contract, re-import as a no-op, nested and GBK zips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.intake.sniff import sniff_file
from tests.helpers.files import case_pdf, make_iso, make_pure_udf, text_pdf, write_zip

CASE = "01_德州市生态环境局/集体/推选案卷/一般行政处罚案卷/德环罚〔2017〕3号.pdf"


@pytest.fixture
def disc_tree(tmp_path: Path) -> Path:
    root = tmp_path / "DEZHOU_2017"
    (root / CASE).parent.mkdir(parents=True)
    (root / CASE).write_bytes(case_pdf())
    (root / "01_德州市生态环境局/个人-张三").mkdir(parents=True)
    (root / "01_德州市生态环境局/个人-张三/廉洁执法证明.pdf").write_bytes(
        text_pdf(["廉洁执法证明", "兹证明张三同志"])
    )
    return root


def _by_path(result: dict) -> dict[str, dict]:
    return {f["source_path"]: f for f in result["files"]}


def test_folder_import_follows_the_json_contract(cli, disc_tree: Path) -> None:
    result = cli("import", disc_tree, "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert report["sources"][0]["kind"] == "folder"
    assert report["sources"][0]["label"] == "DEZHOU_2017"
    files = _by_path(report)
    case = files[CASE]
    assert set(case) >= {"source_path", "sha256", "size", "class", "problem"}
    assert case["class"] == "case_file" and case["problem"] is None
    assert len(case["sha256"]) == 64 and case["size"] == (disc_tree / CASE).stat().st_size
    assert files["01_德州市生态环境局/个人-张三/廉洁执法证明.pdf"]["class"] == "supporting"
    assert set(report["summary"]) >= {"files", "new", "unchanged", "case_file", "problems"}


def test_reimport_is_a_noop_that_says_so(cli, disc_tree: Path) -> None:
    first = cli("import", disc_tree, "--json").json()
    second = cli("import", disc_tree, "--json").json()
    assert second["summary"]["new"] == 0
    assert second["summary"]["unchanged"] == first["summary"]["files"]
    assert second["sources"][0]["status"] == "unchanged"
    human = cli("import", disc_tree)
    assert "无需重复导入" in human.out and "already imported" in human.out
    assert len(cli("cases", "--json").json()) == 1


@pytest.mark.parametrize(
    ("flags", "filesystem"),
    [(("-R", "-J"), "iso9660+rockridge"), (("-J",), "iso9660+joliet"), (("-udf",), "iso9660+udf")],
)
def test_iso_images_keep_full_chinese_names(cli, disc_tree: Path, tmp_path: Path, flags, filesystem) -> None:
    image = make_iso(disc_tree, tmp_path / "disc.bin", *flags, label="DZ2017")
    assert sniff_file(image) == "iso"
    report = cli("import", image, "--json").json()
    source = report["sources"][0]
    assert (source["kind"], source["filesystem"], source["label"]) == ("iso", filesystem, "DZ2017")
    assert CASE in _by_path(report)
    assert _by_path(report)[CASE]["class"] == "case_file"


def test_pure_udf_image_imports(cli, disc_tree: Path, tmp_path: Path) -> None:
    image = make_pure_udf(disc_tree, tmp_path / "windows-burn.img", label="DZ_UDF")
    report = cli("import", image, "--json").json()
    assert report["sources"][0]["filesystem"] == "udf"
    assert report["sources"][0]["label"] == "DZ_UDF"
    assert _by_path(report)[CASE]["class"] == "case_file"


def test_reimporting_the_same_image_reads_nothing_again(cli, disc_tree: Path, tmp_path: Path) -> None:
    image = make_iso(disc_tree, tmp_path / "disc.iso", "-R", "-J")
    cli("import", image)
    copy = tmp_path / "elsewhere.iso"
    shutil.copy(image, copy)
    report = cli("import", copy, "--json").json()
    assert report["sources"][0]["status"] == "unchanged"
    assert report["summary"]["new"] == 0


def test_gbk_zip_names_are_decoded_and_can_be_overridden(cli, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "mail.zip", {"集体/推选案卷/德环罚〔2017〕3号.pdf": case_pdf()}, gbk=True)
    report = cli("import", archive, "--json").json()
    assert "集体/推选案卷/德环罚〔2017〕3号.pdf" in _by_path(report)


def test_forced_encoding_wins_over_detection(cli, tmp_path: Path) -> None:
    # "案卷" in GBK is b"\xb0\xb8\xbe\xed"; read as Big5 it is another text entirely.
    archive = write_zip(tmp_path / "mail.zip", {"案卷.pdf": case_pdf()}, gbk=True)
    report = cli("import", archive, "--json", "--encoding", "big5").json()
    names = list(_by_path(report))
    assert names and names[0] != "案卷.pdf"


def test_zip_inside_a_disc_is_opened_with_outer_path(cli, tmp_path: Path) -> None:
    root = tmp_path / "disc"
    root.mkdir()
    inner = write_zip(tmp_path / "inner.zip", {"推选案卷/德环罚〔2017〕3号.pdf": case_pdf()})
    write_zip(root / "补充材料.zip", {"内层/inner.zip": inner.read_bytes()}, gbk=True)
    report = cli("import", root, "--json").json()
    paths = _by_path(report)
    assert "补充材料.zip/内层/inner.zip/推选案卷/德环罚〔2017〕3号.pdf" in paths
    assert paths["补充材料.zip"]["class"] == "other"


def test_loose_pdf_and_docx(cli, tmp_path: Path, demo_disc) -> None:
    pdf = tmp_path / "德环罚〔2017〕3号.pdf"
    pdf.write_bytes(case_pdf())
    docx = next(demo_disc.root.rglob("事迹材料.docx"))
    report = cli("import", pdf, docx, "--json").json()
    assert [s["kind"] for s in report["sources"]] == ["file", "file"]
    classes = {f["source_path"]: f["class"] for f in report["files"]}
    assert classes == {"德环罚〔2017〕3号.pdf": "case_file", "事迹材料.docx": "supporting"}
    assert report["sources"][0]["label"] == tmp_path.name


def test_blobs_make_the_disc_unnecessary(cli, disc_tree: Path, data_dir: Path) -> None:
    report = cli("import", disc_tree, "--json").json()
    sha = _by_path(report)[CASE]["sha256"]
    original = (disc_tree / CASE).read_bytes()
    shutil.rmtree(disc_tree)
    assert (data_dir / "blobs" / sha[:2] / sha).read_bytes() == original


def test_a_wrong_forced_encoding_is_refused_before_anything_is_imported(cli, tmp_path: Path) -> None:
    """Garbled names were stored for good (a re-import found the zip already imported)."""
    archive = write_zip(tmp_path / "mail.zip", {"集体/推选案卷/德环罚〔2017〕3号.pdf": case_pdf()}, gbk=True)
    refused = cli("import", archive, "--encoding", "utf-8")
    assert refused.code == 2, refused
    told = refused.out + refused.err
    assert "不是 utf-8 编码" in told and "are not utf-8" in told and "gb" in told
    assert cli("cases", "--json").json() == []
    report = cli("import", archive, "--json").json()
    assert "集体/推选案卷/德环罚〔2017〕3号.pdf" in _by_path(report)
