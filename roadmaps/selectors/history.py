"""Reads for the journal of changes: a measure's history (across deletions and restores)
and a roadmap's, described for people: who, when, what was before and after."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Q

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
    "indicator_name": "Целевой показатель",
    "indicator_unit": "Единица измерения",
    "indicator_base": "Базовое значение",
    "indicator_target": "Целевое значение",
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


PAGE_SIZE = 100
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Cursor:
    """Where a page of the journal ends: the (created_at, id) of its last record. The next
    page starts strictly after it in the journal's order (newest first), so records with
    the same moment are neither repeated nor skipped."""

    created_at: datetime
    id: int

    @property
    def token(self) -> str:
        return f"{(self.created_at - _EPOCH) // timedelta(microseconds=1)}-{self.id}"

    @classmethod
    def parse(cls, token: str | None) -> Cursor | None:
        """None for an empty or malformed token (the first page)."""
        moment, _, pk = (token or "").partition("-")
        if not (moment.isdigit() and pk.isdigit()) or len(moment) > 18:
            return None
        return cls(_EPOCH + timedelta(microseconds=int(moment)), int(pk))


@dataclass
class HistoryPage:
    records: list[AuditRecord]
    next: Cursor | None  # None on the last page


def roadmap_history(roadmap: Roadmap, *, after: Cursor | None = None, size: int = PAGE_SIZE,
                    with_orders: bool = True) -> HistoryPage:
    """One page of the roadmap's journal, newest first, by keyset (created_at, id): the same
    two queries for the first page and the thousandth (the index `audit_roadmap` serves
    both). Order records only for those who may see orders."""
    records = AuditRecord.objects.filter(district_id=roadmap.district_id, roadmap_id_ref=roadmap.pk)
    if not with_orders:
        records = records.exclude(target_type="order")
    if after is not None:
        records = records.filter(Q(created_at__lt=after.created_at)
                                 | Q(created_at=after.created_at, id__lt=after.id))
    records = list(records.select_related("actor").order_by("-created_at", "-id")[:size + 1])
    more = len(records) > size
    records = records[:size]
    _mark_restored(records)
    last = records[-1] if more else None
    return HistoryPage(records, Cursor(last.created_at, last.id) if last else None)


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
        if key == "status" and value in Roadmap.Status.values:
            return Roadmap.Status(value).label
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
