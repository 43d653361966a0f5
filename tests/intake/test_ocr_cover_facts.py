"""A scanned cover's 文号 and case type are read whatever OCR made of brackets, 号, digits and spacing (issue 11)."""

from __future__ import annotations

import pytest

from app.intake import casefacts, casetype
from app.intake.casenumber import find


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("文号：西环罚字〔2017〕第16号", "西环罚字〔2017〕第16号"),
        ("西环罚字[2017]第16号", "西环罚字〔2017〕第16号"),
        ("西环罚字【2017】第16号", "西环罚字〔2017〕第16号"),
        ("西环罚字(2017)第16号", "西环罚字〔2017〕第16号"),
        ("西环罚字（2017）第16号", "西环罚字〔2017〕第16号"),
        ("西环罚字「2017」第16号", "西环罚字〔2017〕第16号"),
        ("西环罚字〔2017第16号", "西环罚字〔2017〕第16号"),  # one bracket lost
        ("西环罚字2017〕第16号", "西环罚字〔2017〕第16号"),
        ("西 环 罚 字 〔 2017 〕 第 16 号", "西环罚字〔2017〕第16号"),  # OCR's spaces
        ("格环罚字〔2017〕第29亏", "格环罚字〔2017〕第29号"),  # 号 read as 亏
        ("格环罚〔2017〕29", "格环罚〔2017〕29号"),  # 号 lost at the line's end
        ("青环罚〔2O17〕1l号", "青环罚〔2017〕11号"),  # O for 0, l for 1
        ("文号青环罚〔2017〕12号", "青环罚〔2017〕12号"),  # the label's colon lost
        ("海西州环境保护局西环罚〔2017〕12号", "西环罚〔2017〕12号"),  # the unit run into it
        ("西环罚字2017第16号", "西环罚字〔2017〕第16号"),  # both brackets lost, 第 and 号 kept
    ],
)
def test_a_number_is_read_through_ocr_slips(printed: str, expected: str) -> None:
    found = find(f"行政处罚案卷\n{printed}\n案由：超标排放")
    assert found is not None and found[0] == expected


@pytest.mark.parametrize(
    "prose",
    [
        "该公司成立于(2017)年",
        "2017年12号文件",
        "罚款(2017)12元",  # no kind letter ends the prefix
        "于2017年5月4日检查",
        "西环罚字2017年第16号",  # a year in prose
    ],
)
def test_a_year_in_prose_is_not_a_number(prose: str) -> None:
    assert find(prose) is None


def test_a_scanned_covers_ocr_text_gives_its_number() -> None:
    ocr_cover = "环境行政处罚案卷\n海西州环境保护局\n案号西环罚字【2017]第16\n案由：未批先建"
    facts = casefacts.extract("disc", "集体/推选案卷/案卷1.pdf", ocr_cover, page_texts=[ocr_cover])
    assert facts["case_number"].value == "西环罚字〔2017〕第16号"
    assert facts["case_number"].found_by == "cover"


def test_a_file_with_a_reminder_to_pay_is_a_court_enforcement_case() -> None:
    """A 催告书 precedes every application to the court: it types the case when the 申请书 is missing."""
    texts = ["行政处罚案卷", "行政处罚决定书\n西环罚〔2017〕96号", "催 告 书\n西环催〔2017〕3号"]
    clue = casetype.decide([], None, "西环罚〔2017〕96号", lambda: texts)
    assert clue is not None and (clue.case_type, clue.found_by) == ("court_enforcement", "decision")


def test_a_stronger_special_document_wins_over_a_reminder_to_pay() -> None:
    texts = ["查封(扣押)决定书", "催告书"]  # OCR's half-width brackets
    clue = casetype.decide([], None, "西环罚〔2017〕9号", lambda: texts)
    assert clue is not None and clue.case_type == "seizure"


def test_without_a_reminder_or_an_application_a_penalty_stays_general() -> None:
    texts = ["行政处罚案卷", "行政处罚决定书\n逾期不履行的，本机关将依法申请人民法院强制执行。"]
    generic, by_cover = casetype.from_cover(texts[0])
    clue = casetype.decide([], by_cover, "西环罚〔2017〕9号", lambda: texts)
    assert generic is None and clue is not None and clue.case_type == "general_penalty"


@pytest.mark.parametrize(
    ("cover", "case_type"),
    [
        ("某市生态环境局\n按 日 连 续 处 罚 案 卷\n案号：某环罚〔2020〕1号", "daily_penalty"),
        ("某市生态环境局\n查 封 扣 押 案 卷", "seizure"),
        ("某市生态环境局\n行政处罚案卷\n案卷类别：\n限产停产", "production_limit"),  # a table read by lines
        ("某市生态环境局\n行政处罚案卷\n案卷类别 : 申请法院强制执行", "court_enforcement"),
        ("某市环境保护局\n环境行政处罚案卷\n案件类别：按日连续处罚", "daily_penalty"),  # 案件, not 案卷
        ("某市环境保护局\n环境行政处罚案卷\n案件类型 查封扣押", "seizure"),  # the colon lost
        ("某市环境保护局\n环境行政处罚案卷\n案 件 种 类 ： 移送行政拘留", "detention_referral"),
    ],
)
def test_a_spaced_or_tabled_cover_states_its_type(cover: str, case_type: str) -> None:
    stated, generic = casetype.from_cover(cover)
    assert stated is not None and stated.case_type == case_type and generic is None


def test_a_spaced_generic_cover_is_only_generic() -> None:
    stated, generic = casetype.from_cover("某市生态环境局\n行 政 处 罚 案 卷\n案号：某环罚〔2020〕1号")
    assert stated is None and generic is not None and generic.case_type == "general_penalty"


def test_a_decision_title_is_found_through_ocrs_variant_characters() -> None:
    texts = ["行 政 处 罚 案 卷", "按日连續處罸決定書"]
    clue = casetype.decide([], None, "某环罚〔2020〕3号", lambda: texts)
    assert clue is not None and clue.case_type == "daily_penalty"


def test_a_scanned_covers_case_category_beats_its_generic_title_and_penalty_number() -> None:
    """案件类别：按日连续处罚 on a scanned cover under 环境行政处罚案卷, with a 罚 number and a decision that
    names no special category: the cover's stated category decides, not the generic title."""
    cover = "青岛市环境保护局\n环境行政处罚案卷\n案由：某公司未批先建案\n案件类别：按日连续处罚\n案号：青环罚[2019]152号"
    decision = (
        "行政处罚决定书\n青环罚[2019]152号\n到期不缴纳罚款的，我局可以每日按罚款数额的百分之三加处罚款。"
    )
    facts = casefacts.extract("disc", "个人（某局 某某）/案卷2.pdf", cover, page_texts=[cover, decision])
    assert facts["case_type"].value == "daily_penalty" and facts["case_type"].found_by == "cover"
