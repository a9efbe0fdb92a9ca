"""A flagged-school list's row forms show every field's error in Russian, in the row, and a
saved list is named without doubled quotes."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.models import SchoolList, SchoolListEntry
from tests.factories import SchoolListFactory
from tests.schools.test_school_list_import import TABLE

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}
INVALID_DATE = "Введите правильную дату."


@pytest.mark.parametrize("field", ["included_on", "excluded_on"])
def test_an_impossible_date_in_the_row_form_is_explained_in_the_row(client_for, coordinator_a,
                                                                    list_entry_a, field):
    data = {"reason": "Низкие результаты", "included_on": "01.02.2026", "excluded_on": ""}
    data[field] = "31.02.2026"
    response = client_for(coordinator_a).post(
        reverse("entry_edit", args=[list_entry_a.district.slug, list_entry_a.pk]), data, **HX)
    html = response.content.decode()
    assert response.status_code == 422
    assert html.startswith(f'<tr id="entry-{list_entry_a.pk}" class="editing"')  # the row, still editing
    assert html.count(INVALID_DATE) == 1
    assert 'value="31.02.2026"' in html  # what was typed stays to be corrected
    list_entry_a.refresh_from_db()
    assert list_entry_a.reason == "Низкие результаты ОГЭ"


def test_an_impossible_date_when_adding_a_school_is_explained(client_for, coordinator_a, district_a,
                                                             school_a):
    school_list = SchoolListFactory(district=district_a)
    response = client_for(coordinator_a).post(
        reverse("entry_new", args=[district_a.slug, school_list.pk]),
        {"organization": school_a.pk, "reason": "", "included_on": "31.02.2026"}, **HX)
    html = response.content.decode()
    assert response.status_code == 422
    assert html.startswith('<div id="entries">') and INVALID_DATE in html
    assert not SchoolListEntry.objects.exists()


def test_another_districts_coordinator_gets_404_on_the_row_form(client_for, coordinator_b,
                                                               list_entry_a):
    url = reverse("entry_edit", args=[list_entry_a.district.slug, list_entry_a.pk])
    assert client_for(coordinator_b).post(url, {"included_on": "31.02.2026"}, **HX).status_code == 404


def test_a_saved_imported_list_is_named_without_doubled_quotes(client_for, coordinator_a, district_a):
    client = client_for(coordinator_a)
    preview = client.post(reverse("school_list_import", args=[district_a.slug]), {
        "kind": "red_zone", "year": 2026, "source_document": "",
        "file": SimpleUploadedFile("list.txt", TABLE.encode())}).url
    page = client.post(preview, {"confirm": "1"}, follow=True).content.decode()
    assert "Перечень «Красная зона» 2026 сохранён" in page
    assert "««" not in page and "»»" not in page


def test_the_same_list_twice_is_refused_without_doubled_quotes(client_for, coordinator_a, district_a):
    SchoolListFactory(district=district_a, kind=SchoolList.Kind.RED_ZONE, year=2026)
    response = client_for(coordinator_a).post(reverse("list_new", args=[district_a.slug]),
                                              {"kind": "red_zone", "year": "2026"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Перечень «Красная зона» на 2026 год уже есть." in html
