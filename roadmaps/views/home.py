"""The pages where schools and roadmaps meet: each role's home, a region's districts,
a district's page and a school's page."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe

from core.access import get_for_user
from core.charts import stacked_bar_svg
from schools import access
from schools.models import Organization
from schools.selectors.lists import (
    district_organizations,
    district_school_lists,
    organization_lists,
    school_mentor_pairs,
)

from ..selectors import programmes
from ..selectors.home import (
    district_roadmaps,
    home_for_user,
    region_districts,
    school_municipal_roadmaps,
    school_roadmaps,
)


@login_required
def home(request):
    return render(request, "roadmaps/home.html", {"home": home_for_user(request.user)})


def status_chart(rows: list[programmes.DistrictStatusRow]) -> str:
    """The districts compared: programmes by status, one bar per district (inline SVG)."""
    svg = stacked_bar_svg(
        [(row.district.name, row.by_cycle()) for row in rows if row.total],
        programmes.status_series(),
        title="Программы школ по статусам",
        width=800,  # px; scaled down to the paper's width in print
        empty_text="Программ школ пока нет",
    )
    return mark_safe(svg)  # noqa: S308 - core.charts escapes every text it draws


@login_required
def region_detail(request, region_slug: str):
    region = access.get_region_for_user(request.user, region_slug)
    status_rows = programmes.region_status_by_district(region, request.user)
    totals = programmes.status_totals(status_rows)
    return render(request, "roadmaps/region_detail.html", {
        "region": region,
        "districts": region_districts(region),
        "queue": programmes.regional_queue(region, request.user),
        "status_rows": status_rows,
        "status_columns": programmes.status_columns(),
        "status_totals": totals,
        "status_total": sum(totals),
        "chart": status_chart(status_rows),
    })


@login_required
def district_detail(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    return render(request, "roadmaps/district_detail.html", {
        "district": district,
        "queue": programmes.municipal_queue(district, request.user),
        "flagged": programmes.flagged_schools_table(district, request.user),
        "to_sign": programmes.to_sign(request.user, district=district),
        "roadmaps": district_roadmaps(district, request.user),
        "school_lists": district_school_lists(district, request.user),
        "organizations": district_organizations(district, request.user),
    })


@login_required
def school_detail(request, district_slug: str, pk: int):
    school = get_for_user(Organization, request.user, pk, district__slug=district_slug)
    return render(request, "roadmaps/school_detail.html", {
        "district": school.district,
        "school": school,
        "entries": organization_lists(school, request.user),
        "mentor_pairs": school_mentor_pairs(school, request.user),
        "roadmaps": school_roadmaps(school, request.user),
        "municipal": school_municipal_roadmaps(school, request.user),
    })
