"""The summary report as a Word document (python-docx), set up like the order's DOCX
(roadmaps.documents.docx: A4, ГОСТ margins, Times New Roman 14 pt, 12 pt tables).

The chart is given as a table of figures: each school's items done, overdue and the rest,
the same numbers the PDF's bars draw (Word has no SVG we could rely on in LibreOffice)."""
from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from roadmaps.documents import docx as order_docx

from .data import SummaryDocument

WIDTHS = [5, 24, 16, 14, 14, 14, 13]
CHART_HEADERS = ["№", "Школа", "Выполнено", "Просрочено", "Срок не наступил или в работе",
                 "Всего"]
CHART_WIDTHS = [5, 37, 14, 14, 18, 12]
HEADER_SIZE = Pt(10)  # the figures' headers are long words in narrow columns


def _small_header(document) -> None:
    """The header row of the table just added, in 10 pt (its words never break)."""
    for cell in document.tables[-1].rows[0].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.size = HEADER_SIZE


def render_summary_docx(doc: SummaryDocument) -> bytes:
    document = Document()
    order_docx._setup(document)
    document.core_properties.title = doc.title
    document.core_properties.language = "ru-RU"
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)
    para = order_docx._para
    center = WD_ALIGN_PARAGRAPH.CENTER
    for line in doc.header_lines:
        para(document, line, align=center, bold=True, caps=True)
    para(document, "", after=12)
    para(document, doc.title, align=center, bold=True, after=2)
    para(document, doc.subtitle, align=center, after=10)
    reqs = order_docx._no_borders_table(document, [order_docx.TEXT_WIDTH // 2] * 2)
    left, right = reqs.rows[0].cells
    left.paragraphs[0].add_run(doc.date_label)
    right.paragraphs[0].add_run(order_docx.xml_safe(doc.place))
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    para(document, "Исполнение мероприятий по школам", bold=True, before=12, after=4)
    rows = [(cells, None, True) for cells in doc.table_cells()]
    if doc.rows:
        rows.append((doc.total_cells(), None, True))
    order_docx._grid_table(document, list(doc.HEADERS), WIDTHS, rows,
                           centered=(0, 2, 3, 4, 5, 6))
    _small_header(document)
    if doc.rows:  # the total row in bold, as in the PDF
        for cell in document.tables[-1].rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    for note in doc.notes:
        p = para(document, note, before=2, after=6)
        for run in p.runs:
            run.font.size = Pt(11)

    if doc.rows:
        para(document, "Исполнение мероприятий по школам (данные диаграммы)", bold=True,
             before=6, after=4)
        chart_rows = []
        for i, row in enumerate(doc.rows, 1):
            rest = max(row.due - row.done - row.overdue, 0)
            chart_rows.append(([str(i), row.school, str(row.done), str(row.overdue), str(rest),
                                str(row.due)], None, True))
        order_docx._grid_table(document, CHART_HEADERS, CHART_WIDTHS, chart_rows,
                               centered=(0, 2, 3, 4, 5))
        _small_header(document)

    for section in doc.sections:
        para(document, section.heading, bold=True, before=12, after=4)
        for text in section.paragraphs:
            p = para(document, text, indent=True)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    sign = order_docx._no_borders_table(document, [int(order_docx.TEXT_WIDTH * w) for w in
                                                   (0.45, 0.25, 0.30)])
    cells = sign.rows[0].cells
    cells[0].paragraphs[0].add_run(order_docx.xml_safe(doc.signatory_position))
    cells[1].paragraphs[0].add_run("____________")
    cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    cells[2].paragraphs[0].add_run(order_docx.xml_safe(doc.signatory_name))
    cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for cell in cells:  # one baseline: the position, the line to sign on, the name
        cell.paragraphs[0].paragraph_format.space_before = Pt(28)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    document.add_paragraph()
    out = BytesIO()
    document.save(out)
    return out.getvalue()
