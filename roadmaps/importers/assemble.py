"""Placing each row: a section, a measure, the continuation of one, or unplaced.

The rules, in the order they are tried for a row:

1. Empty rows are skipped; a row «1 | 2 | 3 | 4» numbering the columns and a repeated
   header are skipped with a warning; a «*Примечание» row is read for abbreviations.
2. Sections. A number with its title in the «№» cell and nothing else
   («1.Организационно-управленческие меры»); a plain number whose next numbered row is
   its child («2» before «2.1»), or that holds only a title while the numbering restarts
   after it or the measures are numbered with dots — provided its deadline cell is not a
   deadline; the title is the rest of the row joined across cells
   (``joining.join_pieces``); a Roman
   numeral with a title («I Мероприятия, направленные на …», «IV Информационное
   сопровождение»); a title alone in its row, without a number, when its cell is merged
   across most of the table or when the next row starts the numbering or moves it to
   another section («1.5», «Методическое сопровождение», «2.1»). A Roman (or unnumbered)
   heading is a sub-section of the current section when the next numbered
   row belongs to that section («I» before «2.1» inside «2»), otherwise it starts a
   top-level section, numbered after the rows that follow it («IV» before «4.1» → «4»).
3. A row with a measure number starts a measure (a number with nothing else is dropped
   with a warning). If its text starts in lowercase and the previous measure's text
   stops on a lowercase letter, the words before the first capitalised word belong to
   the previous measure (a PDF line shifted down) and are moved there, both flagged.
4. A row without a number continues the previous measure cell by cell
   (``joining.join_rows``), unless it stands on its own: its text starts with a capital
   letter, it has its own deadline, the previous measure has one too, and the previous
   text does not stop on a comma, a colon, a dash or a preposition. Such a row is a
   measure «без номера». Right after a section title, a row starting in lowercase or
   without deadline and responsible continues the title. Text in the «№» column that is
   not a number («Итого») is read as part of the text.
5. Anything else (text before the first measure or section) goes to ``unplaced``.
"""
from __future__ import annotations

import re

from .columns import is_column_numbers_row, is_deadline, is_header_row
from .drafts import (
    FLAG_OTHER_SECTION,
    FLAG_REPEATED,
    FLAG_UNNUMBERED,
    MEASURE_FIELDS,
    Draft,
    SectionDraft,
    at,
    continues,
    merge,
    move_leading_fragment,
    pos,
    source_label,
)
from .joining import (
    join_pieces,
    join_rows,
    norm_line,
    norm_text,
    starts_lower,
    starts_upper,
    word_counts,
)
from .numbers import is_child, numbered_title, roman_only, roman_title
from .responsible import read_abbreviations
from .rows import SourceRow

_NOTE = re.compile(r"^\s*\*?\s*Примечани", re.IGNORECASE)


