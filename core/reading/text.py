"""Pasted or saved text: tab-separated tables, markdown pipe tables, HTML inside cells.

Rules (the same for every text source):

* Consecutive lines containing a tab form one table; consecutive lines that start with
  ``|`` form one markdown table (its ``|---|`` separator rows are dropped).
* A blank line ends a table. Texts converted from PDF put a blank line at every page
  break, so one printed table often arrives as several tables: they are kept apart here
  (the break matters: a row cut by it is flagged) and the structure builder joins them.
* A lone line with tabs between ordinary paragraphs (a signature line laid out with
  tabs, «Начальник\\t\\tИ. И. Иванов») is a paragraph, not a one-row table.
* Consecutive non-blank lines of ordinary text form one paragraph (joined with newlines);
  markdown emphasis (``**``, ``__``), heading marks (``## ``) and escapes (``\\_``) are
  removed. A single ``*`` is kept: «*Примечание» is a footnote mark, not emphasis.
* HTML in cells: ``<p>``, ``<br>``, ``<li>``, ``<ul>`` become line breaks (``<li>`` a
  «- » bullet), entities are unescaped, any other tag is dropped.
"""
from __future__ import annotations

import html
import re

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

_SEPARATOR_CELL = re.compile(r"^\s*:?-{1,}:?\s*$")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1251 or
    KOI8-R.

    UTF-8 is tried strictly first; what is not valid UTF-8 is Windows-1251 (the usual
    encoding of Russian text saved by Windows programs) or KOI8-R (old Unix and mail
    programs), whichever reads as Russian (``_decode_single_byte``). Bytes that are none
    of these, or text full of control characters, are binary: ``DocumentError``.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = _decode_or_fail(data[3:], "utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_or_fail(data, "utf-16")
    elif b"\x00" in data:
        raise DocumentError(_binary_message())
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_single_byte(data)
    if _looks_binary(text):
        raise DocumentError(_binary_message())
    return text


# The commonest letters of Russian text, lower case: about half of its letters. The same
# bytes read in the wrong one of the two encodings are mostly capitals and rare letters
# (KOI8-R keeps lower case where Windows-1251 keeps capitals).
_COMMON_LETTERS = frozenset("оеаинтсрвлкмдпу")
_SINGLE_BYTE = ("cp1251", "koi8_r")


def _decode_single_byte(data: bytes) -> str:
    """Windows-1251 or KOI8-R: the decoding in which more letters are common Russian ones."""
    best, best_score = None, -1
    for encoding in _SINGLE_BYTE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(1 for char in text if char in _COMMON_LETTERS)
        if score > best_score:
            best, best_score = text, score
    if best is None:
        raise DocumentError(_binary_message())
    return best


def _decode_or_fail(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(_binary_message()) from exc


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text))
    return controls > max(2, len(text) // 200)


def _binary_message() -> str:
    return (
        "Не удалось прочитать файл как текст: это не текстовый документ и не документ "
        "Word/Excel. Загрузите файл .docx, .xlsx или текст (.txt) в кодировке UTF-8, "
        "Windows-1251 или KOI8-R."
    )


def read_text(text: str) -> RawDocument:
    """Read pasted or saved text into paragraphs and tables (see the module docstring)."""
    lines = _join_quoted_lines(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    kinds = [_line_kind(line) for line in lines]
    if sum(1 for kind in kinds if kind in ("pipe", "tab")) > MAX_ROWS:
        raise DocumentError(too_many_rows("В тексте"))  # the same cap as a sheet of Excel
    blocks: list[Paragraph | Table] = []
    paragraph: list[str] = []
    table_rows: list[list[str]] = []
    table_kind = ""

    def flush_paragraph() -> None:
        cleaned = _clean_paragraph("\n".join(paragraph))
        if cleaned:
            blocks.append(Paragraph(cleaned))
        paragraph.clear()

    def flush_table() -> None:
        nonlocal table_kind
        rows = [row for row in table_rows if any(cell.strip() for cell in row)]
        if rows:
            blocks.append(Table(pad_rows(rows)))
        table_rows.clear()
        table_kind = ""

    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind == "tab" and _is_lone_tab_line(kinds, index):
            kind = "text"
            line = re.sub(r"\t+", "  ", line)
        if kind == "blank":
            flush_paragraph()
            flush_table()
        elif kind == "separator":
            continue
        elif kind in ("pipe", "tab"):
            flush_paragraph()
            if table_kind and table_kind != kind:
                flush_table()
            table_kind = kind
            table_rows.append(_pipe_cells(line) if kind == "pipe" else _tab_cells(line))
        else:
            flush_table()
            paragraph.append(line)
    flush_paragraph()
    flush_table()
    return cleaned(RawDocument(blocks=blocks, kind="text"))


def _line_kind(line: str) -> str:
    stripped = line.strip()
    if not stripped:
        return "blank"
    if stripped.startswith("|"):
        cells = _split_pipes(stripped)
        if cells and all(_SEPARATOR_CELL.match(cell) for cell in cells):
            return "separator"
        return "pipe"
    if "\t" in line:
        return "tab"
    return "text"


def _is_lone_tab_line(kinds: list[str], index: int) -> bool:
    """A tab line whose nearest non-blank neighbours are both ordinary text (or nothing)."""

    def neighbour(step: int) -> str:
        position = index + step
        while 0 <= position < len(kinds):
            if kinds[position] != "blank":
                return kinds[position]
            position += step
        return "none"

    table_kinds = ("tab", "pipe", "separator")
    return neighbour(-1) not in table_kinds and neighbour(1) not in table_kinds


def _join_quoted_lines(lines: list[str]) -> list[str]:
    """Spreadsheet copies put a cell with line breaks in double quotes: rejoin its lines.

    Only a tab-separated field that *starts* with ``"`` opens a quoted cell, so ordinary
    quotes inside text (МКУ "Центр") are left alone.
    """
    result: list[str] = []
    pending: str | None = None
    for line in lines:
        if pending is not None:
            pending += "\n" + line
            if _quote_is_open(pending):
                continue
            result.append(pending)
            pending = None
            continue
        if "\t" in line and _quote_is_open(line):
            pending = line
            continue
        result.append(line)
    if pending is not None:
        result.extend(pending.split("\n"))
    return result


def _quote_is_open(line: str) -> bool:
    open_quote = False
    for field in line.split("\t"):
        if open_quote:
            open_quote = field.count('"') % 2 == 0
            continue
        if field.startswith('"'):
            open_quote = field.count('"') % 2 == 1
    return open_quote


def _tab_cells(line: str) -> list[str]:
    cells = line.split("\t")
    return [_unquote(cell).strip() for cell in cells]


def _unquote(cell: str) -> str:
    if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"') and "\n" in cell:
        return cell[1:-1].replace('""', '"')
    return cell


def _split_pipes(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _pipe_cells(line: str) -> list[str]:
    return [clean_cell_html(cell) for cell in _split_pipes(line)]


def clean_cell_html(cell: str) -> str:
    """Turn a markdown/HTML table cell into plain text with newlines and «- » bullets."""
    text = cell.replace("\\|", "|")
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</?p(?:\s[^<>]*)?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<li(?:\s[^<>]*)?>", "\n- ", text, flags=re.IGNORECASE)
    text = re.sub(r"</?(?:ul|ol|div|tr|table)(?:\s[^<>]*)?>", "\n", text, flags=re.IGNORECASE)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _strip_markdown(text)
    return _tidy_lines(text)


def _clean_paragraph(text: str) -> str:
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s+", "", text)
    text = _strip_markdown(text)
    return _tidy_lines(text)


def _strip_markdown(text: str) -> str:
    text = text.replace("**", "").replace("__", "")
    return _MD_ESCAPE.sub(r"\1", text)


def _tidy_lines(text: str) -> str:
    lines = (line.strip() for line in text.replace("\xa0", " ").split("\n"))
    return "\n".join(line for line in lines if line)
