"""Every bad input becomes a problem on that file, the rest imports, and nothing escapes the data dir."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.models.store import Store
from app.problems import all_codes, problem
from tests.helpers.files import (
    case_pdf,
    encrypted_pdf,
    jpeg_bytes,
    ole_bytes,
    truncated_pdf,
    write_bomb_zip,
    write_traversal_zip,
)

GOOD = "集体/推选案卷/德环罚〔2017〕3号.pdf"


def _disc_with(tmp_path: Path, name: str, data: bytes) -> Path:
    root = tmp_path / "disc"
    (root / GOOD).parent.mkdir(parents=True)
    (root / GOOD).write_bytes(case_pdf())
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(data)
    return root


def _files(report: dict) -> dict[str, dict]:
    return {f["source_path"]: f for f in report["files"]}


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("集体/推选案卷/截断.pdf", truncated_pdf, "truncated_pdf"),
        ("集体/推选案卷/加密.pdf", encrypted_pdf, "encrypted_pdf"),
        ("集体/推选案卷/乱码.pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 3, "corrupt_pdf"),
        ("集体/推选案卷/空文件.pdf", lambda: b"", "empty_file"),
        ("集体/推选案卷/照片.pdf", jpeg_bytes, "wrong_type"),
        ("个人-张三/事迹材料.doc", ole_bytes, "legacy_doc"),
        ("个人-张三/事迹材料.docx", lambda: b"PK\x03\x04 not really a zip", "wrong_type_or_damaged"),
    ],
)
def test_bad_file_is_a_problem_and_the_rest_imports(cli, tmp_path: Path, name, make, code) -> None:
    result = cli("import", _disc_with(tmp_path, name, make()), "--json")
    assert result.code == 1, result.err
    files = _files(result.json())
    assert files[GOOD]["class"] == "case_file" and files[GOOD]["problem"] is None
    bad = files[name]
    assert bad["class"] == "rejected"
    if code == "wrong_type_or_damaged":
        assert bad["problem"]["code"] in {"damaged_docx", "corrupt_archive", "wrong_type"}
    else:
        assert bad["problem"]["code"] == code
    assert bad["problem"]["message"] and bad["problem"]["message_en"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in bad["problem"]["message"])


def test_human_output_names_the_problem_in_both_languages(cli, tmp_path: Path) -> None:
    result = cli("import", _disc_with(tmp_path, "x/加密.pdf", encrypted_pdf()))
    assert result.code == 1
    assert "encrypted_pdf" in result.out
    assert "已加密" in result.out and "password-protected" in result.out


def test_zip_traversal_writes_nothing_outside(cli, tmp_path: Path, data_dir: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    archive = write_traversal_zip(work / "mail.zip", case_pdf())
    result = cli("import", archive, "--json")
    assert result.code == 1
    files = _files(result.json())
    assert files["good/案卷.pdf"]["class"] == "case_file"
    unsafe = [f for f in files.values() if f["problem"] and f["problem"]["code"] == "unsafe_path"]
    assert len(unsafe) == 2 and all(f["sha256"] is None for f in unsafe)
    assert not (tmp_path / "evil.txt").exists() and not (work.parent / "evil.txt").exists()
    assert not Path("/abs/evil2.txt").exists()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert path.is_relative_to(data_dir) or path.is_relative_to(work)


def test_zip_bomb_is_refused_unread(cli, tmp_path: Path, data_dir: Path) -> None:
    archive = write_bomb_zip(tmp_path / "bomb.zip", case_pdf())
    result = cli("import", archive, "--json")
    files = _files(result.json())
    assert files["bomb.pdf"]["problem"]["code"] == "zip_bomb"
    assert files["ok/德环罚〔2017〕3号.pdf"]["class"] == "case_file"
    stored = sum(p.stat().st_size for p in (data_dir / "blobs").rglob("*") if p.is_file())
    assert stored < 50 * 1024 * 1024


def test_unreadable_image_is_a_source_error_with_exit_2(cli, tmp_path: Path) -> None:
    fake = tmp_path / "disc.iso"
    data = bytearray(40 * 2048)
    data[16 * 2048 + 1 : 16 * 2048 + 6] = b"CD001"  # claims ISO 9660, but the descriptor is garbage
    fake.write_bytes(bytes(data))
    good = tmp_path / "德环罚〔2017〕3号.pdf"
    good.write_bytes(case_pdf())
    result = cli("import", fake, good, "--json")
    assert result.code == 2
    report = result.json()
    assert report["sources"][0]["error"]["code"] in {"corrupt_archive", "unsupported_image"}
    assert report["sources"][1]["error"] is None
    assert _files(report)["德环罚〔2017〕3号.pdf"]["class"] == "case_file"


def test_missing_source_and_corrupt_zip(cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    result = cli("import", tmp_path / "nope", broken)
    assert result.code == 2
    assert "找不到" in result.out and "no such file" in result.out
    assert "压缩包" in result.out


def test_usage_errors_exit_2(cli) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli("import")
    assert exit_info.value.code == 2


def test_store_stays_consistent_after_bad_inputs(cli, tmp_path: Path, data_dir: Path) -> None:
    cli("import", _disc_with(tmp_path, "x/截断.pdf", truncated_pdf()))
    store = Store.open(data_dir)
    try:
        assert store.integrity_ok()
        orphans = store.db.execute(
            "SELECT count(*) FROM files WHERE sha256 IS NOT NULL AND sha256 NOT IN (SELECT sha256 FROM blobs)"
        ).fetchone()[0]
        assert orphans == 0
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        store.close()


def test_locked_store_is_a_clear_error(cli, data_dir: Path, tmp_path: Path) -> None:
    Store.open(data_dir).close()
    holder = sqlite3.connect(data_dir / "reviewdesk.sqlite3", timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        import app.models.store as store_module

        original = sqlite3.connect
        store_module.sqlite3.connect = lambda *a, **k: original(*a, **{**k, "timeout": 0.2})  # type: ignore[assignment]
        try:
            pdf = tmp_path / "a.pdf"
            pdf.write_bytes(case_pdf())
            result = cli("import", pdf)
        finally:
            store_module.sqlite3.connect = original  # type: ignore[assignment]
    finally:
        holder.rollback()
        holder.close()
    assert result.code == 2
    assert "另一个程序" in result.err and "locked" in result.err


def test_every_problem_code_has_both_messages() -> None:
    for code in all_codes():
        values = {"name": "x.pdf", "actual": "图片", "actual_en": "an image", "path": "../x", "size": "1 GB"}
        values |= {"ratio": "1000:1", "reason": "r", "other": "y.pdf", "budget": "64 MB", "source": "disc"}
        found = problem(code, **values)
        assert found.zh and found.en and found.zh != found.en
