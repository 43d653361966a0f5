"""The station's workbooks, laid out to be printed, signed and filed as they are.

Each table is one sheet: a merged title row, the notes, a bordered table whose first column is 序号
(never an internal id), points in the number format 0.00, A4 landscape fitted to the page width with
the header row repeated on every page, the footer 第&P页 共&N页, and below the table the signature
block (评审组长、复核人、日期) the panel signs by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.aggregate.panel import PanelReport
from app.aggregate.panel_tables import Table, panel_tables
from app.atomic import replacing
from app.textwidth import display_width

HEADER_FILL = PatternFill("solid", fgColor="DCE3EC")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
POINTS_FORMAT = "0.00"
RATIO_FORMAT = "0.000"
FOOTER = "第&P页 共&N页"
SIGNATURES = ("评审组长：", "复核人：", "日期：")
SERIAL = "序号"


def write_panel_xlsx(panel: PanelReport, out: Path) -> None:
    write_tables_xlsx(panel_tables(panel), out)


def write_tables_xlsx(tables: list[Table], out: Path, signatures: bool = True) -> None:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        print_sheet(book.create_sheet(table.sheet), table, signatures)
    with replacing(out) as temp:
        book.save(temp)


def print_sheet(sheet: Worksheet, table: Table, signatures: bool = True) -> None:
    header = [SERIAL, *table.header]
    columns = len(header)
    sheet.append([table.title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 24
    for line in table.notes:
        sheet.append([line])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * max(1, display_width(line) // 120 + 1)
    header_row = sheet.max_row + 1
    sheet.append(header)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for serial, row in enumerate(table.rows, 1):
        sheet.append([serial, *[_cell(v) for v in row]])
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.border = BORDER
            value = row[index - 1] if index else serial
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, Decimal):
                cell.number_format = POINTS_FORMAT
            elif isinstance(value, float):
                cell.number_format = RATIO_FORMAT
    last_row = sheet.max_row
    _widths(sheet, header_row, last_row, columns)
    if signatures:
        _signature_block(sheet, last_row + 2, columns)
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:{get_column_letter(columns)}{sheet.max_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = FOOTER
    sheet.evenFooter.center.text = FOOTER


def _widths(sheet: Worksheet, first: int, last: int, columns: int) -> None:
    for index in range(1, columns + 1):
        values = [_shown(sheet.cell(r, index).value) for r in range(first, last + 1)]
        width = max((max((display_width(x) for x in v.split("\n")), default=0) for v in values), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 6), 50)


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def _signature_block(sheet: Worksheet, row: int, columns: int) -> None:
    """评审组长 / 复核人 / 日期 spread across the table's width, each with room to sign."""
    span = max(columns // len(SIGNATURES), 1)
    for index, label in enumerate(SIGNATURES):
        column = 1 + index * span
        if column > columns:
            column = columns
        cell = sheet.cell(row, column, label)
        cell.font = Font(size=12)
        cell.alignment = Alignment(horizontal="left", vertical="bottom")
    sheet.row_dimensions[row].height = 36


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) or value is None else str(value)
