"""Reads for the schools pages, shaped for the page (fixed number of queries)."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .access import grants_for, scope, visible_districts, visible_regions
from .models import District, Organization, Region, SchoolList, SchoolListEntry


@dataclass
class DistrictBlock:
    district: District
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
    districts: list[District] = field(default_factory=list)


@dataclass
class Home:
    districts: list[DistrictBlock] = field(default_factory=list)
    regions: list[RegionBlock] = field(default_factory=list)
    schools: list[SchoolBlock] = field(default_factory=list)
    all_districts: list[District] = field(default_factory=list)  # administrators only


def home_for_user(user) -> Home:
    """What a person may open, by role, in a fixed number of queries: a coordinator's
    district with its roadmaps and flagged schools, a director's school with its roadmaps,
    a regional member's districts."""
    from roadmaps.models import Roadmap

    g = grants_for(user)
    home = Home()
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
        home.districts = list(blocks.values())
    if g.regional_regions:
        regions = {r.id: RegionBlock(r) for r in visible_regions(user).order_by("name")}
        for d in District.objects.filter(region_id__in=regions).order_by("name"):
            regions[d.region_id].districts.append(d)
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


def district_school_lists_for(district_ids, user, *, flagged_only: bool = True) -> list[SchoolList]:
    """Lists with their entries, newest year first; `flagged_only` leaves mentor lists out."""
    entries = scope(SchoolListEntry.objects.all(), user).select_related("organization").order_by(
        "organization__short_name"
    )
    lists = scope(SchoolList.objects.filter(district_id__in=district_ids), user)
    if flagged_only:
        lists = lists.exclude(kind=SchoolList.Kind.MENTOR)
    return list(lists.prefetch_related(Prefetch("entries", queryset=entries))
                .order_by("district_id", "-year", "kind"))


def district_roadmaps(district: District, user) -> QuerySet:
    from roadmaps.models import Roadmap

    return (
        scope(Roadmap.objects.filter(district=district), user)
        .select_related("school", "approved_by")
        .annotate(measure_count=Count("measures", distinct=True),
                  review_count=Count("measures", filter=Q(measures__needs_review=True), distinct=True))
        .order_by("school__short_name", "-period_start", "id")
    )


def district_school_lists(district: District, user) -> list[SchoolList]:
    return district_school_lists_for([district.id], user, flagged_only=False)


def district_organizations(district: District, user) -> QuerySet[Organization]:
    return scope(Organization.objects.filter(district=district), user).order_by("kind", "short_name")


def organization_lists(organization: Organization, user) -> QuerySet[SchoolListEntry]:
    return (
        scope(SchoolListEntry.objects.filter(district_id=organization.district_id,
                                             organization=organization), user)
        .select_related("school_list")
        .order_by("-school_list__year", "school_list__kind")
    )


def count_of(queryset: QuerySet, outer: str = "district_id", counted: str = "*",
             distinct: bool = False) -> Subquery:
    """A correlated COUNT(*) subquery: one row per parent, no join fan-out."""
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count(counted, distinct=distinct))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def region_districts(region: Region) -> QuerySet[District]:
    from roadmaps.models import Roadmap

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
            approved_count=count_of(school_roadmaps.filter(status=Roadmap.Status.APPROVED)),
        )
        .order_by("name")
    )


# --- the coordinator's lists: organisations, flagged-school lists, mentor pairs, curators ---

def district_lists_by_year(district: District, user) -> list[tuple[int, list[SchoolList]]]:
    """The district's lists, newest year first, each with how many schools it holds."""
    entries = scope(SchoolListEntry.objects.all(), user)
    lists = list(
        scope(SchoolList.objects.filter(district=district), user)
        .annotate(entry_count=count_of(entries, outer="school_list_id"),
                  active_count=count_of(entries.filter(excluded_on__isnull=True),
                                        outer="school_list_id"))
        .order_by("-year", "kind")
    )
    years: dict[int, list[SchoolList]] = {}
    for school_list in lists:
        school_list.excluded_count = school_list.entry_count - school_list.active_count
        years.setdefault(school_list.year, []).append(school_list)
    return list(years.items())


def school_list_entries(school_list: SchoolList, user) -> list[SchoolListEntry]:
    return list(
        scope(SchoolListEntry.objects.filter(district_id=school_list.district_id,
                                             school_list=school_list), user)
        .select_related("organization").order_by("organization__short_name")
    )


def district_schools(district: District) -> list[Organization]:
    return list(Organization.objects.filter(district=district, kind=Organization.Kind.SCHOOL)
                .order_by("short_name"))


def mentor_pairs(district: District, year: int):
    from .models import MentorPair

    return list(MentorPair.objects.filter(district=district, year=year)
                .select_related("mentor", "mentee").order_by("mentee__short_name", "mentor__short_name"))


def mentor_years(district: District) -> list[int]:
    from .models import MentorPair

    return list(MentorPair.objects.filter(district=district).order_by("-year")
                .values_list("year", flat=True).distinct())


def school_mentor_pairs(school: Organization, user):
    """The school's mentors and mentees over the years (for its page)."""
    from .models import MentorPair

    pairs = MentorPair.objects.filter(Q(mentor=school) | Q(mentee=school),
                                      district_id=school.district_id)
    return list(scope(pairs, user).select_related("mentor", "mentee").order_by("-year"))


@dataclass
class CuratorRow:
    user: object
    school_ids: set[int]


def district_curators(district: District) -> list[CuratorRow]:
    """The district's curators and the schools each follows (two queries)."""
    from .access import FOLLOW
    from .models import Membership, OrganizationUserObjectPermission, Role

    memberships = list(Membership.objects.filter(district=district, role=Role.CURATOR)
                       .select_related("user").order_by("user__last_name", "user__email"))
    followed: dict[int, set[int]] = {}
    for user_id, org_id in OrganizationUserObjectPermission.objects.filter(
        user_id__in=[m.user_id for m in memberships], permission__codename=FOLLOW,
        content_object__district=district,
    ).values_list("user_id", "content_object_id"):
        followed.setdefault(user_id, set()).add(org_id)
    return [CuratorRow(user=m.user, school_ids=followed.get(m.user_id, set())) for m in memberships]
