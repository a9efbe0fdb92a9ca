"""Reads for the pages where schools and roadmaps meet: each role's home, a district's
page, a school's page and a region's table of districts (a fixed number of queries)."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from core.access import grants_for, scope, visible_districts
from core.queries import count_of
from schools.access import visible_regions
from schools.models import District, Organization, Region, SchoolList, SchoolListEntry
from schools.selectors.lists import district_school_lists_for
from schools.selectors.workplaces import Workplace, workplaces

from ..models import Roadmap
from .programmes import ToSign, to_sign


@dataclass
class DistrictBlock:
    district: District
    waiting: int = 0  # programmes waiting for the municipality's review
    roadmaps: list = field(default_factory=list)
    lists: list[SchoolList] = field(default_factory=list)  # the latest year's lists


@dataclass
class SchoolBlock:
    school: Organization
    roadmaps: list = field(default_factory=list)
    municipal: list = field(default_factory=list)  # the district's roadmaps it works by


@dataclass
class RegionBlock:
    region: Region
    waiting: int = 0  # programmes waiting for the working group
    districts: list[District] = field(default_factory=list)


@dataclass
class Home:
    districts: list[DistrictBlock] = field(default_factory=list)
    regions: list[RegionBlock] = field(default_factory=list)
    schools: list[SchoolBlock] = field(default_factory=list)
    all_districts: list[District] = field(default_factory=list)  # administrators only
    to_sign: list[ToSign] = field(default_factory=list)  # a head's «на подпись»
    workplaces: list[Workplace] = field(default_factory=list)  # shown when more than one

    @property
    def is_empty(self) -> bool:
        return not (self.regions or self.districts or self.schools or self.all_districts)


def home_for_user(user) -> Home:
    """What a person may open, by role, in a fixed number of queries: a coordinator's
    district with its roadmaps and flagged schools, a director's school with its roadmaps,
    a regional member's districts; a head's «на подпись»; the person's places of work when
    there are several (schools.selectors.workplaces)."""
    g = grants_for(user)
    home = Home()
    places = workplaces(user)
    if len(places) > 1:
        home.workplaces = places
    if g.superuser:
        home.all_districts = list(visible_districts(user).select_related("region").order_by("name")[:200])
        return home
    district_ids = (g.full_districts | g.curator_districts) - g.regional_districts
    if district_ids:
        blocks = {d.id: DistrictBlock(d) for d in
                  District.objects.filter(id__in=district_ids).select_related("region").order_by("name")}
        roadmaps = scope(Roadmap.objects.filter(district_id__in=district_ids), user).exclude(
            status=Roadmap.Status.ARCHIVED).select_related("school").order_by("school__short_name", "-period_start")
        for r in roadmaps:
            blocks[r.district_id].roadmaps.append(r)
        for school_list in district_school_lists_for(district_ids, user):
            block = blocks[school_list.district_id]
            if not block.lists or block.lists[0].year == school_list.year:
                block.lists.append(school_list)
        for district_id, n in _waiting(user, Roadmap.Status.SUBMITTED, district_id__in=district_ids):
            blocks[district_id].waiting = n
        home.districts = list(blocks.values())
    if g.head_districts:
        home.to_sign = to_sign(user)
    if g.regional_regions:
        regions = {r.id: RegionBlock(r) for r in visible_regions(user).order_by("name")}
        for d in District.objects.filter(region_id__in=regions).order_by("name"):
            regions[d.region_id].districts.append(d)
        for region_id, n in _waiting(user, Roadmap.Status.UNDER_REGIONAL_REVIEW,
                                     district__region_id__in=list(regions), by="district__region_id"):
            regions[region_id].waiting = n
        home.regions = list(regions.values())
    school_ids = g.directed_schools
    if school_ids:
        schools = {s.id: SchoolBlock(s) for s in
                   Organization.objects.filter(id__in=school_ids).select_related("district")}
        districts = {s.school.district_id for s in schools.values()}
        readable = Roadmap.objects.filter(
            Q(school_id__in=school_ids)
            | (Q(school__isnull=True, district_id__in=districts)
               & ~Q(status=Roadmap.Status.ARCHIVED))
        )
        for r in scope(readable, user).order_by("-period_start"):
            if r.school_id:
                schools[r.school_id].roadmaps.append(r)
            else:
                for block in schools.values():
                    if block.school.district_id == r.district_id:
                        block.municipal.append(r)
        home.schools = list(schools.values())
    return home


def _waiting(user, status: str, *, by: str = "district_id", **where):
    """(place id, programmes in `status`) pairs, in one query."""
    return (scope(Roadmap.objects.filter(school__isnull=False, status=status, **where), user)
            .order_by().values_list(by).annotate(n=Count("id")))


def district_roadmaps(district: District, user) -> QuerySet:
    return (
        scope(Roadmap.objects.filter(district=district), user)
        .select_related("school", "approved_by")
        .annotate(measure_count=Count("measures", distinct=True),
                  review_count=Count("measures", filter=Q(measures__needs_review=True), distinct=True))
        .order_by("school__short_name", "-period_start", "id")
    )


def region_districts(region: Region) -> QuerySet[District]:
    school_roadmaps = Roadmap.objects.filter(school__isnull=False)
    return (
        District.objects.filter(region=region)
        .annotate(
            school_count=count_of(Organization.objects.filter(kind=Organization.Kind.SCHOOL)),
            flagged_count=count_of(
                SchoolListEntry.objects.exclude(school_list__kind=SchoolList.Kind.MENTOR),
                counted="organization_id", distinct=True,
            ),
            roadmap_count=count_of(Roadmap.objects.filter(school__isnull=True)),
            school_roadmap_count=count_of(school_roadmaps),
            school_approved_count=count_of(school_roadmaps.filter(status=Roadmap.Status.APPROVED)),
        )
        .order_by("name")
    )


def school_roadmaps(school: Organization, user) -> QuerySet[Roadmap]:
    return scope(Roadmap.objects.filter(district_id=school.district_id, school=school), user).order_by(
        "-period_start"
    )


def school_municipal_roadmaps(school: Organization, user) -> QuerySet[Roadmap]:
    """The district's roadmaps a school works by (not archived), as its director sees them."""
    return scope(Roadmap.objects.filter(district_id=school.district_id, school__isnull=True), user) \
        .exclude(status=Roadmap.Status.ARCHIVED).order_by("-period_start", "id")
