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
