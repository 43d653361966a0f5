"""Files are recorded a batch at a time: a cancel keeps what was staged, nothing is left half-done."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.intake import importer as importer_module
from app.intake.importer import ImportCancelled, Importer
from app.intake.sniff import sniff_file, sniff_stored
from app.models.cases import CaseRepository
from app.models.store import Store
from tests.helpers.files import jpeg_bytes, text_pdf, write_zip

COVER = ["德令哈市生态环境局", "行政处罚案卷", "卷内目录"]


def _disc(root: Path, count: int) -> Path:
    folder = root / "disc" / "01_德令哈市生态环境局" / "集体" / "推选案卷"
    folder.mkdir(parents=True)
    for number in range(1, count + 1):
        (folder / f"德环罚〔2024〕{number}号.pdf").write_bytes(
            text_pdf([*COVER, f"德环罚〔2024〕{number}号"])
        )
    return root / "disc"


def _every_row_has_its_blob(store: Store) -> None:
    shas = [r[0] for r in store.db.execute("SELECT sha256 FROM files WHERE sha256 IS NOT NULL").fetchall()]
    assert shas and all(store.blobs.exists(sha) for sha in shas)
    assert list(store.blobs.tmp.iterdir()) == []


def test_a_cancel_records_the_staged_batch_and_a_rerun_finishes(store: Store, tmp_path: Path) -> None:
    disc = _disc(tmp_path, 9)
    polls = iter(range(100))
    cancelled_after = 5  # the cancel is polled before each file: five files are staged first

    with pytest.raises(ImportCancelled):
        Importer(store, "tester", cancelled=lambda: next(polls) >= cancelled_after).run([disc])

    assert store.db.execute("SELECT count(*) FROM files").fetchone()[0] == cancelled_after
    assert store.db.execute("SELECT status FROM sources").fetchone()[0] == "importing"
    _every_row_has_its_blob(store)

    report = Importer(store, "tester").run([disc])
    assert report.sources[0].status == "resumed"
    assert store.db.execute("SELECT count(*) FROM files").fetchone()[0] == 9
    assert len(CaseRepository(store.db).list()) == 9
    _every_row_has_its_blob(store)


def test_small_batches_give_the_same_store_as_one(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer_module, "BATCH_FILES", 2)
    disc = _disc(tmp_path, 5)
    report = Importer(store, "tester").run([disc])
    assert [f.status for f in report.files] == ["new"] * 5
    assert all(f.case_id is not None for f in report.files)
    assert sorted(f.case_id for f in report.files) == [c.id for c in CaseRepository(store.db).list()]
    _every_row_has_its_blob(store)


def test_get_reads_one_case_exactly_as_the_list_shows_it(store: Store, tmp_path: Path) -> None:
    disc = _disc(tmp_path, 3)
    twice = disc / "01_德令哈市生态环境局" / "集体" / "抽选案卷"
    twice.mkdir()
    (twice / "德环罚〔2024〕1号.pdf").write_bytes(
        (disc / "01_德令哈市生态环境局" / "集体" / "推选案卷" / "德环罚〔2024〕1号.pdf").read_bytes()
    )
    Importer(store, "tester").run([disc])
    repo = CaseRepository(store.db)
    first = repo.list()[0]
    repo.correct(first.id, {"unit": "海西州生态环境局"}, "tester")
    listed = repo.list()
    assert any(c.problems for c in listed)  # the duplicate submission is on both paths
    for case in listed:
        assert repo.get(case.id).as_json() == case.as_json()


@pytest.mark.parametrize(
    "name, data",
    [
        ("a.pdf", text_pdf(["一页"])),
        ("a.jpg", jpeg_bytes()),
        ("a.txt", "纯文本文件\n".encode() * 10),
        ("a.bin", bytes(range(256)) * 300),
    ],
)
def test_sniffing_the_stored_head_agrees_with_reading_the_file(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert sniff_stored(path, data[: 64 * 1024]) == sniff_file(path)


def test_sniffing_the_stored_head_tells_a_docx_from_a_zip(tmp_path: Path) -> None:
    docx = write_zip(tmp_path / "a.docx", {"word/document.xml": b"<w/>", "[Content_Types].xml": b"<x/>"})
    plain = write_zip(tmp_path / "b.zip", {"a.pdf": text_pdf(["一页"])})
    for path in (docx, plain):
        assert sniff_stored(path, path.read_bytes()[: 64 * 1024]) == sniff_file(path)
