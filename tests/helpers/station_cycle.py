"""A whole station cycle on three generated discs, for the station's tests and its scripted desk walk.

Three bureaus each burn a disc of two collective case files; the station imports them, assigns each
case to three of five experts, writes their packets (one blind); each expert imports the packet on
their own data directory, scores (with deductions, notes, a gate and a cited page on some) and exports
the package back. Scores are chosen so that one case's spread exceeds the tolerance.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from app.models.packets import PacketFileRepository
from app.models.scores import ScoreRepository
from app.models.store import Store
from app.rubric import catalog
from tests.helpers.files import text_pdf
from tests.helpers.panel import RUBRIC, passphrase_file, public_key, run, score

BUREAUS = {
    "德令哈市生态环境局": "德环罚",
    "格尔木市生态环境局": "格环罚",
    "茫崖市生态环境局": "茫环罚",
}
EXPERTS = [
    {"id": "E1", "name": "张三", "unit": "海西州生态环境局", "region": "海西州"},
    {"id": "E2", "name": "李四", "unit": "海东市生态环境局", "region": "海东市"},
    {"id": "E3", "name": "王五", "unit": "西宁市生态环境局", "region": "西宁市"},
    {"id": "E4", "name": "赵六", "unit": "玉树州生态环境局", "region": "玉树州"},
    {
        "id": "E5",
        "name": "钱七",
        "unit": "果洛州生态环境局",
        "region": "果洛州",
        "conflicts": [{"unit": "格尔木市生态环境局", "reason": "曾在该局任职"}],
    },
]
LEAD_NOTE = "现场检查笔录未载明检查起止时间"


def make_discs(root: Path) -> list[Path]:
    """Three discs, one per bureau, each with a nominated and a sampled general-penalty case file."""
    discs = []
    for index, (unit, prefix) in enumerate(BUREAUS.items()):
        disc = root / f"disc{index + 1}"
        for case, selection in enumerate(("推选案卷", "抽选案卷"), 1):
            number = f"{prefix}〔2024〕{index * 2 + case}号"
            path = disc / unit / "集体" / selection / "一般行政处罚案卷" / f"{number}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            lines = [f"{unit}", "行政处罚案卷", "卷内目录", f"文号：{number}", "现场检查（勘察）笔录"]
            path.write_bytes(text_pdf(lines, pages=3))
        discs.append(disc)
    return discs


@dataclass
class Cycle:
    root: Path
    station: Path
    passphrase: Path
    discs: list[Path]
    experts_file: Path
    packets: dict[str, Path] = field(default_factory=dict)
    packages: dict[str, Path] = field(default_factory=dict)
    experts: dict[str, Path] = field(default_factory=dict)
    station_fingerprint: str = ""
    assignment: dict[str, list[str]] = field(default_factory=dict)
    """文号 → the ids of the experts assigned that case"""


def prepare_station(root: Path) -> Cycle:
    """Discs made, station key made, experts file written; nothing imported yet."""
    station = root / "station"
    pw = passphrase_file(root)
    made = run(
        station, "keys", "init", "--name", "海西州环境监理站", "--unit", "监理站", "--passphrase-file", pw
    )
    assert made.code == 0, made.err
    experts_file = root / "experts.json"
    experts_file.write_text(json.dumps({"experts": EXPERTS}, ensure_ascii=False), encoding="utf-8")
    cycle = Cycle(root, station, pw, make_discs(root / "discs"), experts_file)
    cycle.station_fingerprint = run(station, "keys", "show", "--json").json()["fingerprint"]  # type: ignore[index]
    return cycle


def expert_scores(expert_id: str, case_number: str, first: bool) -> tuple[str, str, list[str]]:
    """Inspection and inquiry points and extra flags: the case's ``first`` expert is strict on 德环罚1号,
    so that case is flagged for adjudication."""
    if case_number.endswith("〔2024〕1号"):
        if first:
            return "10", "12", ["--deduct", "transcript_elements/inspection_record/time_place",
                                "--note", f"inspection_record={LEAD_NOTE}"]  # fmt: skip
        return "30", "30", ["--note", "inquiry_record=询问笔录内容完整"]
    if case_number.endswith("〔2024〕4号") and expert_id in ("E2", "E3"):
        return "28", "25", ["--deduct", "transcript_elements/inquiry_record/rights_notice"]
    return "30", "28", []


def expert_round(cycle: Cycle, expert_id: str, *, cite_page: int | None = 2) -> Path:
    """One expert: own data dir and key, the packet received, every case scored, the package exported."""
    name = next(e["name"] for e in EXPERTS if e["id"] == expert_id)
    data = cycle.root / f"expert-{expert_id}"
    made = run(
        data, "keys", "init", "--name", name, "--unit", "省生态环境厅", "--passphrase-file", cycle.passphrase
    )
    assert made.code == 0, made.err
    (cycle.station / "roster").mkdir(exist_ok=True)
    public_key(data, cycle.station / "roster" / f"{expert_id}.pem")
    got = run(
        data, "receive-packet", cycle.packets[expert_id], "--station-fingerprint", cycle.station_fingerprint
    )
    assert got.code == 0, got.err
    numbers = _case_numbers(cycle.station, cycle.packets[expert_id])
    for case in run(data, "cases", "--json").json():  # type: ignore[union-attr]
        number = numbers[case["sha256"]]
        first = min(cycle.assignment.get(number, [expert_id])) == expert_id
        inspection, inquiry, extra = expert_scores(expert_id, number, first)
        if cite_page is not None and "--note" in extra:
            _cite(data, case["id"], "inspection_record", cite_page)
        score(data, case["id"], inspection, inquiry, *extra)
    package = cycle.root / f"{expert_id}-scores.zip"
    exported = run(data, "export", "--out", package, "--passphrase-file", cycle.passphrase)
    assert exported.code == 0, exported.err
    cycle.experts[expert_id] = data
    cycle.packages[expert_id] = package
    return package


def remember_assignment(cycle: Cycle, body: dict) -> None:
    cycle.assignment = {c["case_number"]: list(c["experts"]) for c in body["cases"]}


def _case_numbers(station: Path, packet: Path) -> dict[str, str]:
    """SHA-256 → 文号 from the station's list (a blind packet names neither, and its files are redacted
    copies: the station's record of the packet maps them back)."""
    listed = run(station, "cases", "--json").json()
    numbers = {c["sha256"]: c["case_number"] for c in listed}  # type: ignore[union-attr]
    store = Store.open(station)
    try:
        originals = PacketFileRepository(store.db).originals()
    finally:
        store.close()
    return numbers | {copy: numbers[original] for copy, original in originals.items()}


