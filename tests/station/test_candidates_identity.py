"""`check` shows one candidate per submitting folder, however the covers spell the unit."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from app.models.store import Store
from app.station.assign import Conflict, Expert
from app.station.candidates import candidates
from tests.helpers.panel import run

FULL = "海西蒙古族藏族自治州环境保护局"
SHORT = "海西州环境保护局"
REQUIRED = [  # what haixi-2017-collective asks of a collective: (selection folder, type folder)
    ("推选案卷", "一般行政处罚"),
    ("推选案卷", "一般行政处罚"),
    ("推选案卷", "涉嫌犯罪移送"),
    ("抽选案卷", "一般行政处罚"),
    ("抽选案卷", "一般行政处罚"),
    ("抽选案卷", "按日连续处罚"),
    ("抽选案卷", "查封扣押"),
]


def case_pdf(path: Path, unit: str, number: str) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    for row, line in enumerate([unit, "行政处罚案卷", "卷内目录", f"文号：{number}"]):
        page.insert_text((72, 72 + 20 * row), line, fontname="china-s", fontsize=12)
    doc.new_page()
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    doc.close()


def haixi_disc(root: Path, folder: str | None) -> Path:
    """A complete Haixi collective whose first cover uses the short name and the others the full one."""
    for index, (selection, case_type) in enumerate(REQUIRED, start=1):
        where = f"{folder}/{selection}/{case_type}" if folder else f"{selection}/{case_type}"
        case_pdf(root / where / f"{index}.pdf", SHORT if index == 1 else FULL, f"青环罚〔2017〕{index}号")
    return root


def check(data: Path, scheme: str) -> dict:
    result = run(data, "check", "--scheme", scheme, "--json")
    assert result.code in (0, 1), result.err
    return result.json()


def test_mixed_short_and_full_covers_are_one_candidate_with_nothing_missing(tmp_path: Path) -> None:
    data = tmp_path / "station"
    run(data, "import", haixi_disc(tmp_path / "disc", f"一、集体（{SHORT}）"))
    report = check(data, "haixi-2017-collective")
    assert [(c["id"], c["unit"], c["cases"]) for c in report["candidates"]] == [(SHORT, SHORT, 7)]
    assert [f for f in report["findings"] if f["code"] == "missing_case_file"] == []


def test_covers_alone_spelling_the_unit_two_ways_are_one_candidate(tmp_path: Path) -> None:
    data = tmp_path / "station"
    run(data, "import", haixi_disc(tmp_path / "disc", "集体"))
    report = check(data, "haixi-2017-collective")
    assert [(c["unit"], c["cases"]) for c in report["candidates"]] == [(FULL, 7)]  # most covers' spelling
    assert [f for f in report["findings"] if f["code"] == "missing_case_file"] == []


def test_two_submitting_folders_are_two_candidates(tmp_path: Path) -> None:
    disc = tmp_path / "disc"
    haixi_disc(disc, f"一、集体（{SHORT}）")
    case_pdf(disc / "二、集体（海北州环境保护局）/推选案卷/一般行政处罚/1.pdf", FULL, "青环罚〔2017〕8号")
    data = tmp_path / "station"
    run(data, "import", disc)
    report = check(data, "haixi-2017-collective")
    assert sorted((c["unit"], c["cases"]) for c in report["candidates"]) == sorted(
        [(SHORT, 7), ("海北州环境保护局", 1)]
    )
    missing = {f["candidate"] for f in report["findings"] if f["code"] == "missing_case_file"}
    assert missing == {"海北州环境保护局"}


def test_an_individual_folder_is_one_individual_candidate(tmp_path: Path) -> None:
    disc = tmp_path / "disc"
    folder = disc / "二、个人（德令哈市环境保护局 马海军）"
    case_pdf(folder / "推选案卷/1.pdf", "德令哈市环境保护局", "德环罚〔2017〕1号")
    case_pdf(folder / "抽选案卷/2.pdf", "海西州德令哈市环保局", "德环罚〔2017〕2号")
    data = tmp_path / "station"
    run(data, "import", disc)
    report = check(data, "haixi-2017-individual")
    assert [(c["id"], c["cases"]) for c in report["candidates"]] == [("德令哈市环境保护局/马海军", 2)]


def test_a_persons_correction_moves_a_file_out_of_its_folders_candidate(tmp_path: Path) -> None:
    data = tmp_path / "station"
    run(data, "import", haixi_disc(tmp_path / "disc", f"一、集体（{SHORT}）"))
    cases = run(data, "cases", "--json").json()
    first = next(c for c in cases if c["source_path"].endswith("/1.pdf"))
    assert run(data, "case", "set", str(first["id"]), "--unit", "海北州环境保护局").code == 0
    report = check(data, "haixi-2017-collective")
    assert sorted((c["unit"], c["cases"]) for c in report["candidates"]) == sorted(
        [(SHORT, 6), ("海北州环境保护局", 1)]
    )


def test_an_expert_is_kept_from_their_own_unit_under_any_of_its_names() -> None:
    own = Expert("E1", "甲", SHORT)
    assert own.conflict_with(FULL) is not None
    assert own.conflict_with("海北州环境保护局") is None
    local = Expert("E2", "乙", "省厅", region="海西州")
    assert local.conflict_with(FULL) is not None
    declared = Expert("E3", "丙", "省厅", conflicts=(Conflict("德令哈市环保局", "曾在该局工作"),))
    assert declared.conflict_with("德令哈市环境保护局") == "曾在该局工作"
    assert declared.conflict_with("格尔木市环境保护局") is None


def test_covers_split_evenly_show_the_official_full_name(tmp_path: Path) -> None:
    disc = tmp_path / "disc"
    case_pdf(disc / "个人-易新兰/推选案卷/1.pdf", "昌吉州环境保护局", "昌州环罚〔2017〕1号")
    case_pdf(disc / "个人-易新兰/抽选案卷/2.pdf", "昌吉回族自治州环境保护局", "昌州环罚〔2017〕2号")
    data = tmp_path / "station"
    run(data, "import", disc)
    report = check(data, "haixi-2017-individual")
    assert [(c["id"], c["cases"]) for c in report["candidates"]] == [("昌吉回族自治州环境保护局/易新兰", 2)]


def test_two_unnamed_individual_folders_of_one_unit_stay_two_candidates(tmp_path: Path) -> None:
    disc = tmp_path / "disc"
    case_pdf(disc / "德令哈市环境保护局/个人一/推选案卷/1.pdf", "德令哈市环境保护局", "德环罚〔2017〕1号")
    case_pdf(disc / "德令哈市环境保护局/个人二/推选案卷/2.pdf", "德令哈市环境保护局", "德环罚〔2017〕2号")
    data = tmp_path / "station"
    run(data, "import", disc)
    cases = run(data, "cases", "--json").json()
    assert {c["candidate"]["name"] for c in cases} == {None}
    store = Store.open(data)
    try:
        found, orphans = candidates(store.db)
    finally:
        store.close()
    assert orphans == [] and sorted(len(c.cases) for c in found) == [1, 1]
