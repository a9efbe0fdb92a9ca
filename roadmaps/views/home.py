"""The pages where schools and roadmaps meet: each role's home, a region's districts,
a district's page and a school's page."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.access import get_for_user
from schools import access
from schools.models import Organization
from schools.selectors.lists import (
    district_organizations,
    district_school_lists,
    organization_lists,
    school_mentor_pairs,
)

from ..selectors.home import district_roadmaps, home_for_user, region_districts, school_roadmaps


@login_required
def home(request):
    return render(request, "roadmaps/home.html", {"home": home_for_user(request.user)})


@login_required
def region_detail(request, region_slug: str):
    region = access.get_region_for_user(request.user, region_slug)
    return render(request, "roadmaps/region_detail.html", {
        "region": region,
        "districts": region_districts(region),
    })


@login_required
def district_detail(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    return render(request, "roadmaps/district_detail.html", {
        "district": district,
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
    })
