"""The import preview: what a file would become, with deadlines read against the period
and responsible bodies matched to the district's organisations. Nothing is written."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError

from core.reading.document import RawDocument
from schools.models import District, Organization

from ..deadlines import ParsedDeadline, parse_deadline
from ..importers.directive import DirectiveRef, find_directive
from ..importers.matching import OrganizationMatcher, names_school_group
from ..importers.table import ParsedMeasure, ParsedRoadmap, ParsedSection, parse_roadmap
from ..models import Measure
from ..tree import flatten

FIELD_LABELS = {
    "number": "№",
    "text": "Мероприятие",
    "deadline": "Срок",
    "responsible": "Ответственные",
    "result": "Результат, показатель",
    "output_form": "Форма",
}


@dataclass
class MeasurePreview:
    parsed: ParsedMeasure
    deadline: ParsedDeadline
    matched: list[Organization]
    unmatched: list[str]
    problems: list[str] = field(default_factory=list)  # what the measure cannot be saved with
    groups: list[str] = field(default_factory=list)  # «Руководители ОО», «ШНОР»: flagged schools

    @property
    def needs_review(self) -> bool:
        return self.deadline.needs_review or bool(self.parsed.flags) or bool(self.problems)

    @property
    def label(self) -> str:
        """The measure as a person finds it in the file: its number and row."""
        name = f"Мероприятие {self.parsed.number}" if self.parsed.number else "Мероприятие без номера"
        return f"{name} ({self.parsed.source})" if self.parsed.source else name


@dataclass
class SectionPreview:
    section: ParsedSection
    measures: list[MeasurePreview]
    sections: list[SectionPreview]
    depth: int = 0


@dataclass
class ImportPreview:
    parsed: ParsedRoadmap
    period: tuple[date, date] | None
    directive: DirectiveRef | None = None
    measures: list[MeasurePreview] = field(default_factory=list)
    sections: list[SectionPreview] = field(default_factory=list)

    def all_measures(self) -> list[MeasurePreview]:
        return [*self.measures, *(m for s in self.flat_sections() for m in s.measures)]

    def flat_sections(self) -> list[SectionPreview]:
        return flatten(self.sections, lambda s: s.sections)

    @property
    def section_count(self) -> int:
        return len(self.flat_sections())

    @property
    def measure_count(self) -> int:
        return len(self.all_measures())

    @property
    def flagged_count(self) -> int:
        return sum(1 for m in self.all_measures() if m.needs_review)

    @property
    def problems(self) -> list[str]:
        """Every measure that cannot be saved as read, named by its number and row."""
        return [f"{m.label}: {'; '.join(m.problems)}" for m in self.all_measures() if m.problems]


# What the import writes of a parsed measure, and the names a person knows its cells by.
MEASURE_FIELDS = {
    "number": ("number", "№"),
    "text": ("text", "Мероприятие"),
    "deadline_text": ("deadline_text", "Срок"),
    "responsible_text": ("responsible_text", "Ответственные"),
    "result": ("result", "Результат, показатель"),
    "output_form": ("output_form", "Форма"),
}
_EXCLUDED = [f.name for f in Measure._meta.fields if f.name not in MEASURE_FIELDS]


def measure_problems(parsed: ParsedMeasure) -> list[str]:
    """Why the measure could not be saved as read (a cell too long, the measure's own text
    empty), in the words of the editor's own checks and the names of the table's columns."""
    measure = Measure(**{name: getattr(parsed, attr) for name, (attr, _) in MEASURE_FIELDS.items()})
    try:
        measure.clean_fields(exclude=_EXCLUDED)
    except ValidationError as exc:
        problems = []
        for name, errors in exc.error_dict.items():
            column = MEASURE_FIELDS[name][1]
            for error in errors:
                if error.code == "blank":
                    problems.append(f"пустая ячейка «{column}»")
                elif error.code == "max_length":
                    limit, length = error.params["limit_value"], error.params["show_value"]
                    problems.append(f"в ячейке «{column}» {length} символов, а помещается "
                                    f"не больше {limit}")
                else:
                    problems.append(f"ячейка «{column}»: {' '.join(error.messages)}")
        return problems
    return []


def build_preview(doc: RawDocument, district: District, *, mapping: dict | None = None,
                  period: tuple[date, date] | None = None) -> ImportPreview:
    parsed = parse_roadmap(doc, mapping=mapping, period=period)
    period = period or parsed.period
    matcher = OrganizationMatcher(list(Organization.objects.filter(district=district)),
                                  parsed.abbreviations)

    def measure(m: ParsedMeasure) -> MeasurePreview:
        if period:
            deadline = parse_deadline(m.deadline_text, *period)
        else:
            deadline = ParsedDeadline(kind="unparsed", starts_on=None, due_dates=(), needs_review=True)
        matched, unmatched, groups = [], [], []
        for name in m.responsible:
            org = matcher.match(name)
            if org is None and names_school_group(name):
                groups.append(name)
            else:
                (matched if org else unmatched).append(org or name)
        problems = measure_problems(m)
        if problems:
            m.flags.append(f"не может быть импортировано: {'; '.join(problems)} — исправьте "
                           f"строку в файле и загрузите его снова")
        return MeasurePreview(parsed=m, deadline=deadline, matched=matched, unmatched=unmatched,
                              groups=groups,
                              problems=problems)

    def section(s: ParsedSection, depth: int) -> SectionPreview:
        return SectionPreview(section=s, measures=[measure(m) for m in s.measures],
                              sections=[section(c, depth + 1) for c in s.sections], depth=depth)

    preview = ImportPreview(parsed=parsed, period=period,
                            directive=find_directive([p.text for p in doc.paragraphs]),
                            measures=[measure(m) for m in parsed.measures],
                            sections=[section(s, 0) for s in parsed.sections])
    problems = preview.problems
    if problems:
        parsed.warnings.insert(0, f"{_rows(len(problems))} нельзя импортировать, пока они не "
                                  f"исправлены в файле: {'; '.join(problems[:10])}"
                                  f"{'; …' if len(problems) > 10 else ''}.")
    return preview


def _rows(count: int) -> str:
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} мероприятие"
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return f"{count} мероприятия"
    return f"{count} мероприятий"
