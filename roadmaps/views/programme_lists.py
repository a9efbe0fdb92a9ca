"""Every school programme of a district (`/<district>/programmes/`) or of a region
(`/region/<slug>/programmes/`): filters in the query string, pages by keyset
(«Дальше →» carries the key of the last row; no OFFSET)."""
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.access import scope
from schools import access
from schools.models import District, SchoolList

from ..selectors import programmes
from ..selectors.history import Cursor


def _context(request, qs, *, districts=()):
    filters = programmes.Filters.parse(request.GET, districts=districts)
    after = Cursor.parse(request.GET.get("after"))
    page = programmes.programme_page(qs, filters, after=after)
    next_url = ""
    if page.next:
        next_url = "?" + urlencode(filters.query(after=page.next.token))
    return {
        "filters": filters,
        "page": page,
        "continued": after is not None,
        "first_url": "?" + urlencode(filters.query()) if filters.active else "?",
        "next_url": next_url,
        "status_choices": [(s.value, s.label) for s in programmes.CYCLE]
        + [(programmes.Status.ARCHIVED.value, programmes.Status.ARCHIVED.label)],
        "kind_choices": [(k, label) for k, label in SchoolList.Kind.choices
                         if k in programmes.FLAGGED_KINDS],
        "years": programmes.programme_years(qs),
    }


@login_required
def district_programmes(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    qs = programmes.school_programmes(request.user).filter(district=district)
    return render(request, "roadmaps/programme_list.html", {
        "district": district, **_context(request, qs),
    })


@login_required
def region_programmes(request, region_slug: str):
    region = access.get_region_for_user(request.user, region_slug)
    districts = list(scope(District.objects.filter(region=region), request.user).order_by("name"))
    qs = programmes.school_programmes(request.user).filter(district__region=region)
    return render(request, "roadmaps/programme_list.html", {
        "region": region, "districts": districts,
        **_context(request, qs, districts=districts),
    })
