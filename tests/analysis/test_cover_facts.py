"""A scanned case file's cover is read once analysis has OCR'd it (issue 11: case type left empty)."""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf

from app.demo.scan import scan_pdf
from tests.helpers.cli import run


def _scanned_case(path: Path) -> None:
    """A four-page image-only case file: a cover that names the unit, the case kind and the 文号."""
    doc = pymupdf.open()
    cover = doc.new_page()
    cover.insert_text((150, 200), "行政处罚案卷", fontname="china-s", fontsize=30)
    cover.insert_text((120, 300), "单位：海西蒙古族藏族自治州环境保护局", fontname="china-s", fontsize=16)
    cover.insert_text((120, 340), "文号：青海环罚〔2019〕112号", fontname="china-s", fontsize=16)
    cover.insert_text((120, 380), "案由：未按规定贮存危险废物", fontname="china-s", fontsize=16)
    second = doc.new_page()
    second.insert_text((180, 90), "行政处罚决定书", fontname="china-s", fontsize=22)
    second.insert_text((72, 150), "青海环罚〔2019〕112号", fontname="china-s", fontsize=14)
    for title in ("送达回证", "结案审批表"):  # a case file has a few pages more than a letter
        page = doc.new_page()
        page.insert_text((200, 90), title, fontname="china-s", fontsize=22)
    born_digital = doc.tobytes()
    doc.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(scan_pdf(born_digital, random.Random(3), dpi=200, max_skew=0.5))


def test_a_scanned_cover_gives_the_case_type_and_number_after_analysis(
    tmp_path: Path, data_dir: Path
) -> None:
    disc = tmp_path / "disc"
    _scanned_case(disc / "随机抽选案卷" / "案卷3.pdf")
    assert run(data_dir, "import", disc).code == 0
    listed = run(data_dir, "cases", "--json").json()
    assert listed[0]["case_type"] is None  # nothing to read at import: no folder, no text layer

    assert run(data_dir, "analyze", "--all").code == 0

    shown = run(data_dir, "case", "show", str(listed[0]["id"]), "--json").json()
    assert shown["case_type"] == "general_penalty"
    assert shown["case_number"] == "青海环罚〔2019〕112号"
    assert shown["selection"] == "sampled"
    assert "OCR" in shown["provenance"]["case_type"]["detail"]
    assert shown["unit"] == "海西蒙古族藏族自治州环境保护局"


def test_what_intake_read_or_a_person_corrected_is_not_replaced(tmp_path: Path, data_dir: Path) -> None:
    disc = tmp_path / "disc"
    _scanned_case(disc / "集体" / "按日连续处罚" / "案卷3.pdf")
    assert run(data_dir, "import", disc).code == 0
    case_id = run(data_dir, "cases", "--json").json()[0]["id"]
    assert run(data_dir, "case", "set", str(case_id), "--case-number", "人工〔2019〕1号").code == 0
    assert run(data_dir, "analyze", "--all").code == 0
    shown = run(data_dir, "case", "show", str(case_id), "--json").json()
    assert shown["case_type"] == "daily_penalty"  # the folder said so at import
    assert shown["case_number"] == "人工〔2019〕1号"  # the person's correction stands
    assert shown["unit"] == "海西蒙古族藏族自治州环境保护局"  # read from the OCR'd cover


def test_a_full_read_after_a_titles_only_one_reads_the_case_type_again(
    tmp_path: Path, data_dir: Path
) -> None:
    """What the title bands could not show (a 移送行政拘留 stated mid-page) the full text can."""
    doc = pymupdf.open()
    cover = doc.new_page()
    cover.insert_text((150, 200), "行政处罚案卷", fontname="china-s", fontsize=30)
    cover.insert_text((120, 340), "文号：德环罚〔2017〕139号", fontname="china-s", fontsize=16)
    for _ in range(2):
        doc.new_page().insert_text((200, 90), "送达回证", fontname="china-s", fontsize=22)
    report = doc.new_page()
    report.insert_text((200, 90), "案件调查报告", fontname="china-s", fontsize=22)
    report.insert_text(
        (72, 420), "处理意见：本案适用行政拘留，移送公安机关。", fontname="china-s", fontsize=14
    )
    born_digital = doc.tobytes()
    doc.close()
    target = tmp_path / "disc" / "抽选案卷" / "德环罚〔2017〕139号.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(scan_pdf(born_digital, random.Random(5), dpi=200, max_skew=0.5))
    assert run(data_dir, "import", tmp_path / "disc").code == 0
    case_id = str(run(data_dir, "cases", "--json").json()[0]["id"])

    assert run(data_dir, "analyze", "--all", "--titles-only").code == 0
    assert run(data_dir, "case", "show", case_id, "--json").json()["case_type"] == "general_penalty"
    assert run(data_dir, "analyze", "--all").code == 0
    shown = run(data_dir, "case", "show", case_id, "--json").json()
    assert shown["case_type"] == "detention_referral"
    assert "OCR" in shown["provenance"]["case_type"]["detail"]
