"""Transcript facts from each common record layout, written here by hand (no disc, no OCR)."""

from __future__ import annotations

from app.analysis.pages import Line, PageText
from app.analysis.transcript_facts import extract, flag_overlaps


def record(text: str, number: int = 1, source: str = "text") -> PageText:
    rows = text.split("\n")
    return PageText(
        number, source, "full", 0, [Line((0.08, i / 60, 0.92, i / 60 + 0.012), t) for i, t in enumerate(rows)]
    )


def facts_of(text: str, kind: str = "inspection_record", source: str = "text"):
    return extract(kind, [record(text, source=source)])


HUNAN_INSPECTION = """湘潭市生态环境局
现场检查（勘察）笔录
时间：2024年5月6日9时30分至2024年5月6日11时05分
地点：湘潭市岳塘区荷塘路18号湘潭某某化工有限公司厂区
被检查（勘察）人名称或姓名：湘潭某某化工有限公司
统一社会信用代码或身份证件号码：91430300MA4L0XXXXX
法定代表人：刘某某　　　电话：13800000000　　　身份证件号码：430302197501011234
现场负责人：陈某　　　电话：13900000000　　　身份证件号码：430302198002021234
工作单位：湘潭某某化工有限公司　　　　职务：生产厂长
与本案关系：违法嫌疑单位的工作人员
检查（勘察）人及执法证编号：周建国（执法证号：43030012）、李文（执法证号：43030045）
记录人：王芳　　　　工作单位：湘潭市生态环境局
其他参加人姓名及工作单位：无
告知事项：我们是湘潭市生态环境局的行政执法人员，这是我们的执法证件，请过目确认：已确认。
今天我们就湘潭某某化工有限公司涉嫌超标排放大气污染物案依法进行检查并了解有关情况，你应当配合调查。
依照法律规定，你有权进行陈述和申辩。是否申请回避？
请确认：听清楚了，我不申请回避。
现场检查（勘察）情况：检查时，该公司正在生产，检查人员对废气处理设施进行了检查。
（以下空白）
被检查（勘察）人或现场负责人签字：　　　年　月　日"""

HUNAN_INQUIRY = """湘潭市生态环境局
调查询问笔录
时间：2024年5月7日14时05分至15时40分
地点：湘潭市生态环境局三楼询问室
被调查询问人：陈某　　性别：男　　年龄：44　　身份证件号码：430302198002021234
工作单位：湘潭某某化工有限公司　　职务：生产厂长　　电话：13900000000
与本案关系：违法嫌疑单位的工作人员
住址：湘潭市岳塘区某某小区3栋　　邮编：411100
调查询问人及执法证编号：周建国（执法证号：43030012）、李文（执法证号：43030045）
记录人：王芳　　工作单位：湘潭市生态环境局
执法人员表明身份、出示证件及被调查询问人确认的记录：我们是湘潭市生态环境局的行政执法人员，这是我们的执法证件。
询问内容：问：请介绍一下你个人的基本情况。
答：我叫陈某，是公司的生产厂长。"""

LEGACY = """海西州环境保护局
现场检查（勘察）笔录
时间：2017年5月4日9时30分至10时40分
地点：格尔木市柯鲁柯路238号被检查单位:格尔木某某化工有限公司
检查人：曹海春　　　执法证号：6328085802
检查人：才让东智　　　执法证号：6328075255
记录人：马林　　　执法证号：6328081133
我们是海西州环境保护局的执法人员，这是我们的执法证件，请确认。今天我们依法进行检查。
现场情况：该公司正在生产。"""

TIANJIN = """天津市环境保护局
现场检查(勘察)笔录
时间：2016年3月2日9时10分至10时20分
地点：天津市西青区某某路1号
检查(勘察)人姓名：张　伟　　工作单位及执法证号：天津市环境监察总队 12010056
检查(勘察)人姓名：刘　强　　工作单位及执法证号：天津市环境监察总队 12010057
记录人姓名：赵明　　　　工作单位及执法证号：天津市环境监察总队 12010061
被检查人名称或姓名：天津某某塑料制品有限公司
法定代表人(负责人)姓名：钱某
现场负责人姓名：孙某　　年龄：45　　公民身份号码：120101197001010011
工作单位：天津某某塑料制品有限公司　　职务：经理　　与本案关系：员工
地址：天津市西青区某某路1号　　电话：022-88888888　　邮编：300380
其他参加人姓名及工作单位(地址)：无
我们是天津市环境保护局的行政执法人员，这是我们的执法证件，执法证件号为：12010056、12010057 请确认。
现场负责人确认并签名：
现场情况：该公司正在生产。"""

