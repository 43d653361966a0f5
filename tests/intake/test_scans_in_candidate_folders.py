"""A scanned case file named only ``02.pdf`` in a candidate's own folder is a case file (issue 11)."""

from __future__ import annotations

import io
from pathlib import Path

import pymupdf
from PIL import Image


def _scan(pages: int) -> bytes:
    """An image-only PDF, as a scanner writes it: no text layer to read at import."""
    buffer = io.BytesIO()
    Image.new("L", (620, 877), 235).save(buffer, format="PNG")
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        page.insert_image(page.rect, stream=buffer.getvalue())
    data = doc.tobytes()
    doc.close()
    return data


def _classes(cli, root: Path) -> dict[str, str]:
    return {f["source_path"]: f["class"] for f in cli("import", root, "--json").json()["files"]}


def test_a_scan_in_a_candidates_folder_is_a_case_file_whatever_its_name(cli, tmp_path: Path) -> None:
    root = tmp_path / "disc"
    for folder in ("个人：马海军", "段欣建（德令哈市环境保护局）", "二、集体（海西州环境保护局）"):
        (root / folder).mkdir(parents=True)
        (root / folder / "02.pdf").write_bytes(_scan(6))
    classes = _classes(cli, root)
    assert set(classes.values()) == {"case_file"}, classes


def test_a_scan_elsewhere_or_too_short_is_not_taken_for_one(cli, tmp_path: Path) -> None:
    root = tmp_path / "disc"
    (root / "资料").mkdir(parents=True)
    (root / "资料" / "扫描.pdf").write_bytes(_scan(6))
    (root / "个人：马海军").mkdir()
    (root / "个人：马海军" / "证明.pdf").write_bytes(_scan(2))
    (root / "个人：马海军" / "重点排污单位统计表.pdf").write_bytes(_scan(6))
    classes = _classes(cli, root)
    assert classes == {
        "个人：马海军/证明.pdf": "other",
        "个人：马海军/重点排污单位统计表.pdf": "other",
        "资料/扫描.pdf": "other",
    }


def test_a_file_named_as_a_case_file_counts_like_a_folder_that_says_so(cli, tmp_path: Path) -> None:
    root = tmp_path / "disc"
    root.mkdir()
    (root / "案卷3.pdf").write_bytes(_scan(6))
    assert _classes(cli, root) == {"案卷3.pdf": "case_file"}
