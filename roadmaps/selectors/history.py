"""Reads for the journal of changes: a measure's history (across deletions and restores)
and a roadmap's, described for people: who, when, what was before and after."""
from __future__ import annotations

from dataclasses import dataclass, field

from core.models import AuditRecord
from core.zones import in_zone
from schools.models import Organization

from ..models import Measure, Roadmap, Section

FIELD_LABELS = {
    "number": "№",
    "title": "Название",
    "text": "Мероприятие",
    "deadline_text": "Срок",
    "responsible_text": "Ответственные",
    "responsible_ids": "Организации",
    "result": "Результат, показатель",
    "output_form": "Форма",
    "section_id": "Раздел",
    "parent_id": "Раздел верхнего уровня",
    "status": "Статус",
    "period_start": "Начало периода",
    "period_end": "Конец периода",
}
TARGETS = {"measure": "мероприятие", "section": "раздел", "roadmap": "дорожная карта",
           "order": "приказ"}


def restored_record_ids(records) -> set[int]:
    """Which of these delete records were already restored (one query)."""
    deleted = [r for r in records if r.action == AuditRecord.Action.DELETE]
    if not deleted:
        return set()
    return set(AuditRecord.objects.filter(district_id=deleted[0].district_id,
                                          action=AuditRecord.Action.RESTORE,
                                          before__restored_from__in=[r.id for r in deleted])
               .values_list("before__restored_from", flat=True))


def measure_lineage(measure: Measure) -> list[int]:
    """This measure's id and the ids it had before it was deleted and restored."""
    ids, current = [measure.pk], measure.pk
    for _ in range(20):
        rec = (AuditRecord.objects.filter(district_id=measure.district_id, target_type="measure",
                                          target_id=current, action=AuditRecord.Action.RESTORE)
               .values_list("before", flat=True).first())
        previous = (rec or {}).get("previous_id")
        if not previous or previous in ids:
            break
        ids.append(previous)
        current = previous
    return ids


def measure_history(measure: Measure) -> list[AuditRecord]:
    records = list(AuditRecord.objects.filter(district_id=measure.district_id,
                                              target_type="measure",
                                              target_id__in=measure_lineage(measure))
                   .select_related("actor").order_by("-created_at", "-id"))
    _mark_restored(records)
    return records


def roadmap_history(roadmap: Roadmap, limit: int = 300, *, with_orders: bool = True) -> list[AuditRecord]:
    """The roadmap's journal; order records only for those who may see orders."""
    records = AuditRecord.objects.filter(district_id=roadmap.district_id, roadmap_id_ref=roadmap.pk)
    if not with_orders:
        records = records.exclude(target_type="order")
    records = list(records.select_related("actor").order_by("-created_at", "-id")[:limit])
    _mark_restored(records)
    return records


def _mark_restored(records: list[AuditRecord]) -> None:
    done = restored_record_ids(records)
    for r in records:
        r.restored = r.id in done


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    record: AuditRecord
    when: str
    who: str
    action: str
    target: str
    changes: list[Change] = field(default_factory=list)
    restorable: bool = False


def describe_records(records: list[AuditRecord], roadmap: Roadmap) -> list[Entry]:
    """Each record as a person reads it. Two queries: organisation and section names."""
    zone = roadmap.district.region.zone
    org_ids, section_ids = set(), set()
    for r in records:
        for snap in (r.before or {}, r.after or {}):
            org_ids.update(snap.get("responsible_ids") or [])
            for key in ("section_id", "parent_id"):
                if snap.get(key):
                    section_ids.add(snap[key])
    orgs = dict(Organization.objects.filter(district_id=roadmap.district_id, id__in=org_ids)
                .values_list("id", "short_name")) if org_ids else {}
    sections = {s.pk: str(s) for s in Section.objects.filter(district_id=roadmap.district_id,
                                                              id__in=section_ids)} if section_ids else {}

    def show(key, value):
        if value in (None, "", []):
            return "—"
        if key == "responsible_ids":
            return ", ".join(orgs.get(i, "удалённая организация") for i in value)
        if key in ("section_id", "parent_id"):
            return sections.get(value, "удалённый раздел")
        return str(value)

    out = []
    for r in records:
        before, after = r.before or {}, r.after or {}
        snap = after or before
        label = TARGETS.get(r.target_type, r.target_type)
        number = snap.get("number") or ""
        title = snap.get("text") or snap.get("title") or ""
        target = " ".join(p for p in (label, number) if p)
        if title:
            target += f" «{title[:80]}{'…' if len(title) > 80 else ''}»"
        entry = Entry(record=r, when=in_zone(r.created_at, zone),
                      who=r.actor.display_name if r.actor else "система",
                      action=r.get_action_display(), target=target,
                      restorable=(r.action == AuditRecord.Action.DELETE
                                  and r.target_type in ("measure", "section")
                                  and not getattr(r, "restored", False)))
        if r.action == AuditRecord.Action.UPDATE or r.action == AuditRecord.Action.STATUS:
            for key, label_text in FIELD_LABELS.items():
                if key in before or key in after:
                    if before.get(key) != after.get(key):
                        entry.changes.append(Change(label_text, show(key, before.get(key)),
                                                    show(key, after.get(key))))
        out.append(entry)
    return out
