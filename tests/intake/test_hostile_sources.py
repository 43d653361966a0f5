"""Sources a tired official or a hostile disc hands over: each gets a message, the rest imports, the store holds.

Issue 13, points 4-7 and the intake parts of 9; each test reproduces what went wrong before.
"""

from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from app.errors import StoreError
from app.filelock import FileLock
from app.intake import sources
from app.models.store import Store
from tests.helpers.files import case_pdf, write_zip
from tests.helpers.store_checks import assert_store_whole

GOOD = "集体/推选案卷/德环罚〔2017〕3号.pdf"


def _files(result) -> dict[str, dict]:
    return {f["source_path"]: f for f in result.json()["files"]}


def test_a_gbk_name_on_a_disc_mounted_without_iocharset_is_decoded_and_the_rest_imports(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "disc"
    (root / GOOD).parent.mkdir(parents=True)
    raw_folder = os.fsencode(root) + b"/" + "个人-马海军".encode("gbk")
    os.makedirs(raw_folder)
    with open(raw_folder + b"/" + "马海军案卷.pdf".encode("gbk"), "wb") as handle:
        handle.write(case_pdf(pages=3))
    (root / "zz-最后一个.pdf").write_bytes(case_pdf(pages=4))
    (root / GOOD).write_bytes(case_pdf(pages=5))

    result = cli("import", root, "--json")

    files = _files(result)
    assert "个人-马海军/马海军案卷.pdf" in files, files.keys()
    assert "zz-最后一个.pdf" in files and GOOD in files
    db = sqlite3.connect(data_dir / "reviewdesk.sqlite3")
    raw = db.execute(
        "SELECT raw_path FROM files WHERE source_path = ?", ["个人-马海军/马海军案卷.pdf"]
    ).fetchone()
    db.close()
    assert raw[0] == "个人-马海军/马海军案卷.pdf".encode("gbk")
    assert_store_whole(data_dir)


def test_an_unreadable_subfolder_keeps_a_row_with_the_reason(
    cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "disc"
    (root / GOOD).parent.mkdir(parents=True)
    (root / GOOD).write_bytes(case_pdf(pages=3))
    (root / "锁住的文件夹").mkdir()
    (root / "锁住的文件夹" / "a.pdf").write_bytes(case_pdf(pages=2))
    real_scandir = os.scandir

    def scandir(path=None):  # root reads mode 000 folders anyway, so refuse as a non-root user would be
        if path is not None and os.fspath(path).endswith("锁住的文件夹"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("import", root, "--json")

    files = _files(result)
    assert files["锁住的文件夹/"]["problem"]["code"] == "unreadable_folder"
    assert "Permission denied" in files["锁住的文件夹/"]["problem"]["message_en"]
    assert GOOD in files
    assert result.code == 1


def test_an_unreadable_source_is_refused_as_a_permission_problem_not_a_scratched_disc(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "locked"
    root.mkdir()
    real_scandir = os.scandir

    def scandir(path=None):
        if path is not None and Path(os.fspath(path)) == root:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("import", root)
    assert result.code == 2
    assert "没有读取权限" in result.out and "permission denied" in result.out
    assert "划痕" not in result.out


def test_an_unreadable_file_says_permission_denied(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "disc"
    (root / GOOD).parent.mkdir(parents=True)
    (root / GOOD).write_bytes(case_pdf(pages=3))
    (root / "私密.pdf").write_bytes(case_pdf(pages=2))
    real_open = Path.open

    def guarded_open(self, *args, **kwargs):
        if self.name == "私密.pdf":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    files = _files(cli("import", root, "--json"))
    assert files["私密.pdf"]["problem"]["code"] == "permission_denied"
    assert files[GOOD]["class"] == "case_file"


@pytest.mark.parametrize("make", ["chardev", "fifo"])
def test_devices_and_pipes_are_refused_at_once(cli, data_dir: Path, tmp_path: Path, make: str) -> None:
    if make == "chardev":
        target = Path("/dev/zero")
    else:
        target = tmp_path / "pipe"
        os.mkfifo(target)
    result = cli("import", target)
    assert result.code == 2
    assert "设备、管道或套接字不能导入" in result.out and "cannot be imported" in result.out


def test_a_symlink_loop_given_as_the_source_is_a_message(cli, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = cli("import", loop)
    assert result.code == 2
    assert "循环的符号链接" in result.out and "symbolic-link loop" in result.out


def test_many_members_that_each_pass_the_bomb_rule_cannot_flood_the_store_together(
    cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20 members of 60 MB at 1000:1 wrote 1.2 GB; the archive as a whole now has a budget (scaled down here)."""
    monkeypatch.setattr(sources, "BOMB_MIN_SIZE", 8 * 1024 * 1024)
    members = {f"数据/{i:02d}.csv": b"0" * (1024 * 1024) for i in range(20)}
    archive = write_zip(tmp_path / "报送.zip", {GOOD: case_pdf(pages=2), **members})
    assert archive.stat().st_size < 200 * 1024

    files = _files(cli("import", archive, "--json"))

    refused = [p for p, f in files.items() if f["problem"] and f["problem"]["code"] == "archive_too_large"]
    assert len(refused) >= 12
    stored = sum(p.stat().st_size for p in (data_dir / "blobs").rglob("*") if p.is_file())
    assert stored <= 8 * 1024 * 1024 + 200 * 1024


def test_a_zip_inside_a_zip_spends_its_parents_budget(
    cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "BOMB_MIN_SIZE", 4 * 1024 * 1024)
    inner = write_zip(tmp_path / "inner.zip", {f"{i}.csv": b"1" * (1024 * 1024) for i in range(12)})
    outer = write_zip(tmp_path / "outer.zip", {"inner.zip": inner.read_bytes()})
    files = _files(cli("import", outer, "--json"))
    refused = [p for p, f in files.items() if f["problem"] and f["problem"]["code"] == "archive_too_large"]
    assert refused, files
    stored = sum(p.stat().st_size for p in (data_dir / "blobs").rglob("*") if p.is_file())
    assert stored <= 4 * 1024 * 1024 + 100 * 1024


def test_a_killed_imports_temporaries_go_on_the_next_open_a_live_ones_stay(data_dir: Path) -> None:
    Store.open(data_dir).close()
    tmp = data_dir / "blobs" / "tmp"
    dead = tmp / "incoming-999999-abc"
    dead.write_bytes(b"x" * 1000)
    live = tmp / "incoming-888888-def"
    live.write_bytes(b"y" * 1000)
    dead_folder = tmp / "packet-999999-xyz"  # a receive-packet killed while importing
    (dead_folder / "评审包-1234").mkdir(parents=True)
    (dead_folder / "评审包-1234" / "案卷01.pdf").write_bytes(b"%PDF-1.4")
    (data_dir / "locks").mkdir(exist_ok=True)
    (data_dir / "locks" / "import-999999.lock").touch()  # its process is gone: nobody holds it
    holder = FileLock(data_dir / "locks" / "import-888888.lock")
    assert holder.try_acquire()  # another process, still importing
    try:
        Store.open(data_dir).close()
        assert not dead.exists() and not dead_folder.exists()
        assert live.exists()
    finally:
        holder.release()
    Store.open(data_dir).close()
    assert not live.exists()


def test_a_zero_byte_database_beside_imported_files_is_not_silently_a_new_store(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "disc"
    (root / GOOD).parent.mkdir(parents=True)
    (root / GOOD).write_bytes(case_pdf(pages=3))
    assert cli("import", root).code == 0
    for leftover in data_dir.glob("reviewdesk.sqlite3*"):
        leftover.unlink()
    (data_dir / "reviewdesk.sqlite3").write_bytes(b"")
    with pytest.raises(StoreError) as error:
        Store.open(data_dir)
    assert error.value.code == "store_emptied"
    result = cli("cases")
    assert result.code == 2 and "备份" in result.err and "backup" in result.err


def _open_and_close(path: str) -> str:
    try:
        Store.open(Path(path)).close()
    except Exception as exc:  # reported to the parent, which fails the test with it
        return repr(exc)
    return "ok"


def test_processes_racing_on_a_new_data_directory_all_open_it(tmp_path: Path) -> None:
    """Two imports on a fresh data directory once failed with 'table meta already exists'."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.map(_open_and_close, [str(tmp_path / "fresh")] * 8)
    assert results == ["ok"] * 8


def test_one_file_imported_again_under_a_second_name_is_recorded_under_both(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    first = tmp_path / "德环罚〔2017〕3号.pdf"
    first.write_bytes(case_pdf(pages=3))
    second = tmp_path / "another" / "推选-德环罚〔2017〕3号.pdf"
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())
    assert cli("import", first).code == 0
    result = cli("import", second, "--json")
    assert "推选-德环罚〔2017〕3号.pdf" in _files(result)
    db = sqlite3.connect(data_dir / "reviewdesk.sqlite3")
    names = {row[0] for row in db.execute("SELECT source_path FROM files")}
    db.close()
    assert names == {"德环罚〔2017〕3号.pdf", "推选-德环罚〔2017〕3号.pdf"}
    # the same file under the same name again changes nothing
    again = cli("import", first, "--json").json()
    assert again["summary"]["new"] == 0


def test_a_zip_with_an_unknown_forced_encoding_is_a_usage_message(cli, tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.pdf", case_pdf(pages=1))
    result = cli("import", "--encoding", "nosuchcodec", archive)
    assert result.code == 2
    assert "不认识的文件名编码" in result.err and "unknown name encoding" in result.err


def test_analysing_a_case_whose_stored_copy_is_gone_says_so_in_both_languages(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    root = tmp_path / "disc"
    (root / GOOD).parent.mkdir(parents=True)
    (root / GOOD).write_bytes(case_pdf(pages=5))
    assert cli("import", root).code == 0
    for blob in (data_dir / "blobs").glob("??/*"):
        blob.unlink()
    result = cli("analyze", "--all")
    assert result.code == 1
    assert "缺少这个文件的副本" in result.out and "copy of this file is missing" in result.out
