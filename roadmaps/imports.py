"""Bringing in the roadmaps people already have: preview first, then one transaction.

The readers and the table reader (`roadmaps.importers`) are pure; this module ties them
to a district: it checks the upload, parses the deadlines against the period, matches
responsible bodies to the district's organisations, and creates the roadmap.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction

from schools.models import District, Organization

from .deadlines import ParsedDeadline, parse_deadline
from .importers.directive import DirectiveRef, find_directive
from .importers.document import Paragraph, RawDocument
from .importers.errors import DocumentError
from .importers.readers import read_document, read_text
from .importers.table import ParsedMeasure, ParsedRoadmap, ParsedSection, parse_roadmap
from .models import AuditRecord, Directive, DueDate, Measure, MeasureResponsible, Roadmap, Section
from .numbering import Item, number_roadmap
from .services import audit_record

FIELD_LABELS = {
    "number": "№",
    "text": "Мероприятие",
    "deadline": "Срок",
    "responsible": "Ответственные",
    "result": "Результат, показатель",
    "output_form": "Форма",
}


def read_upload(filename: str, data: bytes) -> RawDocument:
    """Check the size and read the file; a DocumentError carries the Russian message."""
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise DocumentError(
            f"Файл больше {limit // (1024 * 1024)} МБ. Разделите документ или сохраните только таблицу."
        )
    if not data:
        raise DocumentError("Файл пуст.")
    return read_document(filename, data)


def read_pasted(text: str) -> RawDocument:
    if not text.strip():
        raise DocumentError("Вставьте текст таблицы: поле пустое.")
    if len(text.encode("utf-8")) > settings.IMPORT_MAX_BYTES:
        raise DocumentError("Текст слишком большой (больше 20 МБ).")
    return read_text(text)


# --- matching responsible bodies -------------------------------------------------------

_QUOTES = re.compile(r"[«»\"“”„']")


def _norm(name: str) -> str:
    name = _QUOTES.sub("", name).replace("ё", "е").replace("Ё", "Е")
    return re.sub(r"\s+", " ", name).strip(" .,;").casefold()


class OrganizationMatcher:
    """Finds a district's organisation by short name, full name, other names or footnote
    abbreviations («*Примечание»: full name – short name)."""

    def __init__(self, organizations: list[Organization], abbreviations: dict[str, str]):
        self.by_name: dict[str, Organization] = {}
        for org in organizations:
            for name in (org.short_name, org.full_name, *org.alternative_names):
                self.by_name.setdefault(_norm(name), org)
        for short, full in abbreviations.items():
            org = self.by_name.get(_norm(full)) or self.by_name.get(_norm(short))
            if org:
                self.by_name.setdefault(_norm(short), org)
                self.by_name.setdefault(_norm(full), org)

    def match(self, name: str) -> Organization | None:
        return self.by_name.get(_norm(name))


# --- the preview -------------------------------------------------------------------------

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
        out = list(self.measures)

        def walk(sections: list[SectionPreview]) -> None:
            for s in sections:
                out.extend(s.measures)
                walk(s.sections)

        walk(self.sections)
        return out

    def flat_sections(self) -> list[SectionPreview]:
        out: list[SectionPreview] = []

        def walk(sections: list[SectionPreview]) -> None:
            for s in sections:
                out.append(s)
                walk(s.sections)

        walk(self.sections)
        return out

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

    return ImportPreview(parsed=parsed, period=period, directive=find_directive(doc_paragraphs(doc)),
                         measures=[measure(m) for m in parsed.measures],
                         sections=[section(s, 0) for s in parsed.sections])


# --- creating the roadmap ----------------------------------------------------------------

def doc_paragraphs(doc: RawDocument) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def directive_get_or_create(district: District, ref: DirectiveRef | None) -> Directive | None:
    """The regional directive the order cites, kept once per region."""
    if ref is None:
        return None
    directive, _ = Directive.objects.get_or_create(
        region=district.region, kind=ref.kind, number=ref.number, issued_on=ref.issued_on,
        issuer=ref.issuer[:300], defaults={"title": ref.title[:500] or ref.issuer[:500]},
    )
    return directive


def _lock_hand_numbers(sections: list[Section], measures: list[Measure]) -> None:
    """Lock the numbers that automatic numbering would not give, so they print as written;
    the rest follow the automatic numbering when measures move later."""
    auto = number_roadmap(
        [Item(id=s.id, parent_id=s.parent_id, position=s.position, number=s.number) for s in sections],
        [Item(id=m.id, parent_id=m.section_id, position=m.position, number=m.number) for m in measures],
    )
    for s in sections:
        s.number_locked = auto.sections[s.id] != s.number
    for m in measures:
        m.number_locked = auto.measures[m.id] != m.number


@transaction.atomic
def roadmap_import(*, district: District, preview: ImportPreview, title: str,
                   period_start: date, period_end: date, acting_user,
                   source_name: str = "") -> Roadmap:
    """Create the roadmap with its sections, measures, due dates and responsible links."""
    if preview.measure_count == 0:
        raise DocumentError("В таблице не найдено ни одного мероприятия — импортировать нечего.")
    roadmap = Roadmap(district=district, title=title.strip() or "Дорожная карта",
                      period_start=period_start, period_end=period_end,
                      directive=directive_get_or_create(district, preview.directive),
                      created_by=acting_user if getattr(acting_user, "pk", None) else None)
    roadmap.full_clean()
    roadmap.save()
    counter = {"section": 0, "measure": 0}
    measures: list[tuple[Measure, MeasurePreview]] = []

    sections: list[Section] = []

    def add_measures(items: list[MeasurePreview], section: Section | None) -> None:
        for item in items:
            counter["measure"] += 1
            p = item.parsed
            deadline = parse_deadline(p.deadline_text, period_start, period_end)
            notes = "; ".join(p.flags)
            m = Measure(
                district=district, roadmap=roadmap, section=section, number=p.number,
                position=counter["measure"],
                text=p.text, deadline_text=p.deadline_text, deadline_kind=deadline.kind,
                starts_on=deadline.starts_on, responsible_text=p.responsible_text,
                result=p.result, output_form=p.output_form,
                needs_review=deadline.needs_review or bool(notes), review_notes=notes,
            )
            m.full_clean(exclude=["roadmap", "section", "district"])
            measures.append((m, item))
            m._due = deadline.due_dates  # kept for the bulk insert below

    def add_sections(items: list[SectionPreview], parent: Section | None) -> None:
        for item in items:
            counter["section"] += 1
            s = item.section
            section = Section(district=district, roadmap=roadmap, parent=parent,
                              number=s.number, title=s.title or "Без названия",
                              position=counter["section"])
            section.full_clean(exclude=["roadmap", "parent", "district"])
            section.save()
            sections.append(section)
            add_measures(item.measures, section)
            add_sections(item.sections, section)

    add_measures(preview.measures, None)
    add_sections(preview.sections, None)
    created = Measure.objects.bulk_create([m for m, _ in measures])
    _lock_hand_numbers(sections, created)
    Section.objects.bulk_update(sections, ["number_locked"])
    Measure.objects.bulk_update([m for m in created if m.number_locked], ["number_locked"])
    DueDate.objects.bulk_create([
        DueDate(district=district, measure=m, due_on=d) for m in created for d in sorted(set(m._due))
    ])
    MeasureResponsible.objects.bulk_create([
        MeasureResponsible(district=district, measure=m, organization=org, position=i)
        for m, (_, item) in zip(created, measures, strict=True)
        for i, org in enumerate(dict.fromkeys(item.matched))
    ])
    audit_record(district_id=district.id, actor=acting_user, action=AuditRecord.Action.IMPORT,
                 target=roadmap, roadmap_id=roadmap.id,
                 after={"source": source_name, "sections": counter["section"],
                        "measures": counter["measure"],
                        "flagged": sum(1 for m in created if m.needs_review)})
    return roadmap
