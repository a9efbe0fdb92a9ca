"""Writing a seed's tables into Word and Excel files in memory, the way people's files look.

A Word file gets the seed's paragraphs and tables in order, with the first table split in
two (as a page break in a converted PDF leaves it), section rows merged across the
columns, and runs of equal «Ответственные» cells merged vertically. An Excel file gets the
title in a merged first row, then every table row on one sheet, with section rows merged.
"""
from __future__ import annotations

import io

import docx
import openpyxl
from docx.oxml.ns import qn

from core.reading.document import Paragraph, RawDocument, Table
from roadmaps.importers.numbers import measure_number


def section_span(row: list[str]) -> tuple[int, int] | None:
    """The columns a section title row would be merged over in a real file, if any."""
    filled = [i for i, cell in enumerate(row) if cell.strip()]
    if filled == [0] and len(row) > 1:
        return 0, len(row) - 1  # «1.Организационно-управленческие меры» alone in the row
    if filled == [0, 1] and measure_number(row[0]) and len(row) > 2:
        return 1, len(row) - 1  # «3 | Профилактика учебной неуспешности …»
    return None


def equal_runs(rows: list[list[str]], column: int) -> list[tuple[int, int]]:
    """Runs (first, last) of numbered rows with the same non-empty text in ``column``."""
    runs, start = [], None
    for i in range(len(rows) + 1):
        same = (
            i < len(rows) and start is not None and column < len(rows[i])
            and measure_number(rows[i][0]) and rows[i][column].strip()
            and rows[i][column] == rows[start][column]
        )
        if same:
            continue
        if start is not None and i - 1 > start:
            runs.append((start, i - 1))
        start = i if i < len(rows) and measure_number(rows[i][0]) and column < len(rows[i]) else None
    return runs


def to_docx(doc: RawDocument, responsible_column: int) -> bytes:
    document = docx.Document()
    first_table = True
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
            continue
        rows = block.rows
        parts = [rows[: len(rows) // 2], rows[len(rows) // 2:]] if first_table and len(rows) > 3 else [rows]
        first_table = False
        for part in parts:
            _add_docx_table(document, part, responsible_column)
            document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_docx_table(document, rows: list[list[str]], responsible_column: int) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            _set_cell(table.cell(r, c), text)
    for r, row in enumerate(rows):
        span = section_span(row)
        if span:
            table.cell(r, span[0]).merge(table.cell(r, span[1]))
    for first, last in equal_runs(rows, responsible_column):
        for r in range(first + 1, last + 1):
            _set_cell(table.cell(r, responsible_column), "")
        table.cell(first, responsible_column).merge(table.cell(last, responsible_column))


def _set_cell(cell, text: str) -> None:
    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def to_xlsx(title: str, doc: RawDocument, responsible_column: int) -> bytes:
    tables = [block for block in doc.blocks if isinstance(block, Table)]
    rows = [row for table in tables for row in table.rows if any(c.strip() for c in row)]
    width = max(len(row) for row in rows)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.cell(row=1, column=1, value=title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for r, row in enumerate(rows, start=3):
        for c, text in enumerate(row, start=1):
            if text:
                sheet.cell(row=r, column=c, value=text)
        span = section_span(row + [""] * (width - len(row)))
        if span:
            sheet.merge_cells(start_row=r, start_column=span[0] + 1, end_row=r, end_column=span[1] + 1)
    for first, last in equal_runs(rows, responsible_column):
        sheet.merge_cells(start_row=first + 3, start_column=responsible_column + 1,
                          end_row=last + 3, end_column=responsible_column + 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def numbered_docx(items: list[tuple[int, str, str, str]]) -> bytes:
    """A table whose «№» column is numbered by Word itself (ilvl, text, deadline, body)."""
    document = docx.Document()
    _add_numbering(document)
    table = document.add_table(rows=len(items) + 1, cols=4)
    for c, header in enumerate(("№ п/п", "Мероприятие", "Срок", "Ответственный")):
        table.cell(0, c).text = header
    for r, (level, text, deadline, body) in enumerate(items, start=1):
        paragraph = table.cell(r, 0).paragraphs[0]
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 90
        table.cell(r, 1).text = text
        table.cell(r, 2).text = deadline
        table.cell(r, 3).text = body
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_numbering(document) -> None:
    numbering = document.part.numbering_part.element
    abstract = numbering.makeelement(qn("w:abstractNum"), {qn("w:abstractNumId"): "90"})
    for level, text in ((0, "%1."), (1, "%1.%2.")):
        lvl = abstract.makeelement(qn("w:lvl"), {qn("w:ilvl"): str(level)})
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", text)):
            lvl.append(lvl.makeelement(qn(tag), {qn("w:val"): value}))
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = numbering.makeelement(qn("w:num"), {qn("w:numId"): "90"})
    num.append(num.makeelement(qn("w:abstractNumId"), {qn("w:val"): "90"}))
    numbering.append(num)
