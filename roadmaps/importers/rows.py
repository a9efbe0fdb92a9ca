"""From tables to one stream of rows with their fields, whatever the page breaks did.

The main table is the first whose header names the text and the deadline (or the
responsible) columns; failing that, the table with the most numbered rows. Tables after
it continue it: a table without a header, or with the same kind of header repeated
(its header rows are skipped and its own header mapping is used). A later table whose
header names neither text nor deadline is something else (a list of schools): its rows
go to ``unplaced``. Tables before the main one are layout (a date and a number set in a
table) and only feed the title search.

Rows wider than the header (cells filled beyond its last named column, as in a table
that a PDF converter cut into more columns) are aligned by content, run by run: the
deadline column is where ``parse_deadline`` succeeds most often in the run, the text is
every cell between the number and the deadline, and the cells after the deadline fill
the fields that follow the deadline in the header, the surplus going to the last of
them with duplicates dropped (a responsible body repeated in two cells is taken once).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.reading.document import Table
from core.reading.errors import DocumentError

from .columns import (
    FIELDS,
    complete_by_content,
    deadline_column,
    find_header,
    header_field,
    is_header_row,
    map_by_header,
    merge_header_rows,
)
from .joining import norm_line, norm_text
from .numbers import measure_number

NOT_A_ROADMAP = (
    "В файле не найдена таблица мероприятий: нужна таблица со столбцами «№», "
    "«Мероприятия», «Сроки», «Ответственные». Проверьте, что загружен нужный документ, "
    "или вставьте таблицу текстом."
)


_LEADING_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)[.)]?\s+(?=\S)")


@dataclass
class SourceRow:
    table_no: int
    row_no: int
    cells: list[str]
    from_above: set[int] = field(default_factory=set)
    spans: dict[int, int] = field(default_factory=dict)
    page_break: bool = False
    number_col: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    fresh: dict[str, str] = field(default_factory=dict)
    extras: list[tuple[int, str]] = field(default_factory=list)

    @property
    def number_cell(self) -> str:
        return self.fields.get("number", "")

    @property
    def number(self) -> str | None:
        if not self.fresh.get("number", "").strip():
            return None
        return measure_number(self.fresh["number"])

    @property
    def filled(self) -> list[tuple[int, str]]:
        return [(i, cell) for i, cell in enumerate(self.cells) if cell.strip()]

    @property
    def verbatim(self) -> str:
        return " | ".join(norm_text(cell) for _, cell in self.filled)


@dataclass
class Layout:
    headers: list[str]
    mapping: dict[str, int | None]
    mapping_certain: bool
    extent: int


@dataclass
class MainTable:
    position: int  # index among the document's tables
    data_start: int
    layout: Layout
    before_header: list[list[str]]


def choose_main(tables: list[Table], mapping: dict[str, int | None] | None) -> MainTable:
    usable = [i for i, t in enumerate(tables) if t.width >= 2 and _filled_rows(t) >= 2]
    if not usable:
        raise DocumentError(NOT_A_ROADMAP)
    for position in usable:
        rows = tables[position].rows
        start = find_header(rows)
        if start is None:
            continue
        headers, end = merge_header_rows(rows, start)
        by_header = map_by_header(headers)
        if by_header["text"] is not None and (
            by_header["deadline"] is not None or by_header["responsible"] is not None
        ):
            layout = _layout(tables[position], headers, end, by_header, mapping)
            return MainTable(position, end, layout, rows[:start])
    position = max(usable, key=lambda i: (_numbered_rows(tables[i]), -i))
    if not _numbered_rows(tables[position]) and mapping is None:
        raise DocumentError(NOT_A_ROADMAP)
    layout = _layout(tables[position], [], 0, dict.fromkeys(FIELDS), mapping)
    return MainTable(position, 0, layout, [])


def _layout(table: Table, headers: list[str], data_start: int,
            by_header: dict[str, int | None], given: dict[str, int | None] | None) -> Layout:
    width = table.width
    if given is not None:
        mapping = {name: _valid_index(given.get(name), width) for name in FIELDS}
        certain = True
    else:
        data = table.rows[data_start:]
        mapping = dict(by_header)
        missing = [name for name in ("number", "text", "deadline") if mapping[name] is None]
        if not headers:
            mapping = complete_by_content(mapping, data, width)
        elif missing:
            guessed = complete_by_content(mapping, data, width)
            for name in missing:
                mapping[name] = guessed[name]
        certain = bool(headers) and by_header["text"] is not None and by_header["deadline"] is not None
    filled_headers = [i for i, h in enumerate(headers) if h.strip()]
    mapped = [i for i in mapping.values() if i is not None]
    extent = max([*(i + 1 for i in filled_headers), *(i + 1 for i in mapped), 0])
    if not headers:
        extent = max(extent, width)
    return Layout(headers, mapping, certain, extent)


def _valid_index(value: object, width: int) -> int | None:
    return value if isinstance(value, int) and 0 <= value < max(width, 1) else None


def _filled_rows(table: Table) -> int:
    return sum(1 for row in table.rows if any(cell.strip() for cell in row))


def _numbered_rows(table: Table) -> int:
    return sum(
        1 for row in table.rows if any(measure_number(cell) for cell in row[:2] if cell.strip())
    )


def build_stream(tables: list[Table], main: MainTable,
                 warnings: list[str], unplaced: list[str]) -> list[SourceRow]:
    """Every row of the main table and its continuations, with fields read out."""
    stream: list[SourceRow] = []
    for position in range(main.position, len(tables)):
        table = tables[position]
        layout = main.layout
        start = main.data_start if position == main.position else 0
        if position != main.position:
            own = _own_header(table)
            if own is not None:
                headers, start = own
                by_header = map_by_header(headers)
                if by_header["text"] is None and by_header["deadline"] is None:
                    _set_aside(table, position, warnings, unplaced)
                    continue
                layout = _layout(table, headers, start, by_header, None)
        rows = [
            _source_row(table, position, index, layout.mapping, page_break=(index == start
                        and position != main.position))
            for index in range(start, len(table.rows))
        ]
        _align_wide_rows(rows, layout, warnings)
        stream.extend(rows)
    return stream


def _own_header(table: Table) -> tuple[list[str], int] | None:
    """A later table's header: a recognised header row, or a first row opening with «№»."""
    start = find_header(table.rows, limit=2)
    if start is not None:
        return merge_header_rows(table.rows, start)
    for index, row in enumerate(table.rows):
        filled = [cell for cell in row if cell.strip()]
        if not filled:
            continue
        if header_field(row[0]) == "number" and len(filled) >= 2 and all(
            len(cell) <= 80 for cell in filled
        ):
            return merge_header_rows(table.rows, index)
        return None
    return None


