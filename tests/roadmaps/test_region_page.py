"""The region's table of districts says what it counts: municipal roadmaps apart, and the
schools' own programmes with how many of them are approved."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.models import Roadmap
from tests.factories import DistrictFactory, OrganizationFactory, RoadmapFactory

APPROVED = Roadmap.Status.APPROVED


def districts_card(html: str) -> str:
    """The card of the districts' table (the page has other tables: the queue, the status
    comparison)."""
    return re.search(r"<h2>Муниципалитеты</h2>(.*?)</section>", html, re.S).group(1)


def district_row(html: str, name: str) -> list[str]:
    for row in re.findall(r"<tr>(.*?)</tr>", districts_card(html), re.S):
        if f">{name}</a>" in row:
            return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    raise AssertionError(f"no row for {name}")


def region_page(client, region):
    response = client.get(reverse("region_detail", args=[region.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_columns_say_that_approved_counts_school_programmes(client_for, regional_member, region,
                                                               district_a):
    html = region_page(client_for(regional_member), region)
    thead = re.search(r"<thead>(.*?)</thead>", districts_card(html), re.S).group(1)
    assert "Муниципальных карт" in thead
    assert re.search(r'<th colspan="2"[^>]*>Программы школ</th>', thead)
    assert ">всего</th>" in thead and ">утверждено</th>" in thead
    assert ">Утверждено</th>" not in thead  # no longer a bare, unexplained column


def test_the_counts_keep_municipal_roadmaps_apart_from_school_programmes(
    client_for, regional_member, region, district_a, district_b, school_a, other_school_a, school_b
):
    RoadmapFactory(district=district_a, status=APPROVED)  # municipal, approved: not a school's
    RoadmapFactory(district=district_a)
    RoadmapFactory(district=district_a, school=school_a, status=APPROVED)
    RoadmapFactory(district=district_a, school=other_school_a)
    RoadmapFactory(district=district_b, school=school_b, status=APPROVED)
    html = region_page(client_for(regional_member), region)
    # name, schools, in lists, municipal roadmaps, school programmes: all, approved
    assert district_row(html, district_a.name) == [district_a.name, "2", "0", "2", "2", "1"]
    assert district_row(html, district_b.name) == [district_b.name, "1", "0", "0", "1", "1"]


@pytest.mark.parametrize("role", ["coordinator_a", "director_a", "curator_a"])
def test_the_region_page_is_for_its_working_group_only(request, client, region, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("region_detail", args=[region.slug])).status_code == 404


def test_another_regions_member_gets_404(client_for, region, other_region_district):
    from schools.models import Role
    from schools.services.memberships import membership_grant
    from tests.factories import UserFactory

    stranger = UserFactory(email="rrg-penza@example.ru")
    membership_grant(user=stranger, role=Role.REGIONAL, region=other_region_district.region)
    assert client_for(stranger).get(reverse("region_detail", args=[region.slug])).status_code == 404


def test_the_query_count_does_not_grow_with_programmes(client_for, regional_member, region):
    client = client_for(regional_member)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            region_page(client, region)
        return len(ctx.captured_queries)

    district = DistrictFactory(region=region)
    RoadmapFactory(district=district, school=OrganizationFactory(district=district), status=APPROVED)
    small = count()
    for d in DistrictFactory.create_batch(6, region=region):
        for _ in range(3):
            RoadmapFactory(district=d, school=OrganizationFactory(district=d), status=APPROVED)
    assert count() == small
