"""Who sees what of the schools app: the grants loader and the rules of its models.

Roles (memberships) and object grants (django-guardian, direct foreign-key tables):
- coordinator, head: everything of their district; the coordinator edits;
- curator: the district's supporting bodies and only the schools granted to them
  (`schools.follow_organization`);
- director: their school (`schools.direct_organization`);
- regional working group member: every district of their region, read only.

The machinery (`scope`, `get_for_user`, `can`) is `core.access`; the roadmaps app adds
the rules of its own models in `roadmaps/access.py`.
"""
from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from core.access import (
    Action,
    Grants,
    get_for_user,
    grants_for,
    register,
    scope,
    set_grants_loader,
)

from .models import (
    District,
    Invitation,
    Membership,
    MentorPair,
    Organization,
    OrganizationUserObjectPermission,
    Region,
    RiskProfile,
    RiskProfileFactor,
    Role,
    SchoolList,
    SchoolListEntry,
)

FOLLOW = "follow_organization"
DIRECT = "direct_organization"


def load_grants(user) -> Grants:
    by_role: dict[str, set[int]] = {role: set() for role in Role.values}
    director_districts: set[int] = set()
    director_schools: set[int] = set()
    for role, district_id, region_id, org_id in Membership.objects.filter(user=user).values_list(
        "role", "district_id", "region_id", "organization_id"
    ):
        if role == Role.REGIONAL:
            by_role[role].add(region_id)
        elif role == Role.DIRECTOR:
            director_districts.add(district_id)
            director_schools.add(org_id)
        else:
            by_role[role].add(district_id)
    followed: set[int] = set()
    directed: set[int] = set()
    school_districts: set[int] = set()
    if by_role[Role.CURATOR] or director_districts:
        rows = OrganizationUserObjectPermission.objects.filter(
            user=user, permission__codename__in=[FOLLOW, DIRECT]
        ).values_list("permission__codename", "content_object_id", "content_object__district_id")
        for codename, org_id, district_id in rows:
            if codename == FOLLOW and district_id in by_role[Role.CURATOR]:
                followed.add(org_id)
            elif codename == DIRECT and org_id in director_schools:
                # the role (membership) and the object grant must both be there
                directed.add(org_id)
                school_districts.add(district_id)
    regional_districts: set[int] = set()
    if by_role[Role.REGIONAL]:
        regional_districts = set(
            District.objects.filter(region_id__in=by_role[Role.REGIONAL]).values_list("id", flat=True)
        )
    return Grants(
        superuser=user.is_superuser,
        coordinator_districts=frozenset(by_role[Role.COORDINATOR]),
        head_districts=frozenset(by_role[Role.HEAD]),
        curator_districts=frozenset(by_role[Role.CURATOR]),
        regional_regions=frozenset(by_role[Role.REGIONAL]),
        regional_districts=frozenset(regional_districts),
        followed_schools=frozenset(followed),
        directed_schools=frozenset(directed),
        director_districts=frozenset(school_districts),
    )


set_grants_loader(load_grants)


# --- the rules ------------------------------------------------------------------------------

def organization_filter(g: Grants, prefix: str = "") -> Q:
    """Organisations visible to the user; `prefix` reaches them through a relation."""
    p = prefix
    curator_bodies = Q(**{f"{p}district_id__in": g.curator_districts}) & ~Q(
        **{f"{p}kind": Organization.Kind.SCHOOL}
    )
    return (
        Q(**{f"{p}district_id__in": g.full_districts})
        | curator_bodies
        | Q(**{f"{p}id__in": g.followed_schools | g.directed_schools})
    )


def via_organization(g: Grants, path: str) -> Q:
    return Q(district_id__in=g.district_ids) & organization_filter(g, prefix=f"{path}__")


def _district_act(g: Grants, action: str, district: District) -> bool:
    if action == Action.VIEW:  # the district's own pages: not for directors of its schools
        return district.id in g.full_districts | g.curator_districts
    return district.id in g.coordinator_districts


register(District, see=lambda g: Q(id__in=g.district_ids), act=_district_act,
         related=("region",))
register(Organization, see=organization_filter, related=("district__region",))
register(SchoolList, see=lambda g: Q(district_id__in=g.full_districts | g.curator_districts),
         related=("district",))
register(SchoolListEntry, see=lambda g: Q(district_id__in=g.full_districts) | Q(
    organization_id__in=g.followed_schools | g.directed_schools),
    related=("school_list", "organization", "district__region"))
register(MentorPair, see=lambda g: via_organization(g, "mentee"))
def risk_profile_act(g: Grants, _action: str, obj) -> bool:
    """A school's risk profile is chosen by its director or the district's coordinator."""
    org = obj if isinstance(obj, Organization) else obj.organization
    return org.district_id in g.coordinator_districts or org.pk in g.directed_schools


def can_edit_risk_profile(user, organization: Organization) -> bool:
    g = grants_for(user)
    return g.superuser or risk_profile_act(g, Action.EDIT, organization)


register(RiskProfile, see=lambda g: via_organization(g, "organization"), act=risk_profile_act)
register(RiskProfileFactor, see=lambda g: via_organization(g, "profile__organization"))
register(Membership, see=lambda g: Q(district_id__in=g.full_districts))
# invitations: the inviting office's (a district's coordinators, a region's working group)
register(Invitation, see=lambda g: Q(district_id__in=g.coordinator_districts)
         | Q(region_id__in=g.regional_regions))


# --- page helpers -----------------------------------------------------------------------------

def visible_regions(user) -> QuerySet[Region]:
    g = grants_for(user)
    if g.superuser:
        return Region.objects.all()
    return Region.objects.filter(id__in=g.regional_regions)


def get_region_for_user(user, slug: str) -> Region:
    try:
        return visible_regions(user).get(slug=slug)
    except Region.DoesNotExist:
        raise Http404("Не найдено") from None


def get_district_for_user(user, slug: str, action: str = Action.VIEW) -> District:
    return get_for_user(District, user, action=action, slug=slug)


def district_role(user, district_id: int) -> str | None:
    """The strongest district role a user holds for a district (for page decisions)."""
    g = grants_for(user)
    if g.superuser or district_id in g.coordinator_districts:
        return Role.COORDINATOR
    if district_id in g.head_districts:
        return Role.HEAD
    if district_id in g.curator_districts:
        return Role.CURATOR
    if district_id in g.regional_districts:
        return Role.REGIONAL
    if district_id in g.director_districts:
        return Role.DIRECTOR
    return None


__all__ = ["Action", "scope", "get_for_user", "get_district_for_user", "get_region_for_user",
           "district_role", "can_edit_risk_profile", "visible_regions", "organization_filter",
           "FOLLOW", "DIRECT"]
