"""What a printed order holds, as plain data: the renderers (PDF, DOCX, XLSX) read only this.

Nothing here touches the database; `build.py` fills these from the models.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from datetime import date

from .metrics import PT_PER_MM, fit_words, line_count, text_width_mm

NBSP = "\u00a0"
LAYOUT_ORDER = "order"
LAYOUT_APPROVAL_STAMP = "approval_stamp"

# The roadmap table prints on landscape A4 in both renderers: 297 mm − 20 mm left − 10 mm
# right margin. Other tables print on portrait pages: 210 − 30 mm.
LANDSCAPE_TEXT_MM = 267
PORTRAIT_TEXT_MM = 180
TABLE_FONT_PT = 12
# Horizontal room a cell takes besides its text: Word's default cell margins (2 × 1.9 mm)
# are wider than the PDF's padding and border (2 × 3 pt + 1 pt), so they size the № column,
# with 1 mm to spare.
DOCX_CELL_SPARE_MM = 2 * 1.9
PDF_CELL_SPARE_PT = 2 * 3 + 1
CELL_SPARE_MM = DOCX_CELL_SPARE_MM + 1.0
# A row of up to this many lines never splits across pages: a quarter of a landscape page
# (about 34 lines) is the most a page can lose to it.
KEEP_WHOLE_LINES = 8


def ru_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


@dataclass(frozen=True)
class Point:
    """A numbered point of the order; sub-points print as 3.1., 3.2. …"""

    number: str
    text: str
    subpoints: tuple[Point, ...] = ()


@dataclass(frozen=True)
class TableRow:
    """A row of the roadmap table: a section title (merged across) or a measure."""

    is_section: bool
    number: str
    text: str
    deadline_text: str = ""
    responsible: str = ""
    result: str = ""
    output_form: str = ""
    depth: int = 0


@dataclass(frozen=True)
class PrintedRow:
    """A table row with its cells as printed; `keep`: never split across two pages."""

    row: TableRow
    cells: list[str]
    keep: bool = True


@dataclass(frozen=True)
class DueRow:
    """A measure's structured deadline for the second sheet of the export."""

    number: str
    text: str
    deadline_text: str
    deadline_kind: str
    due_on: date | None


@dataclass
class RoadmapTable:
    title: str
    rows: list[TableRow] = field(default_factory=list)
    show_result: bool = True
    show_output_form: bool = True
    due_rows: list[DueRow] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        out = ["№\nп/п", "Мероприятие", "Срок", "Ответственные"]
        if self.show_result:
            out.append("Результат")
        if self.show_output_form:
            out.append("Форма")
        return out

    @property
    def column_count(self) -> int:
        return len(self.headers)

    def cells(self, row: TableRow) -> list[str]:
        out = [row.number, row.text, row.deadline_text, row.responsible]
        if self.show_result:
            out.append(row.result)
        if self.show_output_form:
            out.append(row.output_form)
        return out

    @property
    def measure_count(self) -> int:
        return sum(1 for r in self.rows if not r.is_section)

    @property
    def number_width_mm(self) -> float:
        """What the № column needs: its widest number («2.10», bold «III») on one line."""
        widest = max(
            [text_width_mm(r.number, TABLE_FONT_PT, bold=r.is_section) for r in self.rows]
            + [text_width_mm(h, TABLE_FONT_PT, bold=True) for h in self.headers[0].split("\n")]
        )
        return widest + CELL_SPARE_MM

    @property
    def column_widths(self) -> list[int]:
        """Percent of the text width: №, measure, deadline, responsible[, result][, form].

        The № column grows for long numbers, taking the room from the measure's text."""
        if self.show_result and self.show_output_form:
            widths = [6, 32, 15, 17, 18, 12]
        elif self.show_result:
            widths = [6, 36, 17, 19, 22]
        elif self.show_output_form:
            widths = [6, 44, 18, 20, 12]
        else:
            widths = [6, 50, 18, 26]
        needed = math.ceil(self.number_width_mm * 100 / LANDSCAPE_TEXT_MM)
        if needed > widths[0]:
            widths[1] -= needed - widths[0]
            widths[0] = needed
        return widths

    @property
    def printed_rows(self) -> list[tuple[TableRow, list[str]]]:
        return [(row, self.cells(row)) for row in self.rows]

    def fitted_rows(self, *, cell_spare_pt: float, soften: bool) -> list[PrintedRow]:
        """The rows with their cells as printed in columns of the landscape page.

        A row of a few lines (KEEP_WHOLE_LINES) is kept on one page; a longer one may
        continue on the next, so no page is left half empty. With `soften`, a word too long
        for its column gets soft hyphens (see `metrics.fit_words`): nothing else is ever
        hyphenated."""
        room = [w / 100 * LANDSCAPE_TEXT_MM * PT_PER_MM - cell_spare_pt
                for w in self.column_widths]
        out = []
        for row, cells in self.printed_rows:
            if row.is_section:
                out.append(PrintedRow(row, cells, keep=True))
                continue
            lines = max(line_count(text, width, TABLE_FONT_PT)
                        for text, width in zip(cells, room, strict=True))
            if soften:
                cells = [cells[0], *(fit_words(text, width, TABLE_FONT_PT)
                                     for text, width in zip(cells[1:], room[1:], strict=True))]
            out.append(PrintedRow(row, cells, keep=lines <= KEEP_WHOLE_LINES))
        return out

    @property
    def pdf_rows(self) -> list[PrintedRow]:
        return self.fitted_rows(cell_spare_pt=PDF_CELL_SPARE_PT, soften=True)

    @property
    def docx_rows(self) -> list[PrintedRow]:
        return self.fitted_rows(cell_spare_pt=DOCX_CELL_SPARE_MM * PT_PER_MM, soften=False)


