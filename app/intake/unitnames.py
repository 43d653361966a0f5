"""One identity for a unit however it is written: short and full place names, old and new bureau names.

Covers, folders and expert lists name the same bureau in several ways: 海西州 for 海西蒙古族藏族自治州,
环保局 for 环境保护局, with or without the 市 of the city or the province in front, and — after the
2018–19 institutional reform — 生态环境局 (or 市生态环境局X分局 for a county bureau) for the old
环境保护局. ``unit_key`` maps every such spelling to one comparison key; the string shown to people
stays as the disc wrote it.
"""

from __future__ import annotations

import functools
import re

AUTONOMOUS_PREFECTURES: dict[str, tuple[str, tuple[str, ...]]] = {
    # stem: (official full name, other short forms besides stem+州)
    "延边": ("延边朝鲜族自治州", ()),
    "恩施": ("恩施土家族苗族自治州", ()),
    "湘西": ("湘西土家族苗族自治州", ()),
    "阿坝": ("阿坝藏族羌族自治州", ()),
    "甘孜": ("甘孜藏族自治州", ()),
    "凉山": ("凉山彝族自治州", ()),
    "黔东南": ("黔东南苗族侗族自治州", ()),
    "黔南": ("黔南布依族苗族自治州", ()),
    "黔西南": ("黔西南布依族苗族自治州", ()),
    "楚雄": ("楚雄彝族自治州", ()),
    "红河": ("红河哈尼族彝族自治州", ()),
    "文山": ("文山壮族苗族自治州", ()),
    "西双版纳": ("西双版纳傣族自治州", ("版纳州",)),
    "大理": ("大理白族自治州", ()),
    "德宏": ("德宏傣族景颇族自治州", ()),
    "怒江": ("怒江傈僳族自治州", ()),
    "迪庆": ("迪庆藏族自治州", ()),
    "临夏": ("临夏回族自治州", ()),
    "甘南": ("甘南藏族自治州", ()),
    "海北": ("海北藏族自治州", ()),
    "黄南": ("黄南藏族自治州", ()),
    "海南": ("海南藏族自治州", ()),
    "果洛": ("果洛藏族自治州", ()),
    "玉树": ("玉树藏族自治州", ()),
    "海西": ("海西蒙古族藏族自治州", ()),
    "昌吉": ("昌吉回族自治州", ()),
    "博尔塔拉": ("博尔塔拉蒙古自治州", ("博州",)),
    "巴音郭楞": ("巴音郭楞蒙古自治州", ("巴州",)),
    "克孜勒苏": ("克孜勒苏柯尔克孜自治州", ("克州",)),
    "伊犁": ("伊犁哈萨克自治州", ()),
}
"""China's 30 autonomous prefectures; the usual short form is the stem followed by 州."""

LEAGUES: dict[str, tuple[str, ...]] = {
    "锡林郭勒盟": ("锡盟",),
    "阿拉善盟": ("阿盟",),
    "兴安盟": (),
}
"""Inner Mongolia's leagues (盟) and their usual abbreviations."""

PROVINCE_RE = re.compile(
    r"^(?:内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|"
    r"[\u4e00-\u9fff]{2,3}省|北京市|天津市|上海市|重庆市)"
)
ETHNIC_COUNTY_RE = re.compile(
    r"([^\W\d省市州区县旗盟]{2,}?)(?:蒙古|哈萨克|柯尔克孜|塔吉克|锡伯|[^\W\d省市州区县旗盟]{1,4}族)+自治(县|旗)"
)
"""门源回族自治县 → 门源县: autonomous counties are usually written without the peoples' names."""
BRANCH_RE = re.compile(r"^.*?(?:生态环境局|环境保护局|环保局)([\u4e00-\u9fff]{2,8}?)分局$")
"""海西州生态环境局德令哈分局: after the reform a county bureau became a branch of the city's."""
PLACE_RE = re.compile(r"[\u4e00-\u9fff]{2,}?(?:自治区|自治州|地区|省|市|州|盟|县|区|旗)")
AGENCIES: tuple[tuple[str, str], ...] = (
    ("生态环境保护综合行政执法支队", "综合行政执法支队"),
    ("生态环境保护综合行政执法大队", "综合行政执法大队"),
    ("环境监察支队", "环境监察支队"),
    ("环境监察大队", "环境监察大队"),
    ("环境监察局", "环境监察局"),
    ("生态环境分局", "生态环境局"),
    ("环境保护分局", "环境保护局"),
    ("生态环境局", "生态环境局"),
    ("生态环境厅", "生态环境厅"),
    ("环境保护局", "环境保护局"),
    ("环境保护厅", "环境保护厅"),
    ("环保局", "环境保护局"),
    ("环保厅", "环境保护厅"),
    ("分局", "环境保护局"),
)
"""Agency suffixes, longest first, with the spelling the key uses."""
RENAMED = {"生态环境局": "环境保护局", "生态环境厅": "环境保护厅"}
RENAMING_YEAR = 2018
"""The bureaus took their new names in 2018–19; from then on 生态环境局 is the old 环境保护局."""


