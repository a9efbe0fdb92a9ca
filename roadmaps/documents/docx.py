"""The order as a Word document (python-docx) that edits cleanly in Word and LibreOffice.

Real paragraphs with the numbering as text, real tables with a repeated header row, and
Times New Roman set on every script (ascii, hAnsi, cs, eastAsia) so Word uses it.
"""
from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx.table import _Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .data import LANDSCAPE_TEXT_MM, PORTRAIT_TEXT_MM, OrderDocument, RoadmapTable

FONT = "Times New Roman"
TEXT_WIDTH = Mm(PORTRAIT_TEXT_MM)  # A4 210 mm − 20 mm left − 10 mm right
WIDE_TEXT_WIDTH = Mm(LANDSCAPE_TEXT_MM)  # landscape A4 297 mm − 20 mm − 10 mm
TABLE_STYLE = "Текст таблицы"


def _set_fonts(rpr_parent, size: Pt | None = None) -> None:
    """Times New Roman for every script on a style or the document defaults."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size.pt * 2)))


def _page(section, *, landscape: bool) -> None:
    """A4 with the ГОСТ margins (20 mm, 10 mm on the right), portrait or landscape."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210),
                                                                                    Mm(297))
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.header_distance = Mm(10)


def _new_section(document, *, landscape: bool):
    """A section from a new page; its header (the page number) continues the order's, and
    its first page is numbered too (only the order's first page has no number)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=landscape)
    section.different_first_page_header_footer = False
    return section


def _setup(document, *, landscape: bool = False) -> None:
    section = document.sections[0]
    _page(section, landscape=landscape)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        _set_fonts(rpr_default, Pt(14))
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element, Pt(14))
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    table_text = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.style_id = "TableText"  # an ASCII id; the name shown in Word stays Russian
    table_text.base_style = normal
    table_text.font.size = Pt(12)
    _set_fonts(table_text.element, Pt(12))
    table_text.paragraph_format.first_line_indent = Cm(0)
    _page_numbers(section)


def _page_numbers(section) -> None:
    """Page numbers at the top centre from page 2 (ГОСТ): the first page has no header."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty first-page header
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def xml_safe(text: str) -> str:
    """Word cannot hold control characters (a pasted \x0b, a form feed): drop them."""
    return ILLEGAL_CHARACTERS_RE.sub("", text or "")


def _para(document, text: str = "", *, align=None, bold=False, indent=False, caps=False,
          before=0, after=0, right_indent=None, left_indent=None, page_break=False,
          spacing=None):
    p = document.add_paragraph()
    if text:
        run = p.add_run(xml_safe(text))
        run.bold = bold or None
        if caps:
            run.font.all_caps = True
        if spacing:
            sp = OxmlElement("w:spacing")
            sp.set(qn("w:val"), str(spacing))
            run._r.get_or_add_rPr().append(sp)
    fmt = p.paragraph_format
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1.25)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if right_indent is not None:
        fmt.right_indent = right_indent
    if left_indent is not None:
        fmt.left_indent = left_indent
    if page_break:
        fmt.page_break_before = True
    return p


def _no_borders_table(document, widths):
    table = document.add_table(rows=1, cols=len(widths))
    table.autofit = False
    _fixed_layout(table, widths)
    return table


