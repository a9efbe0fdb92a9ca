"""Editing a roadmap's sections: add, rename, renumber by hand, move (also into another
section as a sub-section), delete with their measures and restore from the audit trail."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from .editing import (
    _lock_unrestored,
    lock_roadmap,
    measure_full_snapshot,
    recreate_measures,
    roadmap_renumber,
    section_print_order,
)
from .models import AuditRecord, Measure, MeasureResponsible, Roadmap, Section
from .services import audit_record, section_create


def section_snapshot(section: Section) -> dict:
    return {"id": section.pk, "number": section.number, "number_locked": section.number_locked,
            "title": section.title, "parent_id": section.parent_id, "position": section.position}


def _subtree(section: Section) -> list[Section]:
    """The section and every section under it, parents first."""
    everything = list(Section.objects.filter(district_id=section.district_id,
                                             roadmap_id=section.roadmap_id))
    out, wanted = [], {section.pk}
    for s in section_print_order(everything):
        if s.pk in wanted or s.parent_id in wanted:
            wanted.add(s.pk)
            out.append(s)
    return out


@transaction.atomic
def section_insert(*, roadmap: Roadmap, title: str, acting_user, parent: Section | None = None,
                   number: str = "") -> Section:
    """Add a section at the end (of the roadmap, or of `parent` as a sub-section)."""
    if parent is not None and (parent.roadmap_id != roadmap.id or parent.parent_id):
        raise ValidationError("Подраздел можно добавить только в раздел верхнего уровня этой карты.")
    lock_roadmap(roadmap)
    section = section_create(roadmap=roadmap, title=title, acting_user=acting_user, number=number,
                             parent=parent)
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
    section.refresh_from_db(fields=["number"])
    return section


@transaction.atomic
def section_update(*, section: Section, acting_user, title: str,
                   number: str | None = None) -> Section:
    """Rename a section; `number`: None keeps it, "" returns to automatic, else fixes it."""
    before = section_snapshot(section)
    section.title = title.strip()
    fields = ["title"]
    renumber = False
    if number is not None:
        number = number.strip()
        renumber = number != section.number or bool(number) != section.number_locked
        section.number_locked = bool(number)
        if number:
            section.number = number
        fields += ["number", "number_locked"]
    section.full_clean()
    section.save(update_fields=fields)
    if renumber:
        roadmap_renumber(roadmap=section.roadmap, acting_user=acting_user)
        section.refresh_from_db(fields=["number"])
    audit_record(district_id=section.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=section, before=before,
                 after=section_snapshot(section), roadmap_id=section.roadmap_id)
    return section


@transaction.atomic
def section_move(*, section: Section, acting_user, parent: Section | None,
                 index: int | None = None) -> Section:
    """Put a section under `parent` (None: top level) at `index` among its siblings."""
    roadmap = section.roadmap
    if parent is not None:
        if parent.roadmap_id != roadmap.id:
            raise ValidationError("Раздел из другой дорожной карты.")
        if parent.pk == section.pk or parent.parent_id is not None:
            raise ValidationError("Подраздел можно перенести только в раздел верхнего уровня.")
        if Section.objects.filter(parent=section).exists():
            raise ValidationError("В разделе есть подразделы: его нельзя сделать подразделом.")
    lock_roadmap(roadmap)
    before = section_snapshot(section)
    everything = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap))
    moving = next(s for s in everything if s.pk == section.pk)
    siblings: dict[int | None, list[Section]] = {}
    for s in section_print_order(everything):
        if s.pk != moving.pk:
            siblings.setdefault(s.parent_id, []).append(s)
    target = siblings.setdefault(parent.pk if parent else None, [])
    index = len(target) if index is None else max(0, min(index, len(target)))
    target.insert(index, moving)
    moving.parent_id = parent.pk if parent else None
    changed, position = [], 0

    def walk(parent_id):
        nonlocal position
        for s in siblings.get(parent_id, []):
            position += 1
            if s.position != position or s is moving:
                s.position = position
                changed.append(s)
            walk(s.pk)

    walk(None)
    Section.objects.bulk_update(changed, ["position", "parent"])
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
    section.refresh_from_db(fields=["number", "position", "parent"])
    audit_record(district_id=section.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=section, before=before,
                 after=section_snapshot(section), roadmap_id=roadmap.id)
    return section


@transaction.atomic
def section_move_step(*, section: Section, acting_user, step: int) -> Section:
    """One place up or down among the sections of the same level."""
    lock_roadmap(section.roadmap)
    siblings = list(Section.objects.filter(district_id=section.district_id,
                                           roadmap_id=section.roadmap_id,
                                           parent_id=section.parent_id).order_by("position", "id"))
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk) + step
    if not 0 <= index < len(siblings):
        return section
    return section_move(section=section, acting_user=acting_user, parent=section.parent,
                        index=index)


@transaction.atomic
def section_delete(*, section: Section, acting_user) -> AuditRecord:
    """Delete a section with its sub-sections and measures; the record keeps them all."""
    roadmap = section.roadmap
    lock_roadmap(roadmap)
    subtree = _subtree(section)
    ids = [s.pk for s in subtree]
    measures = list(Measure.objects.filter(district_id=section.district_id, section_id__in=ids)
                    .order_by("position", "id"))
    links: dict[int, list[int]] = {}
    for measure_id, org_id in (MeasureResponsible.objects.filter(measure__in=measures)
                               .order_by("position").values_list("measure_id", "organization_id")):
        links.setdefault(measure_id, []).append(org_id)
    before = {
        **section_snapshot(section),
        "sections": [section_snapshot(s) for s in subtree],
        "measures": [measure_full_snapshot(m, links.get(m.pk, [])) for m in measures],
    }
    record = audit_record(district_id=section.district_id, actor=acting_user,
                          action=AuditRecord.Action.DELETE, target=section, before=before,
                          roadmap_id=roadmap.id)
    Section.objects.filter(pk__in=ids).delete()
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
    return record


@transaction.atomic
def section_restore(*, record: AuditRecord, roadmap: Roadmap, acting_user) -> Section:
    """Bring back a deleted section with its sub-sections and measures."""
    if (record.action != AuditRecord.Action.DELETE or record.target_type != "section"
            or record.roadmap_id_ref != roadmap.id or record.district_id != roadmap.district_id):
        raise ValidationError("Эту запись журнала нельзя восстановить как раздел.")
    lock_roadmap(roadmap)
    _lock_unrestored(record)
    snap = record.before
    existing = set(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                   .values_list("id", flat=True))
    new_ids: dict[int | None, int | None] = {}
    top = None
    last = Section.objects.filter(roadmap=roadmap).aggregate(m=Max("position"))["m"] or 0
    for s in snap.get("sections") or [snap]:
        parent_id = new_ids.get(s.get("parent_id"), s.get("parent_id"))
        section = Section(district_id=roadmap.district_id, roadmap=roadmap,
                          parent_id=parent_id if parent_id in existing else None,
                          number=s.get("number", ""), number_locked=s.get("number_locked", False),
                          title=s.get("title", ""), position=s.get("position", last + 1))
        section.full_clean(exclude=["parent"])
        section.save()
        existing.add(section.pk)
        new_ids[s.get("id")] = section.pk
        top = top or section
    recreate_measures(roadmap=roadmap, snapshots=snap.get("measures", []), section_ids=new_ids)
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
    top.refresh_from_db(fields=["number"])
    audit_record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.RESTORE, target=top,
                 before={"restored_from": record.id, "previous_id": record.target_id},
                 after=section_snapshot(top), roadmap_id=roadmap.id)
    return top
