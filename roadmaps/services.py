"""Writes for roadmaps, sections and measures. Every write leaves an audit record."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max

from schools.models import District, Organization

from .deadlines import parse_deadline
from .models import AuditRecord, DueDate, Measure, MeasureResponsible, Roadmap, Section

MEASURE_FIELDS = ("number", "text", "deadline_text", "responsible_text", "result", "output_form")


def audit_record(*, district_id: int, actor, action: str, target, before=None, after=None,
                 roadmap_id: int | None = None) -> AuditRecord:
    return AuditRecord.objects.create(
        district_id=district_id,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=type(target)._meta.model_name,
        target_id=target.pk,
        roadmap_id_ref=roadmap_id,
        before=before,
        after=after,
    )


def measure_snapshot(measure: Measure) -> dict:
    return {
        "number": measure.number,
        "text": measure.text,
        "deadline_text": measure.deadline_text,
        "responsible_text": measure.responsible_text,
        "result": measure.result,
        "output_form": measure.output_form,
        "section_id": measure.section_id,
        "position": measure.position,
        "responsible_ids": list(
            MeasureResponsible.objects.filter(measure=measure).values_list("organization_id", flat=True)
        ) if measure.pk else [],
    }


def apply_deadline(measure: Measure, roadmap: Roadmap) -> list[date]:
    """Parse the deadline as written into the measure's structured fields; return due days."""
    parsed = parse_deadline(measure.deadline_text, roadmap.period_start, roadmap.period_end)
    measure.deadline_kind = parsed.kind
    measure.starts_on = parsed.starts_on
    measure.needs_review = parsed.needs_review or bool(measure.review_notes)
    return list(parsed.due_dates)


def _replace_due_dates(measure: Measure, due_dates: Iterable[date]) -> None:
    DueDate.objects.filter(measure=measure).delete()
    DueDate.objects.bulk_create(
        [DueDate(district_id=measure.district_id, measure=measure, due_on=d) for d in sorted(set(due_dates))]
    )


def _set_responsible(measure: Measure, organizations: Iterable[Organization]) -> None:
    MeasureResponsible.objects.filter(measure=measure).delete()
    links, seen = [], set()
    for position, org in enumerate(organizations):
        if org.district_id != measure.district_id:
            raise ValueError("Ответственная организация из другого муниципалитета.")
        if org.id in seen:
            continue
        seen.add(org.id)
        links.append(MeasureResponsible(district_id=measure.district_id, measure=measure,
                                        organization=org, position=position))
    MeasureResponsible.objects.bulk_create(links)


@transaction.atomic
def roadmap_create(*, district: District, title: str, period_start: date, period_end: date,
                   acting_user, school: Organization | None = None, directive=None) -> Roadmap:
    roadmap = Roadmap(district=district, title=title.strip(), period_start=period_start,
                      period_end=period_end, school=school, directive=directive,
                      created_by=acting_user if getattr(acting_user, "pk", None) else None)
    roadmap.full_clean()
    roadmap.save()
    audit_record(district_id=district.id, actor=acting_user, action=AuditRecord.Action.CREATE,
                 target=roadmap, after={"title": roadmap.title}, roadmap_id=roadmap.id)
    return roadmap


@transaction.atomic
def section_create(*, roadmap: Roadmap, title: str, acting_user, number: str = "",
                   parent: Section | None = None) -> Section:
    last = Section.objects.filter(roadmap=roadmap).aggregate(m=Max("position"))["m"] or 0
    section = Section(district_id=roadmap.district_id, roadmap=roadmap, parent=parent,
                      title=title.strip(), number=number.strip(), number_locked=bool(number.strip()),
                      position=last + 1)
    section.full_clean()
    section.save()
    audit_record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.CREATE, target=section,
                 after={"number": section.number, "title": section.title}, roadmap_id=roadmap.id)
    return section


@transaction.atomic
def measure_create(*, roadmap: Roadmap, text: str, acting_user, section: Section | None = None,
                   number: str = "", deadline_text: str = "", responsible_text: str = "",
                   result: str = "", output_form: str = "",
                   responsible: Iterable[Organization] = ()) -> Measure:
    last = Measure.objects.filter(roadmap=roadmap).aggregate(m=Max("position"))["m"] or 0
    measure = Measure(
        district_id=roadmap.district_id, roadmap=roadmap, section=section,
        number=number.strip(), number_locked=bool(number.strip()), position=last + 1,
        text=text.strip(), deadline_text=deadline_text.strip(),
        responsible_text=responsible_text.strip(), result=result.strip(),
        output_form=output_form.strip(),
    )
    due = apply_deadline(measure, roadmap)
    measure.full_clean()
    measure.save()
    _replace_due_dates(measure, due)
    _set_responsible(measure, responsible)
    audit_record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.CREATE, target=measure,
                 after=measure_snapshot(measure), roadmap_id=roadmap.id)
    return measure
