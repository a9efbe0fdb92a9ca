"""All programmes of a district (`/<district>/programmes/`) and of a region
(`/region/<slug>/programmes/`): filters, keyset pages, who may open them, and a query count
that does not grow with programmes or districts."""
import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.selectors.programmes import PAGE_SIZE
from schools.models import Role, SchoolList
from schools.services.memberships import membership_grant
from tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    SchoolListEntryFactory,
    SchoolListFactory,
    UserFactory,
)
from tests.support.programmes import T0, Status, no_offset, programme, touch


def region_url(region, **query):
    return reverse("region_programmes", args=[region.slug]), query


def listed(html: str) -> list[int]:
    """The programme ids of the page's table, in order."""
    body = re.search(r'<table class="grid programme-list">.*?<tbody>(.*?)</tbody>', html, re.S)
    return [int(pk) for pk in re.findall(r'/roadmaps/(\d+)/"', body.group(1))] if body else []


def next_link(html: str) -> str | None:
    m = re.search(r'<a class="button" href="([^"]+)" rel="next">Дальше →</a>', html)
    return m.group(1).replace("&amp;", "&") if m else None


def get(client, url, query=None):
    response = client.get(url, query or {})
    assert response.status_code == 200
    return response.content.decode()


# --- filters ------------------------------------------------------------------------------

def test_the_region_list_filters_by_district_status_list_kind_and_year(
        client_for, regional_member, region, district_a, district_b, school_a, school_b):
    low = SchoolListFactory(district=district_a, kind=SchoolList.Kind.LOW_RESULTS, year=2026)
    SchoolListEntryFactory(school_list=low, organization=school_a)
    a_low = programme(district_a, Status.SUBMITTED, school=school_a)
    hard = SchoolListFactory(district=district_b, kind=SchoolList.Kind.DIFFICULT_CONDITIONS, year=2026)
    b_hard = programme(district_b, Status.APPROVED, school=school_b, school_list=hard)
    a_old = programme(district_a, Status.APPROVED, period_start=date(2024, 1, 1),
                      period_end=date(2024, 12, 31))
    client = client_for(regional_member)
    url = reverse("region_programmes", args=[region.slug])
    assert set(listed(get(client, url))) == {a_low.pk, b_hard.pk, a_old.pk}
    assert set(listed(get(client, url, {"district": district_a.pk}))) == {a_low.pk, a_old.pk}
    assert listed(get(client, url, {"status": Status.APPROVED, "district": district_b.pk})) == [b_hard.pk]
    # a list kind: the list it was created for, or the school's entry on a list of that kind
    assert listed(get(client, url, {"kind": SchoolList.Kind.LOW_RESULTS})) == [a_low.pk]
    assert listed(get(client, url, {"kind": SchoolList.Kind.DIFFICULT_CONDITIONS})) == [b_hard.pk]
    assert listed(get(client, url, {"year": 2024})) == [a_old.pk]
    html = get(client, url, {"year": 2025})
    assert listed(html) == [] and "По этим условиям программ не найдено." in html
    # the year filter offers the years the programmes cover
    assert re.findall(r'<option value="(20\d\d)"', html) == ["2026", "2024"]


def test_filters_that_are_not_understood_are_left_out(client_for, regional_member, region,
                                                      district_a, other_region_district):
    p = programme(district_a, Status.DRAFT)
    client = client_for(regional_member)
    url = reverse("region_programmes", args=[region.slug])
    for junk in ({"status": "<script>"}, {"kind": "mentor"}, {"year": "abc"},
                 {"district": other_region_district.pk}, {"district": "1; DROP"},
                 {"after": "garbage"}):
        assert listed(get(client, url, junk)) == [p.pk], junk


def test_the_district_list_has_no_district_filter_and_shows_the_districts_programmes(
        client_for, coordinator_a, district_a, district_b, roadmap_a):
    mine = programme(district_a, Status.RETURNED, comments=3)
    programme(district_b, Status.RETURNED)
    html = get(client_for(coordinator_a), reverse("district_programmes", args=[district_a.slug]))
    assert listed(html) == [mine.pk]  # not the municipal roadmap, not district B's
    assert 'name="district"' not in html
    assert '<span class="flag">3</span>' in html


def test_a_curator_lists_only_the_programmes_of_its_schools(client_for, curator_a, district_a,
                                                           school_a, other_school_a):
    followed = programme(district_a, Status.SUBMITTED, school=school_a)
    programme(district_a, Status.SUBMITTED, school=other_school_a)
    html = get(client_for(curator_a), reverse("district_programmes", args=[district_a.slug]))
    assert listed(html) == [followed.pk]


# --- keyset pages ------------------------------------------------------------------------

