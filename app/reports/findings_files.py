"""Writing every bureau's findings (PDF and workbook) into one folder, named by the bureau."""

from __future__ import annotations

import re
from pathlib import Path

from app.aggregate.findings import BureauFindings
from app.atomic import output_folder
from app.reports.findings_pdf import write_findings_pdf
from app.reports.findings_xlsx import write_findings_xlsx


def safe_name(text: str) -> str:
    """A file name every system accepts, keeping the Chinese."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "bureau"


def write_findings(bureaus: list[BureauFindings], folder: Path) -> list[Path]:
    output_folder(folder)
    written = []
    for bureau in bureaus:
        stem = folder / f"{safe_name(bureau.unit)}-评查意见"
        pdf, xlsx = stem.with_suffix(".pdf"), stem.with_suffix(".xlsx")
        write_findings_pdf(bureau, pdf)
        write_findings_xlsx(bureau, xlsx)
        written += [pdf, xlsx]
    return written
