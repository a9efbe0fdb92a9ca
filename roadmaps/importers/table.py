"""The structure builder: one ``RawDocument`` in, one ``ParsedRoadmap`` out, for every source.

The work is split by concern:

* ``rows``      — which table is the roadmap, which tables continue it, which column is
                  which (``columns``), rows wider than the header aligned by content;
* ``assemble``  — each row placed: section, measure, continuation, or unplaced;
* ``title``, ``period``, ``responsible`` — the title, the period, the bodies and the
                  footnote abbreviations.

Nothing is dropped silently: every non-empty row ends up in a measure, a section title,
``unplaced`` (verbatim), or a warning that says why it was skipped (a repeated header,
a row numbering the columns, a number with nothing else).

The period, when the caller does not give it: the title (``infer_period``), then any
paragraph of the document, then the years written in the deadlines (a roadmap whose
deadlines are all in 2023 covers 2023), then the year of the first dd.mm.yyyy date (the
order's date). Each fallback adds a warning.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from core.reading.document import Paragraph, RawDocument, Table
from core.reading.errors import DocumentError

from ..tree import walk
from .assemble import Assembler
from .columns import FIELDS, header_field
from .drafts import Draft, SectionDraft, source_label
from .joining import norm_line, norm_text
from .period import infer_period, period_from_deadlines, period_from_order_date
from .responsible import read_abbreviations, split_responsible
from .rows import NOT_A_ROADMAP, build_stream, choose_main
from .title import find_title

__all__ = [
    "FIELDS",
    "ParsedMeasure",
    "ParsedRoadmap",
    "ParsedSection",
    "infer_period",
    "iter_measures",
    "parse_roadmap",
    "read_abbreviations",
    "split_responsible",
]

MAX_MEASURES = 3_000  # a district roadmap has tens to hundreds; the editor is built for that
MAX_ROWS = 4 * MAX_MEASURES  # rows of the table(s) read, before they are placed


def too_many_measures(found: str) -> str:
    return (f"В таблице {found}, а в одной дорожной карте может быть не больше "
            f"{_thousands(MAX_MEASURES)} мероприятий. Разделите таблицу на несколько дорожных "
            f"карт или проверьте, что загружен нужный файл.")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


_FIELD_LABELS = {
    "number": "№", "text": "мероприятие", "deadline": "срок", "responsible": "ответственные",
    "result": "результат", "output_form": "форма",
}
_NOTE = re.compile(r"Примечани", re.IGNORECASE)
_ITEM_WITH_DASH = re.compile(r"\s[-–—]\s|[–—]")


@dataclass
class ParsedMeasure:
    """One measure as read.

    ``number`` as written but normalised («1.1.» → «1.1», ``""`` when unnumbered);
    ``text``, ``responsible_text``, ``result`` and ``output_form`` keep line breaks that
    the cell had (paragraphs, «- » bullets) with spaces collapsed; ``deadline_text`` is
    one line, verbatim otherwise; ``responsible`` is ``split_responsible`` of the text;
    ``flags`` are Russian notes for the preview; ``source`` says where the rows were
    («таблица 2, строка 5», «таблица 1, строка 5; таблица 2, строка 1»).
    """

    number: str
    text: str
    deadline_text: str
    responsible_text: str
    responsible: list[str]
    result: str
    output_form: str
    flags: list[str] = field(default_factory=list)
    source: str = ""


@dataclass
class ParsedSection:
    """A section («1», «2») or a sub-section («I», «III», «2.1»): measures first, then
    sub-sections, as in the document."""

    number: str
    title: str
    sections: list[ParsedSection] = field(default_factory=list)
    measures: list[ParsedMeasure] = field(default_factory=list)


@dataclass
class ParsedRoadmap:
    """The roadmap as read.

    ``headers`` has one entry per column of the main table (``""`` where a column has no
    header), so a mapping form can offer every column; ``mapping`` maps each of
    ``FIELDS`` to a column index or ``None``; ``mapping_certain`` is ``False`` when the text
    or deadline column was chosen by content. ``measures`` are those outside any section.
    ``unplaced`` holds rows (cells joined with « | ») that could not be placed, verbatim;
    ``warnings`` explains every skipped row and every guess, in Russian.
    """

    title: str
    period: tuple[date, date] | None
    headers: list[str]
    mapping: dict[str, int | None]
    mapping_certain: bool
    sections: list[ParsedSection]
    measures: list[ParsedMeasure]
    abbreviations: dict[str, str]
    unplaced: list[str]
    warnings: list[str]


def parse_roadmap(doc: RawDocument, mapping: dict[str, int | None] | None = None,
                  period: tuple[date, date] | None = None) -> ParsedRoadmap:
    """Find the roadmap table in a document and read its sections and measures."""
    tables = doc.tables
    main = choose_main(tables, mapping)
    warnings: list[str] = []
    unplaced: list[str] = []
    caption_rows = _caption_rows(main.before_header, unplaced, warnings)
    rows = build_stream(tables, main, warnings, unplaced)
    if len(rows) > MAX_ROWS:
        raise DocumentError(too_many_measures(f"{_thousands(len(rows))} строк"))
    assembler = Assembler(rows, warnings, unplaced)
    assembler.run()
    if not assembler.all_drafts:
        raise DocumentError(NOT_A_ROADMAP)
    if len(assembler.all_drafts) > MAX_MEASURES:
        raise DocumentError(too_many_measures(
            f"{_thousands(len(assembler.all_drafts))} мероприятий"))
    layout = main.layout
    if not layout.mapping_certain and mapping is None:
        warnings.insert(0, _uncertain_mapping_warning(layout.headers, layout.mapping))

    before, everything = _paragraphs_around(doc, tables[main.position])
    title = find_title(before + caption_rows, everything)
    if not title:
        warnings.append("Заголовок дорожной карты не найден: укажите его вручную.")
    measures = [_finish(d) for d in assembler.measures]
    sections = [_finish_section(s) for s in assembler.sections]
    if period is None:
        period = _infer(title, before + caption_rows, everything, assembler.all_drafts, warnings)
    abbreviations = _footnotes(doc)
    for short, full in assembler.abbreviations.items():
        abbreviations.setdefault(short, full)
    return ParsedRoadmap(
        title=title,
        period=period,
        headers=_headers(layout.headers, tables[main.position].width),
        mapping=dict(layout.mapping),
        mapping_certain=layout.mapping_certain or mapping is not None,
        sections=sections,
        measures=measures,
        abbreviations=abbreviations,
        unplaced=unplaced,
        warnings=warnings,
    )


def iter_measures(
    parsed: ParsedRoadmap,
) -> Iterator[tuple[ParsedSection | None, ParsedMeasure]]:
    """Every measure in document order with its innermost section (``None`` outside any)."""
    for measure in parsed.measures:
        yield None, measure
    for section, _depth in walk(parsed.sections, lambda s: s.sections):
        for measure in section.measures:
            yield section, measure


def _caption_rows(rows: list[list[str]], unplaced: list[str], warnings: list[str]) -> list[str]:
    """Rows above the header: one-cell rows are captions (a title), others unplaced."""
    captions = []
    for row in rows:
        filled = [cell for cell in row if cell.strip()]
        if len(filled) == 1:
            captions.append(norm_line(filled[0]))
        elif filled:
            unplaced.append(" | ".join(norm_text(cell) for cell in filled))
            warnings.append("Строка над шапкой таблицы не разобрана и показана как неразмещённая.")
    return captions


def _paragraphs_around(doc: RawDocument, main: Table) -> tuple[list[str], list[str]]:
    before: list[str] = []
    everything: list[str] = []
    reached = False
    for block in doc.blocks:
        if block is main:
            reached = True
            continue
        text = block.text if isinstance(block, Paragraph) else _table_text(block)
        if not text:
            continue
        everything.append(text)
        if not reached and isinstance(block, Paragraph):
            before.append(text)
        elif not reached:
            before.extend(_table_lines(block))
    return before, everything


def _table_text(table: Table) -> str:
    return "\n".join(_table_lines(table))


def _table_lines(table: Table) -> list[str]:
    return [" ".join(c for c in row if c.strip()) for row in table.rows if any(row)]


def _headers(headers: list[str], width: int) -> list[str]:
    """One entry per column of the main table, ``""`` where a column has no header."""
    cleaned = [norm_line(h) for h in headers]
    return cleaned + [""] * (width - len(cleaned))


def _finish(draft: Draft) -> ParsedMeasure:
    fields = draft.fields
    responsible_text = norm_text(fields["responsible"])
    return ParsedMeasure(
        number=draft.number,
        text=norm_text(fields["text"]),
        deadline_text=norm_line(fields["deadline"]),
        responsible_text=responsible_text,
        responsible=split_responsible(responsible_text),
        result=norm_text(fields["result"]),
        output_form=norm_text(fields["output_form"]),
        flags=list(draft.flags),
        source=source_label(draft.sources),
    )


def _finish_section(section: SectionDraft) -> ParsedSection:
    return ParsedSection(
        number=section.number,
        title=norm_line(section.title),
        sections=[_finish_section(child) for child in section.sections],
        measures=[_finish(draft) for draft in section.measures],
    )


def _infer(title: str, before: list[str], everything: list[str], drafts: list[Draft],
           warnings: list[str]) -> tuple[date, date] | None:
    found = infer_period(title)
    if found:
        return found
    for text in before + everything:
        found = infer_period(text)
        if found:
            warnings.append(f"Период взят из текста документа: «{_shorten(text)}».")
            return found
    found = period_from_deadlines(d.fields["deadline"] for d in drafts)
    if found:
        years = _years_label(found)
        warnings.append(f"Период не указан в заголовке: принят {years} — по годам в сроках мероприятий.")
        return found
    found = period_from_order_date(before + everything)
    if found:
        warnings.append(f"Период не указан: принят {found[0].year} год — по дате приказа.")
        return found
    warnings.append("Период дорожной карты не найден: укажите его вручную.")
    return None


def _years_label(period: tuple[date, date]) -> str:
    first, last = period[0].year, period[1].year
    return f"{first} год" if first == last else f"{first}–{last} годы"


def _shorten(text: str, limit: int = 120) -> str:
    text = norm_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _footnotes(doc: RawDocument) -> dict[str, str]:
    """Abbreviations from «*Примечание» paragraphs and the item lines right after them."""
    paragraphs = [block.text for block in doc.blocks if isinstance(block, Paragraph)]
    found: dict[str, str] = {}
    for index, text in enumerate(paragraphs):
        if not _NOTE.search(text):
            continue
        parts = [text]
        for following in paragraphs[index + 1:index + 30]:
            if len(following) > 400 or not _ITEM_WITH_DASH.search(following):
                break
            parts.append(following)
        for short, full in read_abbreviations("\n".join(parts)).items():
            found.setdefault(short, full)
    return found


def _uncertain_mapping_warning(headers: list[str], mapping: dict[str, int | None]) -> str:
    if not any(headers):
        return ("Шапка таблицы не найдена: столбцы определены по содержанию — проверьте "
                "сопоставление столбцов.")
    missing = [
        _FIELD_LABELS[name] for name in ("text", "deadline")
        if mapping.get(name) is None or not _named(headers, mapping[name], name)
    ]
    return (f"По шапке не удалось определить столбец: {', '.join(missing)} — он выбран по "
            f"содержанию, проверьте сопоставление столбцов.")


def _named(headers: list[str], index: int | None, name: str) -> bool:
    return index is not None and index < len(headers) and header_field(headers[index]) == name