def _fixed_layout(table, widths) -> None:
    """Fixed column widths (python-docx's autofit=False writes tblLayout) and the table width."""
    table.autofit = False
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:type"), "dxa")
        width.set(qn("w:w"), str(sum(Emu(w).twips for w in widths)))
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _row_flag(row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _repeat_header(row) -> None:
    _row_flag(row, "w:tblHeader")


def _keep_whole(row) -> None:
    """Word and LibreOffice never split this row across two pages."""
    _row_flag(row, "w:cantSplit")


def _keep_with_next(row) -> None:
    """A section heading row goes to the next page with its first measure («keep with next»
    on each of its paragraphs, as Word keeps table rows together)."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _cell_text(cell: _Cell, text: str, *, bold=False, align=None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_STYLE
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(xml_safe(text))
    if bold:
        run.bold = True


def _grid_table(document, headers: list[str], widths_pct: list[int], rows, *,
                text_width=TEXT_WIDTH, centered: tuple[int, ...] = (0,)) -> None:
    """A bordered table, 12 pt, header repeated; rows: (cells, merged_title or None,
    keep whole). A merged row is a heading: kept whole and with the row after it.

    Fixed widths on the grid and on every cell: LibreOffice reads the cells' own."""
    widths = [int(text_width * w / 100) for w in widths_pct]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table, widths)
    header = table.rows[0]
    _repeat_header(header)
    for tc, text in zip(header._tr.tc_lst, headers, strict=True):
        cell = _Cell(tc, table)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(cell, text.replace("\n", " "), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for cells, merged, keep in rows:
        row = table.add_row()
        if keep:
            _keep_whole(row)
        tcs = [_Cell(tc, table) for tc in row._tr.tc_lst]
        if merged is not None:
            _cell_text(tcs[0], cells[0], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            title = tcs[1].merge(tcs[-1])
            _cell_text(title, merged, bold=True)
            _keep_with_next(row)
            continue
        for i, (cell, text) in enumerate(zip(tcs, cells, strict=True)):
            align = WD_ALIGN_PARAGRAPH.CENTER if i in centered else None
            _cell_text(cell, text, align=align)


def _roadmap_table(document, table: RoadmapTable) -> None:
    """The roadmap table, on landscape pages like the PDF's."""
    rows = []
    for printed in table.docx_rows:
        row = printed.row
        rows.append(([row.number], row.text, True) if row.is_section
                    else (printed.cells, None, printed.keep))
    _grid_table(document, table.headers, table.column_widths, rows, text_width=WIDE_TEXT_WIDTH,
                centered=(0, 2))  # the number and the deadline, as in the PDF


def _appendix(document, doc: OrderDocument, appendix, heading) -> None:
    """Each appendix is a section of its own from a new page: the roadmap's is landscape."""
    _new_section(document, landscape=appendix.kind == "roadmap")
    for line in heading:
        _para(document, line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(document, appendix.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=14,
          after=10)
    if appendix.kind == "roadmap":
        _roadmap_table(document, appendix.table)
    elif appendix.kind == "schools":
        _grid_table(document, ["№ п/п", "Общеобразовательная организация", "Руководитель",
                               "Перечень", "Основание включения"], [7, 33, 20, 15, 25],
                    [([str(s.number), s.name, s.director, s.lists, s.reason], None, True)
                     for s in appendix.schools])
    else:
        _grid_table(document, ["№ п/п", "Дата", "Время", "Общеобразовательные организации"],
                    [7, 18, 15, 60],
                    [([str(i), g.day_label, g.time, "\n".join(g.schools)], None, True)
                     for i, g in enumerate(appendix.interviews, 1)], centered=(0, 1, 2))


def _order_body(document, doc: OrderDocument) -> None:
    for line in doc.header_lines:
        _para(document, line, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, caps=True)
    _para(document, doc.document_kind, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=14,
          after=14, spacing=100)
    p = _para(document, f"{doc.date_label}\t№\u00a0{doc.number_label}")
    p.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    if doc.place:
        _para(document, doc.place, align=WD_ALIGN_PARAGRAPH.CENTER, before=4)
    for i, line in enumerate(doc.title_lines):
        _para(document, line, bold=True, right_indent=Mm(90), before=16 if i == 0 else 0,
              after=14 if i == len(doc.title_lines) - 1 else 0)
    for paragraph in doc.preamble_paragraphs:
        _para(document, paragraph, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _para(document, doc.decree_word, before=10, after=8)
    for point in doc.points:
        _para(document, f"{point.number} {point.text}", align=WD_ALIGN_PARAGRAPH.JUSTIFY,
              indent=True)
        for sub in point.subpoints:
            _para(document, f"{sub.number} {sub.text}", align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                  indent=True)
    _para(document, "", before=24)
    sign = _no_borders_table(document, [Mm(108), Mm(72)])
    left, right = sign.rows[0].cells
    left.paragraphs[0].add_run(xml_safe(doc.signatory_position))
    right.paragraphs[0].add_run(xml_safe(doc.signatory_name))
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for cell in (left, right):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM


def _approval_stamp(document, doc: OrderDocument) -> None:
    """The «УТВЕРЖДАЮ» form: the stamp in the top right corner of a landscape page."""
    indent = Mm(LANDSCAPE_TEXT_MM - 100)
    _para(document, "УТВЕРЖДАЮ", bold=True, left_indent=indent, after=4)
    _para(document, doc.signatory_position, left_indent=indent)
    _para(document, f"____________ {doc.signatory_name}", left_indent=indent, before=10)
    _para(document, f"Приказ {doc.reference}", left_indent=indent, before=4, after=18)
    appendix = doc.roadmap_appendix
    if appendix is not None:
        _para(document, appendix.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=12)
        _roadmap_table(document, appendix.table)


def render_docx(doc: OrderDocument) -> bytes:
    document = Document()
    _setup(document, landscape=doc.is_approval_stamp)
    document.core_properties.title = f"Приказ {doc.reference}"
    document.core_properties.language = "ru-RU"
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)
    if doc.is_approval_stamp:
        _approval_stamp(document, doc)
    else:
        _order_body(document, doc)
        for appendix, heading in doc.appendix_blocks:
            _appendix(document, doc, appendix, heading)
    document.add_paragraph()  # Word wants a paragraph after a closing table
    out = BytesIO()
    document.save(out)
    return out.getvalue()