class Assembler:
    """Walks the row stream once and builds the section tree (see the module docstring)."""

    def __init__(self, rows: list[SourceRow], warnings: list[str], unplaced: list[str]) -> None:
        self.rows = rows
        self.warnings = warnings
        self.unplaced = unplaced
        self.measures: list[Draft] = []
        self.sections: list[SectionDraft] = []
        self.abbreviations: dict[str, str] = {}
        self.top: SectionDraft | None = None
        self.sub: SectionDraft | None = None
        self.last: Draft | SectionDraft | None = None
        self.empty_numbered: list[tuple[str, str]] = []
        self.all_drafts: list[Draft] = []
        self._next_numbers = self._index_next_numbers()
        self.vocabulary = word_counts(cell for row in rows for cell in row.cells)
        numbers = [row.number for row in rows if row.number]
        self._dotted_share = (
            sum(1 for n in numbers if "." in n) / len(numbers) if numbers else 0.0
        )

    def _index_next_numbers(self) -> list[str | None]:
        following: list[str | None] = [None] * len(self.rows)
        upcoming = None
        for index in range(len(self.rows) - 1, -1, -1):
            following[index] = upcoming
            if self.rows[index].number is not None:
                upcoming = self.rows[index].number
        return following

    def run(self) -> None:
        for index, row in enumerate(self.rows):
            self._place(index, row)
        self._flag_repeats()

    # --- one row ----------------------------------------------------------------------

    def _place(self, index: int, row: SourceRow) -> None:
        if not row.filled:
            return
        if is_column_numbers_row(row.cells):
            self.warnings.append(f"{at(row)}: строка с номерами столбцов пропущена.")
            return
        if _NOTE.match(row.filled[0][1]):
            self._read_note(row)
            return
        section = self._section_in(index, row)
        if section is not None:
            self._open_section(index, row, *section)
        elif is_header_row(row.cells):
            self.warnings.append(f"{at(row)}: повтор шапки таблицы пропущен.")
        elif row.number is not None:
            self._numbered(row, row.number)
        else:
            self._unnumbered(row)

    def _read_note(self, row: SourceRow) -> None:
        found = read_abbreviations(row.verbatim)
        self.abbreviations.update({k: v for k, v in found.items() if k not in self.abbreviations})
        if not found:
            self._set_aside(row)

    def _set_aside(self, row: SourceRow) -> None:
        self.unplaced.append(row.verbatim)
        self.warnings.append(
            f"{at(row)}: строка не отнесена ни к разделу, ни к мероприятию."
        )

    def _title_cells(self, row: SourceRow, keep_number: bool = False) -> list[str]:
        return [
            ("" if (c == row.number_col and not keep_number) or c in row.from_above else cell)
            for c, cell in enumerate(row.cells)
        ]

    def _section_in(self, index: int, row: SourceRow) -> tuple[str, str, str] | None:
        number_cell = row.fresh.get("number", "").strip()
        title = join_pieces(self._title_cells(row), self.vocabulary)
        if number_cell and not title:
            for reader, kind in ((numbered_title, "numbered"), (roman_title, "roman")):
                found = reader(norm_line(number_cell))
                if found:
                    return kind, found[0], found[1]
            if row.number is None:
                return self._heading(index, row, norm_line(number_cell))
            return None
        if not title:
            return None
        if not number_cell:
            found = roman_title(title)
            if found:
                return "roman", found[0], found[1]
            return self._heading(index, row, title)
        numeral = roman_only(number_cell)
        if numeral and starts_upper(title):
            return "roman", numeral, title
        number = row.number
        if number and self._heads_a_section(index, row, number):
            return "numbered", number, title
        return None

    def _heads_a_section(self, index: int, row: SourceRow, number: str) -> bool:
        """A numbered row is a section when the rows after it are its children («2» before
        «2.1»), or when it holds nothing but a title and either the numbering restarts
        after it («1 Организационные меры», then «1», «2» …) or the table's measures are
        numbered with dots."""
        if is_deadline(row.fresh.get("deadline", "")):
            return False
        following = self._next_numbers[index]
        if is_child(following, number):
            return True
        others = ("deadline", "responsible", "result", "output_form")
        title_only = not any(row.fresh.get(name, "").strip() for name in others)
        if not title_only or "." in number:
            return False
        return following == "1" or self._dotted_share > 0.6

    def _heading(self, index: int, row: SourceRow, title: str) -> tuple[str, str, str] | None:
        """A title alone in its row, without a number, is a heading when the cell is merged
        across most of the table, or when the next row starts a measure and either nothing
        came before it or the numbering moves on to another section («1.5», heading, «2.1»)."""
        if len(row.filled) != 1 or is_deadline(title) or not starts_upper(title):
            return None
        found = numbered_title(title)
        column, _ = row.filled[0]
        merged = row.spans.get(column, 1) >= max(3, (len(row.cells) + 1) // 2)
        if not merged and not self._opens_numbering(index):
            return None
        if found:
            return "numbered", found[0], found[1]
        return "heading", "", title

    def _opens_numbering(self, index: int) -> bool:
        if index + 1 >= len(self.rows) or self.rows[index + 1].number is None:
            return False
        following = self.rows[index + 1].number
        if self.last is None or following == "1":
            return True
        previous = self.last.number if isinstance(self.last, Draft) else ""
        return "." in following and previous.split(".")[0] != following.split(".")[0]

    def _open_section(self, index: int, row: SourceRow, kind: str, number: str, title: str) -> None:
        following = self._next_numbers[index]
        section = SectionDraft(number=number.rstrip("."), title=title)
        if kind == "numbered":
            if "." in section.number and self.top and is_child(section.number, self.top.number):
                self._add_sub(section)
            else:
                self._add_top(section)
        elif self.top and is_child(following, self.top.number):
            self._add_sub(section)
        else:
            inferred = following.split(".")[0] if following and "." in following else ""
            if inferred and inferred != number:
                self.warnings.append(
                    f"{at(row)}: заголовок «{norm_line(f'{number} {title}')}» "
                    f"стоит перед мероприятиями {inferred}.1 … и принят за раздел {inferred}."
                )
            section.number = inferred or number
            self._add_top(section)
        self.last = section

    def _add_top(self, section: SectionDraft) -> None:
        self.sections.append(section)
        self.top, self.sub = section, None

    def _add_sub(self, section: SectionDraft) -> None:
        assert self.top is not None
        self.top.sections.append(section)
        self.sub = section

    def _numbered(self, row: SourceRow, number: str) -> None:
        fields = {name: row.fields.get(name, "") for name in MEASURE_FIELDS}
        if not any(value.strip() for value in fields.values()) and not row.extras:
            self.empty_numbered.append((number, source_label([pos(row)])))
            return
        draft = Draft(number=number, fields=fields, sources=[pos(row)])
        if isinstance(self.last, Draft):
            move_leading_fragment(self.last, draft)
        if self.top and "." in number and not is_child(number, self.top.number):
            draft.flag(FLAG_OTHER_SECTION)
        self._keep_extras(row)
        self._attach(draft)

    def _unnumbered(self, row: SourceRow) -> None:
        """A row without a measure number: a continuation, a measure «без номера», or unplaced.

        Text in the «№» column that is not a number («Итого», «–») is read as text.
        """
        fields = {name: row.fresh.get(name, "") for name in MEASURE_FIELDS}
        number_cell = row.fresh.get("number", "").strip()
        if number_cell:
            fields["text"] = join_rows(number_cell, fields["text"])
        last = self.last
        if isinstance(last, SectionDraft):
            pieces = join_pieces(self._title_cells(row, keep_number=True), self.vocabulary)
            own = fields["deadline"].strip() or fields["responsible"].strip()
            if starts_lower(pieces) or not own:
                last.title = join_rows(last.title, pieces)
                return
        elif isinstance(last, Draft) and continues(last, fields):
            merge(last, fields, row)
            self._keep_extras(row)
            return
        has_content = fields["deadline"].strip() or fields["responsible"].strip() or last
        if not fields["text"].strip() or not has_content:
            self._set_aside(row)
            return
        draft = Draft(number="", fields=fields, sources=[pos(row)])
        draft.flag(FLAG_UNNUMBERED)
        self._keep_extras(row)
        self._attach(draft)

    def _keep_extras(self, row: SourceRow) -> None:
        for column, cell in row.extras:
            self.unplaced.append(norm_text(cell))
            self.warnings.append(
                f"{at(row)}, столбец {column + 1}: текст вне известных "
                f"столбцов показан как неразмещённый."
            )

    def _attach(self, draft: Draft) -> None:
        target = self.sub or self.top
        (target.measures if target else self.measures).append(draft)
        self.all_drafts.append(draft)
        self.last = draft

    def _flag_repeats(self) -> None:
        counts: dict[str, int] = {}
        for draft in self.all_drafts:
            if draft.number:
                counts[draft.number] = counts.get(draft.number, 0) + 1
        for number, source in self.empty_numbered:
            repeated = counts.get(number, 0) > 0
            note = " (этот номер есть и у другой строки)" if repeated else ""
            where = source[:1].upper() + source[1:]
            self.warnings.append(f"{where}: строка «{number}» содержит только номер и пропущена{note}.")
            if repeated:
                counts[number] += 1
        for draft in self.all_drafts:
            if draft.number and counts[draft.number] > 1:
                draft.flag(FLAG_REPEATED)