def _cite(data: Path, case_id: int, item: str, page: int) -> None:
    """What "cite this page" in the desk stores: the evidence path of the item."""
    store = Store.open(data)
    try:
        repo = ScoreRepository(store.db, "test")
        sheet = repo.sheet(case_id, catalog.get_case_rubric(RUBRIC, data))
        repo.change(sheet, f"evidence/{item}", {"page": page, "text": "检查时间"})
    finally:
        store.close()


def run_cli_cycle(root: Path) -> Cycle:
    """The whole cycle by the command line, up to the received packages."""
    cycle = prepare_station(root)
    imported = run(cycle.station, "import", *cycle.discs)
    assert imported.code in (0, 1), imported.err
    assigned = run(
        cycle.station, "assign", "--experts", cycle.experts_file, "--per-case", "3", "--seed", "7", "--json"
    )
    assert assigned.code == 0, assigned.err
    remember_assignment(cycle, assigned.json())  # type: ignore[arg-type]
    for expert in EXPERTS:
        out = root / f"packet-{expert['id']}.zip"
        blind = ["--blind"] if expert["id"] == "E4" else []
        made = run(
            cycle.station, "packet", "--expert", expert["id"], "--out", out, "--passphrase-file",
            cycle.passphrase, *blind,
        )  # fmt: skip
        assert made.code == 0, made.err
        cycle.packets[expert["id"]] = out
    for expert in EXPERTS:
        expert_round(cycle, expert["id"])
    got = run(cycle.station, "aggregate", *cycle.packages.values())
    assert got.code == 0, got.err + got.out
    return cycle
