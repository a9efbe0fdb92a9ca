"""The one place that decides who sees what.

Every tenant-owned query of a page goes through `scope()` or a `get_<model>_for_user()`
helper here. Another tenant's object and a missing object give the same 404; an object
of the user's own tenant that the role may not act on gives 403.

Roles (memberships) and object grants (django-guardian, direct foreign-key tables):
- coordinator, head: everything of their district; the coordinator edits;
- curator: the district's municipal roadmaps and supporting bodies, and only the schools
  granted to them (`schools.follow_organization`), with those schools' roadmaps;
- director: their school (`schools.direct_organization`), its roadmaps, and the municipal
  roadmaps of its district (read only);
- regional working group member: every district of their region, read only.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import (
    District,
    Membership,
    MentorPair,
    Organization,
    OrganizationUserObjectPermission,
    Region,
    RiskProfile,
    Role,
    SchoolList,
    SchoolListEntry,
)

FOLLOW = "follow_organization"
DIRECT = "direct_organization"


@dataclass(frozen=True)
class Grants:
    """What one user holds, read once per request (two queries at most)."""

    superuser: bool
    coordinator_districts: frozenset[int]
    head_districts: frozenset[int]
    curator_districts: frozenset[int]
    regional_regions: frozenset[int]
    regional_districts: frozenset[int]
    followed_schools: frozenset[int]
    directed_schools: frozenset[int]
    director_districts: frozenset[int]

    @property
    def full_districts(self) -> frozenset[int]:
        """Districts whose every object the user may see."""
        return self.coordinator_districts | self.head_districts | self.regional_districts

    @property
    def district_ids(self) -> frozenset[int]:
        return self.full_districts | self.curator_districts | self.director_districts

    @property
    def is_empty(self) -> bool:
        return not (self.superuser or self.district_ids or self.regional_regions)


NO_GRANTS = Grants(False, *(frozenset() for _ in range(8)))


def grants_for(user) -> Grants:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_GRANTS
    cached = getattr(user, "_access_grants", None)
    if cached is not None:
        return cached
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
    grants = Grants(
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
    user._access_grants = grants
    return grants


def forget_grants(user) -> None:
    """Drop the per-request cache after memberships or grants change."""
    user.__dict__.pop("_access_grants", None)


# --- scoping ---------------------------------------------------------------------------

def visible_districts(user) -> QuerySet[District]:
    g = grants_for(user)
    if g.superuser:
        return District.objects.all()
    return District.objects.filter(id__in=g.district_ids)


def visible_regions(user) -> QuerySet[Region]:
    g = grants_for(user)
    if g.superuser:
        return Region.objects.all()
    return Region.objects.filter(id__in=g.regional_regions)


def _organization_filter(g: Grants, prefix: str = "") -> Q:
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


def _roadmap_filter(g: Grants) -> Q:
    municipal_readers = g.full_districts | g.curator_districts | g.director_districts
    return (
        Q(district_id__in=g.full_districts)
        | Q(school__isnull=True, district_id__in=municipal_readers)
        | Q(school_id__in=g.followed_schools | g.directed_schools)
    )


def _school_list_filter(g: Grants) -> Q:
    return Q(district_id__in=g.full_districts | g.curator_districts)


def _entry_filter(g: Grants) -> Q:
    return Q(district_id__in=g.full_districts) | Q(
        organization_id__in=g.followed_schools | g.directed_schools
    )


def _rules() -> dict[type[Model], object]:
    from roadmaps.models import (
        AuditRecord,
        DueDate,
        Measure,
        MeasureResponsible,
        Order,
        Roadmap,
        Section,
    )

    def visible_roadmaps(g: Grants):
        return Roadmap.objects.filter(_roadmap_filter(g)).values("id")

    def via_roadmap(g: Grants, path: str = "roadmap") -> Q:
        return Q(district_id__in=g.district_ids) & Q(**{f"{path}__in": visible_roadmaps(g)})

    def via_organization(g: Grants, path: str) -> Q:
        return Q(district_id__in=g.district_ids) & _organization_filter(g, prefix=f"{path}__")

    return {
        District: lambda g: Q(id__in=g.district_ids),
        Organization: lambda g: _organization_filter(g),
        SchoolList: _school_list_filter,
        SchoolListEntry: _entry_filter,
        Roadmap: _roadmap_filter,
        Section: via_roadmap,
        Measure: via_roadmap,
        DueDate: lambda g: via_roadmap(g, "measure__roadmap"),
        MeasureResponsible: lambda g: via_roadmap(g, "measure__roadmap"),
        Order: lambda g: Q(district_id__in=g.full_districts | g.curator_districts),
        AuditRecord: lambda g: Q(district_id__in=g.full_districts)
        | (Q(district_id__in=g.district_ids) & Q(roadmap_id_ref__in=visible_roadmaps(g))),
        MentorPair: lambda g: via_organization(g, "mentee"),
        RiskProfile: lambda g: via_organization(g, "organization"),
    }


def scope(queryset: QuerySet, user) -> QuerySet:
    """Narrow a queryset of a tenant-owned model to what the user may see."""
    g = grants_for(user)
    if g.superuser:
        return queryset
    if g.is_empty:
        return queryset.none()
    rule = _rules().get(queryset.model)
    if rule is None:  # fail closed: every tenant-owned model needs a rule of its own
        raise TypeError(f"No access rule for {queryset.model.__name__}")
    return queryset.filter(rule(g))


# --- actions -----------------------------------------------------------------------------

class Action:
    VIEW = "view"
    EDIT = "edit"
    MANAGE = "manage"  # district-level management: lists, curators, orders


def can_view_orders(user, district_id: int) -> bool:
    """Orders are the district office's papers: not for directors of its schools."""
    g = grants_for(user)
    return g.superuser or district_id in g.full_districts | g.curator_districts


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