def test_pages_follow_the_key_without_repeats_or_gaps(client_for, regional_member, region,
                                                      district_a, district_b):
    made = []
    for i in range(PAGE_SIZE * 2 + 7):
        p = programme(district_a if i % 2 else district_b, Status.SUBMITTED)
        # several programmes share one moment: the id breaks the tie
        touch(p, T0 + timedelta(minutes=i // 3))
        made.append(p.pk)
    client = client_for(regional_member)
    url = reverse("region_programmes", args=[region.slug])
    seen, pages, query = [], 0, {"status": Status.SUBMITTED}
    while True:
        with CaptureQueriesContext(connection) as ctx:
            html = get(client, url, query)
        assert no_offset(ctx.captured_queries)
        seen += listed(html)
        pages += 1
        link = next_link(html)
        if not link:
            break
        query = {k: v[0] for k, v in parse_qs(urlparse(link).query).items()}
        assert query["status"] == Status.SUBMITTED  # the key carries the filters along
    assert pages == 3
    assert len(seen) == len(set(seen)) == len(made)
    assert set(seen) == set(made)
    # newest change first
    assert seen[0] == made[-1]


def test_a_later_page_costs_what_the_first_costs(client_for, regional_member, region, district_a):
    for i in range(PAGE_SIZE + 5):
        touch(programme(district_a, Status.DRAFT), T0 + timedelta(minutes=i))
    client = client_for(regional_member)
    url = reverse("region_programmes", args=[region.slug])

    def count(query):
        with CaptureQueriesContext(connection) as ctx:
            html = get(client, url, query)
        return len(ctx.captured_queries), html

    first, html = count({})
    after = parse_qs(urlparse(next_link(html)).query)["after"][0]
    second, html = count({"after": after})
    assert second == first and len(listed(html)) == 5
    assert "К началу списка" in html and next_link(html) is None


# --- who may open them ---------------------------------------------------------------------

def _stranger(role, **where):
    user = UserFactory(email=f"{role}-stranger@example.ru")
    membership_grant(user=user, role=role, **where)
    return user


@pytest.mark.parametrize("who", ["coordinator_a", "curator_a", "head_a", "director_a", "other_region"])
def test_the_region_list_is_for_its_working_group_only(request, client_for, region, who,
                                                       other_region_district):
    user = (_stranger(Role.REGIONAL, region=other_region_district.region) if who == "other_region"
            else request.getfixturevalue(who))
    assert client_for(user).get(reverse("region_programmes", args=[region.slug])).status_code == 404


def test_the_region_list_opens_for_its_working_group(client_for, regional_member, region):
    assert client_for(regional_member).get(
        reverse("region_programmes", args=[region.slug])).status_code == 200


@pytest.mark.parametrize("who, status", [
    ("coordinator_a", 200), ("head_a", 200), ("curator_a", 200), ("regional_member", 200),
    ("director_a", 403),  # its own district: a page its role may not open
    ("coordinator_b", 404), ("director_b", 404), ("other_region", 404), (None, 302),
])
def test_the_district_list_by_role(request, client, district_a, school_b, other_region_district,
                                   who, status):
    if who == "director_b":
        user = _stranger(Role.DIRECTOR, organization=school_b)
    elif who == "other_region":
        user = _stranger(Role.REGIONAL, region=other_region_district.region)
    else:
        user = request.getfixturevalue(who) if who else None
    if user:
        client.force_login(user)
    assert client.get(reverse("district_programmes", args=[district_a.slug])).status_code == status


# --- the query count: the page's shape, not its size ----------------------------------------

def _spread(region, districts, n):
    """n programmes across the districts, in every state, with submissions and comments."""
    statuses = [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REGIONAL_REVIEW, Status.RETURNED,
                Status.AGREED, Status.APPROVED]
    for i in range(n):
        d = districts[i % len(districts)]
        school_list, _ = SchoolList.objects.get_or_create(district=d, year=2026,
                                                          kind=SchoolList.Kind.LOW_RESULTS)
        school = OrganizationFactory(district=d)
        SchoolListEntryFactory(school_list=school_list, organization=school)
        programme(d, statuses[i % 6], school=school, school_list=school_list, submitted=T0,
                  number=1 + i % 3, comments=i % 2)


@pytest.mark.parametrize("page", ["region", "district"])
def test_the_lists_cost_the_same_at_5_and_50_programmes_and_with_more_districts(
        client_for, regional_member, region, district_a, district_b, page):
    client = client_for(regional_member)
    url = (reverse("region_programmes", args=[region.slug]) if page == "region"
           else reverse("district_programmes", args=[district_a.slug]))
    _spread(region, [district_a, district_b], 5)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            html = get(client, url, {"kind": SchoolList.Kind.LOW_RESULTS})
        assert listed(html)
        return len(ctx.captured_queries)

    small = count()
    _spread(region, [district_a, district_b, *DistrictFactory.create_batch(4, region=region)], 45)
    assert count() == small
