"""Word (.docx): paragraphs and tables in body order, with merged cells and list numbers.

Choices made here (the structure builder relies on them):

* Tables are read on Word's column grid, so every row has the grid's width. A cell that
  spans several grid columns (``gridSpan``) keeps its text in its first column, the
  others are ``""``, and ``Table.spans`` records the span. A vertically merged cell
  (``vMerge``) repeats the text of the first cell in every row below it and those
  positions are listed in ``Table.from_above``.
* A cell's paragraphs are joined with newlines; list paragraphs get their label (``1.``,
  ``1.1.``, ``а)``) or a «- » bullet, because Word keeps automatic numbers out of the
  text and a "№" column numbered by Word would otherwise read as empty.
* Tracked insertions are read, deletions are not; text boxes and fallback copies of
  drawings are skipped (they repeat text that is elsewhere).
* A table Word split into several (a page break in a converted PDF) is several tables.
"""
from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn

from .containers import DAMAGED, DOCX_MAIN, open_package, require_member, safe_copy
from .document import (
    MAX_ROWS,
    Paragraph,
    RawDocument,
    Table,
    cleaned,
    pad_rows,
    too_many_rows,
)
from .errors import DocumentError
from .word_numbering import Numbering

_SKIP_SUBTREES = {
    qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"),
    qn("w:instrText"), qn("w:delText"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_TEXT = qn("w:t")
_BREAKS = {qn("w:br"), qn("w:cr")}


def read_docx(data: bytes) -> RawDocument:
    """Read a .docx file (after the zip safety checks) into paragraphs and tables.

    python-docx reads the package re-packed from the bytes ``safe_copy`` produced under its
    limits, never the uploaded bytes (see ``containers``)."""
    package = open_package(data)
    require_member(package, DOCX_MAIN, "В файле нет текста документа Word (word/document.xml): "
                   "файл повреждён или это не документ Word.")
    data = safe_copy(data)
    try:
        document = _open(data)
        numbering = Numbering(_numbering_root(document))
        blocks: list[Paragraph | Table] = []
        _walk(document.element.body, numbering, blocks)
    except DocumentError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise DocumentError(DAMAGED) from exc
    if sum(len(block.rows) for block in blocks if isinstance(block, Table)) > MAX_ROWS:
        raise DocumentError(too_many_rows())
    return cleaned(RawDocument(blocks=blocks, kind="docx"))


_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WORD_MAIN_VARIANTS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)


def _open(data: bytes):
    """python-docx refuses .docm/.dotx/.dotm by content type; read them as a .docx."""
    try:
        return docx.Document(io.BytesIO(data))
    except ValueError:
        return docx.Document(io.BytesIO(_as_plain_docx(data)))


def _as_plain_docx(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "[Content_Types].xml":
                text = content.decode("utf-8")
                for variant in _WORD_MAIN_VARIANTS:
                    text = text.replace(variant, _WORD_MAIN)
                content = text.encode("utf-8")
            target.writestr(member, content)
    return buffer.getvalue()


def _numbering_root(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _walk(container, numbering: Numbering, blocks: list[Paragraph | Table]) -> None:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            text = paragraph_text(child, numbering)
            if text.strip():
                blocks.append(Paragraph(text.strip()))
        elif child.tag == qn("w:tbl"):
            table = _read_table(child, numbering)
            if table.rows:
                blocks.append(table)
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent"))
            _walk(content if content is not None else child, numbering, blocks)


def paragraph_text(paragraph, numbering: Numbering) -> str:
    """The visible text of a ``w:p``, with its list label in front when it has one."""
    parts: list[str] = []
    _collect_text(paragraph, parts)
    text = "".join(parts)
    label = numbering.label(paragraph)
    if label:
        return f"{label} {text}".rstrip() if text.strip() else label
    return text


def _collect_text(element, parts: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_SUBTREES:
            continue
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif tag == qn("w:p"):  # paragraphs nested in a content control or similar
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            _collect_text(child, parts)
        else:
            _collect_text(child, parts)


def _cell_text(cell, numbering: Numbering) -> str:
    lines: list[str] = []
    _cell_lines(cell, numbering, lines)
    return "\n".join(line.strip() for line in lines if line.strip())


def _cell_lines(container, numbering: Numbering, lines: list[str]) -> None:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(paragraph_text(child, numbering))
        elif child.tag == qn("w:tbl"):
            nested = _read_table(child, numbering)
            for row in nested.rows:
                lines.append(" | ".join(cell for cell in row if cell))
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent"))
            _cell_lines(content if content is not None else child, numbering, lines)


MAX_COLUMNS = 64


def _read_table(tbl, numbering: Numbering) -> Table:
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], int] = {}
    from_above: set[tuple[int, int]] = set()
    for tr in _children(tbl, "w:tr"):
        r = len(rows)
        row: list[str] = []
        # a damaged or hostile file may claim a span of a billion columns
        column = min(max(0, _int_property(tr.find(qn("w:trPr")), "w:gridBefore", 0)), MAX_COLUMNS)
        for tc in _children(tr, "w:tc"):
            properties = tc.find(qn("w:tcPr"))
            span = min(max(1, _int_property(properties, "w:gridSpan", 1)), MAX_COLUMNS)
            while len(row) < column + span:
                row.append("")
            if _continues_vertical_merge(properties):
                above = rows[r - 1] if r > 0 else []
                row[column] = above[column] if column < len(above) else ""
                from_above.add((r, column))
            else:
                row[column] = _cell_text(tc, numbering)
            if span > 1:
                spans[(r, column)] = span
            column += span
        rows.append(row)
    return Table(rows=pad_rows(rows), spans=spans, from_above=from_above)


def _children(element, tag: str):
    """Direct children with this tag, looking through content controls around rows/cells."""
    wanted = qn(tag)
    for child in element.iterchildren():
        if child.tag == wanted:
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent"))
            yield from _children(content if content is not None else child, tag)


def _int_property(properties, tag: str, default: int) -> int:
    if properties is None:
        return default
    element = properties.find(qn(tag))
    if element is None:
        return default
    try:
        return int(element.get(qn("w:val")))
    except (TypeError, ValueError):
        return default


def _continues_vertical_merge(properties) -> bool:
    if properties is None:
        return False
    merge = properties.find(qn("w:vMerge"))
    if merge is None:
        return False
    return merge.get(qn("w:val"), "continue") == "continue"
