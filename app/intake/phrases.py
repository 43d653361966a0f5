"""The words bureaus use in folder names, file names and covers, mapped to our identifiers.

The identifiers and their labels are the ground floor's (``app.vocabulary``); this is how intake
recognises them in a bureau's own wording.

Order matters where phrases overlap: the more specific phrase comes first.
"""

from __future__ import annotations

import re

from app.vocabulary import FOUR_MEASURES

__all__ = ["FOUR_MEASURES"]

CASE_TYPES: list[tuple[str, tuple[str, ...]]] = [
    ("daily_penalty", ("按日连续处罚", "按日计罚")),
    ("seizure", ("查封扣押", "查封、扣押", "查封")),
    ("production_limit", ("限产停产", "停产限产", "限制生产", "停产整治")),
    ("detention_referral", ("移送行政拘留", "行政拘留")),
    ("four_measures", ("四个配套办法", "配套办法")),
    ("crime_referral", ("涉嫌环境污染犯罪", "涉嫌犯罪", "移送公安", "刑事")),
    ("court_enforcement", ("申请法院强制执行", "申请人民法院强制执行", "强制执行")),
    ("audit_case", ("稽查",)),
    ("no_penalty", ("不予行政处罚", "不予处罚")),
    ("general_penalty", ("一般行政处罚", "一般处罚", "一般案卷")),
]


SELECTION_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("nominated", ("推选", "推荐", "自选")),
    ("sampled", ("抽选", "抽取", "随机", "抽查")),
]

CANDIDATE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("collective", ("集体",)),
    ("individual", ("个人",)),
]

UNIT_RE = re.compile(
    r"[\u4e00-\u9fff]{2,16}?(?:生态环境局|环境保护局)[\u4e00-\u9fff]{2,8}?分局|"  # 海西州生态环境局德令哈分局
    r"[\u4e00-\u9fff]{2,24}?(?:生态环境保护综合行政执法支队|生态环境保护综合行政执法大队|"
    r"生态环境分局|生态环境局|环境保护局|环保局|环境监察支队|环境监察大队|环境监察局|分局)"
)
CASE_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔［\[（(]\s*(?:19|20)\d{2}\s*[〕］\]）)]\s*(?:第\s*)?\d{1,5}\s*号"
)
COVER_LABELS = {
    # 案卷类别 or 案件类别, 类型, 种类: covers use all of them; OCR may lose the colon
    "case_type": re.compile(r"案[卷件](?:类别|类型|种类)\s*[：:]?\s*(\S+)"),
    "officer": re.compile(r"(?:主办人|主办执法人员|承办人)\s*[：:]\s*([\u4e00-\u9fff·]{2,4})"),
}
CASE_WORDS = (
    "案卷",
    "推选",
    "抽选",
    "处罚",
    "查封",
    "扣押",
    "移送",
    "强制执行",
    "稽查",
    "按日",
    "限产",
    "停产",
)
CASE_TEXT_MARKERS = (
    "卷内目录",
    "立案审批表",
    "行政处罚案卷",
    "行政处罚决定书",
    "现场检查（勘察）笔录",
    "现场检查笔录",
    "现场勘察笔录",
    "调查询问笔录",
    "案卷封面",
)
INTEGRITY_WORDS = ("廉洁执法证明", "廉洁证明", "廉洁执法", "廉政")
MERIT_WORDS = ("事迹材料", "先进事迹", "事迹")
DATA_WORDS = ("重点排污单位", "统计表", "数据表", "一览表")


def first_match(text: str, table: list[tuple[str, tuple[str, ...]]]) -> tuple[str, str] | None:
    """The identifier and the phrase of the first table row whose phrase occurs in ``text``."""
    for identifier, phrases in table:
        for phrase in phrases:
            if phrase in text:
                return identifier, phrase
    return None


def strip_ordinal(component: str) -> str:
    """'01_德州市生态环境局' and '1.推选案卷' carry a sort prefix; drop it."""
    return re.sub(r"^\s*[\d一二三四五六七八九十]+\s*[、._\-）)\s]\s*", "", component)
