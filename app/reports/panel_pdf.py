"""The station's PDF report: the same tables as the workbook, A4 landscape, CJK font embedded, signed off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.aggregate.panel import PanelReport
from app.aggregate.panel_tables import panel_tables
from app.models.store import now_iso
from app.reports.print_pdf import MARGIN, PAGE, Printer, build

FRAME_WIDTH = PAGE[0] - 2 * MARGIN
TITLE = "环境执法案卷评审 · 专家评分汇总"


def write_panel_pdf(panel: PanelReport, out: Path) -> None:
    printer = Printer()
    made = now_iso()[:16].replace("T", " ")
    story: list[Any] = [printer.p(TITLE, "title"), printer.p(f"生成于 {made}", "subtitle")]
    for table in panel_tables(panel):
        story += printer.section(table, FRAME_WIDTH)
    build(out, story, "专家评分汇总", f"{TITLE} · {made}", signatures=printer.signature_block)