def can(user, action: str, obj) -> bool:
    """May the user perform `action` on `obj` (already known to be visible)?"""
    from roadmaps.models import Roadmap

    g = grants_for(user)
    if g.superuser:
        return True
    if action == Action.VIEW:
        if isinstance(obj, District):
            return obj.id in g.full_districts | g.curator_districts
        return True
    district_id = obj.id if isinstance(obj, District) else obj.district_id
    if isinstance(obj, Roadmap) and action == Action.EDIT:
        if obj.school_id is None:
            return district_id in g.coordinator_districts
        return district_id in g.coordinator_districts or obj.school_id in g.directed_schools
    return district_id in g.coordinator_districts


_RELATED = {
    "Organization": ("district__region",),
    "SchoolList": ("district",),
    "Roadmap": ("district__region", "school", "approved_by"),
    "Section": ("roadmap", "district"),
    "Measure": ("roadmap", "district", "section"),
    "Order": ("district", "roadmap"),
}


def _get_scoped(model: type[Model], user, pk, action: str, **filters):
    related = _RELATED.get(model.__name__, ())
    try:
        obj = scope(model.objects.filter(**filters), user).select_related(*related).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404("Не найдено") from None
    if not can(user, action, obj):
        raise PermissionDenied("Недостаточно прав")
    return obj


def get_district_for_user(user, slug: str, action: str = Action.VIEW) -> District:
    try:
        district = visible_districts(user).select_related("region").get(slug=slug)
    except District.DoesNotExist:
        raise Http404("Не найдено") from None
    if not can(user, action, district):
        raise PermissionDenied("Недостаточно прав")
    return district


def get_region_for_user(user, slug: str) -> Region:
    try:
        return visible_regions(user).get(slug=slug)
    except Region.DoesNotExist:
        raise Http404("Не найдено") from None


def get_organization_for_user(user, pk, action: str = Action.VIEW, **filters) -> Organization:
    return _get_scoped(Organization, user, pk, action, **filters)


def get_school_list_for_user(user, pk, action: str = Action.VIEW, **filters) -> SchoolList:
    return _get_scoped(SchoolList, user, pk, action, **filters)


def get_roadmap_for_user(user, pk, action: str = Action.VIEW, **filters):
    from roadmaps.models import Roadmap

    return _get_scoped(Roadmap, user, pk, action, **filters)


def get_section_for_user(user, pk, action: str = Action.VIEW, **filters):
    from roadmaps.models import Section

    section = _get_scoped(Section, user, pk, Action.VIEW, **filters)
    if action != Action.VIEW and not can(user, action, section.roadmap):
        raise PermissionDenied("Недостаточно прав")
    return section


def get_measure_for_user(user, pk, action: str = Action.VIEW, **filters):
    from roadmaps.models import Measure

    measure = _get_scoped(Measure, user, pk, Action.VIEW, **filters)
    if action != Action.VIEW and not can(user, action, measure.roadmap):
        raise PermissionDenied("Недостаточно прав")
    return measure


def get_order_for_user(user, pk, action: str = Action.VIEW, **filters):
    from roadmaps.models import Order

    return _get_scoped(Order, user, pk, action, **filters)


def get_list_entry_for_user(user, pk, action: str = Action.VIEW, **filters) -> SchoolListEntry:
    """A school's entry in a flagged-school list; acting on it needs the list's district."""
    try:
        entry = (scope(SchoolListEntry.objects.filter(**filters), user)
                 .select_related("school_list", "organization", "district__region").get(pk=pk))
    except (SchoolListEntry.DoesNotExist, ValueError, TypeError):
        raise Http404("Не найдено") from None
    if not can(user, action, entry):
        raise PermissionDenied("Недостаточно прав")
    return entry
