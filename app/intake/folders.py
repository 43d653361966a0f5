"""What one folder name says (kind, unit, person, selection, case type), and which folder is the candidate's.

Bureaus name a candidate's folder in many ways — ``一、集体（海西州环境保护局）``,
``二、个人（德令哈市环境保护局 马海军）``, ``个人-马海军``, ``个人：马海军``,
``马海军（德令哈市环境保护局）``, or ``个人/马海军`` — and everything under that folder is that one
candidate's, whatever its covers say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.intake import phrases as vocab

SEPARATORS_RE = re.compile(r"[\s\-_—–：:（）()\[\]【】〔〕、，,/；;。.]+")
PERSON_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12})$")
NOT_A_NAME = (
    "案卷", "案件", "材料", "证明", "事迹", "目录", "附件", "其他", "其它", "光盘", "汇总", "表现", "突出",
    "候选", "单位", "文件", "资料", "扫描", "环境", "环保", "执法", "监察", "生态", "处罚", "推选", "抽选",
    "随机", "抽取", "推荐", "自选", "集体", "个人", "报送", "申报", "备份", "新建", "文件夹", "数据",
    "第", "批", "练兵", "参评", "评选", "评比", "活动", "年度", "级", "终稿", "定稿", "修改", "最新",
    "附表", "表格", "照片", "图片", "视频", "整改", "一般", "特殊",
)  # fmt: skip
PLACE_ENDINGS = "省市州县区盟旗局队所站厅科处"
KIND_WORDS_RE = re.compile(r"表现突出|先进|集体|个人")


@dataclass(frozen=True)
class FolderReading:
    """What one path component names; None where it names nothing of that field."""

    raw: str
    kind: str | None = None
    unit: str | None = None
    person: str | None = None
    selection: str | None = None
    case_type: str | None = None

    @property
    def names_candidate(self) -> bool:
        """A unit, a person, or 集体/个人 on its own — not a 个人推选案卷-style category folder."""
        if self.person or self.unit:
            return True
        return self.kind is not None and self.selection is None and self.case_type is None


def _looks_like_name(token: str) -> bool:
    if not PERSON_RE.match(token) or token[-1] in PLACE_ENDINGS:
        return False
    if any(word in token for word in NOT_A_NAME):
        return False
    return vocab.first_match(token, vocab.CASE_TYPES + vocab.SELECTION_WORDS) is None


def read_folder(raw: str, individual_above: bool = False, person_beside_unit: bool = True) -> FolderReading:
    """Read one folder (or file) name; ``individual_above`` when a folder above it says 个人.

    ``person_beside_unit``: a lone name beside a unit is a person (马海军（德令哈市环境保护局）) —
    true of folders, not of file names (德令哈市环保局（废水）.pdf).
    """
    text = vocab.strip_ordinal(raw)
    kind = vocab.first_match(text, vocab.CANDIDATE_WORDS)
    selection = vocab.first_match(text, vocab.SELECTION_WORDS)
    case_type = vocab.first_match(text, vocab.CASE_TYPES)
    rest = KIND_WORDS_RE.sub(" ", text)
    unit_match = vocab.UNIT_RE.search(rest)
    unit = unit_match.group(0) if unit_match else None
    if unit_match:
        rest = f"{rest[: unit_match.start()]} {rest[unit_match.end() :]}"
    names = [t for t in SEPARATORS_RE.split(rest) if t and _looks_like_name(t)]
    person = None
    individual = (kind and kind[0] == "individual") or (kind is None and individual_above)
    if len(names) == 1 and (individual or (kind is None and unit is not None and person_beside_unit)):
        person = names[0]  # 马海军（德令哈市环境保护局）: a person and the unit beside the name
    return FolderReading(
        raw,
        kind[0] if kind else ("individual" if person else None),
        unit,
        person,
        selection[0] if selection else None,
        case_type[0] if case_type else None,
    )


def read_path(components: list[str]) -> list[FolderReading]:
    """Every folder of a path, outermost first, each read knowing whether a folder above says 个人."""
    readings: list[FolderReading] = []
    individual_above = False
    for raw in components:
        reading = read_folder(raw, individual_above)
        readings.append(reading)
        if reading.kind is not None:
            individual_above = reading.kind == "individual"
    return readings


def submitting_index(readings: list[FolderReading]) -> int | None:
    """Which folder is the candidate's: the deepest naming 集体/个人 or a person, else the deepest unit."""
    for wanted in (lambda r: r.names_candidate and (r.kind or r.person), lambda r: r.unit):
        for index in range(len(readings) - 1, -1, -1):
            if wanted(readings[index]):
                return index
    return None
