"""Measures and sections while they are being assembled, and the row-joining helpers.

Flags are the Russian notes a person sees next to a measure in the preview.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .joining import join_rows, starts_lower
from .rows import SourceRow

MEASURE_FIELDS = ("text", "deadline", "responsible", "result", "output_form")
_LINK_WORDS = {
    "и", "в", "во", "с", "со", "на", "по", "для", "при", "из", "от", "к", "ко", "о", "об",
    "до", "за", "под", "над", "или", "а", "без", "у", "через", "между",
}

FLAG_UNNUMBERED = "без номера"
FLAG_REPEATED = "номер повторяется"
FLAG_PAGE_BREAK = "строка продолжена со следующей страницы"
FLAG_SEVERAL_ROWS = "текст собран из нескольких строк таблицы"
FLAG_GOT_TAIL = "конец текста перенесён из следующей строки таблицы"
FLAG_GAVE_HEAD = "начало текста перенесено в предыдущее мероприятие"
FLAG_OTHER_SECTION = "номер не из этого раздела"


@dataclass
class Draft:
    number: str
    fields: dict[str, str]
    sources: list[tuple[int, int]]
    flags: list[str] = field(default_factory=list)

    def flag(self, text: str) -> None:
        if text not in self.flags:
            self.flags.append(text)


@dataclass
class SectionDraft:
    number: str
    title: str
    sections: list[SectionDraft] = field(default_factory=list)
    measures: list[Draft] = field(default_factory=list)


def continues(previous: Draft, fields: dict[str, str]) -> bool:
    """The row goes on with ``previous`` rather than standing on its own (see ``assemble``)."""
    text = fields["text"].strip()
    if not text or text[0] in "-–—•·*(,;:." or starts_lower(text):
        return True
    previous_text = previous.fields["text"].rstrip()
    words = previous_text.split()
    if previous_text.endswith((",", ":", ";", "-", "–", "—", "(")) or (
        words and words[-1].casefold() in _LINK_WORDS
    ):
        return True
    return not (fields["deadline"].strip() and previous.fields["deadline"].strip())


def merge(draft: Draft, fields: dict[str, str], row: SourceRow) -> None:
    """Join a continuation row into ``draft`` cell by cell."""
    for name in MEASURE_FIELDS:
        value = fields[name]
        if value.strip():
            draft.fields[name] = join_rows(draft.fields[name], value)
    draft.sources.append(pos(row))
    draft.flag(FLAG_PAGE_BREAK if row.page_break else FLAG_SEVERAL_ROWS)


def move_leading_fragment(previous: Draft, draft: Draft) -> None:
    """Move «повышения качества образования» from the start of 3.3 back to the end of 3.2."""
    text = draft.fields["text"].strip()
    previous_text = previous.fields["text"].rstrip()
    if not text or not text[0].isalpha() or not text[0].islower():
        return
    if not re.search(r"[а-яёa-z]$", previous_text):
        return
    boundary = re.search(r"\s(?=[А-ЯЁA-Z«\"])", text)
    if not boundary:
        return
    fragment, rest = text[:boundary.start()].strip(), text[boundary.end():].strip()
    if not rest or len(fragment.split()) > 8:
        return
    previous.fields["text"] = join_rows(previous_text, fragment)
    draft.fields["text"] = rest
    previous.flag(FLAG_GOT_TAIL)
    draft.flag(FLAG_GAVE_HEAD)


def at(row: SourceRow) -> str:
    """«Таблица 2, строка 5» at the start of a warning."""
    label = source_label([pos(row)])
    return label[:1].upper() + label[1:]


def pos(row: SourceRow) -> tuple[int, int]:
    return row.table_no, row.row_no


def source_label(positions: list[tuple[int, int]]) -> str:
    """«таблица 1, строка 5», «таблица 1, строки 5–6», «таблица 2, строка 9; таблица 3, строка 1»."""
    groups: list[tuple[int, list[int]]] = []
    for table, row in positions:
        if groups and groups[-1][0] == table:
            groups[-1][1].append(row)
        else:
            groups.append((table, [row]))
    parts = []
    for table, rows in groups:
        if len(rows) == 1:
            parts.append(f"таблица {table}, строка {rows[0]}")
        else:
            parts.append(f"таблица {table}, строки {rows[0]}–{rows[-1]}")
    return "; ".join(parts)
