"""Whole-roadmap edits: the title and period, archiving, and a copy of last year's roadmap
with every date moved a year forward."""
from __future__ import annotations

import re
from datetime import date

from django.db import transaction

from .editing import measure_full_snapshot, roadmap_renumber, section_print_order
from .models import AuditRecord, DueDate, Measure, MeasureResponsible, Roadmap, Section
from .services import apply_deadline, audit_record

COPY_NOTE = "Скопировано из «{title}» со сдвигом сроков на год: проверьте сроки и содержание."

_DATE_OR_YEAR = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)"
    r"|(?<!\d)(?P<alone>(?:19|20)\d\d)(?!\d)"
)


def shift_date_years(value: date, years: int = 1) -> date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February into a common year
        return value.replace(year=value.year + years, day=28)


def shift_years_in_text(text: str, years: int = 1) -> str:
    """«Май 2025» → «Май 2026», «до 10.06.2025» → «до 10.06.2026», «29.02.2024» → «28.02.2025»."""

    def shift(m: re.Match) -> str:
        if m.group("alone"):
            return str(int(m.group("alone")) + years)
        day, month, year = m.group("day"), m.group("month"), m.group("year")
        try:
            shifted = shift_date_years(date(int(year), int(month), int(day)), years)
        except ValueError:  # not a date after all: leave it as written
            return m.group(0)
        return f"{shifted.day:0{len(day)}d}.{month}.{shifted.year}"

    return _DATE_OR_YEAR.sub(shift, text)


@transaction.atomic
def roadmap_update(*, roadmap: Roadmap, acting_user, title: str, period_start: date,
                   period_end: date) -> Roadmap:
    """Rename a roadmap or change its period; a new period re-reads every deadline."""
    before = {"title": roadmap.title, "period_start": roadmap.period_start.isoformat(),
              "period_end": roadmap.period_end.isoformat()}
    period_changed = (period_start, period_end) != (roadmap.period_start, roadmap.period_end)
    roadmap.title, roadmap.period_start, roadmap.period_end = title.strip(), period_start, period_end
    roadmap.full_clean()
    roadmap.save(update_fields=["title", "period_start", "period_end", "updated_at"])
    if period_changed:
        _reparse_all(roadmap)
    audit_record(district_id=roadmap.district_id, actor=acting_user,
                 action=AuditRecord.Action.UPDATE, target=roadmap, before=before,
                 after={"title": roadmap.title, "period_start": period_start.isoformat(),
                        "period_end": period_end.isoformat()}, roadmap_id=roadmap.id)
    return roadmap


def _reparse_all(roadmap: Roadmap) -> None:
    measures = list(Measure.objects.filter(district_id=roadmap.district_id, roadmap=roadmap))
    dues = [apply_deadline(m, roadmap) for m in measures]
    Measure.objects.bulk_update(measures, ["deadline_kind", "starts_on", "needs_review"])
    DueDate.objects.filter(district_id=roadmap.district_id, measure__roadmap=roadmap).delete()
    DueDate.objects.bulk_create([DueDate(district_id=roadmap.district_id, measure=m, due_on=d)
                                 for m, due in zip(measures, dues, strict=True)
                                 for d in sorted(set(due))])


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
    audit_record(district_id=roadmap.district_id, actor=acting_user,
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
        period_end=shift_date_years(source.period_end),
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    roadmap.full_clean()
    roadmap.save()

    new_sections: dict[int, Section] = {}
    old_sections = list(Section.objects.filter(district_id=district_id, roadmap=source))
    for s in section_print_order(old_sections):
        copy = Section(district_id=district_id, roadmap=roadmap,
                       parent=new_sections.get(s.parent_id), number=s.number,
                       number_locked=s.number_locked, title=s.title, position=s.position)
        copy.save()
        new_sections[s.id] = copy

    note = COPY_NOTE.format(title=source.title[:200])
    old_measures = list(Measure.objects.filter(district_id=district_id, roadmap=source)
                        .order_by("position", "id"))
    copies, dues = [], []
    for m in old_measures:
        copy = Measure(
            district_id=district_id, roadmap=roadmap, section=new_sections.get(m.section_id),
            number=m.number, number_locked=m.number_locked, position=m.position, text=m.text,
            deadline_text=shift_years_in_text(m.deadline_text), responsible_text=m.responsible_text,
            result=m.result, output_form=m.output_form, review_notes=note,
        )
        dues.append(apply_deadline(copy, roadmap))
        copy.needs_review = True
        copies.append(copy)
    Measure.objects.bulk_create(copies)
    DueDate.objects.bulk_create([DueDate(district_id=district_id, measure=c, due_on=d)
                                 for c, due in zip(copies, dues, strict=True)
                                 for d in sorted(set(due))])
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
    roadmap_renumber(roadmap=roadmap, acting_user=acting_user)

    audit_record(district_id=district_id, actor=acting_user, action=AuditRecord.Action.CREATE,
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
