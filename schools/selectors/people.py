"""Reads for the people pages: a district's people by role with the pending invitations,
a region's working group. A fixed number of queries, whatever the number of people."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..access import FOLLOW
from ..models import (
    District,
    Invitation,
    Membership,
    Organization,
    OrganizationUserObjectPermission,
    Region,
    Role,
    User,
)


@dataclass
class CuratorEntry:
    user: User
    schools: list[Organization] = field(default_factory=list)


@dataclass
class DistrictPeople:
    coordinators: list[User] = field(default_factory=list)
    heads: list[User] = field(default_factory=list)
    curators: list[CuratorEntry] = field(default_factory=list)
    directors: list[Membership] = field(default_factory=list)   # .user, .organization
    pending: list[Invitation] = field(default_factory=list)


def district_schools_for_people(district: District) -> list[Organization]:
    return list(Organization.objects.filter(district=district, kind=Organization.Kind.SCHOOL)
                .order_by("short_name"))


def district_people(district: District, schools: list[Organization]) -> DistrictPeople:
    """The district's people by role (three queries): `schools` are the district's schools,
    already read for the page's form."""
    people = DistrictPeople()
    by_id = {s.pk: s for s in schools}
    memberships = (Membership.objects.filter(district=district)
                   .exclude(role=Role.REGIONAL)
                   .select_related("user", "organization")
                   .order_by("user__last_name", "user__first_name", "user__email"))
    curators: dict[int, CuratorEntry] = {}
    for m in memberships:
        if m.role == Role.COORDINATOR:
            people.coordinators.append(m.user)
        elif m.role == Role.HEAD:
            people.heads.append(m.user)
        elif m.role == Role.CURATOR:
            curators[m.user_id] = CuratorEntry(m.user)
        elif m.role == Role.DIRECTOR:
            people.directors.append(m)
    if curators:
        for user_id, org_id in (OrganizationUserObjectPermission.objects.filter(
                user_id__in=list(curators), permission__codename=FOLLOW,
                content_object__district=district)
                .values_list("user_id", "content_object_id")):
            if org_id in by_id:
                curators[user_id].schools.append(by_id[org_id])
        for entry in curators.values():
            entry.schools.sort(key=lambda s: s.short_name)
    people.curators = list(curators.values())
    people.directors.sort(key=lambda m: (m.organization.short_name, m.user.last_name))
    people.pending = list(Invitation.objects.filter(district=district, accepted_at__isnull=True)
                          .select_related("user", "organization", "invited_by")
                          .order_by("-sent_at"))
    return people


@dataclass
class RegionPeople:
    members: list[Membership] = field(default_factory=list)   # .user, .is_lead
    pending: list[Invitation] = field(default_factory=list)


def region_people(region: Region) -> RegionPeople:
    """The region's working group and its pending invitations (two queries)."""
    return RegionPeople(
        members=list(Membership.objects.filter(region=region, role=Role.REGIONAL)
                     .select_related("user")
                     .order_by("-is_lead", "user__last_name", "user__first_name", "user__email")),
        pending=list(Invitation.objects.filter(region=region, accepted_at__isnull=True)
                     .select_related("user", "invited_by").order_by("-sent_at")),
    )


def is_region_lead(user, region: Region) -> bool:
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Role.REGIONAL, region=region,
                                     is_lead=True).exists()
