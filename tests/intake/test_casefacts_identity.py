"""Intake reads the candidate from its submitting folder and the case type from every clue a person uses."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from app.intake.folders import read_folder

FULL = "海西蒙古族藏族自治州环境保护局"
SHORT = "海西州环境保护局"


def case_pdf(
    path: Path, cover: list[str], inside: dict[int, list[str]] | None = None, pages: int = 6
) -> None:
    """A case PDF: the cover's lines on page 1, other documents' lines on the pages given."""
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page()
        for row, line in enumerate(cover if number == 1 else (inside or {}).get(number, [])):
            page.insert_text((72, 72 + 20 * row), line, fontname="china-s", fontsize=12)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    doc.close()


def cover(unit: str, number: str, title: str = "行政处罚案卷") -> list[str]:
    return [unit, title, "卷内目录", f"文号：{number}"]


def imported(cli, root: Path) -> dict[str, dict]:
    assert cli("import", root).code in (0, 1)
    return {c["source_path"]: c for c in cli("cases", "--json").json()}


def test_the_submitting_folder_names_the_unit_whatever_the_covers_say(cli, tmp_path: Path) -> None:
    folder = f"一、集体（{SHORT}）"
    case_pdf(tmp_path / folder / "推选案卷/一般行政处罚/a.pdf", cover(SHORT, "青环罚〔2017〕1号"))
    case_pdf(tmp_path / folder / "推选案卷/一般行政处罚/b.pdf", cover(FULL, "青环罚〔2017〕2号"))
    case_pdf(tmp_path / folder / "抽选案卷/一般行政处罚/c.pdf", cover(FULL, "青环罚〔2017〕3号"))
    cases = imported(cli, tmp_path)
    assert len(cases) == 3
    for case in cases.values():
        assert case["unit"] == SHORT
        assert case["provenance"]["unit"] == {"value": SHORT, "found_by": "folder", "detail": folder}
        assert case["candidate"] == {"kind": "collective", "name": None}


@pytest.mark.parametrize(
    "folder",
    [
        "二、个人（德令哈市环境保护局 马海军）",
        "德令哈市环境保护局/个人-马海军",
        "德令哈市环境保护局/个人：马海军",
        "马海军（德令哈市环境保护局）",
        "二、个人/马海军（德令哈市环境保护局）",
        "德令哈市环境保护局/个人/马海军",
        "德令哈市环境保护局/马海军（个人）",
    ],
)
def test_an_individual_folder_gives_the_person_and_the_unit(cli, tmp_path: Path, folder: str) -> None:
    case_pdf(tmp_path / folder / "推选案卷/a.pdf", cover("德令哈市环境保护局", "德环罚〔2017〕5号"))
    (case,) = imported(cli, tmp_path).values()
    assert case["candidate"] == {"kind": "individual", "name": "马海军"}
    assert case["unit"] == "德令哈市环境保护局"
    assert case["provenance"]["candidate_name"]["found_by"] == "folder"
    assert case["selection"] == "nominated"


def test_a_sampled_file_with_no_type_folder_takes_its_type_from_the_cover(cli, tmp_path: Path) -> None:
    case_pdf(tmp_path / f"{SHORT}/集体/随机抽选案卷/a.pdf", cover(SHORT, "海西环罚〔2019〕112号"))
    (case,) = imported(cli, tmp_path).values()
    assert (case["selection"], case["case_type"]) == ("sampled", "general_penalty")
    assert case["provenance"]["selection"]["detail"] == "随机抽选案卷"
    assert case["provenance"]["case_type"]["found_by"] == "cover"


def test_a_loose_penalty_file_is_a_general_penalty_by_its_cover_and_number(cli, tmp_path: Path) -> None:
    case_pdf(tmp_path / "海西环罚〔2019〕112号.pdf", cover(SHORT, "海西环罚〔2019〕112号"))
    (case,) = imported(cli, tmp_path).values()
    assert case["case_type"] == "general_penalty"
    found = case["provenance"]["case_type"]
    assert found["found_by"] == "cover"
    assert "行政处罚案卷" in found["detail"] and "海西环罚〔2019〕112号" in found["detail"]
    assert case["unit"] == SHORT and case["provenance"]["unit"]["found_by"] == "cover"


@pytest.mark.parametrize(
    ("number", "inside", "expected", "found_by"),
    [
        ("海西环查〔2019〕7号", {}, "seizure", "case_number"),
        ("海西环限〔2019〕8号", {}, "production_limit", "case_number"),
        (
            "海西环移〔2019〕9号",
            {4: ["环境违法适用行政拘留处罚案件移送书"]},
            "detention_referral",
            "case_number",
        ),
        ("海西环移〔2019〕10号", {4: ["涉嫌环境犯罪案件移送书"]}, "crime_referral", "case_number"),
        ("海西环罚〔2019〕11号", {5: ["按日连续处罚决定书"]}, "daily_penalty", "decision"),
        ("海西环罚〔2019〕12号", {3: ["查封（扣押）决定书"]}, "seizure", "decision"),
        ("海西环罚〔2019〕13号", {3: ["责令停产整治决定书"]}, "production_limit", "decision"),
    ],
)
def test_the_number_letter_and_the_decision_inside_tell_the_special_types(
    cli, tmp_path: Path, number: str, inside: dict, expected: str, found_by: str
) -> None:
    case_pdf(tmp_path / "案卷/a.pdf", cover(SHORT, number), inside)
    (case,) = imported(cli, tmp_path).values()
    assert case["case_type"] == expected
    assert case["provenance"]["case_type"]["found_by"] == found_by


def test_a_decision_only_clue_types_a_file_no_name_or_cover_types(cli, tmp_path: Path) -> None:
    case_pdf(tmp_path / "案卷/a.pdf", ["卷内目录", "立案审批表"], {6: ["按日连续处罚决定书"]}, pages=8)
    (case,) = imported(cli, tmp_path).values()
    assert case["case_type"] == "daily_penalty"
    assert case["provenance"]["case_type"] == {
        "value": "daily_penalty",
        "found_by": "decision",
        "detail": "按日连续处罚决定书",
    }


def test_the_folder_type_wins_and_a_four_measures_folder_is_made_specific(cli, tmp_path: Path) -> None:
    daily = {5: ["按日连续处罚决定书"]}
    case_pdf(tmp_path / "集体/推选案卷/一般行政处罚/a.pdf", cover(SHORT, "海西环罚〔2019〕1号"), daily)
    case_pdf(tmp_path / "集体/抽选案卷/四个配套办法/b.pdf", cover(SHORT, "海西环罚〔2019〕2号"), daily)
    case_pdf(tmp_path / "集体/抽选案卷/四个配套办法/c.pdf", cover(SHORT, "海西环罚〔2019〕3号"))
    cases = imported(cli, tmp_path)
    general = cases["集体/推选案卷/一般行政处罚/a.pdf"]
    assert (general["case_type"], general["provenance"]["case_type"]["found_by"]) == (
        "general_penalty",
        "folder",
    )
    refined = cases["集体/抽选案卷/四个配套办法/b.pdf"]["provenance"]["case_type"]
    assert (refined["value"], refined["found_by"]) == ("daily_penalty", "decision")
    assert "四个配套办法" in refined["detail"]
    assert cases["集体/抽选案卷/四个配套办法/c.pdf"]["case_type"] == "four_measures"


def test_a_scan_is_not_called_general_just_for_its_penalty_number(cli, tmp_path: Path) -> None:
    """Special cases carry 罚 numbers too: without text to read, the number alone decides nothing."""
    case_pdf(tmp_path / "集体/抽选案卷/德环罚〔2017〕139号.pdf", [], pages=8)
    (case,) = imported(cli, tmp_path).values()
    assert case["scanned"] is True
    assert case["case_number"] == "德环罚〔2017〕139号"
    assert case["case_type"] is None


def test_a_file_name_names_the_unit_only_when_no_folder_or_cover_does(cli, tmp_path: Path) -> None:
    case_pdf(tmp_path / "个人-方霞立/推选案卷/盐城市大丰区环境保护局149号案卷.pdf", [], pages=8)
    case_pdf(
        tmp_path / "个人-江涛/推选案卷/德令哈市环保局1号案卷.pdf",
        cover("德令哈市环境保护局", "德环罚〔2017〕1号"),
    )
    cases = imported(cli, tmp_path)
    scan = cases["个人-方霞立/推选案卷/盐城市大丰区环境保护局149号案卷.pdf"]
    assert (scan["unit"], scan["provenance"]["unit"]["found_by"]) == ("盐城市大丰区环境保护局", "file_name")
    assert scan["candidate"] == {"kind": "individual", "name": "方霞立"}
    assert cases["个人-江涛/推选案卷/德令哈市环保局1号案卷.pdf"]["unit"] == "德令哈市环境保护局"


def test_a_decisions_standard_warnings_do_not_make_a_special_case(cli, tmp_path: Path) -> None:
    warnings = [
        "行政处罚决定书",
        "逾期不履行的，我局将依法申请人民法院强制执行。",
        "拒不改正的，依法按日连续处罚。",
    ]
    case_pdf(tmp_path / "案卷/a.pdf", cover(SHORT, "海西环罚〔2019〕5号"), {4: warnings})
    (case,) = imported(cli, tmp_path).values()
    assert case["case_type"] == "general_penalty"


@pytest.mark.parametrize("label", ["第一批", "大练兵", "县级", "参评", "报送材料", "2017"])
def test_a_unit_folders_other_words_are_not_a_person(label: str) -> None:
    reading = read_folder(f"德令哈市环境保护局（{label}）")
    assert (reading.unit, reading.person, reading.kind) == ("德令哈市环境保护局", None, None)


def test_a_bare_case_transfer_to_the_police_is_a_detention_referral_a_crime_one_says_so() -> None:
    """环境保护法 第六十三条 cases go to the police on a plain 案件移送书; a crime referral names the crime."""
    from app.intake.casetype import from_decision

    bare = from_decision(["案件移送书\n某厂涉嫌未批先建，依法移送公安机关处理。"])
    assert bare is not None and bare.case_type == "detention_referral"
    crime = from_decision(["涉嫌环境犯罪案件移送书\n某厂涉嫌污染环境罪。"])
    assert crime is not None and crime.case_type == "crime_referral"
    assert from_decision(["行政处罚决定书\n逾期不履行的，将依法申请人民法院强制执行。"]) is None
