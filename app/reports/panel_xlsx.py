"""The station's workbook: a sheet per level (cases, adjudication, candidates, rankings, experts, receipts).

Laid out to print: header row bold and repeated, columns sized to their content, A4 landscape, fit
to width.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.aggregate.panel import PanelReport
from app.aggregate.panel_tables import Table, panel_tables
from app.atomic import replacing
from app.textwidth import display_width

HEADER_FILL = PatternFill("solid", fgColor="DCE3EC")


def write_panel_xlsx(panel: PanelReport, out: Path) -> None:
    write_tables_xlsx(panel_tables(panel), out)


def write_tables_xlsx(tables: list[Table], out: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        _sheet(book.create_sheet(table.sheet), table)
    with replacing(out) as temp:
        book.save(temp)


def _sheet(sheet: Worksheet, table: Table) -> None:
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    for line in table.notes:
        sheet.append([line])
    header_row = sheet.max_row + 1
    sheet.append(table.header)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append([_cell(v) for v in row])
    for index, _ in enumerate(table.header, 1):
        values = [str(sheet.cell(r, index).value or "") for r in range(header_row, sheet.max_row + 1)]
        width = max((display_width(v) for v in values), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 6), 60)
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _cell(value: Any) -> Any:
    return value if isinstance(value, int | float) or value is None else str(value)
