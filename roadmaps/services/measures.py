"""Writes of measures: create, update with an optimistic lock, move, delete and restore.

Every write is atomic, leaves an audit record (who, when, before/after) and renumbers the
roadmap where the order of measures could have changed.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core import audit
from core.models import AuditRecord
from core.versioning import version_claim
from schools.models import Organization

from ..importers.matching import text_addresses_school_group
from ..models import Measure, MeasureResponsible, Roadmap, Section
from ..tree import print_order
from .due_dates import measures_derive_deadlines
from .roadmaps import roadmap_lock, roadmap_renumber
from .snapshots import CONTENT_FIELDS, measure_full_snapshot, measure_snapshot

INDICATOR_FIELDS = tuple(f for f in CONTENT_FIELDS if f.startswith("indicator_"))


def measure_responsible_set(*, measure: Measure, organizations: Iterable[Organization]) -> None:
    """The measure's matched responsible bodies, in the order given (duplicates dropped)."""
    MeasureResponsible.objects.filter(measure=measure).delete()
    links, seen = [], set()
    for position, org in enumerate(organizations):
        if org.district_id != measure.district_id:
            raise ValidationError("Ответственная организация из другого муниципалитета.")
        if org.id in seen:
            continue
        seen.add(org.id)
        links.append(MeasureResponsible(district_id=measure.district_id, measure=measure,
                                        organization=org, position=position))
    MeasureResponsible.objects.bulk_create(links)


@transaction.atomic
def measure_create(*, roadmap: Roadmap, acting_user, text: str, section: Section | None = None,
                   deadline_text: str = "", responsible_text: str = "", result: str = "",
                   output_form: str = "", number: str = "",
                   responsible: Iterable[Organization] = (),
                   indicators: dict[str, str] | None = None) -> Measure:
    """Add a measure at the end of the roadmap's order (its section's last), and number it.
    `indicators`: the target indicator (`INDICATOR_FIELDS` → text) of a programme's measure."""
    if section is not None and section.roadmap_id != roadmap.id:
        raise ValidationError("Раздел из другой дорожной карты.")
    roadmap_lock(roadmap)
    last = Measure.objects.filter(roadmap=roadmap).aggregate(m=Max("position"))["m"] or 0
    measure = Measure(
        district_id=roadmap.district_id, roadmap=roadmap, section=section,
        number=number.strip(), number_locked=bool(number.strip()), position=last + 1,
        text=text.strip(), deadline_text=deadline_text.strip(),
        responsible_text=responsible_text.strip(), result=result.strip(),
        output_form=output_form.strip(),
        addresses_flagged_schools=text_addresses_school_group(responsible_text),
        **{f: (indicators or {}).get(f, "").strip() for f in INDICATOR_FIELDS},
    )
    measure.full_clean()
    measure.save()
    measures_derive_deadlines(roadmap=roadmap, measures=[measure])
    measure_responsible_set(measure=measure, organizations=responsible)
    roadmap_renumber(roadmap=roadmap)
    measure.refresh_from_db(fields=["number"])
    audit.record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.CREATE, target=measure,
                 after=measure_snapshot(measure), roadmap_id=roadmap.id)
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, expected_version: int, acting_user, text: str,
                   deadline_text: str = "", responsible_text: str = "", result: str = "",
                   output_form: str = "", responsible: Iterable[Organization] | None = None,
                   number: str | None = None, clear_review_notes: bool = False,
                   indicators: dict[str, str] | None = None) -> Measure:
    """Save a measure opened at `expected_version`; refuse with `core.versioning.StaleVersion`
    (carrying the saved measure) if someone else saved it since. `number`: None keeps it, "" returns to automatic numbering,
    anything else fixes it by hand."""
    before = measure_snapshot(measure)
    roadmap = measure.roadmap
    if responsible_text.strip() != measure.responsible_text:  # «Руководители ОО» …
        measure.addresses_flagged_schools = text_addresses_school_group(responsible_text)
    measure.text, measure.deadline_text = text.strip(), deadline_text.strip()
    measure.responsible_text, measure.result = responsible_text.strip(), result.strip()
    measure.output_form = output_form.strip()
    for f, value in (indicators or {}).items():  # None: the indicator stays as it is
        if f in INDICATOR_FIELDS:
            setattr(measure, f, value.strip())
    renumber = False
    if number is not None:
        number = number.strip()
        renumber = number != measure.number or bool(number) != measure.number_locked
        measure.number_locked = bool(number)
        if number:
            measure.number = number
    if clear_review_notes:
        measure.review_notes = ""
    measure.full_clean()
    fields = {f: getattr(measure, f) for f in (*CONTENT_FIELDS, "number", "number_locked",
                                               "review_notes", "addresses_flagged_schools")}
    version_claim(measure, expected_version,
                  message="Мероприятие уже изменено другим пользователем.")
    Measure.objects.filter(pk=measure.pk).update(**fields, updated_at=timezone.now())
    measures_derive_deadlines(roadmap=roadmap, measures=[measure])
    if responsible is not None:
        measure_responsible_set(measure=measure, organizations=responsible)
    if renumber:
        roadmap_renumber(roadmap=roadmap)
        measure.refresh_from_db(fields=["number"])
    audit.record(district_id=measure.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=measure, before=before,
                 after=measure_snapshot(measure), roadmap_id=roadmap.id)
    return measure