FREE_TEXT = """海西州环境保护局
调查询问笔录
时间：2017年5月5日14时00分至15时20分
地点：海西州环境保护局询问室
被询问人：马某　　性别：男
记录人：李明
告知事项：我们是海西州环境保护局执法人员曹海春、才让东智，这是我们的执法证件（6328085802、6328075255），请过目确认。你应当配合调查，你有权陈述和申辩，有权申请回避。
问：你是否申请回避？
答：不申请。"""


def test_hunan_2024_inspection() -> None:
    facts = facts_of(HUNAN_INSPECTION)
    assert facts.officers == [{"name": "周建国", "badge": "43030012"}, {"name": "李文", "badge": "43030045"}]
    assert (facts.start, facts.end) == ("2024-05-06T09:30", "2024-05-06T11:05")
    assert facts.place == "湘潭市岳塘区荷塘路18号湘潭某某化工有限公司厂区"
    assert facts.subject == "湘潭某某化工有限公司"
    assert facts.recorder == "王芳"
    assert facts.flags == []


def test_hunan_2024_inquiry() -> None:
    facts = facts_of(HUNAN_INQUIRY, "inquiry_record")
    assert facts.officers == [{"name": "周建国", "badge": "43030012"}, {"name": "李文", "badge": "43030045"}]
    assert (facts.start, facts.end) == ("2024-05-07T14:05", "2024-05-07T15:40")
    assert facts.subject == "陈某"
    assert facts.place == "湘潭市生态环境局三楼询问室"
    assert facts.recorder == "王芳"
    assert facts.flags == []


def test_legacy_one_line_per_officer_gives_both_and_the_place_stops_at_the_next_label() -> None:
    facts = facts_of(LEGACY)
    assert facts.officers == [
        {"name": "曹海春", "badge": "6328085802"},
        {"name": "才让东智", "badge": "6328075255"},
    ]
    assert facts.place == "格尔木市柯鲁柯路238号"
    assert facts.subject == "格尔木某某化工有限公司"
    assert facts.recorder == "马林"
    assert "single_officer" not in facts.flags and "missing_badge" not in facts.flags


def test_tianjin_legacy_names_padded_and_badges_after_the_unit() -> None:
    facts = facts_of(TIANJIN)
    assert facts.officers == [{"name": "张伟", "badge": "12010056"}, {"name": "刘强", "badge": "12010057"}]
    assert facts.recorder == "赵明"
    assert facts.subject == "天津某某塑料制品有限公司"
    assert facts.place == "天津市西青区某某路1号"
    assert facts.flags == []


def test_free_text_notice_names_and_badges_pair_in_order() -> None:
    facts = facts_of(FREE_TEXT, "inquiry_record")
    assert facts.officers == [
        {"name": "曹海春", "badge": "6328085802"},
        {"name": "才让东智", "badge": "6328075255"},
    ]
    assert facts.subject == "马某"
    assert facts.recorder == "李明"
    assert facts.flags == []


def test_names_in_one_list_and_badges_in_another() -> None:
    text = HUNAN_INQUIRY.replace(
        "周建国（执法证号：43030012）、李文（执法证号：43030045）", "周建国、李文　43030012、43030045"
    )
    facts = facts_of(text, "inquiry_record")
    assert facts.officers == [{"name": "周建国", "badge": "43030012"}, {"name": "李文", "badge": "43030045"}]


def test_notice_badges_complete_header_names_without_numbers() -> None:
    text = LEGACY.replace("　　　执法证号：6328085802", "").replace("　　　执法证号：6328075255", "")
    text = text.replace("这是我们的执法证件，", "这是我们的执法证件（6328085802、6328075255），")
    facts = facts_of(text)
    assert [o["badge"] for o in facts.officers] == ["6328085802", "6328075255"]
    assert "missing_badge" not in facts.flags


def test_ocr_slips_half_width_colons_dropped_colon_misread_label_and_spaces() -> None:
    text = (
        HUNAN_INQUIRY.replace("：", ":")
        .replace("地点:", "地点 ")
        .replace("执法证号:43030045", "执法证亏:43O3OO45")
        .replace("周建国（", "周 建国（")
        .replace("记录人:王芳", "记 录 人:王 芳")
        .replace("14时05分", "14吋05分")
    )
    facts = facts_of(text, "inquiry_record", source="ocr")
    assert facts.officers == [{"name": "周建国", "badge": "43030012"}, {"name": "李文", "badge": "43030045"}]
    assert facts.place == "湘潭市生态环境局三楼询问室"
    assert facts.recorder == "王芳"
    assert facts.start == "2024-05-07T14:05"
    assert facts.flags == []


