"""The import preview: what a file would become, with deadlines read against the period
and responsible bodies matched to the district's organisations. Nothing is written."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.reading.document import RawDocument
from schools.models import District, Organization

from ..deadlines import ParsedDeadline, parse_deadline
from ..importers.directive import DirectiveRef, find_directive
from ..importers.matching import OrganizationMatcher
from ..importers.table import ParsedMeasure, ParsedRoadmap, ParsedSection, parse_roadmap
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

    @property
    def needs_review(self) -> bool:
        return self.deadline.needs_review or bool(self.parsed.flags)


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
        matched, unmatched = [], []
        for name in m.responsible:
            org = matcher.match(name)
            (matched if org else unmatched).append(org or name)
        return MeasurePreview(parsed=m, deadline=deadline, matched=matched, unmatched=unmatched)

    def section(s: ParsedSection, depth: int) -> SectionPreview:
        return SectionPreview(section=s, measures=[measure(m) for m in s.measures],
                              sections=[section(c, depth + 1) for c in s.sections], depth=depth)

    return ImportPreview(parsed=parsed, period=period, directive=find_directive([p.text for p in doc.paragraphs]),
                         measures=[measure(m) for m in parsed.measures],
                         sections=[section(s, 0) for s in parsed.sections])
