"""Writes of whole roadmaps: create, rename or change the period, archive, copy a year
forward; the lock that serialises changes to a roadmap's order, and its renumbering."""
from __future__ import annotations

from datetime import date

from django.db import transaction

from core import audit
from core.models import AuditRecord
from core.versioning import version_claim
from schools.models import District, Organization

from ..models import Measure, MeasureResponsible, Roadmap, Section
from ..numbering import Item, number_roadmap
from ..tree import print_order
from ..year_shift import shift_date_years, shift_years_in_text
from .due_dates import measures_derive_deadlines
from .snapshots import measure_full_snapshot

COPY_NOTE = "Скопировано из «{title}» со сдвигом сроков на год: проверьте сроки и содержание."


def roadmap_lock(roadmap: Roadmap) -> None:
    """Serialise changes to a roadmap's order: two coordinators moving rows at the same
    moment must not compute positions from the same stale picture."""
    list(Roadmap.objects.select_for_update().filter(pk=roadmap.pk).values_list("pk", flat=True))


def roadmap_renumber(*, roadmap: Roadmap) -> int:
    """Give every section and measure its automatic number (hand-fixed numbers stay).

    Numbers are derived data: the renumbering is not audited, the move or deletion that
    caused it is. Returns how many numbers changed; four queries at most, whatever the size.
    """
    sections = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                    .only("id", "parent_id", "position", "number", "number_locked"))
    measures = list(Measure.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                    .only("id", "section_id", "position", "number", "number_locked"))
    numbers = number_roadmap(
        [Item(s.id, s.parent_id, s.position, s.number, s.number_locked) for s in sections],
        [Item(m.id, m.section_id, m.position, m.number, m.number_locked) for m in measures],
        roadmap.numbering,
    )
    changed_sections = [s for s in sections if numbers.sections.get(s.id, s.number) != s.number]
    for s in changed_sections:
        s.number = numbers.sections[s.id]
    changed_measures = [m for m in measures if numbers.measures.get(m.id, m.number) != m.number]
    for m in changed_measures:
        m.number = numbers.measures[m.id]
    if changed_sections:
        Section.objects.bulk_update(changed_sections, ["number"], batch_size=500)
    if changed_measures:
        Measure.objects.bulk_update(changed_measures, ["number"], batch_size=500)
    return len(changed_sections) + len(changed_measures)


@transaction.atomic
def roadmap_create(*, district: District, title: str, period_start: date, period_end: date,
                   acting_user, school: Organization | None = None, directive=None,
                   numbering: str | None = None) -> Roadmap:
    roadmap = Roadmap(district=district, title=title.strip(), period_start=period_start,
                      period_end=period_end, school=school, directive=directive,
                      numbering=numbering or Roadmap.Numbering.HIERARCHICAL,
                      created_by=acting_user if getattr(acting_user, "pk", None) else None)
    roadmap.full_clean()
    roadmap.save()
    audit.record(district_id=district.id, actor=acting_user, action=AuditRecord.Action.CREATE,
                 target=roadmap, after={"title": roadmap.title}, roadmap_id=roadmap.id)
    return roadmap


@transaction.atomic
def roadmap_update(*, roadmap: Roadmap, expected_version: int | None, acting_user, title: str,
                   period_start: date, period_end: date,
                   numbering: str | None = None) -> Roadmap:
    """Rename a roadmap, change its period (every deadline is read again) or its numbering
    scheme (every automatic number follows it; numbers fixed by hand stay). The settings
    were opened at `expected_version`: `core.versioning.StaleVersion` if saved since."""
    version_claim(roadmap, expected_version,
                  message="Название и период уже изменены другим пользователем")
    before = {"title": roadmap.title, "period_start": roadmap.period_start.isoformat(),
              "period_end": roadmap.period_end.isoformat(), "numbering": roadmap.numbering}
    period_changed = (period_start, period_end) != (roadmap.period_start, roadmap.period_end)
    numbering_changed = numbering is not None and numbering != roadmap.numbering
    roadmap.title, roadmap.period_start, roadmap.period_end = title.strip(), period_start, period_end
    if numbering is not None:
        roadmap.numbering = numbering
    roadmap.full_clean()
    roadmap.save(update_fields=["title", "period_start", "period_end", "numbering", "updated_at"])
    if numbering_changed:
        roadmap_lock(roadmap)
        roadmap_renumber(roadmap=roadmap)
    if period_changed:
        measures_derive_deadlines(roadmap=roadmap, measures=list(
            Measure.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)))
    audit.record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=roadmap, before=before,
                 after={"title": roadmap.title, "period_start": period_start.isoformat(),
                        "period_end": period_end.isoformat(), "numbering": roadmap.numbering},
                 roadmap_id=roadmap.id)
    return roadmap


