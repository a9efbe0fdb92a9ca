"""Writes of a roadmap's sections: add, rename, renumber by hand, move (also into another
section as a sub-section), delete with their measures and restore from the audit trail."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from core import audit
from core.models import AuditRecord
from core.versioning import version_claim

from ..models import Measure, MeasureResponsible, Roadmap, Section
from ..tree import by_parent, print_order
from ..tree import subtree as tree_subtree
from .measures import measures_recreate
from .roadmaps import roadmap_lock, roadmap_renumber
from .snapshots import measure_full_snapshot, section_snapshot


@transaction.atomic
def section_create(*, roadmap: Roadmap, title: str, acting_user, parent: Section | None = None,
                   number: str = "", risk_factor=None) -> Section:
    """Add a section at the end (of the roadmap, or of `parent` as a sub-section), numbered;
    `risk_factor`: a school programme's section for a risk direction."""
    if parent is not None and (parent.roadmap_id != roadmap.id or parent.parent_id):
        raise ValidationError("Подраздел можно добавить только в раздел верхнего уровня этой карты.")
    roadmap_lock(roadmap)
    last = Section.objects.filter(roadmap=roadmap).aggregate(m=Max("position"))["m"] or 0
    section = Section(district_id=roadmap.district_id, roadmap=roadmap, parent=parent,
                      title=title.strip(), number=number.strip(), number_locked=bool(number.strip()),
                      position=last + 1, risk_factor=risk_factor)
    section.full_clean()
    section.save()
    roadmap_renumber(roadmap=roadmap)
    section.refresh_from_db(fields=["number"])
    audit.record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.CREATE, target=section,
                 after={"number": section.number, "title": section.title}, roadmap_id=roadmap.id)
    return section


@transaction.atomic
def section_update(*, section: Section, expected_version: int | None, acting_user, title: str,
                   number: str | None = None) -> Section:
    """Rename a section opened at `expected_version` (`core.versioning.StaleVersion` if
    someone else saved it since); `number`: None keeps it, "" returns to automatic, else
    fixes it."""
    version_claim(section, expected_version, message="Раздел уже изменён другим пользователем")
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
        roadmap_renumber(roadmap=section.roadmap)
        section.refresh_from_db(fields=["number"])
    audit.record(district_id=section.district_id, actor=acting_user,
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
    roadmap_lock(roadmap)
    before = section_snapshot(section)
    everything = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap))
    moving = next(s for s in everything if s.pk == section.pk)
    siblings: dict[int | None, list[Section]] = {}
    for s in print_order(everything):
        if s.pk != moving.pk:
            siblings.setdefault(s.parent_id, []).append(s)
    target = siblings.setdefault(parent.pk if parent else None, [])
    index = len(target) if index is None else max(0, min(index, len(target)))
    target.insert(index, moving)
    moving.parent_id = parent.pk if parent else None
    changed = []
    for position, s in enumerate(by_parent(siblings), start=1):
        if s.position != position or s is moving:
            s.position = position
            changed.append(s)
    Section.objects.bulk_update(changed, ["position", "parent"], batch_size=500)
    roadmap_renumber(roadmap=roadmap)
    section.refresh_from_db(fields=["number", "position", "parent"])
    audit.record(district_id=section.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=section, before=before,
                 after=section_snapshot(section), roadmap_id=roadmap.id)
    return section


@transaction.atomic
def section_move_step(*, section: Section, acting_user, step: int) -> Section:
    """One place up or down among the sections of the same level."""
    roadmap_lock(section.roadmap)
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
    roadmap_lock(roadmap)
    subtree = tree_subtree(Section.objects.filter(
        district_id=section.district_id, roadmap_id=section.roadmap_id), section.pk)
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
    record = audit.record(district_id=section.district_id, actor=acting_user,
                          action=AuditRecord.Action.DELETE, target=section, before=before,
                          roadmap_id=roadmap.id)
    Section.objects.filter(pk__in=ids).delete()
    roadmap_renumber(roadmap=roadmap)
    return record


@transaction.atomic
def section_restore(*, record: AuditRecord, roadmap: Roadmap, acting_user) -> Section:
    """Bring back a deleted section with its sub-sections and measures."""
    if (record.action != AuditRecord.Action.DELETE or record.target_type != "section"
            or record.roadmap_id_ref != roadmap.id or record.district_id != roadmap.district_id):
        raise ValidationError("Эту запись журнала нельзя восстановить как раздел.")
    roadmap_lock(roadmap)
    audit.record_claim_for_restore(record)
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
    measures_recreate(roadmap=roadmap, snapshots=snap.get("measures", []), section_ids=new_ids)
    roadmap_renumber(roadmap=roadmap)
    top.refresh_from_db(fields=["number"])
    audit.record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.RESTORE, target=top,
                 before={"restored_from": record.id, "previous_id": record.target_id},
                 after=section_snapshot(top), roadmap_id=roadmap.id)
    return top
