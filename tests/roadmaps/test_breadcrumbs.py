"""Breadcrumbs lead only where the person may go: every link of a roadmap page's (and a
school page's) breadcrumbs answers 200 for each role that may open the page."""
import re

import pytest
from django.urls import reverse

CRUMBS = re.compile(r'<nav class="crumbs">(.*?)</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')


def crumb_links(html: str) -> list[str]:
    (nav,) = CRUMBS.findall(html)
    return HREF.findall(nav)


def assert_every_crumb_opens(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    links = crumb_links(response.content.decode())
    for link in links:
        assert client.get(link).status_code == 200, link
    return links


ROLES = ["coordinator_a", "head_a", "curator_a", "director_a", "regional_member"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["roadmap_a", "school_roadmap_a"])
def test_every_breadcrumb_of_a_roadmap_page_opens_for_its_reader(request, client, role, which):
    roadmap = request.getfixturevalue(which)
    client.force_login(request.getfixturevalue(role))
    links = assert_every_crumb_opens(
        client, reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk]))
    assert links[0] == reverse("home")
    if roadmap.school_id:  # the school the programme belongs to is always on the way
        assert reverse("school_detail", args=[roadmap.district.slug, roadmap.school_id]) in links


def test_a_directors_breadcrumbs_go_home_then_to_its_school(client_for, director_a, school_roadmap_a):
    html = client_for(director_a).get(reverse(
        "roadmap_detail", args=[school_roadmap_a.district.slug, school_roadmap_a.pk])).content.decode()
    district = school_roadmap_a.district
    assert crumb_links(html) == [
        reverse("home"), reverse("school_detail", args=[district.slug, school_roadmap_a.school_id])]
    assert 'class="subnav"' not in html  # a director has no district pages to offer


def test_a_coordinators_breadcrumbs_keep_the_district_and_its_roadmaps(client_for, coordinator_a,
                                                                       roadmap_a):
    district = roadmap_a.district
    html = client_for(coordinator_a).get(
        reverse("roadmap_detail", args=[district.slug, roadmap_a.pk])).content.decode()
    assert crumb_links(html) == [reverse("home"), reverse("district_detail", args=[district.slug]),
                                 reverse("roadmap_list", args=[district.slug])]


@pytest.mark.parametrize("role", ROLES)
def test_every_breadcrumb_of_a_school_page_opens_for_its_reader(request, client, role, school_a):
    client.force_login(request.getfixturevalue(role))
    assert_every_crumb_opens(client, reverse("school_detail", args=[school_a.district.slug, school_a.pk]))


def test_a_regional_member_goes_back_to_the_region_from_a_district(client_for, regional_member,
                                                                  district_a):
    links = assert_every_crumb_opens(client_for(regional_member),
                                     reverse("district_detail", args=[district_a.slug]))
    assert links == [reverse("home"), reverse("region_detail", args=[district_a.region.slug])]


def test_a_coordinator_sees_the_region_as_text(client_for, coordinator_a, district_a):
    links = assert_every_crumb_opens(client_for(coordinator_a),
                                     reverse("district_detail", args=[district_a.slug]))
    assert links == [reverse("home")]


def test_another_districts_person_gets_404_on_the_roadmap_page(client_for, coordinator_b, roadmap_a,
                                                             school_roadmap_a):
    client = client_for(coordinator_b)
    for roadmap in (roadmap_a, school_roadmap_a):
        url = reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["roadmap_history", "measure_history"])
def test_every_breadcrumb_of_a_roadmaps_journal_and_a_measures_history_opens(
        request, client, role, page, school_roadmap_a):
    """The pages under a roadmap share its breadcrumbs, and end with a link back to it."""
    from tests.factories import MeasureFactory

    district = school_roadmap_a.district
    if page == "roadmap_history":
        url = reverse(page, args=[district.slug, school_roadmap_a.pk])
    else:
        url = reverse(page, args=[district.slug, MeasureFactory(roadmap=school_roadmap_a).pk])
    client.force_login(request.getfixturevalue(role))
    links = assert_every_crumb_opens(client, url)
    assert reverse("roadmap_detail", args=[district.slug, school_roadmap_a.pk]) in links[-1]