@dataclass(frozen=True)
class SchoolRow:
    number: int
    name: str
    director: str
    lists: str
    reason: str


@dataclass(frozen=True)
class InterviewGroup:
    day: date | None
    time: str
    schools: tuple[str, ...]

    @property
    def day_label(self) -> str:
        return ru_date(self.day)


@dataclass
class Appendix:
    """«Приложение № N к приказу от … № …» and what follows it."""

    number: int
    kind: str  # "roadmap" | "schools" | "interviews"
    title: str
    table: RoadmapTable | None = None
    schools: list[SchoolRow] = field(default_factory=list)
    interviews: list[InterviewGroup] = field(default_factory=list)


@dataclass
class OrderDocument:
    layout: str
    header_lines: list[str]
    title: str
    number: str
    issued_on: date | None
    place: str
    preamble: str
    points: list[Point]
    signatory_position: str
    signatory_name: str
    appendices: list[Appendix] = field(default_factory=list)
    document_kind: str = "ПРИКАЗ"
    decree_word: str = "ПРИКАЗЫВАЮ:"

    @property
    def is_approval_stamp(self) -> bool:
        return self.layout == LAYOUT_APPROVAL_STAMP

    @property
    def date_label(self) -> str:
        """The date as written on the order; blanks to fill by hand while it is a draft."""
        return ru_date(self.issued_on) or "«___» ____________ 20___ г."

    @property
    def number_label(self) -> str:
        return self.number or "________"

    @property
    def reference(self) -> str:
        """«от 22.06.2020 № 143/1», used by the appendix headings and the stamp."""
        return f"от {self.date_label} №{NBSP}{self.number_label}"

    @property
    def preamble_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.preamble.split("\n") if p.strip()]

    @property
    def title_lines(self) -> list[str]:
        return [p.strip() for p in self.title.split("\n") if p.strip()]

    def appendix_heading(self, appendix: Appendix) -> list[str]:
        return [f"Приложение №{NBSP}{appendix.number}", f"к приказу {self.reference}"]

    @property
    def appendix_blocks(self) -> list[tuple[Appendix, list[str]]]:
        return [(a, self.appendix_heading(a)) for a in self.appendices]

    @property
    def roadmap_appendix(self) -> Appendix | None:
        return next((a for a in self.appendices if a.kind == "roadmap"), None)


def years_label(first: int, last: int) -> str:
    """«за 2024 год», «за 2023–2024 годы»."""
    return f"за {first} год" if first == last else f"за {first}–{last} годы"


@dataclass(frozen=True)
class SchoolListAvailability:
    """Which flagged-school lists exist for the years of a roadmap's period.

    `schools` maps a list kind to the number of schools its lists of those years hold (0: a
    list without schools); a kind without any list for those years is absent. `labels`
    names the kinds as printed (ШНОР, ШНСУ …).
    """

    first_year: int
    last_year: int
    schools: dict[str, int]
    labels: dict[str, str]

    @property
    def years(self) -> str:
        return years_label(self.first_year, self.last_year)

    def kind_note(self, kind: str) -> str:
        """A note beside a kind's checkbox (the years are printed after the boxes)."""
        if kind not in self.schools:
            return "нет перечня"
        return "" if self.schools[kind] else "в перечне нет школ"

    @property
    def messages(self) -> dict[str, str]:
        """The warnings with a {kinds} slot, so a page script can fill them as boxes change."""
        dropped = "приложение не будет напечатано"
        return {
            "stamp": "В форме «УТВЕРЖДАЮ» печатается только дорожная карта — перечень школ "
                     "не будет напечатан.",
            "no_kinds": f"Не выбран ни один перечень — {dropped}.",
            "no_list": f"Перечня школ {self.years} нет ({{kinds}}) — {dropped}.",
            "no_schools": f"В перечнях школ {self.years} ({{kinds}}) нет ни одной школы — "
                          f"{dropped}.",
        }

    def notice(self, *, include: bool, kinds: list[str], stamp: bool) -> str:
        """Why a ticked school-list appendix will not print; empty when it will."""
        if not include:
            return ""
        if stamp:
            return self.messages["stamp"]
        kinds = [k for k in self.labels if k in set(kinds or [])]
        if not kinds:
            return self.messages["no_kinds"]
        if any(self.schools.get(k) for k in kinds):
            return ""
        key = "no_schools" if any(k in self.schools for k in kinds) else "no_list"
        return self.messages[key].format(kinds=", ".join(self.labels[k] for k in kinds))


def number_points(items: list[dict]) -> list[Point]:
    """Stored points ({"text", "subpoints"}) numbered as they print: 1., 1.1. …"""
    points: list[Point] = []
    for item in items:
        text = str(item.get("text", "")).strip()
        subs = [str(s).strip() for s in item.get("subpoints", []) if str(s).strip()]
        if not text and not subs:
            continue
        n = len(points) + 1
        points.append(Point(
            number=f"{n}.",
            text=text,
            subpoints=tuple(Point(number=f"{n}.{i}.", text=s) for i, s in enumerate(subs, 1)),
        ))
    return points


# Bump when the layout of the printed files changes (templates, CSS, the DOCX builder), so
# files rendered by an older layout are rendered again.
LAYOUT_REVISION = "2026-12-04"


def document_revision(doc: OrderDocument) -> str:
    """A fingerprint of everything the files print: the same order, roadmap and lists give
    the same revision, and any change of a word (of the order or of a measure) a new one."""
    payload = json.dumps([LAYOUT_REVISION, asdict(doc)], ensure_ascii=False, sort_keys=True,
                         default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
