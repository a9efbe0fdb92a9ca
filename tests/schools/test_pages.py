"""Login, logout, home pages by role, and query counts that follow the page's shape."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    MeasureFactory,
    OrganizationFactory,
    RoadmapFactory,
    SchoolListEntryFactory,
    SchoolListFactory,
    SectionFactory,
)


def test_the_login_page_speaks_russian(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "Вход в систему" in html
    assert "Электронная почта" in html and "Пароль" in html


def test_a_wrong_password_gets_a_russian_message(client, coordinator_a):
    response = client.post(reverse("login"), {"username": coordinator_a.email, "password": "nope"})
    assert response.status_code == 200
    assert "Неверная электронная почта или пароль" in response.content.decode()


def test_a_coordinator_signs_in_by_email_and_lands_on_home(client, coordinator_a, district_a):
    response = client.post(reverse("login"), {"username": coordinator_a.email.upper(),
                                              "password": "secret-pass"})
    assert response.status_code == 302 and response.url == reverse("home")
    html = client.get(reverse("home")).content.decode()
    assert district_a.name in html


def test_logout_ends_the_session(client_for, coordinator_a):
    client = client_for(coordinator_a)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_a_regional_member_lands_on_the_regions_districts(client_for, regional_member, district_a, district_b):
    client = client_for(regional_member)
    home = client.get(reverse("home")).content.decode()
    assert regional_member.memberships.get().region.name in home
    region_page = client.get(reverse("region_detail", args=["tomsk"])).content.decode()
    assert district_a.name in region_page and district_b.name in region_page


def test_the_district_page_lists_roadmaps_and_flagged_schools(client_for, coordinator_a, roadmap_a, list_entry_a):
    html = client_for(coordinator_a).get(reverse("district_detail", args=[roadmap_a.district.slug])).content.decode()
    assert roadmap_a.title in html
    assert list_entry_a.organization.short_name in html
    assert "ШНОР, 2026 год" in html


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add_district_rows(district, n):
    school_list = SchoolListFactory(district=district, year=2020 + n)
    for _ in range(n):
        school = OrganizationFactory(district=district)
        SchoolListEntryFactory(school_list=school_list, organization=school)
        roadmap = RoadmapFactory(district=district, school=school)
        MeasureFactory.create_batch(2, roadmap=roadmap)


def test_the_district_page_query_count_does_not_grow_with_rows(client_for, coordinator_a, district_a):
    client = client_for(coordinator_a)
    url = reverse("district_detail", args=[district_a.slug])
    _add_district_rows(district_a, 2)
    small = _count_queries(client, url)
    _add_district_rows(district_a, 12)
    assert _count_queries(client, url) == small


def _add_measures(roadmap, n):
    section = SectionFactory(roadmap=roadmap)
    for _ in range(n):
        MeasureFactory(roadmap=roadmap, section=section)


def test_the_roadmap_page_query_count_does_not_grow_with_measures(client_for, coordinator_a, roadmap_a):
    client = client_for(coordinator_a)
    url = reverse("roadmap_detail", args=[roadmap_a.district.slug, roadmap_a.pk])
    _add_measures(roadmap_a, 3)
    small = _count_queries(client, url)
    _add_measures(roadmap_a, 40)
    assert _count_queries(client, url) == small


def test_the_region_page_query_count_does_not_grow_with_districts(client_for, regional_member, region):
    from tests.factories import DistrictFactory

    client = client_for(regional_member)
    url = reverse("region_detail", args=[region.slug])
    DistrictFactory.create_batch(2, region=region)
    small = _count_queries(client, url)
    for d in DistrictFactory.create_batch(10, region=region):
        _add_district_rows(d, 1)
    # a fresh client: the grants cache is per request anyway
    assert _count_queries(client, url) == small


@pytest.mark.parametrize("n,expected", [(1, "1 школа"), (3, "3 школы"), (5, "5 школ"), (11, "11 школ"),
                                        (21, "21 школа"), (112, "112 школ")])
def test_russian_plural_forms(n, expected):
    from core.templatetags.ru import ru_plural

    assert ru_plural(n, "школа,школы,школ") == expected


def test_a_coordinators_home_lists_the_districts_roadmaps_and_flagged_schools(
    client_for, coordinator_a, roadmap_a, list_entry_a, roadmap_b
):
    html = client_for(coordinator_a).get(reverse("home")).content.decode()
    assert roadmap_a.title in html
    assert list_entry_a.organization.short_name in html and list_entry_a.reason in html
    assert roadmap_b.title not in html


def test_a_directors_home_lists_its_school_and_its_roadmaps(client_for, director_a, school_roadmap_a,
                                                           other_school_roadmap_a, roadmap_a):
    html = client_for(director_a).get(reverse("home")).content.decode()
    assert school_roadmap_a.title in html
    assert roadmap_a.title in html  # the municipal roadmap it reports on
    assert other_school_roadmap_a.title not in html


def test_the_home_page_query_count_does_not_grow_with_rows(client_for, coordinator_a, district_a):
    client = client_for(coordinator_a)
    url = reverse("home")
    _add_district_rows(district_a, 2)
    small = _count_queries(client, url)
    _add_district_rows(district_a, 10)
    assert _count_queries(client, url) == small


def test_a_schools_page_shows_its_mentor_pairs(client_for, coordinator_a, school_a, other_school_a):
    from schools.models import MentorPair

    MentorPair.objects.create(district=school_a.district, mentor=other_school_a, mentee=school_a, year=2026)
    url = reverse("school_detail", args=[school_a.district.slug, school_a.pk])
    html = client_for(coordinator_a).get(url).content.decode()
    assert "Наставничество" in html and other_school_a.short_name in html
