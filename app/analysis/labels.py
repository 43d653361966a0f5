"""The labels of every transcript layout, and the fields they open.

A value runs from its label to the next label, never further: the place in
``地点：…柯鲁柯路238号被检查单位：…`` ends before 被检查单位 even with no line break between them.
That only works when every label of every layout is known, so this lexicon holds the labels of
the 2024 national and provincial templates, the older local forms (one 检查人 line per officer,
工作单位及执法证号, 公民身份号码 …), table captions, and the slips OCR makes in them
(a dropped colon, 执法证亏 for 执法证号, spaces inside). Patterns run on folded text
(NFKC, no white space), so ``（`` is ``(`` and the brackets may be missing.

A label followed by a colon is a label anywhere. Without a colon (a table cell, or OCR dropped it)
it counts only in the header, before the notice or the record's body begins, and only where a
label can stand: at the start of a line or cell, or a label long enough not to occur by chance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.analysis.stream import STRONG, Stream, from_text

_P = r"(?:\(?勘察\)?)?"  # the optional （勘察） of 检查（勘察）
_BADGE = r"执[法去]?[证證怔正征]件?(?:编[号號亏导弓码]|[号號亏导弓]码?|编码)?"
_AND_BADGE = rf"(?:及|和|、|/)?(?:{_BADGE})?"
_NAME = r"(?:姓名)?"

# (key, pattern) in the order they are tried at one position: where two could start at the same
# character, the longer, more specific one comes first (签字 lines before the people they name,
# 被检查人 before 检查人, 执法人员表明身份 before 执法人员).
LEXICON: list[tuple[str, str]] = [
    # where the header ends: the notice and the record's body
    ("notice", r"执法人员表明身份[^:]{0,24}?(?=:)|告知事项|告知内容|告知"),
    ("body", rf"现场检查{_P}情况|检查{_P}情况|现场勘察情况|现场情况|检查内容|询问内容|调查询问内容|询问记录"),
    ("question", r"问(?=:)|答(?=:)"),
    ("confirm", r"请确认|确认意见|确认"),
    # signatures name the same people as the header; they are not the header's fields
    (
        "signature",
        rf"(?:被检查{_P}人或现场负责人|被检查{_P}人|现场负责人|被调查询问人|被询问人|检查{_P}人|"
        rf"调查询问人|询问人|调查人|执法人员|记录人|其他参加人|参加人|绘制人|见证人)"
        r"签[字名章](?:确认)?(?:\(?执法证号\)?)?",
    ),
    # the subject
    (
        "subject_inspection",
        rf"被检查{_P}(?:人|单位|对象)(?:\(?单位\)?)?(?:名称或姓名|名称|姓名)?|被检查{_P}人或单位|被勘察人",
    ),
    ("subject_inquiry", rf"被(?:调查)?询问人{_NAME}|被调查人{_NAME}|被询问对象|当事人{_NAME}"),
    # the officers, with or without their badge numbers in the same label
    (
        "officer",
        rf"(?:现场)?检查{_P}人(?:员)?{_NAME}{_AND_BADGE}|勘察人(?:员)?{_NAME}{_AND_BADGE}|"
        rf"(?:调查)?询问人(?:员)?{_NAME}{_AND_BADGE}|调查人(?:员)?{_NAME}{_AND_BADGE}|"
        rf"(?:行政)?执法人员{_NAME}{_AND_BADGE}|承办人(?:员)?{_NAME}{_AND_BADGE}",
    ),
    ("recorder", rf"记录人(?:员)?{_NAME}|记录员"),
    (
        "others",
        r"其他参加人(?:员)?(?:姓名)?(?:及工作单位)?(?:\(?地址\)?)?|参加人(?:员)?|见证人|陪同人(?:员)?",
    ),
    # time and place
    ("start", r"开始时间|起始时间"),
    ("end", r"结束时间|终止时间|截止时间"),
    ("time", rf"(?:现场检查|检查{_P}|调查询问|调查|询问|勘察|检查起止|起止)?时间"),
    ("place", rf"(?:现场检查|检查{_P}|调查询问|调查|询问|勘察)?地点"),
    # the rest of the header, known so that no value runs into it
    ("badge", rf"工作单位及{_BADGE}|{_BADGE}|证件?号码?"),
    ("credit_code", r"统一社会信用代码(?:或身份证件号码)?|社会信用代码|营业执照(?:注册)?号?|组织机构代码"),
    ("legal_rep", r"法定代表人(?:\(?负责人\)?)?(?:姓名)?|法人代表|主要负责人|负责人(?:姓名)?"),
    ("site_manager", r"现场负责人(?:姓名)?"),
    ("id_number", r"公民身份号码|身份证件类型及号码|(?:公民)?身份证件?(?:号码|号)?"),
    ("unit", r"工作单位(?:及职务)?|所在单位"),
    ("unit_name", r"单位名称"),
    ("position", r"职务|职位|职称"),
    ("phone", r"(?:联系)?电话(?:号码)?|手机(?:号码)?|联系方式"),
    ("relation", r"与本案(?:的)?关系"),
    ("address", r"(?:家庭|单位|注册|经营|通讯|联系)?地址|住址|住所(?:地)?"),
    ("postcode", r"邮编|邮政编码"),
    ("gender", r"性别"),
    ("age", r"年龄|出生(?:年月|日期)"),
    ("ethnicity", r"民族"),
    ("education", r"文化程度"),
]
# OCR reads 人 as 入 and 查 as 査 often enough to allow for it in every label.
_OCR_SLIPS = {"人": "[人入]", "查": "[查査]"}
_LABELS = re.compile(
    "|".join(
        f"(?P<{key}>{re.sub('[人查]', lambda m: _OCR_SLIPS[m.group(0)], pattern)})"
        for key, pattern in LEXICON
    )
)
_PUNCT_BEFORE = set(",，;；。、)(（）")
# keys that, without a colon, are too short or too common to be taken for a label in running text
_COLON_ONLY = {"question", "confirm"}
HEADER_END = {"notice", "body", "question"}


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    start: int
    """where the value begins (after the label and its colon)"""
    end: int
    """where the next label begins"""
    label_start: int
    colon: bool


def _accepted(stream: Stream, key: str, start: int, end: int, header_end: int) -> tuple[bool, bool]:
    """Whether a match is a label, and whether a colon follows it."""
    text = stream.text
    colon = end < len(text) and text[end] == ":"
    if colon:
        return True, True
    if key in _COLON_ONLY or start >= header_end:
        return False, False
    line_start = stream.gap(start) >= STRONG or start == 0 or text[start - 1] in _PUNCT_BEFORE
    cell = stream.gap(end) >= STRONG
    return line_start or cell or (end - start) >= 4, False


def header_end(stream: Stream) -> int:
    """Where the notice or the body begins: the header's labels are all before it."""
    ends = []
    for match in _LABELS.finditer(stream.text):
        key = match.lastgroup or ""
        if key in HEADER_END and _accepted(stream, key, match.start(), match.end(), len(stream.text))[0]:
            ends.append(match.start())
            break
    we_are = re.search(r"我们是|我是", stream.text)
    if we_are:
        ends.append(we_are.start())
    return min(ends) if ends else len(stream.text)


def fields(stream: Stream) -> tuple[list[Field], int]:
    """Every label and the span of its value, in order; and where the header ends."""
    limit = header_end(stream)
    marks: list[tuple[str, int, int, bool]] = []
    for match in _LABELS.finditer(stream.text):
        key = match.lastgroup or ""
        ok, colon = _accepted(stream, key, match.start(), match.end(), limit)
        if ok:
            marks.append((key, match.start(), match.end(), colon))
    found = []
    for index, (key, start, end, colon) in enumerate(marks):
        value_start = end + 1 if colon else end
        following = marks[index + 1][1] if index + 1 < len(marks) else len(stream.text)
        if start < limit:
            following = min(following, limit)
        found.append(
            Field(key, stream.text[start:end], value_start, max(value_start, following), start, colon)
        )
    return found, limit


def is_label_text(text: str) -> bool:
    """Whether a cell's text is a label and nothing else (a table's caption cell)."""
    folded = from_text(text).text.rstrip(":")
    return bool(folded) and _LABELS.fullmatch(folded) is not None


def opens_with_label(text: str) -> bool:
    """Whether a line begins with a label (so it starts a field, whatever its width)."""
    return _LABELS.match(from_text(text).text) is not None
