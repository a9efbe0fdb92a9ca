"""Which column holds what: headers by their wording, and by content when they fail.

Header cells are compared lowercased with spaces removed, so words glued together by
PDF extraction («Результатыисполнения») still match. Each field takes the first column
whose header matches it; the checks run in this order, first match wins for a cell:

=============  ================================================================
number         «№», «№ п/п», «№п/п», «п/п», «Номер»
deadline       «срок…», «дата», «период», «когда»
responsible    «ответствен…», «исполнител…»
output_form    a header that starts with «форма» or speaks of «вид отчёт…»
result         «результат…», «показател…», «индикатор…», «эффект»
text           «мероприят…», «наименован…», «содержан…», «меры», «действи…», «задач…»
=============  ================================================================

When the text or the deadline column cannot be found by its header, the content
decides: the deadline column is the one where ``parse_deadline`` understands the most
cells, the text column the one with the longest cells, the responsible column the one
that names the most bodies («управление», «руководители», «МКУ» …).
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..deadlines import parse_deadline

FIELDS = ("number", "text", "deadline", "responsible", "result", "output_form")

_HEADER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^(?:№|n|no|номер)(?:п/?п|пп)?\.?$|п/п|^№")),
    ("deadline", re.compile(r"срок|^дата|датапровед|^период|когда")),
    ("responsible", re.compile(r"ответствен|исполнител")),
    ("output_form", re.compile(r"^форм|видотч|формапредстав|отчетн")),
    ("text", re.compile(r"^(?:мероприят|наименован|содержан|меры|действи|задач)")),
    ("result", re.compile(r"результат|показател|индикатор|эффект")),
    ("text", re.compile(r"мероприят|наименован|содержан|меры|действи|задач")),
)
_BODY_WORDS = re.compile(
    r"управлени|отдел|руководител|администрац|координатор|куратор|директор|педагог|"
    r"организаци|школ|центр|методист|\b(?:МКУ|МБОУ|МКОУ|ОО|МОУО|ЦИМО|РМО|ММО)\b",
    re.IGNORECASE,
)
_MEASURE_NUMBER = re.compile(r"^\s*\d{1,3}(?:\s*\.\s*\d{1,3})*\s*[.)]?\s*$")
_UNKNOWN_PERIOD = (date(2000, 1, 1), date(2099, 12, 31))


def header_field(cell: str) -> str | None:
    """The field a header cell names, or ``None``."""
    key = re.sub(r"\s+", "", (cell or "").casefold()).replace("ё", "е")
    if not key:
        return None
    for field_name, pattern in _HEADER_PATTERNS:
        if pattern.search(key):
            return field_name
    return None


def is_header_row(cells: list[str]) -> bool:
    """A header: short cells, most of them naming a field, at least two different fields,
    one of them text, deadline or responsible."""
    if cells and _MEASURE_NUMBER.match(cells[0] or "") and cells[0].strip():
        return False
    filled = [cell for cell in cells if cell.strip()]
    if not filled or any(len(" ".join(cell.split())) > 80 for cell in filled):
        return False
    named = [header_field(cell) for cell in filled]
    found = set(named) - {None}
    if sum(1 for name in named if name) < 0.6 * len(filled):
        return False
    return len(found) >= 2 and bool(found & {"text", "deadline", "responsible"})


def find_header(rows: list[list[str]], limit: int = 6) -> int | None:
    """The index of the header row among the first ``limit`` non-empty rows."""
    seen = 0
    for index, row in enumerate(rows):
        if not any(cell.strip() for cell in row):
            continue
        if is_header_row(row):
            return index
        seen += 1
        if seen >= limit:
            return None
    return None


def merge_header_rows(rows: list[list[str]], start: int) -> tuple[list[str], int]:
    """Merge a header split over two or three rows; return the headers and the first data row.

    A following row joins the header while it has no measure or section number, stays
    short, sits under header cells, and either has two or more cells or goes on in
    lowercase or in brackets («Срок исполнения (месяц,» / «год)»).
    """
    headers = [cell.strip() for cell in rows[start]]
    end = start + 1
    while end < len(rows) and end - start < 3:
        row = rows[end]
        filled = [(i, cell.strip()) for i, cell in enumerate(row) if cell.strip()]
        if not filled or not _continues_header(row, filled, headers):
            break
        for i, cell in filled:
            while i >= len(headers):
                headers.append("")
            headers[i] = _join_header(headers[i], cell)
        end += 1
    return headers, end


def _continues_header(row: list[str], filled: list[tuple[int, str]], headers: list[str]) -> bool:
    if row and row[0].strip() and re.match(r"^\s*\d", row[0]):
        return False
    if any(len(cell) > 40 for _, cell in filled):
        return False
    if not all(i < len(headers) and headers[i] for i, _ in filled):
        return False
    if len(filled) >= 2:
        return True
    cell = filled[0][1]
    return cell[0].islower() or cell[0] in "(["


def _join_header(upper: str, lower: str) -> str:
    if upper.endswith("-") and lower[:1].islower():
        return upper[:-1] + lower
    return f"{upper} {lower}".strip()


def map_by_header(headers: list[str]) -> dict[str, int | None]:
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    for index, header in enumerate(headers):
        field_name = header_field(header)
        if field_name and mapping[field_name] is None:
            mapping[field_name] = index
    return mapping


def is_column_numbers_row(cells: list[str]) -> bool:
    """A row «1 | 2 | 3 | 4 | 5» that numbers the columns under the header."""
    values = [cell.strip().rstrip(".") for cell in cells if cell.strip()]
    if len(values) < 3 or not all(value.isdigit() for value in values):
        return False
    return [int(value) for value in values] == list(range(1, len(values) + 1))


@lru_cache(maxsize=4096)
def is_deadline(text: str) -> bool:
    """``parse_deadline`` understands this cell (its kind is not unparsed or none)."""
    text = " ".join((text or "").split())
    if not text:
        return False
    try:
        parsed = parse_deadline(text, *_UNKNOWN_PERIOD)
    except Exception:  # a parser bug must not break the import
        return False
    return parsed.kind not in ("unparsed", "none")


def deadline_column(rows: list[list[str]], candidates: list[int]) -> int | None:
    """The candidate column whose non-empty cells are most often deadlines (at least half)."""
    best, best_score = None, (0, 0.0)
    for column in candidates:
        values = [row[column] for row in rows if column < len(row) and row[column].strip()]
        if not values:
            continue
        hits = sum(1 for value in values if is_deadline(value))
        ratio = hits / len(values)
        if hits and ratio >= 0.5 and (hits, ratio) > best_score:
            best, best_score = column, (hits, ratio)
    return best


def complete_by_content(mapping: dict[str, int | None], rows: list[list[str]],
                        width: int) -> dict[str, int | None]:
    """Fill the fields the headers did not name, judging the columns by their content."""
    mapping = dict(mapping)
    sample = rows[:300]
    taken = {index for index in mapping.values() if index is not None}
    if mapping["number"] is None:
        for column in (0, 1):
            if column < width and column not in taken and _mostly_numbers(sample, column):
                mapping["number"] = column
                taken.add(column)
                break
    if mapping["deadline"] is None:
        column = deadline_column(sample, [c for c in range(width) if c not in taken])
        if column is not None:
            mapping["deadline"] = column
            taken.add(column)
    if mapping["text"] is None:
        free = [c for c in range(width) if c not in taken]
        if free:
            mapping["text"] = max(free, key=lambda c: (_average_length(sample, c), -c))
            taken.add(mapping["text"])
    if mapping["responsible"] is None:
        free = [c for c in range(width) if c not in taken and _average_length(sample, c)]
        if free:
            column = max(free, key=lambda c: (_body_share(sample, c), -c))
            if _body_share(sample, column) > 0.3:
                mapping["responsible"] = column
                taken.add(column)
    for field_name in ("result", "output_form"):
        if mapping[field_name] is None:
            free = [c for c in range(width) if c not in taken and _average_length(sample, c)]
            if free:
                mapping[field_name] = free[0]
                taken.add(free[0])
    return mapping


def is_measure_number(cell: str) -> bool:
    return bool(cell and cell.strip() and _MEASURE_NUMBER.match(cell))


def _mostly_numbers(rows: list[list[str]], column: int) -> bool:
    values = [row[column] for row in rows if column < len(row) and row[column].strip()]
    return bool(values) and sum(1 for v in values if is_measure_number(v)) >= len(values) / 2


def _average_length(rows: list[list[str]], column: int) -> float:
    values = [row[column].strip() for row in rows if column < len(row)]
    return sum(len(v) for v in values) / len(values) if values else 0.0


def _body_share(rows: list[list[str]], column: int) -> float:
    values = [row[column] for row in rows if column < len(row) and row[column].strip()]
    if not values:
        return 0.0
    return sum(1 for v in values if _BODY_WORDS.search(v)) / len(values)