def _expand_prefecture(text: str) -> str:
    """海西蒙古族藏族自治州…, 海西自治州…, 博州… → 海西州…, 博尔塔拉州… (the stem + 州)."""
    for stem, (full, aliases) in AUTONOMOUS_PREFECTURES.items():
        if text.startswith(full):
            return f"{stem}州{text[len(full) :]}"
        loose = re.match(rf"^{stem}[\u4e00-\u9fff]{{0,12}}?自治州", text)
        if loose:
            return f"{stem}州{text[loose.end() :]}"
        for alias in aliases:
            if text.startswith(alias) and text[len(alias) : len(alias) + 1] not in ("市", "区", "县"):
                return f"{stem}州{text[len(alias) :]}"
    for league, aliases in LEAGUES.items():
        for alias in aliases:
            if text.startswith(alias):
                return league + text[len(alias) :]
    return text


def _split(name: str) -> tuple[str, str]:
    """(place, agency) of a unit name; agency '' when none of the known suffixes ends it."""
    for suffix, canonical in AGENCIES:
        if name.endswith(suffix):
            return name[: -len(suffix)], canonical
    return name, ""


def _last_place(place: str) -> str:
    """The most specific place of '青海省海西州德令哈市', without a 市/县/区 its name does not need."""
    last, position = place, 0
    while position < len(place):
        token = PLACE_RE.match(place, position)
        last = token.group(0) if token else place[position:]
        position = token.end() if token else len(place)
    if len(last) >= 3 and last[-1] in "市县区" and not last.endswith(("地区", "自治区")):
        last = last[:-1]
    return last


@functools.lru_cache(maxsize=8192)  # thousands of case files and experts name a few dozen units
def unit_key(name: str, year: int | None = None) -> str:
    """The comparison key of a unit name: equal for the short and full forms of the same unit.

    ``year`` is the year the name was used in (a case's 文号); 生态环境局 counts as the renamed
    环境保护局 from 2018 on, or when the year is not known.
    """
    text = re.sub(r"\s", "", name)
    provincial = PROVINCE_RE.sub("", text, count=1)
    if _split(provincial)[0]:
        text = provincial  # 青海省海西州…: the province adds nothing; 青海省环境保护厅 keeps it
    text = _expand_prefecture(text)
    branch = BRANCH_RE.match(text)
    if branch:
        text = f"{branch.group(1)}环境保护局"
    text = ETHNIC_COUNTY_RE.sub(lambda m: m.group(1) + m.group(2), text, count=1)
    place, agency = _split(text)
    if year is None or year >= RENAMING_YEAR:
        agency = RENAMED.get(agency, agency)
    return f"{_last_place(place)}|{agency}"


def same_unit(first: str | None, second: str | None, year: int | None = None) -> bool:
    """Whether two spellings name the same unit (a missing name is nobody's)."""
    if not first or not second:
        return False
    return first == second or unit_key(first, year) == unit_key(second, year)


def _place(text: str) -> str:
    text = re.sub(r"\s", "", text)
    return _expand_prefecture(PROVINCE_RE.sub("", text, count=1) or text)


def in_region(unit: str, region: str) -> bool:
    """Whether a unit belongs to a region (海西州 holds 海西蒙古族藏族自治州环境保护局)."""
    if not unit or not region:
        return False
    if unit.startswith(region) or _place(unit).startswith(_place(region)):
        return True
    return unit_key(unit).split("|", 1)[0] == _last_place(_place(region))
