"""The station's workflow: every completeness finding, assignment balance and conflicts, review packets."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.demo.disc import docx_bytes
from app.errors import UsageError
from app.models.cases import CaseRepository
from app.models.store import Store
from app.station.assign import Conflict, Expert, assign
from tests.helpers.files import text_pdf
from tests.helpers.panel import PASSPHRASE, case_ids, passphrase_file, run, score


def _pdf(root: Path, relative: str, number: str, unit: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text_pdf([unit, "行政处罚案卷", "卷内目录", f"文号：{number}"], pages=3))


def _submissions(root: Path) -> Path:
    """德令哈: a complete collective except one sampled file, a duplicate, a 2022 case; 格尔木 individual 王芳."""
    d = "德令哈市生态环境局"
    _pdf(root, f"{d}/集体/推选案卷/一般行政处罚/德环罚〔2024〕1号.pdf", "德环罚〔2024〕1号", d)
    _pdf(root, f"{d}/集体/推选案卷/一般行政处罚/德环罚〔2022〕2号.pdf", "德环罚〔2022〕2号", d)
    _pdf(root, f"{d}/集体/推选案卷/涉嫌犯罪移送/德环罚〔2024〕3号.pdf", "德环罚〔2024〕3号", d)
    _pdf(root, f"{d}/集体/抽选案卷/一般行政处罚/德环罚〔2024〕4号.pdf", "德环罚〔2024〕4号", d)
    _pdf(root, f"{d}/集体/抽选案卷/按日连续处罚/德环罚〔2024〕5号.pdf", "德环罚〔2024〕5号", d)
    _pdf(root, f"{d}/集体/抽选案卷/查封扣押/德环罚〔2024〕6号.pdf", "德环罚〔2024〕6号", d)
    # the same file again as a sampled general case: submitted under two categories
    (root / f"{d}/集体/抽选案卷/一般行政处罚/德环罚〔2024〕1号.pdf").write_bytes(
        (root / f"{d}/集体/推选案卷/一般行政处罚/德环罚〔2024〕1号.pdf").read_bytes()
    )
    g = "格尔木市生态环境局"
    _pdf(root, f"{g}/个人-王芳/一般行政处罚/格环罚〔2024〕7号.pdf", "格环罚〔2024〕7号", g)
    _pdf(root, f"{g}/个人-王芳/一般行政处罚/格环罚〔2024〕8号.pdf", "格环罚〔2024〕8号", g)
    long_text = "王芳同志先进事迹。" + "该同志依法查处格尔木昆仑化工有限公司违法排污案。" + "认真负责。" * 700
    (root / f"{g}/个人-王芳/事迹材料.docx").write_bytes(docx_bytes([long_text]))
    return root


@pytest.fixture
def station(tmp_path: Path) -> Path:
    data = tmp_path / "station"
    assert run(data, "import", _submissions(tmp_path / "disc")).code in (0, 1)
    return data


def test_check_finds_each_problem_with_its_reason_and_file(station: Path) -> None:
    store = Store.open(station)
    try:  # what analysis would have read from 王芳's transcripts: the company the case was about
        sha = next(
            c.sha256 for c in CaseRepository(store.db).list() if c.value("case_number") == "格环罚〔2024〕7号"
        )
        store.db.execute(
            "INSERT INTO transcript_facts (sha256, first_page, kind, facts_json) VALUES (?, 2, 'inquiry_record', ?)",
            [sha, json.dumps({"subject": "格尔木昆仑化工有限公司", "start": "2024-05-09T09:10"})],
        )
        store.db.conn.commit()
    finally:
        store.close()
    ids = case_ids(station)
    assert (
        run(
            station,
            "publication",
            str(ids["德环罚〔2024〕4号"]),
            "no",
            "--portal",
            "http://sthjj.example.gov.cn",
        ).code
        == 0
    )
    collective = run(
        station, "check", "--scheme", "haixi-2017-collective", "--period", "2024-01-01..2024-12-31", "--json"
    )
    assert collective.code == 1
    findings = collective.json()["findings"]
    codes = sorted(f["code"] for f in findings)
    assert codes == ["duplicate_category", "duplicate_category", "not_published", "outside_period"], findings
    outside = next(f for f in findings if f["code"] == "outside_period")
    assert outside["file"].endswith("德环罚〔2022〕2号.pdf") and "2022-01-01" in outside["zh"]
    assert "sthjj.example.gov.cn" in next(f for f in findings if f["code"] == "not_published")["zh"]
    individual = run(
        station, "check", "--scheme", "haixi-2017-individual", "--json", "--xlsx", station / "check.xlsx"
    )
    found = {f["code"]: f for f in individual.json()["findings"]}
    assert set(found) == {"integrity_certificate_missing", "merit_too_long", "merit_names_party"}
    assert found["integrity_certificate_missing"]["severity"] == "veto"
    assert "格尔木昆仑化工有限公司" in found["merit_names_party"]["zh"]
    assert found["merit_too_long"]["file"].endswith("事迹材料.docx")
    import openpyxl

    assert openpyxl.load_workbook(station / "check.xlsx").sheetnames == ["候选", "问题"]


def _case(case_id: int, unit: str):
    from app.models.cases import CaseFile, FieldValue

    return CaseFile(
        case_id,
        case_id,
        f"{case_id:064x}",
        f"{unit}/{case_id}.pdf",
        "disc",
        3,
        True,
        "",
        {"unit": FieldValue(unit, "folder")},
    )


UNITS = ["德令哈市生态环境局", "格尔木市生态环境局", "海西州生态环境局", "乌兰县生态环境局"]
EXPERTS = [
    Expert("E1", "甲", "德令哈市生态环境局"),
    Expert("E2", "乙", "格尔木市生态环境局", conflicts=(Conflict("海西州生态环境局", "曾在该局任职"),)),
    Expert("E3", "丙", "海西州生态环境监理站", region="乌兰县"),
    Expert("E4", "丁", "省生态环境厅"),
    Expert("E5", "戊", "青海省环境监察总队"),
]


def test_assignment_is_balanced_conflict_free_and_reproducible() -> None:
    cases = [_case(i, UNITS[i % 4]) for i in range(1, 22)]
    result = assign(cases, EXPERTS, per_case=3, seed=2024)
    load = result.load()
    by_id = {e.id: e for e in EXPERTS}
    assert sum(load.values()) == 63
    for case in cases:
        chosen = result.by_case[case.id]
        assert len(set(chosen)) == 3
        assert all(by_id[e].conflict_with(case.value("unit")) is None for e in chosen)
        # balanced as far as conflicts allow: no expert who could take this case has two fewer
        free = [e.id for e in EXPERTS if e.id not in chosen and e.conflict_with(case.value("unit")) is None]
        assert all(load[a] - load[b] <= 1 for a in chosen for b in free)
    unconstrained = [load[e] for e in ("E4", "E5")]
    assert max(load.values()) - min(unconstrained) <= 1
    reasons = {(c, e): r for c, e, r in result.excluded}
    # case i is of UNITS[i % 4]: 1 格尔木, 2 海西州, 3 乌兰县, 4 德令哈
    assert reasons[(4, "E1")].startswith("本单位") and reasons[(1, "E2")].startswith("本单位")
    assert reasons[(2, "E2")] == "曾在该局任职" and "乌兰县" in reasons[(3, "E3")]
    assert assign(cases, EXPERTS, 3, 2024).by_case == result.by_case
    assert assign(cases, EXPERTS, 3, 7).by_case != result.by_case


def test_assignment_refuses_when_conflicts_leave_too_few_experts() -> None:
    with pytest.raises(UsageError) as error:
        assign([_case(1, "德令哈市生态环境局")], EXPERTS[:2], per_case=2, seed=1)
    assert error.value.code == "not_enough_experts"


def test_packets_from_assignment_to_missing_reviews(tmp_path: Path, station: Path) -> None:
    pw = passphrase_file(tmp_path)
    assert (
        run(
            station, "keys", "init", "--name", "海西州环境监理站", "--unit", "监理站", "--passphrase-file", pw
        ).code
        == 0
    )
    experts_file = tmp_path / "experts.json"
    experts_file.write_text(json.dumps({"experts": [
        {"id": e.id, "name": e.name, "unit": e.unit, "region": e.region,
         "conflicts": [{"unit": c.unit, "reason": c.reason} for c in e.conflicts]} for e in EXPERTS
    ]}, ensure_ascii=False), encoding="utf-8")  # fmt: skip
    first = run(
        station, "assign", "--experts", experts_file, "--per-case", "2", "--seed", "11", "--json"
    ).json()
    again = run(
        station, "assign", "--experts", experts_file, "--per-case", "2", "--seed", "11", "--json"
    ).json()
    assert first["cases"] == again["cases"] and first["seed"] == 11
    mine = [c for c in again["cases"] if "E4" in c["experts"]]
    packets = {}
    for expert in ("E1", "E2", "E3", "E4", "E5"):
        out = tmp_path / f"packet-{expert}.zip"
        blind = ["--blind"] if expert == "E4" else []
        made = run(
            station, "packet", "--expert", expert, "--out", out, "--passphrase-file", pw, "--json", *blind
        )
        assert made.code == 0, made.err
        packets[expert] = out
    with zipfile.ZipFile(packets["E4"]) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["blind"] and all(
            "unit" not in c and "source_path" not in c for c in manifest["cases"]
        )
        assert all(n.startswith("cases/案卷") for n in archive.namelist() if n.startswith("cases/"))
    station_fp = run(station, "keys", "show", "--json").json()["fingerprint"]
    laptop = tmp_path / "laptop"
    assert (
        run(laptop, "keys", "init", "--name", "丁", "--unit", "省生态环境厅", "--passphrase-file", pw).code
        == 0
    )
    wrong = run(laptop, "receive-packet", packets["E4"], "--station-fingerprint", "00" * 32)
    assert wrong.code == 2 and "指纹不符" in wrong.err
    received = run(laptop, "receive-packet", packets["E4"], "--station-fingerprint", station_fp, "--json")
    assert received.code == 0, received.err
    shown = run(laptop, "cases", "--json").json()
    assert len(shown) == len(mine) and all(c["unit"] == "（盲评）" for c in shown)
    for case in shown:
        score(laptop, case["id"], "30", "30")
    package = tmp_path / "E4-scores.zip"
    assert run(laptop, "export", "--out", package, "--passphrase-file", pw).code == 0
    aggregated = run(station, "aggregate", package, "--accept-unknown-keys", "--json")
    assert aggregated.code == 0, aggregated.err
    missing = aggregated.json()["missing_reviews"]
    assert {m["expert_id"] for m in missing} == {"E1", "E2", "E3", "E5"}
    assert len(missing) == 2 * len(first["cases"]) - len(mine)
    assert all(c["score"] == 90 for c in aggregated.json()["cases"])


def test_a_changed_packet_is_refused(tmp_path: Path, station: Path) -> None:
    pw = passphrase_file(tmp_path)
    run(station, "keys", "init", "--name", "监理站", "--unit", "监理站", "--passphrase-file", pw)
    experts = tmp_path / "experts.json"
    experts.write_text(json.dumps({"experts": [{"id": "E4", "unit": "省厅"}, {"id": "E5", "unit": "总队"}]}))
    assert run(station, "assign", "--experts", experts, "--per-case", "1", "--seed", "3").code == 0
    packet = tmp_path / "p.zip"
    assert run(station, "packet", "--expert", "E4", "--out", packet, "--passphrase-file", pw).code == 0
    with zipfile.ZipFile(packet) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    name = next(n for n in members if n.startswith("cases/"))
    members[name] = members[name].replace(b"%%EOF", b"%%EOF\n% changed")
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for n, data in members.items():
            archive.writestr(n, data)
    refused = run(tmp_path / "laptop", "receive-packet", bad, "--accept-unknown-keys")
    assert refused.code == 2 and "已被改动" in refused.err
    assert run(tmp_path / "laptop", "cases", "--json").json() == []
    assert PASSPHRASE