def _set_aside(table: Table, position: int, warnings: list[str], unplaced: list[str]) -> None:
    rows = [row for row in table.rows if any(cell.strip() for cell in row)]
    warnings.append(
        f"Таблица {position + 1} не похожа на продолжение плана мероприятий "
        f"(другая шапка): её строки ({len(rows)}) не разобраны и показаны как неразмещённые."
    )
    unplaced.extend(" | ".join(norm_text(c) for c in row if c.strip()) for row in rows)


def _source_row(table: Table, position: int, index: int, mapping: dict[str, int | None],
                page_break: bool) -> SourceRow:
    cells = table.rows[index]
    from_above = {c for (r, c) in table.from_above if r == index}
    spans = {c: s for (r, c), s in table.spans.items() if r == index}
    row = SourceRow(position + 1, index + 1, cells, from_above, spans, page_break,
                    number_col=mapping["number"])
    row.fields, row.extras = _by_mapping(cells, mapping)
    fresh_cells = [("" if c in from_above else cell) for c, cell in enumerate(cells)]
    row.fresh, _ = _by_mapping(fresh_cells, mapping)
    return row


def _by_mapping(cells: list[str], mapping: dict[str, int | None]) -> tuple[dict[str, str], list]:
    """The cells by field; without a «№» column a number leading the text is taken out."""
    fields = {
        name: (cells[index] if index is not None and index < len(cells) else "")
        for name, index in mapping.items()
    }
    if mapping.get("number") is None:
        leading = _LEADING_NUMBER.match(fields.get("text", ""))
        if leading:
            fields["number"], fields["text"] = leading.group(1), fields["text"][leading.end():]
    used = {index for index in mapping.values() if index is not None}
    extras = [(c, cell) for c, cell in enumerate(cells) if c not in used and cell.strip()]
    return fields, extras


