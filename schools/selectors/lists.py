"""Reads for the schools pages: organisations, flagged-school lists, mentor pairs and
curators, shaped for the page (a fixed number of queries)."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from core.access import scope
from core.queries import count_of

from ..access import FOLLOW
from ..list_table import SchoolMatcher, SchoolRow
from ..models import (
    District,
    Membership,
    MentorPair,
    Organization,
    OrganizationUserObjectPermission,
    Role,
    SchoolList,
    SchoolListEntry,
)


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
    return list(MentorPair.objects.filter(district=district, year=year)
                .select_related("mentor", "mentee").order_by("mentee__short_name", "mentor__short_name"))


def mentor_years(district: District) -> list[int]:
    return list(MentorPair.objects.filter(district=district).order_by("-year")
                .values_list("year", flat=True).distinct())


def school_mentor_pairs(school: Organization, user):
    """The school's mentors and mentees over the years (for its page)."""
    pairs = MentorPair.objects.filter(Q(mentor=school) | Q(mentee=school),
                                      district_id=school.district_id)
    return list(scope(pairs, user).select_related("mentor", "mentee").order_by("-year"))


@dataclass
class CuratorRow:
    user: object
    school_ids: set[int]


def district_curators(district: District) -> list[CuratorRow]:
    """The district's curators and the schools each follows (two queries)."""
    memberships = list(Membership.objects.filter(district=district, role=Role.CURATOR)
                       .select_related("user").order_by("user__last_name", "user__email"))
    followed: dict[int, set[int]] = {}
    for user_id, org_id in OrganizationUserObjectPermission.objects.filter(
        user_id__in=[m.user_id for m in memberships], permission__codename=FOLLOW,
        content_object__district=district,
    ).values_list("user_id", "content_object_id"):
        followed.setdefault(user_id, set()).add(org_id)
    return [CuratorRow(user=m.user, school_ids=followed.get(m.user_id, set())) for m in memberships]


def preview_matches(district: District, rows: list[SchoolRow]) -> list[tuple[SchoolRow, Organization | None]]:
    matcher = SchoolMatcher(district_schools(district))
    return [(row, matcher.match(row)) for row in rows]
