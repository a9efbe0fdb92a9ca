"""The regional working group's monitoring page: each district's completion, overdue counts
and rounds as a table and a chart; only the region's group; a fixed number of queries."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..factories import DistrictFactory, MeasureFactory, OrganizationFactory, RoadmapFactory
from .test_overdue import approve, due, report, responsible
from .test_rounds import open_round


@pytest.fixture
def today(district_a):
    from monitoring.selectors.overdue import local_today
    return local_today(district_a)


def test_the_page_shows_each_districts_figures(client_for, regional_member, roadmap_a, roadmap_b,
                                               school_a, school_b, coordinator_a, today):
    approve(roadmap_a)
    m = MeasureFactory(roadmap=roadmap_a)
    responsible(m, school_a)
    report(due(m, 3, today), school_a)
    due(m, 40, today)
    open_round(roadmap_a.district, coordinator_a, [school_a], today)
    response = client_for(regional_member).get(reverse("region_monitoring", args=["tomsk"]))
    assert response.status_code == 200
    rows = {f.district.slug: f for f in response.context["rows"]}
    a, b = rows["molchanovo"], rows["kozhevnikovo"]
    assert (a.due, a.done, a.percent, a.overdue, a.overdue_older, a.rounds) == (2, 1, 50, 1, 1, 1)
    assert (b.due, b.overdue, b.rounds) == (0, 0, 0)
    html = response.content.decode()
    assert "Исполнение дорожных карт по муниципалитетам" in html and "<svg" in html
    assert "Молчановский район" in html and "50 %" in html
    assert reverse("overdue_list", args=["molchanovo"]) in html


def test_the_region_page_links_to_it(client_for, regional_member):
    html = client_for(regional_member).get(reverse("region_detail", args=["tomsk"])).content.decode()
    assert reverse("region_monitoring", args=["tomsk"]) in html


@pytest.mark.parametrize("person", ["coordinator_a", "curator_a", "director_a", "head_a"])
def test_district_people_get_404(request, client_for, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("region_monitoring", args=["tomsk"])).status_code == 404


def test_another_regions_group_gets_404(client_for, other_region_district, region):
    from schools.models import Role
    from schools.services.memberships import membership_grant

    from ..factories import UserFactory
    stranger = UserFactory(email="rrg-penza@example.ru")
    membership_grant(user=stranger, role=Role.REGIONAL, region=other_region_district.region)
    client = client_for(stranger)
    assert client.get(reverse("region_monitoring", args=["tomsk"])).status_code == 404
    assert client.get(reverse("region_monitoring", args=["penza"])).status_code == 200


def test_the_query_count_does_not_grow_with_districts_schools_or_measures(
        client_for, regional_member, region, coordinator_a, today):
    client = client_for(regional_member)
    url = reverse("region_monitoring", args=["tomsk"])
    counts = []
    for districts, measures in ((2, 3), (8, 20)):
        for _ in range(districts):
            district = DistrictFactory(region=region)
            roadmap = approve(RoadmapFactory(district=district))
            schools = [OrganizationFactory(district=district) for _ in range(3)]
            for n in range(measures):
                m = MeasureFactory(roadmap=roadmap)
                responsible(m, *schools)
                d = due(m, n % 40, today)
                report(d, schools[n % 3])
            open_round(district, coordinator_a, schools[:1], today,
                       starts_on=today - timedelta(days=5))
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
