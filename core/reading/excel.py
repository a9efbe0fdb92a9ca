"""Excel (.xlsx): every worksheet becomes one table.

* The workbook is opened with ``data_only=True`` (a formula gives its cached value) and
  not in read-only mode, because only then does openpyxl report merged ranges.
* Empty rows and columns at the edges of a sheet are dropped.
* Merged ranges are read from the sheets' XML before openpyxl sees the workbook, because
  openpyxl creates a cell object for every cell of a merged range: a 2 KB file merging
  A1:XFD1048576 asks it for seventeen billion. A range is cut to the ``MAX_ROWS`` ×
  ``MAX_COLUMNS`` a roadmap may fill (a whole row merged, A1:XFD1, is an ordinary title),
  and a workbook whose merged ranges still cover more than ``MAX_MERGED_CELLS`` is
  refused with a message.
* Merged ranges follow the same convention as Word tables (see ``document.Table``): the
  text stays in the first column of the range, the rows below repeat it in their first
  column and are listed in ``from_above``.
* Dates become ``dd.mm.yyyy`` text, whole numbers lose their ``.0``. A measure number
  typed as a number (1.10) is already 1.1 in the file: such cells should be text.
"""
from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
from openpyxl.utils.cell import get_column_letter, range_boundaries

from .containers import DAMAGED, XLSX_MAIN, open_package, require_member, safe_copy
from .document import MAX_COLUMNS, MAX_ROWS, RawDocument, Table, cleaned
from .errors import DocumentError


def read_xlsx(data: bytes) -> RawDocument:
    """Read an .xlsx workbook (after the zip safety checks): one table per worksheet."""
    package = open_package(data)
    require_member(package, XLSX_MAIN, "В файле нет книги Excel (xl/workbook.xml): "
                   "файл повреждён или это не книга Excel.")
    data = safe_copy(data, _MergedRangeCutter())
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken package
        raise DocumentError(DAMAGED) from exc
    blocks = []
    try:
        for sheet in workbook.worksheets:
            table = _read_sheet(sheet)
            if table is not None:
                blocks.append(table)
    finally:
        workbook.close()
    return cleaned(RawDocument(blocks=blocks, kind="xlsx"))


MAX_MERGED_CELLS = 200_000
_MERGE_CELL = re.compile(rb'(<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=")([^"]*)(")')


def merged_ranges_too_big(ref: str) -> str:
    return (
        f"В книге объединены ячейки на огромной области ({ref}): такую таблицу не прочитать. "
        "Снимите объединение лишних ячеек или скопируйте таблицу мероприятий на новый лист "
        "и загрузите файл ещё раз."
    )


class _MergedRangeCutter:
    """Cuts every merged range of the sheets to the part a roadmap may fill, and refuses
    a workbook whose merged ranges would still make openpyxl create too many cells.
    Called with each member of the package in turn (``containers.safe_copy``)."""

    def __init__(self) -> None:
        self.merged_cells = 0
        self.largest = (0, "")

    def __call__(self, name: str, content: bytes) -> bytes:
        if name.lower().endswith(".xml") and b"mergeCell" in content:
            return _MERGE_CELL.sub(self._cut, content)
        return content

    def _cut(self, match: re.Match[bytes]) -> bytes:
        ref = match.group(2).decode("ascii", "replace")
        try:
            left, top, right, bottom = range_boundaries(ref)
        except (TypeError, ValueError) as exc:
            raise DocumentError(DAMAGED) from exc
        if None in (left, top, right, bottom):
            raise DocumentError(DAMAGED)  # a whole column or row ("A:A"), not Excel's form
        right, bottom = min(right, max(left, MAX_COLUMNS)), min(bottom, max(top, MAX_ROWS))
        cells = (right - left + 1) * (bottom - top + 1)
        self.merged_cells += cells
        self.largest = max(self.largest, (cells, ref))
        if self.merged_cells > MAX_MERGED_CELLS:
            raise DocumentError(merged_ranges_too_big(self.largest[1]))
        clipped = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
        return match.group(1) + clipped.encode() + match.group(3)


def _value_bounds(sheet) -> tuple[int, int]:
    """The last row and column that hold a value: a styled cell far down the sheet
    (XFD1048576) must not make us read seventeen billion empty cells."""
    rows = cols = 0
    for (row, col), cell in sheet._cells.items():
        if cell.value is not None and cell.value != "":
            rows, cols = max(rows, row), max(cols, col)
    return rows, cols


def _read_sheet(sheet) -> Table | None:
    max_row, max_col = _value_bounds(sheet)
    if max_row == 0:
        return None
    if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
        raise DocumentError(
            f"Лист «{sheet.title}» слишком большой для дорожной карты "
            f"(больше {MAX_ROWS} строк или {MAX_COLUMNS} столбцов)."
        )
    grid = [[cell_text(value) for value in row]
            for row in sheet.iter_rows(max_row=max_row, max_col=max_col, values_only=True)]
    if not grid:
        return None
    spans: dict[tuple[int, int], int] = {}
    from_above: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        bottom, right = merged.max_row - 1, merged.max_col - 1
        if top >= len(grid) or left >= len(grid[top]):
            continue  # the range starts below or right of every value
        text = grid[top][left] if left < len(grid[top]) else ""
        if right > left:
            spans[(top, left)] = right - left + 1
        for r in range(top, min(bottom, len(grid) - 1) + 1):
            for c in range(left, min(right, len(grid[r]) - 1) + 1):
                grid[r][c] = ""
            if r > top and left < len(grid[r]):
                grid[r][left] = text
                from_above.add((r, left))
                if right > left:
                    spans[(r, left)] = right - left + 1
        grid[top][left] = text
    return _trim(grid, spans, from_above)


def _trim(grid: list[list[str]], spans: dict[tuple[int, int], int],
          from_above: set[tuple[int, int]]) -> Table | None:
    filled_rows = [i for i, row in enumerate(grid) if any(cell.strip() for cell in row)]
    if not filled_rows:
        return None
    first_row, last_row = filled_rows[0], filled_rows[-1]
    width = max(len(row) for row in grid)
    filled_cols = [c for c in range(width)
                   if any(c < len(row) and row[c].strip() for row in grid)]
    first_col, last_col = filled_cols[0], filled_cols[-1]
    rows = [
        [(row[c] if c < len(row) else "") for c in range(first_col, last_col + 1)]
        for row in grid[first_row:last_row + 1]
    ]

    def inside(position: tuple[int, int]) -> bool:
        r, c = position
        return first_row <= r <= last_row and first_col <= c <= last_col

    def shift(position: tuple[int, int]) -> tuple[int, int]:
        return position[0] - first_row, position[1] - first_col

    return Table(
        rows=rows,
        spans={shift(p): min(s, last_col - p[1] + 1) for p, s in spans.items() if inside(p)},
        from_above={shift(p) for p in from_above if inside(p)},
    )


def cell_text(value) -> str:
    """A cell value as the text a person sees in the cell."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).replace("\r\n", "\n").replace("_x000D_", "")
    return "\n".join(line.strip() for line in text.split("\n")).strip()
