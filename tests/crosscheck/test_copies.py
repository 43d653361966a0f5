"""Copied records: found after masking, explained in answers, and never for the form's wording alone."""

from __future__ import annotations

from app.crosscheck.copies import find_copies
from app.crosscheck.masking import mask, units
from app.crosscheck.records import prepare
from app.models.transcripts import CaseRef, StoredTranscript

NOTICE = "我们是某市生态环境局的执法人员，现依法向你调查询问，你有如实回答的义务。"
STOCK = [("你是否申请回避？", "不申请回避。"), ("笔录是否属实？", "看过了，和我说的一样。")]
ANSWERS = [
    "我单位二〇一九年三月建成投产，主要生产瓦楞纸箱，年产约5000吨，{company}共有员工86人。",
    "上周三夜班工人私自拆除了二号车间的风机，布袋除尘器就一直没有开。",
    "废水是从厂区东边的雨水井排出去的，大概排了20天，每天十几吨。",
    "主要是订单紧张，想等过了这一阵再整改，设备维修工也请假了。",
    "已经停止生产，正在维修处理设施，并请有资质的单位重新设计工艺。",
    "去年曾经因为危废暂存间没有标识被责令改正过一次，后来整改了。",
]
OTHER = [
    "我们厂是二〇一五年建的，做复合肥，一年大概两万吨，工人四十来个。",
    "检查那天污水站的提升泵坏了，污水就从应急池溢出去了。",
    "溢出的时间不长，我们发现后马上就堵上了，量不大。",
    "提升泵用了八年了，一直没换，这是主要原因。",
    "新的提升泵已经买了，下周安装，应急池也清理了。",
    "以前没有受过环保处罚，这次我们认罚。",
]


def record(sha: str, company: str, person: str, answers: list[str], case_id: int = 1) -> StoredTranscript:
    lines = [f"工作单位：{company}", f"被询问人：{person}", NOTICE]
    for question, answer in STOCK:
        lines += [f"问：{question}", f"答：{answer}"]
    for number, answer in enumerate(answers):
        lines += [f"问：第{number}个问题是什么？", f"答：{answer.format(company=company)}"]
    facts = {"party": company, "subject": person, "officers": [{"name": "王强", "badge": "37140119001"}]}
    return StoredTranscript(
        sha,
        "inquiry_record",
        3,
        5,
        facts,
        "\n".join(lines),
        [CaseRef(case_id, "某市生态环境局", f"{sha}.pdf")],
    )


def clean_store(count: int) -> list[StoredTranscript]:
    """Records that share the form and stock answers with each other, nothing more."""
    made = []
    for n in range(count):
        answers = [
            f"{OTHER[k]}第{n}号车间的情况和{'甲乙丙丁戊己庚辛壬癸'[n % 10]}班说的一样，{'东南西北'[n % 4]}侧{n}号管道。"
            for k in range(6)
        ]
        made.append(record(f"{n:064d}", f"清白{n}有限公司", f"路人{n}", answers, 100 + n))
    return made


def test_masking_makes_a_copy_with_other_names_dates_and_numbers_read_the_same() -> None:
    a = mask("我叫张三，是华泰纸业有限公司的厂长，2019年3月投产，年产5000吨。", ["张三"])
    b = mask("我叫李四，是宏达化工有限公司的厂长，二〇二一年五月投产，年产800吨。", ["李四"])
    assert a == b
    assert "张三" not in a and "5000" not in a


def test_units_are_the_turns_of_a_dialogue_and_keep_the_original_words() -> None:
    found = units(
        "inquiry_record",
        "问：你叫什么？\n答：我叫张三。\n问：你单位生产什么？\n答：纸箱，年产5000吨。",
        ["张三"],
    )
    assert [u.kind for u in found] == ["question", "answer", "question", "answer"]
    assert found[3].original == "纸箱，年产5000吨。"
    assert "〈数〉" in found[3].masked


def test_a_refilled_record_is_found_with_the_answers_that_recur() -> None:
    source = record("a" * 64, "华泰纸业有限公司", "张三", ANSWERS, 1)
    changed = [*ANSWERS[:4], OTHER[4], ANSWERS[5]]  # one of six answers rewritten
    copy = record("b" * 64, "宏达化工有限公司", "李四", changed, 2)
    matches = find_copies([prepare(r) for r in [source, copy, *clean_store(8)]])
    assert len(matches) == 1
    match = matches[0]
    assert {match.a.record.sha256, match.b.record.sha256} == {"a" * 64, "b" * 64}
    assert (len(match.shared), match.compared) == (5, 6)
    assert all(p.text_a and p.text_b for p in match.shared)


def test_records_that_share_only_the_form_and_stock_answers_do_not_match() -> None:
    assert find_copies([prepare(r) for r in clean_store(12)]) == []


def test_the_same_record_in_one_file_or_about_one_party_is_not_a_copy() -> None:
    source = record("a" * 64, "华泰纸业有限公司", "张三", ANSWERS, 1)
    same_party = record("c" * 64, "华泰纸业有限公司", "张三", ANSWERS, 3)  # a seizure file of the same case
    assert find_copies([prepare(r) for r in [source, same_party, *clean_store(8)]]) == []


def test_the_threshold_is_the_share_of_answers_that_recur() -> None:
    source = record("a" * 64, "华泰纸业有限公司", "张三", ANSWERS, 1)
    half = record("b" * 64, "宏达化工有限公司", "李四", [*ANSWERS[:3], *OTHER[3:]], 2)
    records = [source, half, *clean_store(8)]
    assert find_copies([prepare(r) for r in records], threshold=0.5)
    assert not find_copies([prepare(r) for r in records], threshold=0.6)


def test_two_records_that_share_only_their_printed_form_do_not_match() -> None:
    """Header fields, the 告知 wrapped over two printed lines and the signature line are the form's."""

    def inspection(sha: str, company: str, scene: list[str], case_id: int) -> StoredTranscript:
        lines = [
            "某市生态环境局现场检查（勘察）笔录",
            f"时间：2024年5月{case_id}日9时00分至10时00分",
            f"被检查（勘察）人名称：{company}",
            f"今天我们就{company}涉嫌超标排放大气污染物案依法进",
            "行检查并了解有关情况，你应当配合调查，如实提供材料，不得拒绝、阻碍。",
            "如果你认为执法人员与案件有利害关系，可以申请回避。听清楚了吗？",
            *scene,
            "被检查（勘察）人签字：        年  月  日    执法人员签字：",
            "第1页，共2页",
        ]
        facts = {"party": company, "subject": "某人", "officers": []}
        return StoredTranscript(
            sha, "inspection_record", 3, 4, facts, "\n".join(lines), [CaseRef(case_id, "某市", "x.pdf")]
        )

    a = inspection(
        "a" * 64, "华泰纸业有限公司", ["现场发现废水直排，沉淀池已干涸多日。", "车间内三台设备正在生产。"], 1
    )
    b = inspection(
        "b" * 64, "宏达化工有限公司", ["危废暂存间未设标识，地面未做防渗。", "厂区东侧雨水井有黄色液体。"], 2
    )
    assert find_copies([prepare(a), prepare(b)]) == []


def test_shingles_are_the_same_in_every_process() -> None:
    """The same store gives the same findings: no per-process string hashing in the sketches."""
    import subprocess
    import sys

    code = "from app.crosscheck.records import shingles; print(sorted(shingles('我单位成立于二〇一九年')))"
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    assert len(runs) == 1
