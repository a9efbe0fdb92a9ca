"""Every role × every page of the foundation → the expected status.

302: sent to the login page; 403: own tenant, role may not; 404: not visible at all.
"""
import re

import pytest
from django.urls import reverse

ROLES = ["anonymous", "coordinator_a", "curator_a", "head_a", "director_a", "regional_member",
         "coordinator_b"]

# page name -> expected status per role, in the order of ROLES
MATRIX = {
    "home":                   [302, 200, 200, 200, 200, 200, 200],
    "district_a":             [302, 200, 200, 200, 403, 200, 404],
    "school_a":               [302, 200, 200, 200, 200, 200, 404],
    "other_school_a":         [302, 200, 404, 200, 404, 200, 404],
    "roadmap_a":              [302, 200, 200, 200, 200, 200, 404],
    "school_roadmap_a":       [302, 200, 200, 200, 200, 200, 404],
    "other_school_roadmap_a": [302, 200, 404, 200, 404, 200, 404],
    "region":                 [302, 404, 404, 404, 404, 200, 404],
    "district_b":             [302, 404, 404, 404, 404, 200, 200],
    "roadmap_b":              [302, 404, 404, 404, 404, 200, 200],
}


@pytest.fixture
def urls(district_a, district_b, region, school_a, other_school_a, roadmap_a, school_roadmap_a,
         other_school_roadmap_a, roadmap_b):
    return {
        "home": reverse("home"),
        "district_a": reverse("district_detail", args=[district_a.slug]),
        "school_a": reverse("school_detail", args=[district_a.slug, school_a.pk]),
        "other_school_a": reverse("school_detail", args=[district_a.slug, other_school_a.pk]),
        "roadmap_a": reverse("roadmap_detail", args=[district_a.slug, roadmap_a.pk]),
        "school_roadmap_a": reverse("roadmap_detail", args=[district_a.slug, school_roadmap_a.pk]),
        "other_school_roadmap_a": reverse("roadmap_detail", args=[district_a.slug, other_school_roadmap_a.pk]),
        "region": reverse("region_detail", args=[region.slug]),
        "district_b": reverse("district_detail", args=[district_b.slug]),
        "roadmap_b": reverse("roadmap_detail", args=[district_b.slug, roadmap_b.pk]),
    }


@pytest.mark.parametrize("page", list(MATRIX))
@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_each_role_gets_the_expected_status_on_each_page(request, client, urls, page, role_index, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(urls[page])
    assert response.status_code == MATRIX[page][role_index], (role, page)
    if response.status_code == 302:
        assert response.url.startswith(reverse("login"))


def test_a_coordinator_gets_404_for_another_districts_roadmap_under_its_own_slug(
    client_for, coordinator_a, district_a, roadmap_b
):
    url = reverse("roadmap_detail", args=[district_a.slug, roadmap_b.pk])
    assert client_for(coordinator_a).get(url).status_code == 404


def test_a_coordinator_gets_404_for_another_districts_school_by_id(
    client_for, coordinator_a, district_a, school_b
):
    client = client_for(coordinator_a)
    assert client.get(reverse("school_detail", args=[district_a.slug, school_b.pk])).status_code == 404
    assert client.get(reverse("school_detail", args=[school_b.district.slug, school_b.pk])).status_code == 404


def test_missing_and_foreign_objects_look_the_same(client_for, coordinator_a, district_a, roadmap_b):
    client = client_for(coordinator_a)
    foreign = client.get(reverse("roadmap_detail", args=[district_a.slug, roadmap_b.pk]))
    missing = client.get(reverse("roadmap_detail", args=[district_a.slug, 987654321]))
    assert foreign.status_code == missing.status_code == 404

    def without_tokens(response):
        return re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", response.content.decode())

    assert without_tokens(foreign) == without_tokens(missing)


def test_a_regional_member_does_not_see_another_regions_districts(
    client_for, regional_member, other_region_district
):
    response = client_for(regional_member).get(reverse("district_detail", args=[other_region_district.slug]))
    assert response.status_code == 404


def test_a_director_sees_only_its_school_on_the_home_page(client_for, director_a, school_a, other_school_a):
    response = client_for(director_a).get(reverse("home"))
    html = response.content.decode()
    assert school_a.short_name in html
    assert other_school_a.short_name not in html


def test_a_curator_sees_only_followed_schools_in_the_district_lists(
    client_for, curator_a, district_a, school_a, other_school_a
):
    from tests.factories import SchoolListEntryFactory, SchoolListFactory

    school_list = SchoolListFactory(district=district_a)
    SchoolListEntryFactory(school_list=school_list, organization=school_a)
    SchoolListEntryFactory(school_list=school_list, organization=other_school_a)
    html = client_for(curator_a).get(reverse("district_detail", args=[district_a.slug])).content.decode()
    assert school_a.short_name in html
    assert other_school_a.short_name not in html


def test_the_admin_is_closed_to_a_coordinator(client_for, coordinator_a):
    response = client_for(coordinator_a).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