def test_badge_with_a_space_inside_is_one_number() -> None:
    facts = facts_of(LEGACY.replace("6328085802", "6328 085802"))
    assert facts.officers[0] == {"name": "曹海春", "badge": "6328085802"}


# -- flags, each one true and false --------------------------------------------------------------


def test_single_officer_only_when_officers_were_found() -> None:
    one = facts_of(LEGACY.replace("检查人：才让东智　　　执法证号：6328075255\n", ""))
    assert one.officers == [{"name": "曹海春", "badge": "6328085802"}]
    assert "single_officer" in one.flags
    unreadable = facts_of(
        HUNAN_INSPECTION.replace("检查（勘察）人及执法证编号：", "枪查（甚察）入及执法证编亏")
    )
    assert "single_officer" not in facts_of(HUNAN_INSPECTION).flags
    assert unreadable.found["officers"] is False or len(unreadable.officers) >= 2
    assert "single_officer" not in unreadable.flags


def test_missing_badge_where_the_layout_gives_badges() -> None:
    missing = facts_of(HUNAN_INSPECTION.replace("、李文（执法证号：43030045）", "、李文"))
    assert missing.officers[1] == {"name": "李文", "badge": None}
    assert "missing_badge" in missing.flags
    no_slot = facts_of(
        HUNAN_INSPECTION.replace(
            "检查（勘察）人及执法证编号：周建国（执法证号：43030012）、李文（执法证号：43030045）",
            "检查人：周建国、李文",
        )
    )
    assert [o["name"] for o in no_slot.officers] == ["周建国", "李文"]
    assert "missing_badge" not in no_slot.flags
    blank_slot = facts_of(LEGACY.replace("执法证号：6328075255", "执法证号："))
    assert blank_slot.officers[1] == {"name": "才让东智", "badge": None}
    assert "missing_badge" in blank_slot.flags


def test_no_end_time_only_when_a_start_is_found() -> None:
    blank = facts_of(HUNAN_INQUIRY.replace("至15时40分", "至　　时　　分"), "inquiry_record")
    assert blank.start == "2024-05-07T14:05" and blank.end is None
    assert "no_end_time" in blank.flags and "time_not_to_minute" not in blank.flags
    absent = facts_of(HUNAN_INQUIRY.replace("至15时40分", ""), "inquiry_record")
    assert "no_end_time" in absent.flags
    unreadable = facts_of(HUNAN_INQUIRY.replace("时间：2024年5月7日14时05分至15时40分", "时间：　年　月"))
    assert unreadable.start is None and "no_end_time" not in unreadable.flags
    assert "no_end_time" not in facts_of(HUNAN_INQUIRY, "inquiry_record").flags


def test_time_not_to_minute() -> None:
    hours = facts_of(HUNAN_INQUIRY.replace("至15时40分", "至16时"), "inquiry_record")
    assert hours.end == "2024-05-07T16:00" and "time_not_to_minute" in hours.flags
    start_hour = facts_of(LEGACY.replace("9时30分", "9时"))
    assert "time_not_to_minute" in start_hour.flags
    assert "time_not_to_minute" not in facts_of(LEGACY).flags


def test_recorder_is_officer() -> None:
    same = facts_of(HUNAN_INQUIRY.replace("记录人：王芳", "记录人：李文"), "inquiry_record")
    assert same.recorder == "李文" and "recorder_is_officer" in same.flags
    assert "recorder_is_officer" not in facts_of(HUNAN_INQUIRY, "inquiry_record").flags
    # an inspector may keep the record of an inspection; the flag is the interview's (询问人与记录人)
    legacy = facts_of(LEGACY.replace("记录人：马林", "记录人：才让东智"))
    assert legacy.recorder == "才让东智" and "recorder_is_officer" not in legacy.flags


def test_overlapping_records_by_the_same_officers() -> None:
    first = facts_of(HUNAN_INSPECTION)
    during = facts_of(HUNAN_INQUIRY.replace("2024年5月7日14时05分", "2024年5月6日10时05分"), "inquiry_record")
    later = facts_of(HUNAN_INQUIRY, "inquiry_record")
    flag_overlaps([first, during, later])
    assert "overlapping_records" in first.flags and "overlapping_records" in during.flags
    assert "overlapping_records" not in later.flags


def test_chinese_numerals_and_afternoon() -> None:
    facts = facts_of(
        LEGACY.replace("2017年5月4日9时30分至10时40分", "二〇一七年五月四日下午三时十分至四时二十分")
    )
    assert (facts.start, facts.end) == ("2017-05-04T15:10", "2017-05-04T16:20")


