"""Findings back to the bureau: each expert's deductions, gates, notes and pages, merged per case."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pymupdf

from app.aggregate.findings import merge
from app.rubric import catalog
from tests.helpers.panel import RUBRIC, run
from tests.helpers.station_cycle import LEAD_NOTE, Cycle


def test_findings_per_bureau_merge_the_experts(cycle: Cycle) -> None:
    out = cycle.root / "findings-test"
    made = run(cycle.station, "findings", "--out", out, "--json")
    assert made.code == 0, made.err
    body = made.json()
    assert [b["unit"] for b in body["bureaus"]] == [
        "德令哈市生态环境局",
        "格尔木市生态环境局",
        "茫崖市生态环境局",
    ]
    assert len(body["files"]) == 6
    first = next(c for c in body["bureaus"][0]["cases"] if c["case_number"] == "德环罚〔2024〕1号")
    by_subject = {f["subject"]: f for f in first["findings"]}
    inspection = by_subject["现场检查（勘察）笔录"]
    # one strict expert gave 10 of 35, two gave 30: every one of the three lost points, by 25 or 5
    assert inspection["experts"] == 3 and sorted(inspection["lost"]) == [5, 5, 25]
    assert inspection["pages"] == [2] and inspection["notes"] == [LEAD_NOTE]
    element = next(f for f in first["findings"] if f["kind"] == "element")
    assert element["experts"] == 1 and element["lost"] == [3] and "起止时间" in element["subject"]

    with pymupdf.open(out / "德令哈市生态环境局-评查意见.pdf") as doc:
        text = "".join(page.get_text() for page in doc)
    assert LEAD_NOTE in text.replace("\n", "") and "评审组长" in text and "第 1 页 共" in text
    sheet = openpyxl.load_workbook(out / "德令哈市生态环境局-评查意见.xlsx")["评查意见"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert any(
        r[1] == "德环罚〔2024〕1号" and r[5] == "1/3" for r in rows
    )  # 序号 案卷 得分 类别 问题 发现的专家


def test_merge_counts_a_gate_and_a_missing_document_once_per_expert() -> None:
    rubric = catalog.get_case_rubric(RUBRIC, None)
    gate = rubric.gates[0]
    entry = {
        "inputs": {"gates": {gate.id: "只有一名执法人员"}, "missing": ["inquiry_record"], "scores": {}},
        "result": {"items": {"inspection_record": 35, "inquiry_record": 0}},
    }
    other = {
        "inputs": {"gates": {gate.id: "询问人仅一人"}, "scores": {}},
        "result": {"items": {"inspection_record": 35, "inquiry_record": 35}},
    }
    found = merge(rubric, [entry, other])
    assert [(f.kind, f.experts) for f in found] == [("gate", 2), ("missing", 1)]
    assert found[0].notes == ["只有一名执法人员", "询问人仅一人"] and found[0].lost == []
    assert Decimal(0) not in found[1].lost