def _is_wide(row: SourceRow, layout: Layout) -> bool:
    return any(c >= layout.extent for c, _ in row.filled) and not is_header_row(row.cells)


def _align_wide_rows(rows: list[SourceRow], layout: Layout, warnings: list[str]) -> None:
    run: list[SourceRow] = []
    for row in [*rows, None]:
        if row is not None and _is_wide(row, layout):
            run.append(row)
            continue
        if run:
            _align_run(run, layout, warnings)
            run = []


def _align_run(run: list[SourceRow], layout: Layout, warnings: list[str]) -> None:
    mapping = layout.mapping
    number_col = mapping["number"] if mapping["number"] is not None else 0
    width = max(len(row.cells) for row in run)
    deadline = deadline_column([row.cells for row in run], list(range(number_col + 1, width)))
    if deadline is None:
        return
    anchor = mapping["deadline"]
    after = sorted(
        (name for name in FIELDS
         if anchor is not None and mapping[name] is not None and mapping[name] > anchor),
        key=lambda name: mapping[name],
    ) or ["responsible"]
    for row in run:
        fresh_cells = [("" if c in row.from_above else cell) for c, cell in enumerate(row.cells)]
        row.fields, row.extras = _aligned(row.cells, number_col, deadline, after)
        row.fresh, _ = _aligned(fresh_cells, number_col, deadline, after)
        row.number_col = number_col
    first, last = run[0], run[-1]
    rows_label = (f"строка {first.row_no}" if first is last
                  else f"строки {first.row_no}–{last.row_no}")
    text_cols = _columns_label(number_col + 1, deadline - 1)
    after_cols = _columns_label(deadline + 1, width - 1)
    warnings.append(
        f"Таблица {first.table_no}, {rows_label}: {width} столбцов вместо {layout.extent} — "
        f"столбцы сопоставлены по содержанию: мероприятие — {text_cols}, срок — столбец "
        f"{deadline + 1}, {_FIELD_NAMES[after[0]]} — {after_cols}."
    )


_FIELD_NAMES = {
    "responsible": "ответственные", "result": "результат", "output_form": "форма",
    "text": "мероприятие", "deadline": "срок", "number": "номер",
}


def _columns_label(first: int, last: int) -> str:
    if last <= first:
        return f"столбец {first + 1}"
    return f"столбцы {first + 1}–{last + 1}"


def _aligned(cells: list[str], number_col: int, deadline: int,
             after: list[str]) -> tuple[dict[str, str], list]:
    fields = dict.fromkeys(FIELDS, "")
    fields["number"] = cells[number_col] if number_col < len(cells) else ""
    fields["text"] = " ".join(norm_line(c) for c in cells[number_col + 1:deadline] if c.strip())
    fields["deadline"] = cells[deadline] if deadline < len(cells) else ""
    for k, cell in enumerate(cells[deadline + 1:]):
        if not cell.strip():
            continue
        name = after[min(k, len(after) - 1)]
        parts = fields[name].split("\n") if fields[name] else []
        if norm_line(cell) not in (norm_line(p) for p in parts):
            fields[name] = "\n".join([*parts, cell.strip()]) if parts else cell.strip()
    extras = [(c, cell) for c, cell in enumerate(cells[:number_col]) if cell.strip()]
    return fields, extras
