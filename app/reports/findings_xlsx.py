"""A bureau's findings as a workbook to print and send back: one sheet, one line per finding."""

from __future__ import annotations

from pathlib import Path

from app.aggregate.findings import BureauFindings
from app.reports.findings_tables import bureau_table
from app.reports.panel_xlsx import write_tables_xlsx


def write_findings_xlsx(bureau: BureauFindings, out: Path) -> None:
    write_tables_xlsx([bureau_table(bureau)], out)
