"""The coordinator's list pages: organisations, lists with htmx rows, mentor pairs, curators."""
import pytest
from django.urls import reverse

from schools.models import MentorPair, Organization, SchoolList, SchoolListEntry

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def test_the_organisation_list_shows_schools_and_bodies(client_for, coordinator_a, school_a, body_a):
    html = client_for(coordinator_a).get(
        reverse("organization_list", args=[school_a.district.slug])).content.decode()
    assert school_a.short_name in html and body_a.short_name in html
    assert "организация поддержки" in html


def test_a_coordinator_adds_a_supporting_body(client_for, coordinator_a, district_a):
    response = client_for(coordinator_a).post(reverse("organization_new", args=[district_a.slug]), {
        "kind": "supporting_body", "short_name": "Ресурсный центр",
        "full_name": "Муниципальный ресурсный центр", "abbreviations": "РЦ", "is_active": "on"})
    assert response.status_code == 302
    assert Organization.objects.get(short_name="Ресурсный центр").kind == "supporting_body"


def test_a_duplicate_short_name_is_refused_in_russian(client_for, coordinator_a, school_a):
    response = client_for(coordinator_a).post(reverse("organization_new", args=[school_a.district.slug]), {
        "kind": "school", "short_name": school_a.short_name.upper(), "full_name": "Другая"})
    assert response.status_code == 422
    assert "с таким кратким наименованием уже есть" in response.content.decode()


def test_a_coordinator_edits_an_organisation(client_for, coordinator_a, school_a):
    client_for(coordinator_a).post(reverse("organization_edit", args=[school_a.district.slug, school_a.pk]), {
        "kind": "school", "short_name": school_a.short_name, "full_name": school_a.full_name,
        "director_name": "Еремина Н. Н.", "fis_oko_login": "sch700101",
        "email": "KARMAKLY@example.ru", "is_active": "on", "version": school_a.version})
    school_a.refresh_from_db()
    assert (school_a.director_name, school_a.email) == ("Еремина Н. Н.", "karmakly@example.ru")


def test_a_coordinator_creates_a_list_and_adds_a_school_in_place(client_for, coordinator_a,
                                                                 district_a, school_a):
    client = client_for(coordinator_a)
    response = client.post(reverse("list_new", args=[district_a.slug]),
                           {"kind": "difficult_conditions", "year": "2026",
                            "source_document": "приказ от 09.02.2026 № 217"})
    school_list = SchoolList.objects.get(kind="difficult_conditions")
    assert response.url == reverse("list_detail", args=[district_a.slug, school_list.pk])
    html = client.post(reverse("entry_new", args=[district_a.slug, school_list.pk]), {
        "organization": school_a.pk, "reason": "Неблагоприятные условия",
        "included_on": "2026-02-09"}, **HX).content.decode()
    assert html.startswith('<div id="entries">') and "1 школа" in html
    assert "09.02.2026" in html


def test_the_same_list_twice_is_refused(client_for, coordinator_a, list_entry_a):
    school_list = list_entry_a.school_list
    response = client_for(coordinator_a).post(reverse("list_new", args=[school_list.district.slug]),
                                              {"kind": school_list.kind, "year": school_list.year})
    assert response.status_code == 422 and "уже есть" in response.content.decode()


def test_an_entry_is_edited_in_place(client_for, coordinator_a, list_entry_a):
    client = client_for(coordinator_a)
    url = reverse("entry_edit", args=[list_entry_a.district.slug, list_entry_a.pk])
    assert 'data-editing' in client.get(url, **HX).content.decode()
    html = client.post(url, {"reason": "Вышла по итогам года", "included_on": "2026-01-15",
                             "excluded_on": "2026-12-20"}, **HX).content.decode()
    assert "20.12.2026" in html and "Вышла по итогам года" in html


def test_a_date_out_before_the_date_in_is_refused(client_for, coordinator_a, list_entry_a):
    response = client_for(coordinator_a).post(
        reverse("entry_edit", args=[list_entry_a.district.slug, list_entry_a.pk]),
        {"reason": "", "included_on": "2026-05-01", "excluded_on": "2026-01-01"}, **HX)
    assert response.status_code == 422
    assert "Дата исключения раньше даты включения." in response.content.decode()


def test_an_entry_is_removed(client_for, coordinator_a, list_entry_a):
    client_for(coordinator_a).post(
        reverse("entry_remove", args=[list_entry_a.district.slug, list_entry_a.pk]), **HX)
    assert not SchoolListEntry.objects.exists()


def test_mentor_pairs_are_added_and_removed(client_for, coordinator_a, district_a, school_a,
                                            other_school_a):
    client = client_for(coordinator_a)
    url = reverse("mentor_pairs", args=[district_a.slug])
    client.post(url, {"year": "2026", "mentor": school_a.pk, "mentee": other_school_a.pk})
    pair = MentorPair.objects.get()
    assert "МКОУ Тополевская ООШ" in client.get(url, {"year": 2026}).content.decode()
    client.post(url, {"year": "2026", "remove": pair.pk})
    assert not MentorPair.objects.exists()


def test_a_school_cannot_be_paired_with_itself(client_for, coordinator_a, district_a, school_a):
    response = client_for(coordinator_a).post(reverse("mentor_pairs", args=[district_a.slug]),
                                              {"year": "2026", "mentor": school_a.pk,
                                               "mentee": school_a.pk})
    assert response.status_code == 422
    assert "наставником самой себе" in response.content.decode()


def test_the_coordinator_assigns_a_curators_schools(client_for, coordinator_a, curator_a,
                                                   district_a, school_a, other_school_a):
    client = client_for(coordinator_a)
    url = reverse("curators", args=[district_a.slug])
    assert curator_a.email in client.get(url).content.decode()
    client.post(url, {"curator": curator_a.pk, "schools": [other_school_a.pk]})
    from core.access import grants_for

    curator_a.__dict__.pop("_access_grants", None)
    assert grants_for(curator_a).followed_schools == frozenset({other_school_a.pk})


def test_a_curators_page_ignores_a_stranger(client_for, coordinator_a, district_a, coordinator_b):
    response = client_for(coordinator_a).post(reverse("curators", args=[district_a.slug]),
                                              {"curator": coordinator_b.pk})
    assert response.status_code == 404


def test_a_curator_sees_only_followed_schools_on_a_list(client_for, curator_a, district_a,
                                                        school_a, other_school_a):
    from tests.factories import SchoolListEntryFactory, SchoolListFactory

    school_list = SchoolListFactory(district=district_a)
    SchoolListEntryFactory(school_list=school_list, organization=school_a)
    SchoolListEntryFactory(school_list=school_list, organization=other_school_a)
    html = client_for(curator_a).get(
        reverse("list_detail", args=[district_a.slug, school_list.pk])).content.decode()
    assert school_a.short_name in html and other_school_a.short_name not in html
    assert "Добавить школу" not in html