def test_as_json_keeps_its_shape_and_says_what_was_found() -> None:
    shown = facts_of(LEGACY.replace("检查人：才让东智　　　执法证号：6328075255\n", "")).as_json()
    assert {"kind", "first_page", "last_page", "start", "end", "place", "subject"} <= set(shown)
    assert {"officers", "recorder", "checks", "flags", "found"} <= set(shown)
    assert shown["found"]["officers"] is True and shown["found"]["end"] is True
    assert shown["flags"][0]["code"] == "single_officer" and shown["flags"][0]["message_en"]


def test_notice_names_with_their_badges_beside_them() -> None:
    text = FREE_TEXT.replace(
        "执法人员曹海春、才让东智，这是我们的执法证件（6328085802、6328075255）",
        "执法人员曹海春（执法证号：6328085802）、才让东智（执法证号：6328075255），这是我们的执法证件",
    )
    facts = facts_of(text, "inquiry_record")
    assert facts.officers == [
        {"name": "曹海春", "badge": "6328085802"},
        {"name": "才让东智", "badge": "6328075255"},
    ]


def lines_page(rows: list[tuple[float, float, str]]) -> PageText:
    """A page of lines with their own left and right edges, one row each."""
    return PageText(
        1,
        "text",
        "full",
        0,
        [Line((x0, 0.1 + i * 0.025, x1, 0.115 + i * 0.025), t) for i, (x0, x1, t) in enumerate(rows)],
    )


def test_free_text_sentences_with_names_wrapped_across_lines() -> None:
    page = lines_page(
        [
            (0.35, 0.65, "现场检查（勘察）笔录"),
            (0.16, 0.77, "2017年7月29日上午9时0分开始，阜康市环保局执法人员郑军华、杜浩"),
            (0.12, 0.66, "兰到阜康祥和建材有限责任公司进行现场检查，由何敏宇记录。"),
            (0.16, 0.86, "执法人员表明身份：我们是阜康市环保局的执法人员，这是我们的执法证件（6"),
            (0.12, 0.66, "523145657、6523885484），请过目。你有如实回答询问、配合"),
            (0.12, 0.87, "调查的义务，也有申请回避和陈述申辩的权利，听清楚了吗？答：听清楚了。"),
        ]
    )
    facts = extract("inspection_record", [page])
    assert facts.officers == [
        {"name": "郑军华", "badge": "6523145657"},
        {"name": "杜浩兰", "badge": "6523885484"},
    ]
    assert facts.recorder == "何敏宇"
    assert facts.subject == facts.party == "阜康祥和建材有限责任公司"
    assert facts.start == "2017-07-29T09:00" and facts.end is None
    assert set(facts.flags) == {"no_end_time"}


def test_free_text_interview_gives_place_person_and_unit() -> None:
    page = lines_page(
        [
            (0.40, 0.60, "询问笔录"),
            (0.16, 0.77, "2017年6月8日下午2时15分至下午2时55分，格尔木市环保局"),
            (0.12, 0.86, "执法人员万国春、赵兰超在格尔木市环保局会议室对谭凯欣（大格永昌印染有"),
            (0.12, 0.50, "限公司生产厂长）进行调查询问，尹萍记录。"),
            (0.16, 0.86, "执法人员表明身份：我们是格尔木市环保局的执法人员，这是我们的执法"),
            (0.12, 0.70, "证件（6328124715），请过目。"),
        ]
    )
    facts = extract("inquiry_record", [page])
    assert (facts.start, facts.end) == ("2017-06-08T14:15", "2017-06-08T14:55")
    assert facts.place == "格尔木市环保局会议室"
    assert facts.subject == "谭凯欣" and facts.party == "大格永昌印染有限公司"
    assert facts.recorder == "尹萍"
    # one badge for two officers: whose it is, another record of the case says
    assert [o["badge"] for o in facts.officers].count(None) == 1 and "missing_badge" in facts.flags
    other = facts_of(
        HUNAN_INQUIRY.replace("周建国", "万国春").replace("李文", "赵兰超").replace("43030012", "6328124715")
    )
    flag_overlaps([facts, other])
    assert facts.officers == [{"name": "万国春", "badge": "6328124715"}, {"name": "赵兰超", "badge": None}]
    alone = extract("inquiry_record", [page])
    flag_overlaps([alone])
    assert alone.officers[0] == {"name": "万国春", "badge": "6328124715"}


