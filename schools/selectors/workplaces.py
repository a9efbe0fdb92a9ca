"""Where a person works: one place per district, school or region they hold a role in
(two districts, a district and a school, a region…), each with the page it opens.

`workplaces(user)` costs one query (the memberships with their places). The top bar's
switcher loads it lazily (htmx, `schools:workplace_switch`), so pages pay nothing for it;
the home page may show the same list."""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from ..models import Membership, Role

SESSION_KEY = "workplace"

# the strongest district role names a district workplace
_DISTRICT_RANK = {Role.COORDINATOR: 0, Role.HEAD: 1, Role.CURATOR: 2}
_KIND_ORDER = {"district": 0, "school": 1, "region": 2}


@dataclass(frozen=True)
class Workplace:
    key: str          # "district:3", "school:17", "region:1" — stable, kept in the session
    label: str        # «Кировский район», «МБОУ СОШ № 5», «Томская область»
    role_label: str   # «муниципальный координатор», «директор школы», …
    url: str          # the page the place opens

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]


def workplaces(user) -> list[Workplace]:
    """The person's places of work, districts first, then schools, then regions, each by
    name. One query; an anonymous person has none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    rows = (Membership.objects.filter(user=user)
            .select_related("district", "organization__district", "region"))
    places: dict[str, tuple[int, Workplace]] = {}
    for m in rows:
        if m.role == Role.REGIONAL and m.region_id:
            key, rank = f"region:{m.region_id}", 0
            place = Workplace(key, m.region.name, m.get_role_display(),
                              reverse("region_detail", args=[m.region.slug]))
        elif m.role == Role.DIRECTOR and m.organization_id:
            school = m.organization
            key, rank = f"school:{school.id}", 0
            place = Workplace(key, school.short_name, m.get_role_display(),
                              reverse("school_detail", args=[school.district.slug, school.id]))
        elif m.district_id:
            key, rank = f"district:{m.district_id}", _DISTRICT_RANK.get(m.role, 9)
            place = Workplace(key, m.district.name, m.get_role_display(),
                              reverse("district_detail", args=[m.district.slug]))
        else:
            continue
        if key not in places or rank < places[key][0]:
            places[key] = (rank, place)
    return sorted((p for _, p in places.values()),
                  key=lambda p: (_KIND_ORDER[p.kind], p.label.lower(), p.key))


def current_workplace(places: list[Workplace], *, chosen: str | None = None,
                      path: str = "") -> Workplace | None:
    """The place the person works in now: the one whose pages are open (the longest
    matching address: a school's page is inside its district's), else the one chosen last
    (kept in the session), else the first."""
    if not places:
        return None
    matching = [p for p in places if path.startswith(p.url)]
    if matching:
        return max(matching, key=lambda p: len(p.url))
    by_key = {p.key: p for p in places}
    return by_key.get(chosen or "", places[0])
