"""Who sees what of the monitoring app, registered with `core.access`.

- progress reports and their evidence: whoever sees the measure's roadmap, except that a
  director sees only its own school's reports and the reports of its own programme;
- rounds: the district's office and curators, and the directors of the schools in them;
- sent reminders: the district's office; notifications: their person (selectors filter by
  user) within the districts they hold.
"""
from __future__ import annotations

from django.db.models import Q

from core.access import Action, Grants, register
from roadmaps.access import visible_roadmaps

from .models import Evidence, MonitoringRound, Notification, ProgressReport, ReminderSent


def report_filter(g: Grants, prefix: str = "") -> Q:
    p = prefix
    office = g.full_districts | g.curator_districts
    return Q(**{f"{p}district_id__in": g.district_ids}) & Q(
        **{f"{p}measure__roadmap__in": visible_roadmaps(g)}
    ) & (
        Q(**{f"{p}district_id__in": office})
        | Q(**{f"{p}school_id__in": g.directed_schools})
        | Q(**{f"{p}measure__roadmap__school_id__in": g.directed_schools})
    )


# who reports and who reviews (monitoring/services/progress.py): a school's report its
# director or the district's coordinator (on the school's behalf); the office's report
# (school empty) the coordinator; a review the coordinator or the curator of the school
REPORT, REVIEW = "report", "review"


def may_report(g: Grants, district_id: int, school_id: int | None) -> bool:
    return g.superuser or district_id in g.coordinator_districts or (
        school_id is not None and school_id in g.directed_schools)


def may_review(g: Grants, district_id: int, school_id: int | None) -> bool:
    return g.superuser or district_id in g.coordinator_districts or (
        school_id is not None and district_id in g.curator_districts
        and school_id in g.followed_schools)


def report_act(g: Grants, action: str, report: ProgressReport) -> bool:
    if action == REVIEW:
        return may_review(g, report.district_id, report.school_id)
    if action in (REPORT, Action.EDIT):
        return may_report(g, report.district_id, report.school_id)
    return action == Action.VIEW or report.district_id in g.coordinator_districts


register(ProgressReport, see=report_filter, act=report_act,
         related=("measure__roadmap", "due_date", "school", "district"))
register(Evidence, see=lambda g: report_filter(g, "report__"),
         act=lambda g, action, e: action == Action.VIEW or report_act(g, action, e.report),
         related=("report__school", "report__measure", "district"))


def round_filter(g: Grants) -> Q:
    """The district's office and curators see its rounds; a director, the rounds that
    include its school."""
    schools = MonitoringRound.schools.through.objects.filter(
        organization_id__in=g.directed_schools).values("monitoringround_id")
    return Q(district_id__in=g.full_districts | g.curator_districts) | (
        Q(district_id__in=g.director_districts) & Q(id__in=schools))


register(MonitoringRound, see=round_filter, related=("district__region",))
register(ReminderSent, see=lambda g: Q(district_id__in=g.full_districts))
register(Notification, see=lambda g: Q(district_id__in=g.district_ids) | Q(district__isnull=True))
