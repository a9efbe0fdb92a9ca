"""What a person may open around a district page, for its breadcrumbs and sub-menu.

`{% district_reach district as reach %}` gives `reach.district` (the district's own pages:
its overview, roadmaps, lists), `reach.manage` (the coordinator's pages: organisations,
mentors, curators, imports) and `reach.region` (the region's page). The answers come from
`core.access` and the grants already read for the request: no query.
"""
from __future__ import annotations

from dataclasses import dataclass

from django import template

from core.access import Action, can, grants_for

register = template.Library()


@dataclass(frozen=True)
class Reach:
    district: bool
    manage: bool
    region: bool


@register.simple_tag(takes_context=True)
def district_reach(context, district) -> Reach:
    user = context["request"].user
    g = grants_for(user)
    return Reach(
        district=can(user, Action.VIEW, district),
        manage=can(user, Action.MANAGE, district),
        region=g.superuser or district.region_id in g.regional_regions,
    )
