"""A source with nothing to import is refused in both languages and leaves the store as it was;
documents without a case file are imported and said plainly (a new user's trial of an empty folder)."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.intake.importer import Importer
from app.models.store import Store
from tests.conftest import CliResult
from tests.helpers.files import case_pdf, jpeg_bytes, text_pdf, write_zip

TABLES = ("sources", "files", "blobs", "cases", "case_facts")


def _snapshot(data_dir: Path) -> tuple[dict[str, int], list[str]]:
    """Row counts of intake's tables and every file under the data directory but the database's."""
    with sqlite3.connect(data_dir / "reviewdesk.sqlite3") as db:
        counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
    files = sorted(
        str(p.relative_to(data_dir))
        for p in data_dir.rglob("*")
        if p.is_file() and not p.name.startswith("reviewdesk.sqlite3") and p.parent.name != "locks"
    )
    return counts, files


def _empty_folder(tmp_path: Path) -> Path:
    (tmp_path / "空光盘").mkdir()
    return tmp_path / "空光盘"


def _only_empty_subfolders(tmp_path: Path) -> Path:
    (tmp_path / "disc" / "01_德令哈市生态环境局" / "集体" / "推选案卷").mkdir(parents=True)
    return tmp_path / "disc"


def _empty_zip(tmp_path: Path) -> Path:
    with zipfile.ZipFile(tmp_path / "空.zip", "w"):
        pass
    return tmp_path / "空.zip"


def _no_documents(tmp_path: Path) -> Path:
    root = tmp_path / "照片"
    root.mkdir()
    (root / "现场照片.jpg").write_bytes(jpeg_bytes())
    (root / "说明.txt").write_text("现场照片，案卷另行报送。", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_empty_folder, ("文件夹", "folder", "是空的", "is empty")),
        (_only_empty_subfolders, ("文件夹", "is empty")),
        (_empty_zip, ("压缩包", "zip", "是空的")),
        (_no_documents, ("2 个文件", "JPEG 图片 1 个", "纯文本 1 个", "1 × a JPEG image")),
    ],
    ids=["empty-folder", "empty-subfolders", "empty-zip", "no-pdf"],
)
def test_nothing_to_import_is_refused_in_both_languages_and_changes_nothing(
    cli: Callable[..., CliResult], data_dir: Path, tmp_path: Path, make: Callable[[Path], Path], says: tuple
) -> None:
    source = make(tmp_path)
    cli("cases")  # the store exists before, so "unchanged" is checked against something
    before = _snapshot(data_dir)

    result = cli("import", source)

    assert result.code == 2  # as every source that cannot be imported
    printed = result.out + result.err
    assert "没有可导入的内容" in printed and "nothing to import" in printed
    assert str(source.resolve()) in printed
    for words in says:
        assert words in printed
    assert _snapshot(data_dir) == before

    as_json = cli("import", source, "--json")
    assert as_json.code == 2
    report = as_json.json()
    assert report["sources"][0]["status"] == "failed"
    assert report["sources"][0]["error"]["code"] == "nothing_to_import"
    assert report["files"] == [] and report["summary"]["files"] == 0
    assert _snapshot(data_dir) == before


def test_documents_without_a_case_file_are_imported_and_reported(
    cli: Callable[..., CliResult], data_dir: Path, tmp_path: Path
) -> None:
    """Supporting material may come on its own disc: kept (the disc goes back), the missing case file said."""
    root = tmp_path / "材料"
    root.mkdir()
    (root / "廉洁执法证明.pdf").write_bytes(text_pdf(["廉洁执法证明", "德令哈市生态环境局"]))
    (root / "现场照片.jpg").write_bytes(jpeg_bytes())

    result = cli("import", root)

    assert result.code == 1
    assert "没有找到案卷" in result.out and "no case file found" in result.out
    report = cli("import", root, "--json").json()
    warning = report["sources"][0]["warning"]
    assert warning["code"] == "no_case_file" and warning["severity"] == "warning"
    assert str(root.resolve()) in warning["message"]
    with sqlite3.connect(data_dir / "reviewdesk.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 2
        assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_a_case_file_after_many_other_files_imports_them_all(store: Store, tmp_path: Path) -> None:
    """Rows wait for the first document; once it comes, everything held before it is recorded too."""
    root = tmp_path / "disc"
    (root / "00_照片").mkdir(parents=True)
    for number in range(5):
        (root / "00_照片" / f"{number}.jpg").write_bytes(jpeg_bytes() + bytes([number]))
    (root / "集体" / "推选案卷").mkdir(parents=True)
    (root / "集体" / "推选案卷" / "德环罚〔2017〕3号.pdf").write_bytes(case_pdf())

    report = Importer(store, "tester").run([root])

    assert report.exit_code == 0 and report.sources[0].warning is None
    assert store.db.execute("SELECT count(*) FROM files").fetchone()[0] == 6
    shas = [r[0] for r in store.db.execute("SELECT sha256 FROM files").fetchall()]
    assert all(store.blobs.exists(sha) for sha in shas)
    assert list(store.blobs.tmp.iterdir()) == []


def test_a_zip_of_pictures_only_leaves_no_blob_behind(store: Store, tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "照片.zip", {"a.jpg": jpeg_bytes(), "b.jpg": jpeg_bytes() + b"\0"})

    report = Importer(store, "tester").run([archive])

    assert report.exit_code == 2
    assert report.sources[0].error is not None and report.sources[0].error.code == "nothing_to_import"
    assert store.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
    assert [p for p in store.blobs.root.rglob("*") if p.is_file()] == []
