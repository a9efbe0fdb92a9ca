"""The roadmap as an Excel workbook (openpyxl): the printed table and the structured dates.

Every text is written as text: a measure that begins with =, +, - or @ never becomes a
formula (data type "s" and the quote prefix, as Excel itself marks typed text).
"""
from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .data import RoadmapTable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADERS = ["№", "Мероприятие", "Срок", "Ответственные", "Результат", "Форма"]
WIDTHS = [8, 60, 22, 32, 36, 20]
DUE_HEADERS = ["№", "Мероприятие", "Срок (как написано)", "Вид срока", "Дата"]
DUE_WIDTHS = [8, 60, 30, 18, 12]

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", fgColor="EEF1F4")
SECTION_FILL = PatternFill("solid", fgColor="F6F8FA")


def put_text(cell, value: str | None) -> None:
    """Write a string as a string, never as a formula."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value or "")
    cell.value = text
    cell.data_type = "s"
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _header(ws, row: int, headers: list[str], widths: list[int]) -> None:
    for col, (title, width) in enumerate(zip(headers, widths, strict=True), 1):
        cell = ws.cell(row=row, column=col)
        put_text(cell, title)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    ws.print_title_rows = f"{row}:{row}"


def _table_sheet(ws, table: RoadmapTable, subtitle: str) -> None:
    ws.title = "Дорожная карта"
    put_text(ws.cell(row=1, column=1), table.title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.cell(row=1, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.row_dimensions[1].height = 48
    put_text(ws.cell(row=2, column=1), subtitle)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    _header(ws, 3, HEADERS, WIDTHS)
    r = 4
    for row in table.rows:
        if row.is_section:
            put_text(ws.cell(row=r, column=1), row.number)
            put_text(ws.cell(row=r, column=2), row.text)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(HEADERS))
            for col in range(1, len(HEADERS) + 1):
                cell = ws.cell(row=r, column=col)
                cell.font = Font(bold=True, italic=row.depth > 0)
                cell.fill = SECTION_FILL
                cell.border = BORDER
                cell.alignment = WRAP
        else:
            values = [row.number, row.text, row.deadline_text, row.responsible, row.result,
                      row.output_form]
            for col, value in enumerate(values, 1):
                cell = ws.cell(row=r, column=col)
                put_text(cell, value)
                cell.border = BORDER
                cell.alignment = WRAP
        r += 1
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _due_sheet(ws, table: RoadmapTable) -> None:
    _header(ws, 1, DUE_HEADERS, DUE_WIDTHS)
    for r, due in enumerate(table.due_rows, 2):
        for col, value in enumerate([due.number, due.text, due.deadline_text,
                                     due.deadline_kind], 1):
            cell = ws.cell(row=r, column=col)
            put_text(cell, value)
            cell.alignment = WRAP
            cell.border = BORDER
        cell = ws.cell(row=r, column=5, value=due.due_on)
        cell.number_format = "DD.MM.YYYY"
        cell.alignment = Alignment(vertical="top")
        cell.border = BORDER
    ws.auto_filter.ref = f"A1:E{max(1, len(table.due_rows) + 1)}"


def render_xlsx(table: RoadmapTable, *, subtitle: str = "") -> bytes:
    workbook = Workbook()
    _table_sheet(workbook.active, table, subtitle)
    _due_sheet(workbook.create_sheet("Сроки"), table)
    workbook.properties.title = table.title[:250]
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