def _measure_lists(roadmap: Roadmap) -> tuple[list[int | None], dict[int | None, list[Measure]]]:
    """The roadmap's sections in print order (None first: outside any section) and the
    measures of each, in order."""
    sections = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                    .only("id", "parent_id", "position"))
    order: list[int | None] = [None, *(s.id for s in print_order(sections))]
    lists: dict[int | None, list[Measure]] = {key: [] for key in order}
    for m in (Measure.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
              .only("id", "section_id", "position").order_by("position", "id")):
        lists.setdefault(m.section_id, []).append(m)
    return order, lists


def _save_positions(order: list[int | None], lists: dict[int | None, list[Measure]]) -> None:
    changed, position = [], 0
    for key in order:
        for m in lists.get(key, []):
            position += 1
            if m.position != position:
                m.position = position
                changed.append(m)
    if changed:
        Measure.objects.bulk_update(changed, ["position", "section"], batch_size=500)


@transaction.atomic
def measure_move(*, measure: Measure, acting_user, section: Section | None,
                 index: int | None = None) -> Measure:
    """Put a measure into `section` (None: outside any section) at `index` (None: last)."""
    roadmap = measure.roadmap
    if section is not None and section.roadmap_id != roadmap.id:
        raise ValidationError("Раздел из другой дорожной карты.")
    roadmap_lock(roadmap)
    before = measure_snapshot(measure)
    order, lists = _measure_lists(roadmap)
    target_key = section.id if section else None
    moving = next(m for m in lists[measure.section_id] if m.id == measure.id)
    lists[measure.section_id].remove(moving)
    target = lists.setdefault(target_key, [])
    index = len(target) if index is None else max(0, min(index, len(target)))
    target.insert(index, moving)
    moving.section_id = target_key
    moving.position = -1  # always saved
    _save_positions(order, lists)
    measure.section, measure.position = section, moving.position
    roadmap_renumber(roadmap=roadmap)
    measure.refresh_from_db(fields=["number", "position", "section"])
    audit.record(district_id=measure.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=measure, before=before,
                 after=measure_snapshot(measure), roadmap_id=roadmap.id)
    return measure