def test_badge_in_brackets_after_the_second_name_is_the_second_officers() -> None:
    text = HUNAN_INQUIRY.replace(
        "周建国（执法证号：43030012）、李文（执法证号：43030045）", "周建国、李文（43030045）"
    )
    facts = facts_of(text, "inquiry_record")
    assert facts.officers == [{"name": "周建国", "badge": None}, {"name": "李文", "badge": "43030045"}]
    assert "missing_badge" in facts.flags


def test_inquiry_party_is_the_interviewees_unit() -> None:
    facts = facts_of(HUNAN_INQUIRY, "inquiry_record")
    assert facts.subject == "陈某" and facts.party == "湘潭某某化工有限公司"
    assert facts_of(HUNAN_INSPECTION).party == "湘潭某某化工有限公司"


def test_other_officer_labels_and_lettered_badges() -> None:
    for label in ("检查人员", "执法人员", "检查（勘察）人", "执法人员及执法证号"):
        text = LEGACY.replace(
            "检查人：曹海春　　　执法证号：6328085802\n检查人：才让东智　　　执法证号：6328075255",
            f"{label}：张三（HN0012345）　李四（HN0012346）",
        )
        facts = facts_of(text)
        assert facts.officers == [
            {"name": "张三", "badge": "HN0012345"},
            {"name": "李四", "badge": "HN0012346"},
        ], label
    inquiry = facts_of(HUNAN_INQUIRY.replace("调查询问人及执法证编号", "询问人"), "inquiry_record")
    assert [o["name"] for o in inquiry.officers] == ["周建国", "李文"]


def test_a_page_whose_boxes_came_out_upside_down_reads_header_first() -> None:
    upright = record(LEGACY)
    turned = PageText(
        1,
        "ocr",
        "full",
        180,
        [Line((1 - ln.box[2], 1 - ln.box[3], 1 - ln.box[0], 1 - ln.box[1]), ln.text) for ln in upright.lines],
    )
    facts = extract("inspection_record", [turned])
    assert [o["name"] for o in facts.officers] == ["曹海春", "才让东智"]
    assert facts.place == "格尔木市柯鲁柯路238号" and facts.start == "2017-05-04T09:30"


def test_sentence_naming_officers_with_badges_and_the_recorder_after_them() -> None:
    text = (
        "现场检查（勘察）笔录\n"
        "海西州环境保护局执法人员曹海春（执法证号：6328085802）、才让东智（执法证号：6328075255）"
        "于2017年5月4日9时30分至10时40分在格尔木某某化工有限公司进行现场检查，马林记录。\n"
        "我们是海西州环境保护局的执法人员，这是我们的执法证件，请确认。"
    )
    facts = facts_of(text)
    assert facts.officers == [
        {"name": "曹海春", "badge": "6328085802"},
        {"name": "才让东智", "badge": "6328075255"},
    ]
    assert facts.recorder == "马林"
    assert (facts.start, facts.end) == ("2017-05-04T09:30", "2017-05-04T10:40")
    assert facts.flags == []


def test_skewed_scan_table_keeps_each_badge_in_its_row() -> None:
    """Cells of a scanned table drift upward to the right; an empty badge cell stays empty."""
    skew = -0.045

    def cell(x0: float, x1: float, row_y: float, text: str) -> Line:
        y = row_y + skew * ((x0 + x1) / 2 - 0.1)
        return Line((x0, y, x1, y + 0.026), text)

    lines = [Line((0.37, 0.09, 0.57, 0.12), "现场勘察笔录")]
    rows = [("时间", "2017年7月24日9时30分至10时47分", "", ""), ("地点", "乌兰县希里沟镇84号", "", "")]
    rows += [
        ("检查人", "梁涛", "执法证号", ""),
        ("检查人", "夏桂彬", "执法证号", "6328393649"),
        ("记录人", "钟红宇", "", ""),
    ]
    for index, row in enumerate(rows):
        y = 0.145 + index * 0.031
        for (x0, x1), text in zip(((0.09, 0.17), (0.25, 0.45), (0.48, 0.57), (0.63, 0.83)), row, strict=True):
            if text:
                lines.append(cell(x0, x1, y, text))
    facts = extract("inspection_record", [PageText(1, "ocr", "full", 0, lines)])
    assert facts.officers == [{"name": "梁涛", "badge": None}, {"name": "夏桂彬", "badge": "6328393649"}]
    assert "missing_badge" in facts.flags and facts.recorder == "钟红宇"


def test_two_badges_ocr_read_as_one_number_are_split() -> None:
    text = FREE_TEXT.replace("6328085802、6328075255", "63280858026328075255")
    facts = facts_of(text, "inquiry_record")
    assert [o["badge"] for o in facts.officers] == ["6328085802", "6328075255"]
