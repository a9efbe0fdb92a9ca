"""Creating a roadmap from an import preview, in one transaction. The preview itself (a
read) is `roadmaps.selectors.imports`; the readers are `core.reading` and
`roadmaps.importers`."""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core import audit
from core.models import AuditRecord
from schools.models import District

from ..importers.matching import addresses_school_group
from ..importers.table import MAX_MEASURES, too_many_measures
from ..models import Measure, MeasureResponsible, Roadmap, Section
from ..numbering import Item, detect_scheme, number_roadmap
from ..selectors.imports import ImportPreview, MeasurePreview, SectionPreview
from ..tree import walk
from .directives import directive_get_or_create
from .due_dates import measures_derive_deadlines


def walk_with_parent(sections: list[SectionPreview]):
    """Preview sections depth first, each with its parent (None at the top)."""
    parents: dict[int, SectionPreview | None] = {id(s): None for s in sections}
    for item, _depth in walk(sections, lambda s: s.sections):
        for child in item.sections:
            parents[id(child)] = item
        yield item, parents[id(item)]


def _number_as_written(sections: list[Section], measures: list[Measure]) -> str:
    """Choose the numbering scheme the document follows, and lock only the numbers that it
    would not give, so they print as written; the rest follow the automatic numbering when
    measures move later. Returns the scheme."""
    section_items = [Item(id=s.id, parent_id=s.parent_id, position=s.position, number=s.number)
                     for s in sections]
    measure_items = [Item(id=m.id, parent_id=m.section_id, position=m.position, number=m.number)
                     for m in measures]
    scheme = detect_scheme(section_items, measure_items)
    auto = number_roadmap(section_items, measure_items, scheme)
    for s in sections:
        s.number_locked = auto.sections[s.id] != s.number
    for m in measures:
        m.number_locked = auto.measures[m.id] != m.number
    return scheme


@transaction.atomic
def roadmap_import(*, district: District, preview: ImportPreview, title: str,
                   period_start: date, period_end: date, acting_user,
                   source_name: str = "") -> Roadmap:
    """Create the roadmap with its sections, measures, due dates and responsible links."""
    if preview.measure_count == 0:
        raise ValidationError("В таблице не найдено ни одного мероприятия — импортировать нечего.")
    if preview.measure_count > MAX_MEASURES:
        raise ValidationError(too_many_measures(f"{preview.measure_count} мероприятий"))
    problems = preview.problems
    if problems:
        shown = problems[:20] + ([f"и ещё {len(problems) - 20}"] if len(problems) > 20 else [])
        raise ValidationError(["Ничего не создано: исправьте эти строки в файле и загрузите "
                               "его снова.", *shown])
    roadmap = Roadmap(district=district, title=title.strip() or "Дорожная карта",
                      period_start=period_start, period_end=period_end,
                      directive=directive_get_or_create(district, preview.directive),
                      created_by=acting_user if getattr(acting_user, "pk", None) else None)
    roadmap.full_clean()
    roadmap.save()
    measures: list[tuple[Measure, MeasurePreview]] = []
    sections: list[Section] = []

    def add_measures(items: list[MeasurePreview], section: Section | None) -> None:
        for item in items:
            p = item.parsed
            m = Measure(
                district=district, roadmap=roadmap, section=section, number=p.number,
                position=len(measures) + 1, text=p.text, deadline_text=p.deadline_text,
                responsible_text=p.responsible_text, result=p.result, output_form=p.output_form,
                addresses_flagged_schools=addresses_school_group(p.responsible),
                review_notes="; ".join(p.flags),
            )
            try:
                m.full_clean(exclude=["roadmap", "section", "district"])
            except ValidationError as exc:
                raise ValidationError([f"{item.label}: {message}" for message in exc.messages]) from exc
            measures.append((m, item))

    add_measures(preview.measures, None)
    parents: dict[int, Section] = {}  # id() of a preview section -> its saved section
    for item, parent in walk_with_parent(preview.sections):
        s = item.section
        section = Section(district=district, roadmap=roadmap,
                          parent=parents.get(id(parent)) if parent else None,
                          number=s.number, title=s.title or "Без названия",
                          position=len(sections) + 1)
        section.full_clean(exclude=["roadmap", "parent", "district"])
        section.save()
        parents[id(item)] = section
        sections.append(section)
        add_measures(item.measures, section)
    created = Measure.objects.bulk_create([m for m, _ in measures], batch_size=500)
    measures_derive_deadlines(roadmap=roadmap, measures=created)
    roadmap.numbering = _number_as_written(sections, created)
    roadmap.save(update_fields=["numbering"])
    Section.objects.bulk_update(sections, ["number_locked"], batch_size=500)
    Measure.objects.bulk_update([m for m in created if m.number_locked], ["number_locked"],
                                batch_size=500)
    MeasureResponsible.objects.bulk_create([
        MeasureResponsible(district=district, measure=m, organization=org, position=i)
        for m, (_, item) in zip(created, measures, strict=True)
        for i, org in enumerate(dict.fromkeys(item.matched))
    ], batch_size=500)
    audit.record(district_id=district.id, actor=acting_user, action=AuditRecord.Action.IMPORT,
                 target=roadmap, roadmap_id=roadmap.id,
                 after={"source": source_name, "sections": len(sections),
                        "measures": len(created),
                        "flagged": sum(1 for m in created if m.needs_review)})
    return roadmap
