"""A candidate's level (市级/县级): set by the station, kept in the store, used by check and by schemes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.models.schema import known_migrations
from app.models.store import Store
from app.station.levels import stored_levels
from tests.helpers.files import text_pdf
from tests.helpers.panel import case_ids, run

UNIT = "民勤县生态环境局"


def _pdf(root: Path, relative: str, number: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text_pdf([UNIT, "行政处罚案卷", "卷内目录", f"文号：{number}"], pages=3))


@pytest.fixture
def station(tmp_path: Path) -> Path:
    """A county collective with exactly what 002 asks of a county: 推选 2 + 1, 抽选 2 + 1."""
    disc = tmp_path / "disc"
    _pdf(disc, f"{UNIT}/集体/推选案卷/一般行政处罚/民环罚〔2019〕1号.pdf", "民环罚〔2019〕1号")
    _pdf(disc, f"{UNIT}/集体/推选案卷/一般行政处罚/民环罚〔2019〕2号.pdf", "民环罚〔2019〕2号")
    _pdf(disc, f"{UNIT}/集体/推选案卷/按日连续处罚/民环罚〔2019〕3号.pdf", "民环罚〔2019〕3号")
    _pdf(disc, f"{UNIT}/集体/抽选案卷/一般行政处罚/民环罚〔2019〕4号.pdf", "民环罚〔2019〕4号")
    _pdf(disc, f"{UNIT}/集体/抽选案卷/一般行政处罚/民环罚〔2019〕5号.pdf", "民环罚〔2019〕5号")
    _pdf(disc, f"{UNIT}/集体/抽选案卷/查封扣押/民环罚〔2019〕6号.pdf", "民环罚〔2019〕6号")
    data = tmp_path / "station"
    assert run(data, "import", disc).code in (0, 1)
    return data


def _codes(data: Path, scheme_id: str) -> list[str]:
    return sorted(f["code"] for f in run(data, "check", "--scheme", scheme_id, "--json").json()["findings"])


def test_check_uses_the_stored_level_not_the_first_list(station: Path) -> None:
    """002 附件2: "（1）市级候选集体 推选评审案卷：候选单位一般行政处罚案卷2份、适用四个配套办法案卷2份、发现问题的污染源
    现场监督检查稽查案卷1份。" "（2）县级候选集体 推选评审案卷：候选单位一般行政处罚案卷2份、适用四个配套办法案卷1份。"
    """
    # no level yet: check says so instead of holding the county to the city's list
    assert _codes(station, "wuwei-2019-collective") == ["level_unknown"]
    done = run(station, "level", UNIT, "county")
    assert done.code == 0 and "县级" in done.out
    assert _codes(station, "wuwei-2019-collective") == []
    listed = run(station, "check", "--scheme", "wuwei-2019-collective", "--json").json()
    assert listed["candidates"][0]["level"] == "county"
    # as a city it lacks 1 四个配套办法 and 1 稽查 (推选) and 1 四个配套办法 (抽选)
    assert run(station, "level", UNIT, "市级").code == 0
    findings = run(station, "check", "--scheme", "wuwei-2019-collective", "--json").json()["findings"]
    assert sorted(f["en"] for f in findings) == [
        "nominated audit_case: 1 required of a city candidate, 0 submitted",
        "nominated four_measures: 2 required of a city candidate, 1 submitted",
        "sampled four_measures: 2 required of a city candidate, 1 submitted",
    ]
    assert any("（市级）" in f["zh"] for f in findings)
    store = Store.open(station)
    try:
        assert stored_levels(store.db) == {UNIT: "city"}
    finally:
        store.close()


def test_level_errors_are_bilingual(station: Path) -> None:
    bad_level = run(station, "level", UNIT, "province")
    assert (
        bad_level.code != 0
        and "city（市级）或 county（县级）" in bad_level.err
        and "must be city or county" in bad_level.err
    )
    unknown = run(station, "level", "不存在的局", "county")
    assert unknown.code != 0 and "没有这个候选" in unknown.err and UNIT in unknown.err
    assert "Traceback" not in bad_level.err + unknown.err


def test_unpublished_finding_says_zero_only_where_the_notice_does(station: Path) -> None:
    """000 附1: "处罚情况未在门户网站公开的,该案按0分计。"; 004 附件1 only: "参与大练兵活动的案件应在当地环保部门网站公开。" """
    ids = case_ids(station)
    assert run(station, "publication", str(ids["民环罚〔2019〕1号"]), "no").code == 0
    assert run(station, "level", UNIT, "county").code == 0

    def unpublished(scheme_id: str) -> str:
        findings = run(station, "check", "--scheme", scheme_id, "--json").json()["findings"]
        return next(f["zh"] for f in findings if f["code"] == "not_published")

    assert "该案卷按0分计" in unpublished("haixi-2017-collective")
    xinjiang = unpublished("xinjiang-2017-collective")
    assert "该案卷按0分计" not in xinjiang and "不改分" in xinjiang


def test_the_level_table_is_a_new_migration_at_the_end() -> None:
    assert "m007_candidate_levels" in known_migrations()
