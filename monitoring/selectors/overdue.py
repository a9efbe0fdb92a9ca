"""Overdue due dates: the district's list, a school's list, and the figures of a region's
districts.

A due date is overdue for a school (or, where the measure concerns no school, for the
measure) when it fell before today in the region's time zone and is not done
(`addressees.DONE`). Only roadmaps in force count: municipal roadmaps and school
programmes with the status «утверждена».

The list is paged by key, ordered by (due_on, due date id, school id): a page reads due
dates after the key in batches (one query each, then a fixed number for their schools,
reports and names) until the page is full. No OFFSET: page 100 costs what page 1 costs.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q

from core.access import grants_for, scope
from roadmaps.models import DueDate, MeasureResponsible, Roadmap
from schools.models import District, Organization

from ..models import ProgressReport
from .addressees import addressed_schools, done_keys
from .progress import today_in_district as local_today

PAGE_SIZE = 50
BATCH = 300

LATENESS = {  # the filter «насколько просрочено»: (fewest days late, most days late)
    "week": ("до 7 дней", 1, 7),
    "month": ("8–30 дней", 8, 30),
    "older": ("больше 30 дней", 31, None),
}


@dataclass(frozen=True)
class OverdueFilters:
    roadmap: int | None = None
    responsible: int | None = None
    school: int | None = None
    late: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.roadmap or self.responsible or self.school or self.late)

    def query(self) -> dict[str, str]:
        out = {}
        for name in ("roadmap", "responsible", "school", "late"):
            value = getattr(self, name)
            if value:
                out[name] = str(value)
        return out


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def parse_filters(params) -> OverdueFilters:
    late = params.get("late") or ""
    return OverdueFilters(roadmap=_int(params.get("roadmap")),
                          responsible=_int(params.get("responsible")),
                          school=_int(params.get("school")),
                          late=late if late in LATENESS else "")


Key = tuple[date, int, int]


def format_key(key: Key) -> str:
    return f"{key[0].isoformat()}.{key[1]}.{key[2]}"


def parse_key(text: str | None) -> Key | None:
    """«2025-03-01.123.45» → (date, due date id, school id or 0); anything else: no key."""
    try:
        day, due_id, school_id = (text or "").split(".")
        return date.fromisoformat(day), int(due_id), int(school_id)
    except ValueError:
        return None


@dataclass
class OverdueItem:
    due_id: int
    due_on: date
    days_late: int
    measure_id: int
    number: str
    text: str
    deadline_text: str
    responsible_text: str
    roadmap_id: int
    roadmap_title: str
    school_id: int | None
    school_name: str = ""
    report_id: int | None = None
    report_status: str = ""
    report_review: str = ""

    @property
    def key(self) -> Key:
        return (self.due_on, self.due_id, self.school_id or 0)

    @property
    def report_label(self) -> str:
        if self.report_id is None:
            return "нет отчёта"
        label = ProgressReport.Status(self.report_status).label
        if self.report_review == ProgressReport.Review.RETURNED:
            return f"{label}, возвращён на доработку"
        return label


@dataclass
class OverduePage:
    items: list[OverdueItem] = field(default_factory=list)
    next_key: str | None = None
    today: date | None = None


def visible_schools(user, district: District) -> frozenset[int] | None:
    """The schools whose items the person sees; None: every item, the office's too."""
    g = grants_for(user)
    if g.superuser or district.id in g.full_districts:
        return None
    if district.id in g.curator_districts:
        return g.followed_schools
    return g.directed_schools


def _due_dates(*, district: District, user, filters: OverdueFilters, today: date,
               schools: frozenset[int] | None):
    qs = scope(DueDate.objects.filter(
        district_id=district.id, due_on__lt=today,
        measure__roadmap__status=Roadmap.Status.APPROVED,
    ), user)
    if filters.roadmap:
        qs = qs.filter(measure__roadmap_id=filters.roadmap)
    if filters.responsible:
        qs = qs.filter(Exists(MeasureResponsible.objects.filter(
            district_id=district.id, measure_id=OuterRef("measure_id"),
            organization_id=filters.responsible)))
    if filters.late:
        _label, fewest, most = LATENESS[filters.late]
        qs = qs.filter(due_on__lte=today - timedelta(days=fewest))
        if most is not None:
            qs = qs.filter(due_on__gte=today - timedelta(days=most))
    if schools is not None:  # a school programme of another school is nobody's item here
        qs = qs.filter(Q(measure__roadmap__school__isnull=True)
                       | Q(measure__roadmap__school_id__in=schools))
    return qs.values_list(
        "id", "due_on", "measure_id", "measure__number", "measure__text",
        "measure__deadline_text", "measure__responsible_text", "measure__roadmap_id",
        "measure__roadmap__title",
    ).order_by("due_on", "id")


def _expand(rows, *, district: District, today: date, schools: frozenset[int] | None,
            only_school: int | None, after: Key | None) -> list[OverdueItem]:
    """One item per (due date, school) that is not done, in key order."""
    addressed = addressed_schools({r[2] for r in rows})
    done = done_keys(r[0] for r in rows)
    items: list[OverdueItem] = []
    for due_id, due_on, measure_id, number, text, deadline, responsible, rm_id, rm_title in rows:
        targets = sorted(addressed.get(measure_id, frozenset())) or [None]
        for school_id in targets:
            if (due_id, school_id) in done:
                continue
            if schools is not None and school_id not in schools:
                continue
            if only_school and school_id != only_school:
                continue
            item = OverdueItem(due_id=due_id, due_on=due_on, days_late=(today - due_on).days,
                               measure_id=measure_id, number=number, text=text,
                               deadline_text=deadline, responsible_text=responsible,
                               roadmap_id=rm_id, roadmap_title=rm_title, school_id=school_id)
            if after is not None and item.key <= after:
                continue
            items.append(item)
    return items


