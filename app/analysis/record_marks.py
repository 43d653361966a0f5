"""What a transcript page carries besides its title: questions and answers, its opening fields, its close.

An inquiry record is 问：/答： lines; every record opens with 时间：…至… and names the person
questioned or inspected — or, written as free text, with a sentence that says both (``2018年8月22日
下午3时至下午6时，某局执法人员甲、乙在…对丙进行调查询问``); it closes with 以上笔录… and （以下空白）. These say where a record goes on
and where it ends when a title or footer is missing or misread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.analysis.moments import arabic
from app.analysis.pages import Line
from app.analysis.textnorm import fold

QA = re.compile(r"^[问答][:：]")
OPENING = re.compile(
    r"^(时间[:：].*(年|月|日|时|至)|被调查询问人[:：]|被询问人[:：]|被检查(\(勘察\))?人(名称|姓名)|"
    r"检查(\(勘察\))?人(姓名|及执法证)|调查询问人及执法证|询问人[:：])"
)
INQUIRY_OPENING = re.compile(r"^(被调查询问人|被询问人|调查询问人|询问人)")
INSPECTION_OPENING = re.compile(
    r"^(被检查(\(勘察\))?人(名称|姓名)|检查(\(勘察\))?人(姓名|及执法证)|现场负责人[:：])"
)
FREE_TEXT_START = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}[日号].{0,20}?(至|到)")
"""A free-text record's first sentence opens with its date and span: 2018年8月22日下午3时至下午6时，…"""
FREE_TEXT_ACT = re.compile(
    r"执法人员.{0,80}?(?P<act>进行(?:现场)?(?:调查)?(?:询问|检查|勘察)|(?:询问|检查|勘察))"
)
"""…and says who did what: 执法人员甲、乙在…对丙进行调查询问 / 进行现场检查."""
FREE_TEXT_LINES = 3
CLOSING = re.compile(r"以下空白|以下无正文")
"""以上笔录已阅无误 is no end: a record may print it and still run on a page (demo, some bureaus)."""
SIGNATURE = re.compile(
    r"(被调查询问人|被询问人|被检查.{0,6}人|检查.{0,4}人|询问人|调查人|记录人|执法人员|现场负责人)(签名|签字)"
)
OFFICER_ROLES = ("检查", "勘察", "询问", "调查", "执法人员")


@dataclass(frozen=True)
class RecordMarks:
    questions: int
    """问：/答： lines"""
    opening: bool
    """the fields a record opens with (时间：…至…, 被调查询问人：…)"""
    opening_kind: str | None
    """inquiry_record or inspection_record, when the opening fields say which"""
    closing: bool
    """（以下空白）: nothing more of this record follows"""
    signatures: bool
    confirms_at_top: bool
    """the page opens with 以上笔录… or signature lines: the close of a record that ran over a page"""
    signed_off: bool = False
    """the record's closing block: the officers' and the recorder's signature lines (the forms print
    only the questioned or inspected person's line on the pages before the last)"""


TOP_OF_BODY = 0.30
CONFIRMATION = re.compile(r"以上笔录|已阅无误|以上记录")


def record_marks(lines: list[Line]) -> RecordMarks:
    questions = 0
    opening = closing = signatures = confirms_at_top = False
    opening_kind = None
    roles: set[str] = set()
    for line in lines:
        folded = fold(line.text)
        if QA.search(folded):
            questions += 1
        if OPENING.search(folded):
            opening = True
        if opening_kind is None and INQUIRY_OPENING.search(folded):
            opening_kind = "inquiry_record"
        elif opening_kind is None and INSPECTION_OPENING.search(folded):
            opening_kind = "inspection_record"
        if CLOSING.search(folded):
            closing = True
        for signature in SIGNATURE.finditer(folded):
            role = signature.group(1)
            if role == "记录人":
                roles.add("recorder")
            elif not role.startswith("被") and any(word in role for word in OFFICER_ROLES):
                roles.add("officer")
        if SIGNATURE.search(folded):
            signatures = True
            confirms_at_top = confirms_at_top or line.box[1] < TOP_OF_BODY
        if CONFIRMATION.search(folded) and line.box[1] < TOP_OF_BODY:
            confirms_at_top = True
    signed_off = roles == {"recorder", "officer"}
    if not opening:
        free_kind = _free_text_opening(lines)
        if free_kind is not None:
            opening = True
            opening_kind = free_kind  # what the sentence says over a signature line's 询问人
    return RecordMarks(questions, opening, opening_kind, closing, signatures, confirms_at_top, signed_off)


def _free_text_opening(lines: list[Line]) -> str | None:
    """The record kind a free-text opening sentence at the top of the page names, else None.

    Only the top of the body: an answer further down may well start with a date (答 lines never
    do at the line's start, but a wrapped answer's next line may).
    """
    top = [fold(line.text) for line in lines if line.box[1] < TOP_OF_BODY]
    for index, text in enumerate(top):
        if not FREE_TEXT_START.search(arabic(text)):
            continue
        sentence = "".join(top[index : index + FREE_TEXT_LINES])
        act = FREE_TEXT_ACT.search(sentence)
        if act is None:
            continue
        return "inquiry_record" if "询问" in act.group("act") else "inspection_record"
    return None
