"""The panel report carries agreement and leniency per rubric item, and prints them."""

from __future__ import annotations

import openpyxl

from tests.helpers.panel import run
from tests.helpers.station_cycle import Cycle


def test_item_agreement_reaches_the_panel_report_and_workbook(cycle: Cycle) -> None:
    xlsx = cycle.root / "items-panel.xlsx"
    body = run(cycle.station, "aggregate", "--json", "--xlsx", xlsx).json()
    items = {i["item"]: i for i in body["item_agreement"]}  # type: ignore[index]
    assert set(items) == {"inspection_record", "inquiry_record"}
    assert all(i["cases"] == 6 and len(i["leniency"]) == 5 for i in items.values())
    sheet = openpyxl.load_workbook(xlsx)["分项一致性"]
    labels = [sheet.cell(row, 3).value for row in range(4, sheet.max_row + 1)]
    assert "现场检查（勘察）笔录" in labels and "调查询问笔录" in labels  # rubric titles, never ids