def _decorate(items: list[OverdueItem], district: District) -> None:
    """Schools' names and the state of each item's report: two queries."""
    if not items:
        return
    names = dict(Organization.objects.filter(
        district_id=district.id, id__in={i.school_id for i in items if i.school_id}
    ).values_list("id", "short_name"))
    reports = {(r[0], r[1]): r[2:] for r in ProgressReport.objects.filter(
        district_id=district.id, due_date_id__in={i.due_id for i in items},
    ).values_list("due_date_id", "school_id", "id", "status", "review")}
    for item in items:
        item.school_name = names.get(item.school_id, "") if item.school_id else ""
        report = reports.get((item.due_id, item.school_id))
        if report:
            item.report_id, item.report_status, item.report_review = report


def overdue_page(*, district: District, user, filters: OverdueFilters = OverdueFilters(),
                 after: Key | None = None, size: int = PAGE_SIZE,
                 today: date | None = None) -> OverduePage:
    """One page of the overdue items the person may see, after `after` (a key)."""
    today = today or local_today(district)
    schools = visible_schools(user, district)
    only_school = filters.school
    if only_school and schools is not None and only_school not in schools:
        return OverduePage(today=today)
    base = _due_dates(district=district, user=user, filters=filters, today=today,
                      schools=frozenset({only_school}) if only_school else schools)
    items: list[OverdueItem] = []
    cursor = after
    while len(items) <= size:
        qs = base
        if cursor is not None:
            qs = qs.filter(Q(due_on__gt=cursor[0]) | Q(due_on=cursor[0], id__gte=cursor[1]))
        rows = list(qs[:BATCH])
        if not rows:
            break
        items += _expand(rows, district=district, today=today, schools=schools,
                         only_school=only_school, after=after)
        if len(rows) < BATCH:
            break
        last = rows[-1]
        cursor = (last[1], last[0] + 1, 0)  # the due dates after the batch's last one
    page = OverduePage(items=items[:size], today=today)
    if len(items) > size:
        page.next_key = format_key(page.items[-1].key)
    _decorate(page.items, district)
    return page


def overdue_all(*, district: District, user, filters: OverdueFilters = OverdueFilters(),
                today: date | None = None, size: int = 1000) -> Iterator[OverdueItem]:
    """Every item of the filtered list (the export), page by page."""
    after = None
    while True:
        page = overdue_page(district=district, user=user, filters=filters, after=after,
                            size=size, today=today)
        yield from page.items
        if not page.next_key:
            return
        after = parse_key(page.next_key)


# --- the figures of many districts at once (the region's page) --------------------------------

@dataclass
class DistrictFigures:
    district: District
    due: int = 0          # items due up to today
    done: int = 0
    overdue: int = 0
    overdue_week: int = 0
    overdue_month: int = 0
    overdue_older: int = 0
    rounds: int = 0
    rounds_closed: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.due) if self.due else None


def district_figures(districts: list[District], today: date) -> dict[int, DistrictFigures]:
    """{district id: completion and overdue counts of the items due up to `today`} over all
    the districts' roadmaps in force, in a fixed number of queries."""
    out = {d.id: DistrictFigures(d) for d in districts}
    rows = list(DueDate.objects.filter(
        district_id__in=list(out), due_on__lte=today,
        measure__roadmap__status=Roadmap.Status.APPROVED,
    ).values_list("id", "district_id", "due_on", "measure_id"))
    addressed = addressed_schools({r[3] for r in rows})
    done = done_keys(r[0] for r in rows)
    for due_id, district_id, due_on, measure_id in rows:
        figures = out[district_id]
        for school_id in sorted(addressed.get(measure_id, frozenset())) or [None]:
            figures.due += 1
            if (due_id, school_id) in done:
                figures.done += 1
            elif due_on < today:
                figures.overdue += 1
                late = (today - due_on).days
                if late <= 7:
                    figures.overdue_week += 1
                elif late <= 30:
                    figures.overdue_month += 1
                else:
                    figures.overdue_older += 1
    return out


def filter_choices(*, district: District, user, schools: frozenset[int] | None):
    """The filters' options: roadmaps in force, responsible bodies, schools (three queries)."""
    roadmaps = scope(Roadmap.objects.filter(district_id=district.id,
                                            status=Roadmap.Status.APPROVED), user)
    if schools is not None:
        roadmaps = roadmaps.filter(Q(school__isnull=True) | Q(school_id__in=schools))
    bodies = scope(Organization.objects.filter(district_id=district.id, is_active=True), user)
    school_qs = bodies.filter(kind=Organization.Kind.SCHOOL)
    if schools is not None:
        school_qs = school_qs.filter(id__in=schools)
    by_kind: dict[str, list] = defaultdict(list)
    for org in bodies.order_by("short_name"):
        by_kind[org.kind].append(org)
    return {
        "roadmaps": list(roadmaps.select_related("school").order_by("school__short_name", "title")),
        "bodies": by_kind[Organization.Kind.SUPPORTING_BODY] + by_kind[Organization.Kind.DISTRICT_OFFICE]
        + by_kind[Organization.Kind.SCHOOL],
        "schools": list(school_qs.order_by("short_name")),
    }
