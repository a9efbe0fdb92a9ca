"""Reads of monitoring rounds: a district's rounds, a round's items (the due dates of its
window in roadmaps in force, for its schools) and its figures per school, the round
counts of many districts. A fixed number of queries each, whatever the size."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from core.access import scope
from roadmaps.models import DueDate, Roadmap
from schools.models import District, Organization

from ..models import MonitoringRound, ProgressReport
from .addressees import addressed_schools, done_keys, flagged_schools

NOT_REPORTED = ProgressReport.Status.NOT_STARTED


def district_rounds(district: District, user):
    return scope(MonitoringRound.objects.filter(district_id=district.id), user).annotate(
        school_count=Count("schools", distinct=True)).order_by("-starts_on", "-id")


def default_schools(district: District, year: int) -> set[int]:
    """The district's flagged schools of the year: a new round's schools."""
    return flagged_schools([district.id], [year]).get((district.id, year), set())


@dataclass
class RoundItem:
    due_id: int
    due_on: date
    measure_id: int
    number: str
    text: str
    deadline_text: str
    roadmap_id: int
    roadmap_title: str
    school_id: int
    school_name: str = ""
    report_id: int | None = None
    report_status: str = ""
    report_review: str = ""
    done: bool = False

    @property
    def reported(self) -> bool:
        return self.report_id is not None and self.report_status != NOT_REPORTED

    def is_overdue(self, today: date) -> bool:
        return not self.done and self.due_on < today

    @property
    def report_label(self) -> str:
        if self.report_id is None:
            return "нет отчёта"
        label = ProgressReport.Status(self.report_status).label
        if self.report_review == ProgressReport.Review.RETURNED:
            return f"{label}, возвращён на доработку"
        if self.report_review == ProgressReport.Review.ACCEPTED:
            return f"{label}, принят"
        return label


@dataclass
class SchoolFigures:
    school: Organization
    due: int = 0
    reported: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.due) if self.due else None


@dataclass
class RoundFigures:
    schools: list[SchoolFigures] = field(default_factory=list)
    items: list[RoundItem] = field(default_factory=list)
    today: date | None = None

    @property
    def total(self) -> SchoolFigures:
        out = SchoolFigures(school=None)
        for s in self.schools:
            out.due += s.due
            out.reported += s.reported
            out.done += s.done
            out.overdue += s.overdue
        return out


def round_schools(round_: MonitoringRound, only: frozenset[int] | None = None) -> list[Organization]:
    qs = round_.schools.all()
    if only is not None:
        qs = qs.filter(id__in=only)
    return list(qs.order_by("short_name"))


def round_figures(round_: MonitoringRound, *, today: date,
                  only: frozenset[int] | None = None) -> RoundFigures:
    """The round's items and per-school figures; `only`: the schools the person sees.

    An item is a (due date, school) of a due date inside [starts_on, ends_on] in a roadmap in
    force of the round's district whose measure concerns one of the round's schools."""
    schools = round_schools(round_, only)
    by_id = {s.id: SchoolFigures(school=s) for s in schools}
    figures = RoundFigures(schools=list(by_id.values()), today=today)
    if not by_id:
        return figures
    rows = list(DueDate.objects.filter(
        district_id=round_.district_id, due_on__gte=round_.starts_on, due_on__lte=round_.ends_on,
        measure__roadmap__status=Roadmap.Status.APPROVED,
    ).filter(Q(measure__roadmap__school__isnull=True)
             | Q(measure__roadmap__school_id__in=list(by_id))).values_list(
        "id", "due_on", "measure_id", "measure__number", "measure__text",
        "measure__deadline_text", "measure__roadmap_id", "measure__roadmap__title",
    ).order_by("due_on", "measure__roadmap__title", "measure__position", "id"))
    addressed = addressed_schools({r[2] for r in rows})
    done = done_keys(r[0] for r in rows)
    reports = {(r[0], r[1]): r[2:] for r in ProgressReport.objects.filter(
        district_id=round_.district_id, due_date_id__in=[r[0] for r in rows],
        school_id__in=list(by_id),
    ).values_list("due_date_id", "school_id", "id", "status", "review")} if rows else {}
    for due_id, due_on, measure_id, number, text, deadline, rm_id, rm_title in rows:
        for school_id in sorted(addressed.get(measure_id, frozenset()) & by_id.keys(),
                                key=lambda s: by_id[s].school.short_name):
            item = RoundItem(due_id=due_id, due_on=due_on, measure_id=measure_id, number=number,
                             text=text, deadline_text=deadline, roadmap_id=rm_id,
                             roadmap_title=rm_title, school_id=school_id,
                             school_name=by_id[school_id].school.short_name,
                             done=(due_id, school_id) in done)
            report = reports.get((due_id, school_id))
            if report:
                item.report_id, item.report_status, item.report_review = report
            figures.items.append(item)
            f = by_id[school_id]
            f.due += 1
            f.reported += item.reported
            f.done += item.done
            f.overdue += item.is_overdue(today)
    return figures


def round_counts(district_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{district id: (rounds held, rounds closed)} in one query."""
    held: Counter = Counter()
    closed: Counter = Counter()
    for district_id, is_closed in MonitoringRound.objects.filter(
            district_id__in=district_ids).values_list("district_id", "is_closed"):
        held[district_id] += 1
        closed[district_id] += is_closed
    return {d: (held[d], closed[d]) for d in district_ids}
