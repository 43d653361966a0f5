"""The people, places and wording of the demo cases: fictional, but written the way real files are.

Transcript wording follows the official templates (Hunan 2024 现场检查（勘察）笔录 / 调查询问笔录):
the officers show their credentials, state the duty to cooperate and the rights of statement,
defence and recusal, and the record closes with the party's confirmation. Each case may carry
deliberate defects (one officer only, no 执法证号, no end time) that the truth records, so that
segmentation and hint extraction can be measured against it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
GIVEN = (
    "建国志强海燕晓东国华丽娟伟军红梅文斌秀英永明德胜玉兰俊杰立新春生宏伟淑芬家豪静怡子涵浩然思远明轩雨欣嘉怡"
)

VIOLATIONS = [
    ("超标排放大气污染物", "《中华人民共和国大气污染防治法》第十八条", "第九十九条第二项"),
    ("通过暗管逃避监管排放水污染物", "《中华人民共和国水污染防治法》第三十九条", "第八十三条第三项"),
    ("未批先建", "《中华人民共和国环境影响评价法》第二十五条", "第三十一条第一款"),
    (
        "未按规定贮存危险废物",
        "《中华人民共和国固体废物污染环境防治法》第八十一条",
        "第一百一十二条第一款第六项",
    ),
    ("无证排污", "《排污许可管理条例》第二条", "第三十三条第一项"),
    ("不正常运行大气污染防治设施", "《中华人民共和国大气污染防治法》第二十条", "第九十九条第三项"),
]
COMPANY_WORDS = [
    "金源化工",
    "盐湖再生资源",
    "昆仑建材",
    "柴达木矿业",
    "祁连水泥",
    "格尔木热力",
    "德令哈碱业",
    "高原铸造",
]
PLACES = ["生产车间", "废水总排口", "危险废物贮存间", "锅炉房", "原料堆场", "污水处理站"]


@dataclass(frozen=True)
class Officer:
    name: str
    badge: str


@dataclass(frozen=True)
class Bureau:
    name: str
    short: str
    """文号 prefix such as 海环罚"""
    city: str
    officers: tuple[Officer, ...]


@dataclass
class TranscriptPlan:
    kind: str
    """inspection_record or inquiry_record"""
    officers: list[Officer]
    recorder: Officer
    subject: str
    """the inspected unit or the interviewee"""
    start: str
    end: str | None
    place: str
    badge_shown: bool = True
    pages: int = 2
    defects: list[str] = field(default_factory=list)


@dataclass
class CasePlan:
    number: str
    case_type: str
    company: str
    violation: tuple[str, str, str]
    bureau: Bureau
    main_officer: Officer
    transcripts: list[TranscriptPlan]
    fine: int
    date: str


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def make_bureau(rng: random.Random, name: str, short: str, city: str, badge_prefix: str) -> Bureau:
    officers = tuple(
        Officer(person_name(rng), f"{badge_prefix}{rng.randint(10000, 99999)}") for _ in range(6)
    )
    return Bureau(name, short, city, officers)


def make_case(
    rng: random.Random, bureau: Bureau, serial: int, case_type: str, inquiries: int, defects: list[str]
) -> CasePlan:
    """One case with an inspection record and ``inquiries`` inquiry records; ``defects`` go on transcripts."""
    company = f"{bureau.city}{rng.choice(COMPANY_WORDS)}有限公司"
    violation = rng.choice(VIOLATIONS)
    month, day = rng.randint(3, 9), rng.randint(1, 25)
    officers = list(rng.sample(bureau.officers, 3))
    transcripts = []
    hour = 9
    inspection = TranscriptPlan(
        "inspection_record",
        officers[:2],
        officers[2],
        company,
        f"2024年{month}月{day}日{hour}时10分",
        f"2024年{month}月{day}日{hour + 1}时25分",
        f"{company}{rng.choice(PLACES)}",
        pages=rng.choice([2, 2, 3]),
    )
    transcripts.append(inspection)
    for index in range(inquiries):
        start_hour = 14 + index * 2
        interviewee = person_name(rng)
        transcripts.append(
            TranscriptPlan(
                "inquiry_record",
                officers[:2],
                officers[2],
                interviewee,
                f"2024年{month}月{day + 1}日{start_hour}时05分",
                f"2024年{month}月{day + 1}日{start_hour + 1}时15分",
                f"{bureau.name}询问室",
                pages=2,
            )
        )
    for defect, target in zip(defects, transcripts, strict=False):
        target.defects.append(defect)
        if defect == "single_officer":
            target.officers = target.officers[:1]
        elif defect == "missing_badge":
            target.badge_shown = False
        elif defect == "no_end_time":
            target.end = None
    number = f"{bureau.short}〔2024〕{serial}号"
    fine = rng.choice([20000, 50000, 100000, 200000, 350000])
    return CasePlan(
        number,
        case_type,
        company,
        violation,
        bureau,
        officers[0],
        transcripts,
        fine,
        f"2024年{month}月{day}日",
    )


def inspection_body(plan: TranscriptPlan, case: CasePlan) -> list[str]:
    lines = [
        "现场检查（勘察）情况：",
        f"经现场检查，{case.company}正在生产。检查人员对{plan.place}进行了检查。",
        f"现场发现该单位存在{case.violation[0]}的情况，执法人员对现场进行了拍照、录像取证，"
        "并对相关生产记录和台账进行了复印，由现场负责人签字确认。",
        "该单位主要产品为工业原料，设计产能每年五万吨，环评批复文号为青环审〔2019〕45号，"
        "已取得排污许可证，有效期至2026年12月。",
        "检查时污染防治设施运行记录不完整，近一个月的运行台账缺失，在线监测数据存在异常。",
        "执法人员当场责令该单位立即改正违法行为，并告知将依法立案调查。",
    ]
    return lines


def inquiry_body(plan: TranscriptPlan, case: CasePlan, rng: random.Random) -> list[str]:
    qa = [
        (
            "请介绍一下你个人的基本情况。",
            f"我叫{plan.subject}，在{case.company}担任生产部经理，负责环保工作。",
        ),
        ("你单位的主要产品和生产工艺是什么？", "主要生产工业原料，工艺为原料破碎、煅烧、冷却、包装。"),
        ("你单位的环保手续是否齐全？", "环评已经批复，排污许可证也已经办理。"),
        (
            f"执法人员现场检查发现你单位存在{case.violation[0]}的情况，你是否认可？",
            "认可，当时设备出了故障。",
        ),
        ("该情况持续了多长时间？", f"大约{rng.randint(3, 20)}天，我们已经在组织维修。"),
        ("你还有什么需要补充的吗？", "没有了，我们会立即整改。"),
    ]
    lines = ["询问内容："]
    for question, answer in qa:
        lines.append(f"问：{question}")
        lines.append(f"答：{answer}")
    return lines
