"""The faster intake path gives what the plain one gave: same facts from memory as from the file,
progress told from the importing thread up to every byte, nothing left behind by a failed sync."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.intake import importer as importer_module
from app.intake.importer import Importer
from app.intake.inspection import inspect_pdf
from app.intake.outcome import Progress
from app.models.store import Store
from tests.helpers.files import case_pdf, encrypted_pdf, jpeg_bytes, text_pdf, truncated_pdf


@pytest.mark.parametrize(
    "make",
    [case_pdf, encrypted_pdf, truncated_pdf, lambda: b"%PDF-1.4 not really", lambda: text_pdf(["封面"], 3)],
    ids=["case", "encrypted", "truncated", "garbage", "three-pages"],
)
def test_a_pdf_inspected_from_memory_gives_the_facts_read_from_its_file(make, tmp_path: Path) -> None:
    data = make()
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    assert inspect_pdf(path, data=data) == inspect_pdf(path)


def _disc(root: Path, count: int) -> Path:
    folder = root / "disc" / "01_德令哈市生态环境局" / "集体" / "推选案卷"
    folder.mkdir(parents=True)
    for number in range(1, count + 1):
        (folder / f"德环罚〔2024〕{number}号.pdf").write_bytes(case_pdf(pages=4 + number))
    (root / "disc" / "照片.jpg").write_bytes(jpeg_bytes())
    return root / "disc"


def test_progress_comes_from_the_importing_thread_and_reaches_every_byte(
    store: Store, tmp_path: Path
) -> None:
    disc = _disc(tmp_path, 6)
    seen: list[tuple[int, int, int, int]] = []
    threads: set[int] = set()

    def progress(p: Progress) -> None:
        threads.add(threading.get_ident())
        seen.append((p.files_done, p.files_total, p.bytes_done, p.bytes_total))

    report = Importer(store, "tester", progress=progress).run([disc])

    assert report.exit_code == 0
    assert threads == {threading.get_ident()}
    total = sum(p.stat().st_size for p in disc.rglob("*") if p.is_file())
    assert seen[-1] == (7, 7, total, total)
    assert [s[2] for s in seen] == sorted(s[2] for s in seen)  # never backwards


def test_a_failed_record_leaves_no_temporary_and_no_row(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch that cannot be recorded (here: its background sync fails) drops its copies, and the error stops the import."""
    monkeypatch.setattr(importer_module, "BATCH_FILES", 2)
    disc = _disc(tmp_path, 6)

    def failing_sync(_blobs: list) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(store.blobs, "sync", failing_sync)
    with pytest.raises(OSError):
        Importer(store, "tester").run([disc])

    assert store.db.execute("SELECT count(*) FROM files").fetchone()[0] == 0
    assert list(store.blobs.tmp.iterdir()) == []
