"""A case file whose titles are spaced out (行 政 处 罚 案 卷) is a case file, whatever its name (issue 11).

Bureaus space the titles of covers and forms; a file named ``02.pdf`` in a candidate's folder
(no 案卷 in any name) is known only by what its first pages say.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from app.intake.importer import Importer
from app.models.cases import CaseRepository
from app.models.store import Store

PAGES = [
    [
        "某市环保局",
        "行 政 处 罚 案 卷",
        "案　　由：某公司未按规定贮存危险废物案",
        "案　　号：某环罚〔2019〕119号",
    ],
    ["环境行政处罚文书", "立 案 审 批 表", "案件来源　在线监控", "承办人意见　建议立案调查。"],
    ["现场勘察笔录", "时间：2019年4月17日14时30分至15时59分", "地点：某市某街道201号"],
    ["问：你单位是否办理环评手续？", "答：没有。"],
    ["照片证据", "拍摄时间：2019年4月17日"],
]


def write_pdf(path: Path, pages: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=595, height=842)
        for index, text in enumerate(lines):
            page.insert_text((72, 90 + 28 * index), text, fontname="china-s", fontsize=14)
    doc.save(path)


@pytest.mark.parametrize(
    "pages",
    [PAGES, [PAGES[2], *PAGES[3:]] * 2],
    ids=["spaced-cover-and-filing-form", "inspection-record-only"],
)
def test_a_file_whose_titles_are_spaced_or_named_otherwise_is_a_case_file(
    tmp_path: Path, pages: list[list[str]]
) -> None:
    disc = tmp_path / "disc"
    write_pdf(disc / "杜某（某市环境保护局）" / "02.pdf", pages)
    write_pdf(disc / "杜某（某市环境保护局）" / "说明.pdf", [["报送说明", "现报送案卷两本。"]])
    store = Store.open(tmp_path / "data")
    try:
        Importer(store, "test").run([disc])
        paths = [case.source_path for case in CaseRepository(store.db).list()]
    finally:
        store.close()
    assert paths == ["杜某（某市环境保护局）/02.pdf"]
