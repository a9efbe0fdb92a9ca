"""What a printed order holds, as plain data: the renderers (PDF, DOCX, XLSX) read only this.

Nothing here touches the database; `build.py` fills these from the models.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

NBSP = "\u00a0"
LAYOUT_ORDER = "order"
LAYOUT_APPROVAL_STAMP = "approval_stamp"


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
    def column_widths(self) -> list[int]:
        """Percent of the text width: №, measure, deadline, responsible[, result][, form]."""
        if self.show_result and self.show_output_form:
            return [6, 32, 15, 17, 18, 12]
        if self.show_result:
            return [6, 36, 17, 19, 22]
        if self.show_output_form:
            return [6, 44, 18, 20, 12]
        return [6, 50, 18, 26]

    @property
    def printed_rows(self) -> list[tuple[TableRow, list[str]]]:
        return [(row, self.cells(row)) for row in self.rows]


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
