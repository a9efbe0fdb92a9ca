"""Writes of progress reports: a report on a due date (with its evidence), and its review.

One report per (measure, due date, school) where the measure concerns schools, per
(measure, due date) otherwise (`monitoring.selectors.addressees`). A report is saved with
an optimistic lock (`core.versioning`); saving it again after a return puts it back to
«ожидает проверки». Every write leaves an audit record."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import audit
from core.models import AuditRecord
from core.versioning import version_claim
from roadmaps.models import DueDate
from schools.models import District, Organization

from ..models import ProgressReport
from ..selectors.addressees import addressed_schools
from .evidence import evidence_add_file, evidence_add_link, evidence_check_link, evidence_sniff

Status, Review = ProgressReport.Status, ProgressReport.Review
STALE = "Отчёт уже изменён другим пользователем."


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def report_snapshot(report: ProgressReport) -> dict:
    return {"status": report.status, "reason": report.reason, "comment": report.comment,
            "review": report.review, "review_comment": report.review_comment,
            "school": report.school_id, "due_date": report.due_date_id}


def report_target_check(*, due_date: DueDate, school: Organization | None) -> None:
    """The report belongs to this school (or to the office): the measure concerns it."""
    schools = addressed_schools([due_date.measure_id]).get(due_date.measure_id, frozenset())
    if school is None and schools:
        raise ValidationError("Это мероприятие адресовано школам: каждая отчитывается сама.")
    if school is not None and school.id not in schools:
        raise ValidationError("Это мероприятие не относится к этой школе.")


@transaction.atomic
def report_submit(*, due_date: DueDate, school: Organization | None, acting_user, status: str,
                  reason: str = "", comment: str = "", expected_version: int | None = None,
                  files: Iterable[Upload] = (), links: Iterable[str] = ()) -> ProgressReport:
    """Report on a due date (the first time, or again): status, reason, comment, evidence.

    Every file and link is checked before anything is written or stored."""
    files, links = list(files), [evidence_check_link(u) for u in links if u.strip()]
    for f in files:
        evidence_sniff(name=f.name, data=f.data)
    report_target_check(due_date=due_date, school=school)
    report = (ProgressReport.objects.select_for_update()
              .filter(district_id=due_date.district_id, due_date=due_date, school=school).first())
    before = None
    if report is None:
        if expected_version:  # opened on a report that is gone
            raise ValidationError("Отчёт удалён: откройте страницу заново.", code="deleted")
        report = ProgressReport(district_id=due_date.district_id, measure_id=due_date.measure_id,
                                due_date=due_date, school=school)
    else:
        before = report_snapshot(report)
        version_claim(report, expected_version, message=STALE)
    report.status = status
    report.reason = reason.strip() if status == Status.NOT_DONE else ""
    report.comment = comment.strip()
    report.review = Review.PENDING  # a report saved again waits for the reviewer again
    report.reported_by, report.reported_at = acting_user, timezone.now()
    report.full_clean(exclude=["district", "measure", "due_date", "school", "reported_by",
                               "reviewed_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # another tab created it a moment ago
        raise ValidationError("Отчёт только что сохранил другой пользователь: откройте "
                              "страницу заново.", code="version_conflict") from None
    for f in files:
        evidence_add_file(report=report, acting_user=acting_user, name=f.name, data=f.data)
    for url in links:
        evidence_add_link(report=report, acting_user=acting_user, url=url)
    audit.record(district_id=report.district_id, actor=acting_user,
                 action=AuditRecord.Action.CREATE if before is None else AuditRecord.Action.UPDATE,
                 target=report, before=before, after=report_snapshot(report),
                 roadmap_id=due_date.measure.roadmap_id)
    return report


ACCEPT, RETURN = "accept", "return"


@transaction.atomic
def report_review(*, report: ProgressReport, acting_user, decision: str, comment: str = "",
                  expected_version: int | None) -> ProgressReport:
    """Accept a report, or return it with a comment (required) for the director to fix."""
    if report.reported_at is None:
        raise ValidationError("По этому сроку ещё не отчитались.")
    if decision not in (ACCEPT, RETURN):
        raise ValidationError("Выберите: принять отчёт или вернуть на доработку.")
    comment = comment.strip()
    if decision == RETURN and not comment:
        raise ValidationError({"comment": "Напишите, что нужно исправить: без замечания отчёт "
                                          "не возвращается."})
    before = report_snapshot(report)
    version_claim(report, expected_version, message=STALE)
    report.review = Review.ACCEPTED if decision == ACCEPT else Review.RETURNED
    report.review_comment = comment
    report.reviewed_by, report.reviewed_at = acting_user, timezone.now()
    report.save(update_fields=["review", "review_comment", "reviewed_by", "reviewed_at"])
    audit.record(district_id=report.district_id, actor=acting_user,
                 action=AuditRecord.Action.STATUS, target=report, before=before,
                 after=report_snapshot(report), roadmap_id=report.measure.roadmap_id)
    return report


DEMO_LINK = "https://karmakly-school.example.ru/shnor/analiz-vpr"


def progress_seed_demo() -> None:
    """Demo rows (`manage.py seed_demo`): in Молчановский район, reports on the measure
    addressed to «Руководители ОО» (one accepted, one waiting, one returned with a comment)
    and the office's report on a measure of its own; a second run adds nothing."""
    from django.contrib.auth import get_user_model

    from roadmaps.models import Measure

    district = District.objects.filter(slug="molchanovo").first()
    if district is None or ProgressReport.objects.filter(district=district).exists():
        return
    users = {u.email: u for u in get_user_model().objects.filter(email__in=[
        "coordinator@molchanovo.demo", "director@karmakly.demo"])}
    coordinator = users.get("coordinator@molchanovo.demo")
    director = users.get("director@karmakly.demo")
    group = (Measure.objects.filter(district=district, roadmap__school__isnull=True,
                                    addresses_flagged_schools=True, due_dates__isnull=False)
             .order_by("roadmap_id", "position").first())
    office = (Measure.objects.filter(district=district, roadmap__school__isnull=True,
                                     addresses_flagged_schools=False, due_dates__isnull=False,
                                     responsible_text__icontains="Управление образования")
              .exclude(responsible_links__organization__kind=Organization.Kind.SCHOOL)
              .order_by("roadmap_id", "position").first())
    if group is not None:
        due = group.due_dates.order_by("due_on").first()
        concerned = addressed_schools([group.id]).get(group.id, frozenset())
        schools = list(Organization.objects.filter(id__in=concerned).order_by("short_name"))
        for k, school in enumerate(schools):
            who = director if school.short_name == "МКОУ Кармаклинская СОШ" and director else coordinator
            report = report_submit(
                due_date=due, school=school, acting_user=who, status=Status.DONE,
                comment="Дорожная карта школы разработана и утверждена приказом директора.",
                links=[DEMO_LINK] if k == 0 else [])
            if k == 0:
                report_review(report=report, acting_user=coordinator, decision=ACCEPT,
                              expected_version=report.version)
            elif k == 1:
                report_review(report=report, acting_user=coordinator, decision=RETURN,
                              comment="Приложите приказ об утверждении программы.",
                              expected_version=report.version)
    if office is not None and coordinator is not None:
        due = office.due_dates.order_by("due_on").first()
        report = report_submit(due_date=due, school=None, acting_user=coordinator,
                               status=Status.DONE, comment="Приказ издан.")
        report_review(report=report, acting_user=coordinator, decision=ACCEPT,
                      expected_version=report.version)
