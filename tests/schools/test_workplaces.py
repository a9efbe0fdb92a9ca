"""Where a person works: the selector behind the top bar's «Место работы» switcher."""
from django.urls import reverse

from schools.models import Role
from schools.selectors.workplaces import current_workplace, workplaces
from schools.services.memberships import membership_grant


def test_a_coordinator_of_one_district_has_one_workplace(coordinator_a, district_a,
                                                         django_assert_num_queries):
    with django_assert_num_queries(1):
        places = workplaces(coordinator_a)
    assert [(p.label, p.role_label, p.url) for p in places] == [
        (district_a.name, "муниципальный координатор",
         reverse("district_detail", args=[district_a.slug]))]


def test_a_person_of_two_districts_a_school_and_a_region_has_four(
        coordinator_a, district_b, school_a, region, django_assert_num_queries):
    membership_grant(user=coordinator_a, role=Role.CURATOR, district=district_b)
    membership_grant(user=coordinator_a, role=Role.DIRECTOR, organization=school_a)
    membership_grant(user=coordinator_a, role=Role.REGIONAL, region=region)
    with django_assert_num_queries(1):
        places = workplaces(coordinator_a)
    assert [p.kind for p in places] == ["district", "district", "school", "region"]
    assert {p.role_label for p in places} == {
        "муниципальный координатор", "куратор", "директор школы",
        "член региональной рабочей группы"}
    school = next(p for p in places if p.kind == "school")
    assert school.url == reverse("school_detail", args=[school_a.district.slug, school_a.pk])
    assert next(p for p in places if p.kind == "region").url == reverse(
        "region_detail", args=[region.slug])


def test_two_roles_in_one_district_are_one_workplace_named_by_the_stronger(
        curator_a, district_a):
    membership_grant(user=curator_a, role=Role.COORDINATOR, district=district_a)
    places = workplaces(curator_a)
    assert len(places) == 1 and places[0].role_label == "муниципальный координатор"


def test_an_anonymous_visitor_has_none(django_user_model):
    from django.contrib.auth.models import AnonymousUser
    assert workplaces(AnonymousUser()) == []


def test_the_current_one_is_the_open_page_then_the_chosen_then_the_first(
        coordinator_a, district_b, school_a):
    membership_grant(user=coordinator_a, role=Role.CURATOR, district=district_b)
    membership_grant(user=coordinator_a, role=Role.DIRECTOR, organization=school_a)
    places = workplaces(coordinator_a)
    district_a_place, district_b_place, school_place = places
    assert current_workplace(places, path=school_place.url + "roadmaps/") == school_place
    assert current_workplace(places, path=district_b_place.url + "roadmaps/") == district_b_place
    assert current_workplace(places, chosen=district_b_place.key, path="/") == district_b_place
    assert current_workplace(places, chosen="district:0", path="/") == places[0]
    assert current_workplace([], path="/") is None


# --- the top bar's switcher ----------------------------------------------------------------

def _two_places(coordinator_a, district_b, school_a):
    membership_grant(user=coordinator_a, role=Role.CURATOR, district=district_b)
    membership_grant(user=coordinator_a, role=Role.DIRECTOR, organization=school_a)


def test_pages_load_the_switcher_lazily_and_pay_no_query_for_it(client_for, coordinator_a,
                                                                district_a):
    html = client_for(coordinator_a).get(reverse("district_detail", args=[district_a.slug])).content.decode()
    assert f'hx-get="{reverse("workplace_switch")}"' in html
    assert 'hx-trigger="load"' in html and "Место работы" not in html


def test_one_workplace_shows_nothing(client_for, coordinator_a):
    response = client_for(coordinator_a).get(reverse("workplace_switch"))
    assert response.status_code == 200 and response.content.decode().strip() == ""


def test_several_workplaces_show_the_switcher_with_the_current_one_marked(
        client_for, coordinator_a, district_a, district_b, school_a):
    _two_places(coordinator_a, district_b, school_a)
    client = client_for(coordinator_a)
    here = reverse("district_detail", args=[district_b.slug])
    # htmx names the page under the top bar in HX-Current-URL
    html = client.get(reverse("workplace_switch"),
                      headers={"HX-Current-URL": f"http://testserver{here}"}).content.decode()
    assert f"Место работы:</span> {district_b.name}" in html
    assert html.count("<button") == 3 and html.count('aria-current="true"') == 1
    assert f'value="district:{district_b.pk}" aria-current="true"' in html
    assert school_a.short_name in html and "директор школы" in html


def test_choosing_a_workplace_is_remembered_and_opens_its_page(
        client_for, coordinator_a, district_a, district_b, school_a):
    _two_places(coordinator_a, district_b, school_a)
    client = client_for(coordinator_a)
    response = client.post(reverse("workplace_choose"), {"place": f"school:{school_a.pk}"})
    assert response["Location"] == reverse("school_detail", args=[district_a.slug, school_a.pk])
    assert client.session["workplace"] == f"school:{school_a.pk}"
    html = client.get(reverse("workplace_switch"),
                      headers={"HX-Current-URL": "http://testserver/"}).content.decode()
    assert f"Место работы:</span> {school_a.short_name}" in html


def test_a_place_that_is_not_ones_own_cannot_be_chosen(client_for, coordinator_a, district_b):
    client = client_for(coordinator_a)
    assert client.post(reverse("workplace_choose"),
                       {"place": f"district:{district_b.pk}"}).status_code == 404
    assert "workplace" not in client.session


def test_the_switcher_needs_a_signed_in_person(client):
    assert client.get(reverse("workplace_switch")).status_code == 302


def test_the_switcher_query_count_does_not_grow_with_workplaces(client_for, coordinator_a, region):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import DistrictFactory, OrganizationFactory

    client = client_for(coordinator_a)

    def add(n):
        for _ in range(n):
            district = DistrictFactory(region=region)
            membership_grant(user=coordinator_a, role=Role.CURATOR, district=district)
            membership_grant(user=coordinator_a, role=Role.DIRECTOR,
                             organization=OrganizationFactory(district=district))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(reverse("workplace_switch")).content.decode()
        return len(ctx.captured_queries), html.count("<button")

    add(2)
    small, buttons = count()
    assert buttons == 5
    add(23)
    assert count() == (small, 51)
