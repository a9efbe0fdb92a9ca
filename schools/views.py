from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import access, selectors


@login_required
def home(request):
    return render(request, "schools/home.html", {"home": selectors.home_for_user(request.user)})


@login_required
def region_detail(request, region_slug: str):
    region = access.get_region_for_user(request.user, region_slug)
    return render(request, "schools/region_detail.html", {
        "region": region,
        "districts": selectors.region_districts(region),
    })


@login_required
def district_detail(request, district_slug: str):
    district = access.get_district_for_user(request.user, district_slug)
    return render(request, "schools/district_detail.html", {
        "district": district,
        "role": access.district_role(request.user, district.id),
        "roadmaps": selectors.district_roadmaps(district, request.user),
        "school_lists": selectors.district_school_lists(district, request.user),
        "organizations": selectors.district_organizations(district, request.user),
    })


@login_required
def school_detail(request, district_slug: str, pk: int):
    school = access.get_organization_for_user(
        request.user, pk, district__slug=district_slug
    )
    from roadmaps.selectors import school_roadmaps

    return render(request, "schools/school_detail.html", {
        "district": school.district,
        "school": school,
        "entries": selectors.organization_lists(school, request.user),
        "mentor_pairs": selectors.school_mentor_pairs(school, request.user),
        "roadmaps": school_roadmaps(school, request.user),
    })
