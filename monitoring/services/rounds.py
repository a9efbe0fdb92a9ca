"""Monitoring rounds (отчётные сессии): open one, change it, close and reopen it, write its
summary report's text sections. The round's version is its optimistic lock."""
from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from core import audit
from core.versioning import version_claim
from schools.models import District, Membership, Organization, Role

from ..models import MonitoringRound

MAX_PERIOD = timedelta(days=366 * 2)
FIELDS = ("title", "starts_on", "ends_on", "reports_due_on", "is_closed")
SUMMARY_FIELDS = ("summary_done", "summary_problems", "summary_decisions")


def _check(*, district: District, title: str, starts_on: date, ends_on: date,
           reports_due_on: date | None, schools: list[Organization]) -> None:
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = ["Укажите название мониторинга."]
    if starts_on and ends_on:
        if ends_on < starts_on:
            errors["ends_on"] = ["Конец периода раньше его начала."]
        elif ends_on - starts_on > MAX_PERIOD:
            errors["ends_on"] = ["Период мониторинга длиннее двух лет: проверьте даты."]
    if reports_due_on and starts_on and reports_due_on < starts_on:
        errors["reports_due_on"] = ["Срок отчёта раньше начала периода."]
    if not schools:
        errors["schools"] = ["Выберите хотя бы одну школу."]
    strangers = [s for s in schools if s.district_id != district.id
                 or s.kind != Organization.Kind.SCHOOL]
    if strangers:
        errors["schools"] = ["Можно выбрать только школы своего муниципалитета."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_open(*, district: District, acting_user, title: str, starts_on: date, ends_on: date,
               reports_due_on: date | None, schools: list[Organization]) -> MonitoringRound:
    _check(district=district, title=title, starts_on=starts_on, ends_on=ends_on,
           reports_due_on=reports_due_on, schools=schools)
    round_ = MonitoringRound(district=district, title=title.strip(), starts_on=starts_on,
                             ends_on=ends_on, reports_due_on=reports_due_on,
                             created_by=acting_user)
    round_.full_clean(exclude=["created_by"])  # the system (demo data) may open one too
    round_.save()
    round_.schools.set(schools)
    audit.record(district_id=district.id, actor=acting_user, action=audit.Action.CREATE,
                 target=round_, after={**audit.snapshot(round_, FIELDS),
                                       "schools": sorted(s.pk for s in schools)})
    return round_


@transaction.atomic
def round_update(*, round_: MonitoringRound, acting_user, expected_version: int | None,
                 title: str, starts_on: date, ends_on: date, reports_due_on: date | None,
                 schools: list[Organization]) -> MonitoringRound:
    _check(district=round_.district, title=title, starts_on=starts_on, ends_on=ends_on,
           reports_due_on=reports_due_on, schools=schools)
    version_claim(round_, expected_version, message="Мониторинг уже изменён другим пользователем.")
    before = {**audit.snapshot(round_, FIELDS),
              "schools": sorted(round_.schools.values_list("id", flat=True))}
    round_.title, round_.starts_on, round_.ends_on = title.strip(), starts_on, ends_on
    round_.reports_due_on = reports_due_on
    round_.full_clean()
    round_.save(update_fields=["title", "starts_on", "ends_on", "reports_due_on"])
    round_.schools.set(schools)
    audit.record(district_id=round_.district_id, actor=acting_user, action=audit.Action.UPDATE,
                 target=round_, before=before,
                 after={**audit.snapshot(round_, FIELDS), "schools": sorted(s.pk for s in schools)})
    return round_


@transaction.atomic
def round_set_closed(*, round_: MonitoringRound, acting_user, closed: bool) -> MonitoringRound:
    """Close a round (its figures stay as they are read) or reopen it."""
    # the conditional update is the check: a round already in that state (or moved there by
    # another tab a moment ago) changes no row
    updated = MonitoringRound.objects.filter(pk=round_.pk, is_closed=not closed).update(
        is_closed=closed)
    if not updated:
        raise ValidationError("Мониторинг уже завершён." if closed else "Мониторинг уже открыт.")
    round_.is_closed = closed
    audit.record(district_id=round_.district_id, actor=acting_user, action=audit.Action.STATUS,
                 target=round_, before={"is_closed": not closed}, after={"is_closed": closed})
    return round_


@transaction.atomic
def round_summary_update(*, round_: MonitoringRound, acting_user, expected_version: int | None,
                         summary_done: str, summary_problems: str,
                         summary_decisions: str) -> MonitoringRound:
    """The справка's three sections: what was done, problems, decisions."""
    version_claim(round_, expected_version,
                  message="Справку уже изменил другой пользователь.")
    before = audit.snapshot(round_, SUMMARY_FIELDS)
    round_.summary_done = summary_done.strip()
    round_.summary_problems = summary_problems.strip()
    round_.summary_decisions = summary_decisions.strip()
    round_.save(update_fields=list(SUMMARY_FIELDS))
    audit.record(district_id=round_.district_id, actor=acting_user, action=audit.Action.UPDATE,
                 target=round_, before=before, after=audit.snapshot(round_, SUMMARY_FIELDS))
    return round_


DEMO_ROUND = "Мониторинг IV квартала 2026 года"
DEMO_SUMMARY = {
    "summary_done": "Школы провели анализ результатов ВПР и ОГЭ и обновили программы помощи.\n"
                    "Проведены родительские собрания по итогам первой четверти.",
    "summary_problems": "Не все школы отчитались о занятиях с обучающимися группы риска.",
    "summary_decisions": "Провести совещание с руководителями ОО до 20 декабря 2026 года.",
}


def rounds_seed_demo() -> None:
    """Demo rows (`manage.py seed_demo`): a round of the fourth quarter in each demo district,
    of its flagged schools, with the справка's sections written; a second run adds nothing."""
    from ..selectors.rounds import default_schools

    for district in District.objects.filter(slug__in=("molchanovo", "kozhevnikovo")):
        if MonitoringRound.objects.filter(district=district, title=DEMO_ROUND).exists():
            continue
        ids = default_schools(district, 2026)
        schools = list(Organization.objects.filter(district=district, id__in=ids)) or list(
            Organization.objects.filter(district=district, kind=Organization.Kind.SCHOOL))
        if not schools:
            continue
        coordinator = Membership.objects.filter(district=district, role=Role.COORDINATOR).first()
        actor = coordinator.user if coordinator else None
        round_ = round_open(district=district, acting_user=actor, title=DEMO_ROUND,
                            starts_on=date(2026, 10, 1), ends_on=date(2026, 12, 31),
                            reports_due_on=date(2027, 1, 10), schools=schools)
        round_summary_update(round_=round_, acting_user=actor, expected_version=round_.version,
                             **DEMO_SUMMARY)