@transaction.atomic
def measure_move_step(*, measure: Measure, acting_user, step: int) -> Measure:
    """One place up (step=-1) or down (+1); past the edge of a section, into the next one."""
    roadmap_lock(measure.roadmap)
    order, lists = _measure_lists(measure.roadmap)
    siblings = lists[measure.section_id]
    index = next(i for i, m in enumerate(siblings) if m.id == measure.id) + step
    if 0 <= index < len(siblings):
        section = measure.section
    else:
        key_index = order.index(measure.section_id) + (1 if step > 0 else -1)
        if not 0 <= key_index < len(order):
            return measure  # already first or last of the roadmap
        key = order[key_index]
        section = Section.objects.get(pk=key) if key is not None else None
        index = 0 if step > 0 else None
    return measure_move(measure=measure, acting_user=acting_user, section=section, index=index)


@transaction.atomic
def measure_delete(*, measure: Measure, acting_user) -> AuditRecord:
    roadmap = measure.roadmap
    roadmap_lock(roadmap)
    before = measure_full_snapshot(measure)
    if measure.section_id:
        before["section_label"] = str(measure.section)
    record = audit.record(district_id=measure.district_id, actor=acting_user,
                          action=AuditRecord.Action.DELETE, target=measure, before=before,
                          roadmap_id=roadmap.id)
    measure.delete()
    roadmap_renumber(roadmap=roadmap)
    return record


def measures_recreate(*, roadmap: Roadmap, snapshots: list[dict],
                      section_ids: dict[int | None, int | None]) -> list[Measure]:
    """Bring back measures from delete snapshots: fields, due dates derived again, responsible
    links to organisations that still exist. `section_ids` maps old section ids to new.
    The caller locks the roadmap, renumbers and audits."""
    measures = []
    existing = set(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                   .values_list("id", flat=True))
    for snap in snapshots:
        section_id = section_ids.get(snap.get("section_id"), snap.get("section_id"))
        m = Measure(district_id=roadmap.district_id, roadmap=roadmap,
                    section_id=section_id if section_id in existing else None,
                    number=snap.get("number", ""), number_locked=snap.get("number_locked", False),
                    position=snap.get("position", 0), text=snap.get("text", ""),
                    deadline_text=snap.get("deadline_text", ""),
                    responsible_text=snap.get("responsible_text", ""),
                    addresses_flagged_schools=text_addresses_school_group(
                        snap.get("responsible_text", "")),
                    result=snap.get("result", ""), output_form=snap.get("output_form", ""),
                    review_notes=snap.get("review_notes", ""),
                    **{f: snap.get(f, "") for f in INDICATOR_FIELDS})
        m.full_clean(exclude=["section"])
        measures.append(m)
    Measure.objects.bulk_create(measures)
    measures_derive_deadlines(roadmap=roadmap, measures=measures)
    org_ids = {oid for snap in snapshots for oid in snap.get("responsible_ids", [])}
    alive = set(Organization.objects.filter(district_id=roadmap.district_id, id__in=org_ids)
                .values_list("id", flat=True))
    MeasureResponsible.objects.bulk_create([
        MeasureResponsible(district_id=roadmap.district_id, measure=m, organization_id=oid,
                           position=pos)
        for m, snap in zip(measures, snapshots, strict=True)
        for pos, oid in enumerate(dict.fromkeys(snap.get("responsible_ids", []))) if oid in alive
    ])
    return measures


@transaction.atomic
def measure_restore(*, record: AuditRecord, roadmap: Roadmap, acting_user) -> Measure:
    """Bring back a deleted measure from its «delete» audit record."""
    if (record.action != AuditRecord.Action.DELETE or record.target_type != "measure"
            or record.roadmap_id_ref != roadmap.id or record.district_id != roadmap.district_id):
        raise ValidationError("Эту запись журнала нельзя восстановить как мероприятие.")
    roadmap_lock(roadmap)
    audit.record_claim_for_restore(record)
    (measure,) = measures_recreate(roadmap=roadmap, snapshots=[record.before], section_ids={})
    roadmap_renumber(roadmap=roadmap)
    measure.refresh_from_db(fields=["number"])
    audit.record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.RESTORE, target=measure,
                 before={"restored_from": record.id, "previous_id": record.target_id},
                 after=measure_snapshot(measure), roadmap_id=roadmap.id)
    return measure