@transaction.atomic
def roadmap_archive(*, roadmap: Roadmap, acting_user, archived: bool = True) -> Roadmap:
    """Send a roadmap to the archive, or bring it back (approved if it has an order)."""
    before = {"status": roadmap.status}
    if archived:
        roadmap.status = Roadmap.Status.ARCHIVED
    elif roadmap.status == Roadmap.Status.ARCHIVED:
        roadmap.status = Roadmap.Status.APPROVED if roadmap.approved_by_id else Roadmap.Status.DRAFT
    roadmap.full_clean()
    roadmap.save(update_fields=["status", "updated_at"])
    audit.record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.STATUS, target=roadmap, before=before,
                 after={"status": roadmap.status}, roadmap_id=roadmap.id)
    return roadmap


@transaction.atomic
def roadmap_copy_forward(*, source: Roadmap, acting_user, title: str | None = None) -> Roadmap:
    """A draft copy of `source` a year later: the period and every deadline year move by one,
    due dates are read again, and every measure is marked for a person to check."""
    district_id = source.district_id
    roadmap = Roadmap(
        district_id=district_id, school_id=source.school_id, directive_id=source.directive_id,
        title=(title or shift_years_in_text(source.title)).strip(),
        period_start=shift_date_years(source.period_start),
        period_end=shift_date_years(source.period_end), numbering=source.numbering,
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    roadmap.full_clean()
    roadmap.save()

    new_sections: dict[int, Section] = {}
    old_sections = list(Section.objects.filter(district_id=district_id, roadmap=source))
    for s in print_order(old_sections):
        copy = Section(district_id=district_id, roadmap=roadmap,
                       parent=new_sections.get(s.parent_id), number=s.number,
                       number_locked=s.number_locked, title=s.title, position=s.position,
                       risk_factor_id=s.risk_factor_id)
        copy.save()
        new_sections[s.id] = copy

    note = COPY_NOTE.format(title=source.title[:200])
    old_measures = list(Measure.objects.filter(district_id=district_id, roadmap=source)
                        .order_by("position", "id"))
    copies = []
    for m in old_measures:
        copy = Measure(
            district_id=district_id, roadmap=roadmap, section=new_sections.get(m.section_id),
            number=m.number, number_locked=m.number_locked, position=m.position, text=m.text,
            deadline_text=shift_years_in_text(m.deadline_text), responsible_text=m.responsible_text,
            result=m.result, output_form=m.output_form, review_notes=note,
            addresses_flagged_schools=m.addresses_flagged_schools,
            indicator_name=m.indicator_name, indicator_unit=m.indicator_unit,
            indicator_base=m.indicator_base, indicator_target=m.indicator_target,
        )
        copies.append(copy)
    Measure.objects.bulk_create(copies)
    measures_derive_deadlines(roadmap=roadmap, measures=copies)  # the note keeps them for review
    by_old = {m.id: c for m, c in zip(old_measures, copies, strict=True)}
    links = list(MeasureResponsible.objects.filter(district_id=district_id, measure__roadmap=source)
                 .order_by("position"))
    MeasureResponsible.objects.bulk_create([
        MeasureResponsible(district_id=district_id, measure=by_old[link.measure_id],
                           organization_id=link.organization_id, position=link.position)
        for link in links
    ])
    responsible_ids: dict[int, list[int]] = {}
    for link in links:
        responsible_ids.setdefault(by_old[link.measure_id].pk, []).append(link.organization_id)
    roadmap_renumber(roadmap=roadmap)

    audit.record(district_id=district_id, actor=acting_user, action=AuditRecord.Action.CREATE,
                 target=roadmap, after={"title": roadmap.title, "copied_from": source.id},
                 roadmap_id=roadmap.id)
    actor = acting_user if getattr(acting_user, "pk", None) else None
    AuditRecord.objects.bulk_create([
        AuditRecord(district_id=district_id, actor=actor, action=AuditRecord.Action.CREATE,
                    target_type="measure", target_id=c.pk, roadmap_id_ref=roadmap.id,
                    after={**measure_full_snapshot(c, responsible_ids.get(c.pk, [])),
                           "copied_from": m.pk})
        for m, c in zip(old_measures, copies, strict=True)
    ])
    return roadmap
