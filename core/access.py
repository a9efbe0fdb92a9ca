"""The access machinery: what a user holds, and the rules each app registers for its models.

Every tenant-owned query of a page goes through `scope()` or `get_for_user()` here.
Another tenant's object and a missing object give the same 404; an object of the
user's own tenant that the role may not act on gives 403.

The rules themselves live with their models: `schools/access.py` and `roadmaps/access.py`
call `register()` for each tenant-owned model, and `schools` installs the loader of a
user's grants (memberships and object grants). `core.checks` fails at start-up when a
tenant-owned model (one with a `district` field) has no rule.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404


class Action:
    VIEW = "view"
    EDIT = "edit"
    MANAGE = "manage"  # district-level management: lists, curators, orders


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

_loader: Callable[[object], Grants] | None = None


def set_grants_loader(loader: Callable[[object], Grants]) -> None:
    """The app that owns memberships (`schools`) tells core how to read a user's grants."""
    global _loader
    _loader = loader


def grants_for(user) -> Grants:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_GRANTS
    cached = getattr(user, "_access_grants", None)
    if cached is not None:
        return cached
    if _loader is None:
        raise RuntimeError("No grants loader installed: is the schools app loaded?")
    grants = _loader(user)
    user._access_grants = grants
    return grants


def forget_grants(user) -> None:
    """Drop the per-request cache after memberships or grants change."""
    user.__dict__.pop("_access_grants", None)


# --- the registry -----------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    see: Callable[[Grants], Q]
    """Which rows the user may see, as a filter on the model."""
    act: Callable[[Grants, str, Model], bool] | None = None
    """May the user take a non-view action on one visible object; default: its district's
    coordinator."""
    related: tuple[str, ...] = ()
    """What `get_for_user` selects with the object (the page needs it)."""


_RULES: dict[type[Model], Rule] = {}


def register(model: type[Model], *, see: Callable[[Grants], Q],
             act: Callable[[Grants, str, Model], bool] | None = None,
             related: tuple[str, ...] = ()) -> None:
    _RULES[model] = Rule(see=see, act=act, related=related)


def rule_for(model: type[Model]) -> Rule:
    rule = _RULES.get(model)
    if rule is None:  # fail closed: every tenant-owned model needs a rule of its own
        raise TypeError(f"No access rule for {model.__name__}")
    return rule


def registered_models() -> frozenset[type[Model]]:
    return frozenset(_RULES)


# --- scoping and actions ------------------------------------------------------------------

def scope(queryset: QuerySet, user) -> QuerySet:
    """Narrow a queryset of a tenant-owned model to what the user may see."""
    rule = rule_for(queryset.model)
    g = grants_for(user)
    if g.superuser:
        return queryset
    if g.is_empty:
        return queryset.none()
    return queryset.filter(rule.see(g))


def visible_districts(user) -> QuerySet:
    from django.apps import apps

    return scope(apps.get_model(settings.TENANT_MODEL).objects.all(), user)


def coordinates(g: Grants, _action: str, obj: Model) -> bool:
    """The default rule for acting on an object: its district's coordinator."""
    return obj.district_id in g.coordinator_districts


def can(user, action: str, obj: Model) -> bool:
    """May the user perform `action` on `obj` (already known to be visible)?"""
    g = grants_for(user)
    if g.superuser:
        return True
    rule = rule_for(type(obj))
    if action == Action.VIEW and rule.act is None:
        return True
    return (rule.act or coordinates)(g, action, obj)


def get_for_user(model: type[Model], user, pk=None, action: str = Action.VIEW, **lookup) -> Model:
    """One object the user may see (404 otherwise) and may act on (403 otherwise).

    `pk` (or any `lookup`, such as the district's slug in the address) finds it. A pk that
    is not a number is a missing object (404); a programming error stays an error."""
    if pk is not None:
        try:
            lookup["pk"] = model._meta.pk.to_python(pk)
        except ValidationError:
            raise Http404("Не найдено") from None
    rule = rule_for(model)
    try:
        obj = scope(model.objects.all(), user).select_related(*rule.related).get(**lookup)
    except model.DoesNotExist:
        raise Http404("Не найдено") from None
    if not can(user, action, obj):
        raise PermissionDenied("Недостаточно прав")
    return obj
