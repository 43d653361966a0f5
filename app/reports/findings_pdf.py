"""A bureau's findings as the PDF the station signs and sends back: one section per case file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4

from app.aggregate.findings import BureauFindings
from app.models.store import now_iso
from app.reports.findings_tables import case_table
from app.reports.print_pdf import MARGIN, Printer, build

FRAME_WIDTH = A4[0] - 2 * MARGIN


def write_findings_pdf(bureau: BureauFindings, out: Path) -> None:
    printer = Printer()
    made = now_iso()[:10]
    title = f"案卷评查意见 · {bureau.unit}"
    story: list[Any] = [
        printer.p(title, "title"),
        printer.p(f"共 {len(bureau.cases)} 份案卷 · {made}", "subtitle"),
        printer.p(
            "下列为评查专家对各案卷发现的问题（同一问题多位专家发现的合并为一条，注明发现的专家人数、"
            "扣分范围、所在页码和专家意见），请对照整改。",
            "small",
        ),
    ]
    for found in bureau.cases:
        story += printer.section(case_table(found), FRAME_WIDTH)
    build(out, story, title, title, page_size=A4, signatures=printer.signature_block)
