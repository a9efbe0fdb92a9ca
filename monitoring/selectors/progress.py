"""Reads for the progress pages: a school's due dates (its own programme's and the municipal
measures that concern it), the office's due dates (measures of the district office,
supporting bodies and unmatched responsible: school empty), and one report with its
evidence. Which schools a measure concerns is `monitoring.selectors.addressees`.

Each function runs a fixed number of queries, whatever the number of schools, measures
or due dates (tests/monitoring/test_progress_queries.py)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from roadmaps.models import DueDate, Measure, Roadmap
from schools.models import District, Organization

from ..models import Evidence, ProgressReport
from .addressees import addressed_schools

HORIZON_DAYS = 60  # the page lists due dates up to two months ahead
Status, Review = ProgressReport.Status, ProgressReport.Review


def today_in_district(district: District) -> date:
    """Today in the region's time zone (a Tomsk morning is still yesterday in Moscow)."""
    return timezone.now().astimezone(district.region.zone).date()


@dataclass
class DueItem:
    due_date: DueDate
    school_id: int | None
    report: ProgressReport | None
    today: date

    @property
    def measure(self) -> Measure:
        return self.due_date.measure

    @property
    def state(self) -> str:
        """accepted, checking, returned, not_done, in_progress, overdue, today, upcoming."""
        r = self.report
        if r is not None and r.reported_at is not None:
            if r.review == Review.RETURNED:
                return "returned"
            if r.status == Status.DONE:
                return "accepted" if r.review == Review.ACCEPTED else "checking"
            if r.status == Status.NOT_DONE:
                return "not_done"
        due = self.due_date.due_on
        if due < self.today:
            return "overdue"
        if r is not None and r.status == Status.IN_PROGRESS:
            return "in_progress"
        return "today" if due == self.today else "upcoming"

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def is_done(self) -> bool:
        return self.state in ("accepted", "checking")

    @property
    def days_late(self) -> int:
        return (self.today - self.due_date.due_on).days


STATE_LABELS = {
    "accepted": "выполнено, принято",
    "checking": "выполнено, на проверке",
    "returned": "возвращено на доработку",
    "not_done": "не выполнено",
    "in_progress": "в работе",
    "overdue": "просрочено",
    "today": "срок сегодня",
    "upcoming": "не начато",
}


@dataclass
class RoadmapGroup:
    roadmap: Roadmap
    items: list[DueItem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for item in self.items:
            out["done" if item.is_done else ("overdue" if item.state == "overdue" else "open")] += 1
        return out


def _live_roadmaps() -> Q:
    return ~Q(roadmap__status=Roadmap.Status.ARCHIVED)


def school_measure_ids(school: Organization) -> list[int]:
    """The measures that concern the school: its own programme's, and municipal ones of its
    district that name it or address flagged schools as a group and reach it."""
    candidates = list(Measure.objects.filter(
        _live_roadmaps(), district_id=school.district_id,
    ).filter(
        Q(roadmap__school_id=school.id)
        | Q(roadmap__school__isnull=True, addresses_flagged_schools=True)
        | Q(roadmap__school__isnull=True, responsible_links__organization_id=school.id)
    ).values_list("id", flat=True).distinct())
    concerned = addressed_schools(candidates)
    return [m for m in candidates if school.id in concerned.get(m, ())]


def office_measure_ids(district: District) -> list[int]:
    """Municipal measures that concern no school: the office reports (school empty)."""
    candidates = list(Measure.objects.filter(
        _live_roadmaps(), district_id=district.id, roadmap__school__isnull=True,
        due_dates__isnull=False,
    ).values_list("id", flat=True).distinct())
    concerned = addressed_schools(candidates)
    return [m for m in candidates if not concerned.get(m)]


def due_items(*, district: District, measure_ids: Iterable[int], school_id: int | None,
              today: date, until: date | None = None, since: date | None = None,
              section_ids: Iterable[int] | None = None) -> list[DueItem]:
    """The due dates of these measures (up to `until`), each with the school's report."""
    dues = DueDate.objects.filter(district_id=district.id, measure_id__in=list(measure_ids))
    if until is not None:
        dues = dues.filter(due_on__lte=until)
    if since is not None:
        dues = dues.filter(due_on__gte=since)
    if section_ids is not None:
        dues = dues.filter(measure__section_id__in=list(section_ids))
    dues = list(dues.select_related("measure__roadmap", "measure__section")
                .order_by("due_on", "measure__roadmap_id", "measure__position", "id"))
    reports = {
        r.due_date_id: r for r in ProgressReport.objects.filter(
            district_id=district.id, due_date_id__in=[d.id for d in dues], school_id=school_id)
    } if dues else {}
    return [DueItem(due_date=d, school_id=school_id, report=reports.get(d.id), today=today)
            for d in dues]


def group_by_roadmap(items: list[DueItem]) -> list[RoadmapGroup]:
    groups: dict[int, RoadmapGroup] = {}
    for item in items:
        roadmap = item.measure.roadmap
        groups.setdefault(roadmap.id, RoadmapGroup(roadmap=roadmap)).items.append(item)
    # the school's own programme first, then municipal roadmaps by title
    return sorted(groups.values(), key=lambda g: (g.roadmap.school_id is None, g.roadmap.title))


def school_due_groups(school: Organization, *, today: date,
                      horizon_days: int = HORIZON_DAYS) -> list[RoadmapGroup]:
    items = due_items(district=school.district, measure_ids=school_measure_ids(school),
                      school_id=school.id, today=today,
                      until=today + timedelta(days=horizon_days))
    return group_by_roadmap(items)


def office_due_groups(district: District, *, today: date,
                      horizon_days: int = HORIZON_DAYS) -> list[RoadmapGroup]:
    items = due_items(district=district, measure_ids=office_measure_ids(district),
                      school_id=None, today=today, until=today + timedelta(days=horizon_days))
    return group_by_roadmap(items)


def report_for(due_date: DueDate, school: Organization | None) -> ProgressReport | None:
    return (ProgressReport.objects.filter(district_id=due_date.district_id, due_date=due_date,
                                          school=school)
            .select_related("reported_by", "reviewed_by").first())


def report_evidence(report: ProgressReport | None) -> list[Evidence]:
    if report is None or report.pk is None:
        return []
    return list(Evidence.objects.filter(district_id=report.district_id, report=report)
                .select_related("added_by"))
