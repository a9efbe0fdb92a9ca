"""The overdue list as an Excel workbook (openpyxl). Every text goes through the roadmap
export's `put_text`: a measure that begins with =, +, - or @ stays text, never a formula."""
from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.templatetags.ru import plural_form
from roadmaps.documents.xlsx import BORDER, WRAP, _header, put_text

HEADERS = ["Дорожная карта", "№", "Мероприятие", "Срок (как написано)", "Дата срока",
           "Просрочено", "Ответственные", "Школа", "Отчёт"]
WIDTHS = [36, 8, 60, 24, 12, 14, 32, 28, 22]


def render_overdue_xlsx(items: Iterable, *, title: str, subtitle: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Просроченные сроки"
    put_text(ws.cell(row=1, column=1), title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    put_text(ws.cell(row=2, column=1), subtitle)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    _header(ws, 3, HEADERS, WIDTHS)
    r = 4
    for item in items:
        values = [item.roadmap_title, item.number, item.text, item.deadline_text]
        for col, value in enumerate(values, 1):
            put_text(ws.cell(row=r, column=col), value)
        due = ws.cell(row=r, column=5, value=item.due_on)
        due.number_format = "DD.MM.YYYY"
        put_text(ws.cell(row=r, column=6),
                 f"{item.days_late} {plural_form(item.days_late, 'день,дня,дней')}")
        put_text(ws.cell(row=r, column=7), item.responsible_text)
        put_text(ws.cell(row=r, column=8), item.school_name or "—")
        put_text(ws.cell(row=r, column=9), item.report_label)
        for col in range(1, len(HEADERS) + 1):
            cell = ws.cell(row=r, column=col)
            cell.border = BORDER
            cell.alignment = WRAP if col != 5 else Alignment(vertical="top")
        r += 1
    ws.auto_filter.ref = f"A3:I{max(r - 1, 3)}"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
