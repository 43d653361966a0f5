"""One unit, however it is written: the autonomous prefectures' short forms, 环保局, 市, 分局, the 2018–19 renaming."""

from __future__ import annotations

import pytest

from app.intake.unitnames import AUTONOMOUS_PREFECTURES, same_unit, unit_key


def test_there_are_thirty_autonomous_prefectures_each_with_its_official_name() -> None:
    assert len(AUTONOMOUS_PREFECTURES) == 30
    for stem, (full, _aliases) in AUTONOMOUS_PREFECTURES.items():
        assert full.startswith(stem) and full.endswith("自治州")


@pytest.mark.parametrize("stem", sorted(AUTONOMOUS_PREFECTURES))
def test_every_prefecture_short_form_is_its_full_name(stem: str) -> None:
    full = AUTONOMOUS_PREFECTURES[stem][0]
    assert same_unit(f"{stem}州环境保护局", f"{full}环境保护局")
    assert same_unit(f"{stem}州环保局", f"{full}环境保护局")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("海西州环境保护局", "青海省海西蒙古族藏族自治州环境保护局"),
        ("博州环保局", "博尔塔拉蒙古自治州环境保护局"),
        ("巴州环境保护局", "巴音郭楞蒙古自治州环境保护局"),
        ("克州环境保护局", "克孜勒苏柯尔克孜自治州环境保护局"),
        ("德令哈市环保局", "德令哈市环境保护局"),
        ("德令哈环保局", "德令哈市环境保护局"),
        ("海西州德令哈市环境保护局", "德令哈市环境保护局"),
        ("门源回族自治县环境保护局", "门源县环保局"),
        ("锡盟环保局", "锡林郭勒盟环境保护局"),
    ],
)
def test_short_and_full_forms_are_one_unit(first: str, second: str) -> None:
    assert unit_key(first) == unit_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("海西州环境保护局", "海北州环境保护局"),
        ("海南州环境保护局", "海南省环境保护厅"),
        ("德令哈市环境保护局", "格尔木市环境保护局"),
        ("海西州环境保护局", "德令哈市环境保护局"),
        ("海西州环境保护局", "海西州环境监察支队"),
        ("巴州区环保局", "巴音郭楞蒙古自治州环境保护局"),
    ],
)
def test_different_units_stay_apart(first: str, second: str) -> None:
    assert not same_unit(first, second)


def test_the_renamed_bureau_is_the_old_one_from_the_2018_19_reform_on() -> None:
    assert same_unit("德令哈市生态环境局", "德令哈市环境保护局", year=2019)
    assert same_unit("海西州生态环境局德令哈分局", "德令哈市环境保护局", year=2019)
    assert same_unit("海西州生态环境局", "海西蒙古族藏族自治州环境保护局", year=2018)
    assert same_unit("德令哈市生态环境局", "德令哈市环境保护局")  # year unknown: the same bureau
    # a 2017 file could not have been filed by a 生态环境局: the names are two different units then
    assert not same_unit("德令哈市生态环境局", "德令哈市环境保护局", year=2017)


def test_an_autonomous_county_under_its_prefecture_is_still_the_county() -> None:
    assert same_unit("海北州门源回族自治县环保局", "门源县环境保护局")
    assert not same_unit("海北州门源回族自治县环保局", "海北州环境保护局")
