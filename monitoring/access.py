"""Who sees what of the monitoring app, registered with `core.access`.

- progress reports and their evidence: whoever sees the measure's roadmap, except that a
  director sees only its own school's reports and the reports of its own programme;
- rounds: the district's office and curators, and the directors of the schools in them;
- sent reminders: the district's office; notifications: their person (selectors filter by
  user) within the districts they hold.
"""
from __future__ import annotations

from django.db.models import Q

from core.access import Grants, register
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


register(ProgressReport, see=report_filter,
         related=("measure__roadmap", "due_date", "school", "district"))
register(Evidence, see=lambda g: report_filter(g, "report__"), related=("report",))
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
