"""Editing a roadmap's measures in the browser: update with an optimistic lock, move,
delete and restore, and the numbering that follows. Sections live in `editing_sections`.

Every write is atomic, leaves an audit record (who, when, before/after) and renumbers the
roadmap where the order of measures could have changed. Numbers are derived data: the
renumbering itself is not audited, the move or deletion that caused it is.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from schools.models import Organization

from .models import AuditRecord, DueDate, Measure, MeasureResponsible, Roadmap, Section
from .numbering import Item, number_roadmap
from .services import (
    _replace_due_dates,
    _set_responsible,
    apply_deadline,
    audit_record,
    measure_create,
    measure_snapshot,
)

CONTENT_FIELDS = ("text", "deadline_text", "responsible_text", "result", "output_form")


class VersionConflict(Exception):
    """The measure was saved by someone else since the form was opened."""

    def __init__(self, current: Measure):
        super().__init__("Мероприятие уже изменено другим пользователем.")
        self.current = current


class AlreadyRestored(Exception):
    pass


# --- numbering and order ------------------------------------------------------------------

def lock_roadmap(roadmap: Roadmap) -> None:
    """Serialise changes to a roadmap's order: two coordinators moving rows at the same
    moment must not compute positions from the same stale picture."""
    list(Roadmap.objects.select_for_update().filter(pk=roadmap.pk).values_list("pk", flat=True))


def roadmap_renumber(*, roadmap: Roadmap, acting_user=None) -> int:
    """Give every section and measure its automatic number (hand-fixed numbers stay).

    Returns how many numbers changed. Four queries at most, whatever the size.
    """
    sections = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                    .only("id", "parent_id", "position", "number", "number_locked"))
    measures = list(Measure.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                    .only("id", "section_id", "position", "number", "number_locked"))
    numbers = number_roadmap(
        [Item(s.id, s.parent_id, s.position, s.number, s.number_locked) for s in sections],
        [Item(m.id, m.section_id, m.position, m.number, m.number_locked) for m in measures],
    )
    changed_sections = [s for s in sections if numbers.sections.get(s.id, s.number) != s.number]
    for s in changed_sections:
        s.number = numbers.sections[s.id]
    changed_measures = [m for m in measures if numbers.measures.get(m.id, m.number) != m.number]
    for m in changed_measures:
        m.number = numbers.measures[m.id]
    if changed_sections:
        Section.objects.bulk_update(changed_sections, ["number"])
    if changed_measures:
        Measure.objects.bulk_update(changed_measures, ["number"])
    return len(changed_sections) + len(changed_measures)


def section_print_order(sections: list[Section]) -> list[Section]:
    """Sections as they print: each followed by its sub-sections."""
    known = {s.id for s in sections}
    children: dict[int | None, list[Section]] = {}
    for s in sorted(sections, key=lambda s: (s.position, s.id)):
        children.setdefault(s.parent_id if s.parent_id in known else None, []).append(s)
    out: list[Section] = []

    def walk(parent_id):
        for s in children.get(parent_id, []):
            out.append(s)
            walk(s.id)

    walk(None)
    return out


def _measure_lists(roadmap: Roadmap) -> tuple[list[int | None], dict[int | None, list[Measure]]]:
    sections = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                    .only("id", "parent_id", "position"))
    order: list[int | None] = [None, *(s.id for s in section_print_order(sections))]
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
        Measure.objects.bulk_update(changed, ["position", "section"])


# --- measures -----------------------------------------------------------------------------

@transaction.atomic
def measure_insert(*, roadmap: Roadmap, acting_user, text: str, section: Section | None = None,
                   deadline_text: str = "", responsible_text: str = "", result: str = "",
                   output_form: str = "", number: str = "",
                   responsible: Iterable[Organization] = ()) -> Measure:
    """Add a measure at the end of its section and number it."""
    if section is not None and section.roadmap_id != roadmap.id:
        raise ValidationError("Раздел из другой дорожной карты.")
    lock_roadmap(roadmap)
    measure = measure_create(roadmap=roadmap, text=text, acting_user=acting_user, section=section,
                             number=number, deadline_text=deadline_text,
                             responsible_text=responsible_text, result=result,
                             output_form=output_form, responsible=responsible)
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
    measure.refresh_from_db(fields=["number"])
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, expected_version: int, acting_user, text: str,
                   deadline_text: str = "", responsible_text: str = "", result: str = "",
                   output_form: str = "", responsible: Iterable[Organization] | None = None,
                   number: str | None = None, clear_review_notes: bool = False) -> Measure:
    """Save a measure opened at `expected_version`; refuse with VersionConflict if someone
    else saved it since. `number`: None keeps it, "" returns to automatic numbering,
    anything else fixes it by hand."""
    before = measure_snapshot(measure)
    roadmap = measure.roadmap
    measure.text, measure.deadline_text = text.strip(), deadline_text.strip()
    measure.responsible_text, measure.result = responsible_text.strip(), result.strip()
    measure.output_form = output_form.strip()
    renumber = False
    if number is not None:
        number = number.strip()
        renumber = number != measure.number or bool(number) != measure.number_locked
        measure.number_locked = bool(number)
        if number:
            measure.number = number
    if clear_review_notes:
        measure.review_notes = ""
    due = apply_deadline(measure, roadmap)
    measure.full_clean()
    fields = {f: getattr(measure, f) for f in (*CONTENT_FIELDS, "number", "number_locked",
                                               "deadline_kind", "starts_on", "needs_review",
                                               "review_notes")}
    updated = Measure.objects.filter(pk=measure.pk, version=expected_version).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        current = (Measure.objects.select_related("roadmap", "section", "district")
                   .filter(pk=measure.pk).first())
        if current is None:
            raise Measure.DoesNotExist("Мероприятие удалено.")
        raise VersionConflict(current)
    measure.version = expected_version + 1
    _replace_due_dates(measure, due)
    if responsible is not None:
        _set_responsible(measure, responsible)
    if renumber:
        roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
        measure.refresh_from_db(fields=["number"])
    audit_record(district_id=measure.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=measure, before=before,
                 after=measure_snapshot(measure), roadmap_id=roadmap.id)
    return measure


@transaction.atomic
def measure_move(*, measure: Measure, acting_user, section: Section | None,
                 index: int | None = None) -> Measure:
    """Put a measure into `section` (None: outside any section) at `index` (None: last)."""
    roadmap = measure.roadmap
    if section is not None and section.roadmap_id != roadmap.id:
        raise ValidationError("Раздел из другой дорожной карты.")
    lock_roadmap(roadmap)
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
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
    measure.refresh_from_db(fields=["number", "position", "section"])
    audit_record(district_id=measure.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=measure, before=before,
                 after=measure_snapshot(measure), roadmap_id=roadmap.id)
    return measure


@transaction.atomic
def measure_move_step(*, measure: Measure, acting_user, step: int) -> Measure:
    """One place up (step=-1) or down (+1); past the edge of a section, into the next one."""
    lock_roadmap(measure.roadmap)
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


def measure_full_snapshot(measure: Measure, responsible_ids: list[int] | None = None) -> dict:
    """Everything needed to bring a deleted measure back."""
    snap = measure_snapshot(measure) if responsible_ids is None else {
        **{f: getattr(measure, f) for f in ("number", *CONTENT_FIELDS, "section_id", "position")},
        "responsible_ids": responsible_ids,
    }
    snap.update(number_locked=measure.number_locked, review_notes=measure.review_notes,
                needs_review=measure.needs_review, id=measure.pk)
    return snap


@transaction.atomic
def measure_delete(*, measure: Measure, acting_user) -> AuditRecord:
    roadmap = measure.roadmap
    lock_roadmap(roadmap)
    before = measure_full_snapshot(measure)
    if measure.section_id:
        before["section_label"] = str(measure.section)
    record = audit_record(district_id=measure.district_id, actor=acting_user,
                          action=AuditRecord.Action.DELETE, target=measure, before=before,
                          roadmap_id=roadmap.id)
    measure.delete()
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
    return record


def _lock_unrestored(record: AuditRecord) -> None:
    AuditRecord.objects.select_for_update().get(pk=record.pk)
    if AuditRecord.objects.filter(district_id=record.district_id, action=AuditRecord.Action.RESTORE,
                                  before__restored_from=record.pk).exists():
        raise AlreadyRestored("Это уже восстановлено.")


def recreate_measures(*, roadmap: Roadmap, snapshots: list[dict],
                      section_ids: dict[int | None, int | None]) -> list[Measure]:
    """Bring back measures from delete snapshots: fields, due dates re-parsed, responsible
    links to organisations that still exist. `section_ids` maps old section ids to new."""
    measures, dues = [], []
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
                    result=snap.get("result", ""), output_form=snap.get("output_form", ""),
                    review_notes=snap.get("review_notes", ""))
        dues.append(apply_deadline(m, roadmap))
        m.full_clean(exclude=["section"])
        measures.append(m)
    Measure.objects.bulk_create(measures)
    DueDate.objects.bulk_create([DueDate(district_id=roadmap.district_id, measure=m, due_on=d)
                                 for m, due in zip(measures, dues, strict=True)
                                 for d in sorted(set(due))])
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
    lock_roadmap(roadmap)
    _lock_unrestored(record)
    (measure,) = recreate_measures(roadmap=roadmap, snapshots=[record.before], section_ids={})
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)
    measure.refresh_from_db(fields=["number"])
    audit_record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.RESTORE, target=measure,
                 before={"restored_from": record.id, "previous_id": record.target_id},
                 after=measure_snapshot(measure), roadmap_id=roadmap.id)
    return measure
