"""Every district page keeps the district's sub-menu (one include): the overview, roadmaps,
lists and, for the coordinator, mentors, organisations, curators and imports."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import SchoolListFactory
from tests.schools.test_school_list_import import TABLE
from tests.support.seeds import seed_text

SUBNAV = re.compile(r'<nav class="subnav"[^>]*>(.*?)</nav>', re.S)
EVERYONE = ["Обзор", "Дорожные карты", "Перечни школ"]
COORDINATOR = EVERYONE + ["Наставничество", "Организации", "Кураторы", "Импорт"]


def submenu(html: str) -> tuple[list[str], list[str]]:
    """(the items, the current one) of the page's only sub-menu."""
    navs = SUBNAV.findall(html)
    assert len(navs) == 1, f"{len(navs)} sub-menus"
    items = re.findall(r"<a [^>]*>([^<]+)</a>", navs[0])
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', navs[0])
    return items, current


def roadmap_preview(client, district):
    return client.post(reverse("roadmap_import", args=[district.slug]), {"text": seed_text("000")}).url


def list_preview(client, district):
    return client.post(reverse("school_list_import", args=[district.slug]), {
        "kind": "red_zone", "year": 2025, "source_document": "",
        "file": SimpleUploadedFile("list.txt", TABLE.encode())}).url


def coordinator_pages(client, district, school, school_list):
    d = district.slug
    return [
        (reverse("district_detail", args=[d]), "Обзор"),
        (reverse("roadmap_list", args=[d]), "Дорожные карты"),
        (reverse("list_index", args=[d]), "Перечни школ"),
        (reverse("list_new", args=[d]), "Перечни школ"),
        (reverse("list_detail", args=[d, school_list.pk]), "Перечни школ"),
        (reverse("mentor_pairs", args=[d]), "Наставничество"),
        (reverse("organization_list", args=[d]), "Организации"),
        (reverse("organization_new", args=[d]), "Организации"),
        (reverse("organization_edit", args=[d, school.pk]), "Организации"),
        (reverse("curators", args=[d]), "Кураторы"),
        (reverse("roadmap_import", args=[d]), "Импорт"),
        (roadmap_preview(client, district), "Импорт"),
        (reverse("school_list_import", args=[d]), "Импорт"),
        (list_preview(client, district), "Импорт"),
    ]


def test_every_district_page_of_the_coordinator_keeps_the_submenu(client_for, coordinator_a,
                                                                  district_a, school_a):
    client = client_for(coordinator_a)
    school_list = SchoolListFactory(district=district_a)
    for url, current in coordinator_pages(client, district_a, school_a, school_list):
        response = client.get(url)
        assert response.status_code == 200, url
        assert submenu(response.content.decode()) == (COORDINATOR, [current]), url


def test_another_districts_coordinator_gets_404_on_each_of_those_pages(client, coordinator_a,
                                                                     coordinator_b, district_a,
                                                                     school_a):
    client.force_login(coordinator_a)
    pages = coordinator_pages(client, district_a, school_a, SchoolListFactory(district=district_a))
    client.force_login(coordinator_b)
    for url, _ in pages:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("role", ["head_a", "curator_a", "regional_member"])
def test_the_districts_readers_get_the_submenu_without_the_coordinators_pages(request, client, role,
                                                                              district_a):
    client.force_login(request.getfixturevalue(role))
    school_list = SchoolListFactory(district=district_a)
    for url in (reverse("district_detail", args=[district_a.slug]),
                reverse("roadmap_list", args=[district_a.slug]),
                reverse("list_index", args=[district_a.slug]),
                reverse("list_detail", args=[district_a.slug, school_list.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert submenu(response.content.decode())[0] == EVERYONE, url


def test_the_submenu_asks_the_database_nothing(coordinator_a, district_a, django_assert_num_queries):
    from core.access import grants_for

    request = RequestFactory().get("/")
    request.user = coordinator_a
    grants_for(coordinator_a)  # read once per request by the page itself
    template = Template('{% include "schools/_lists_nav.html" with active="lists" %}')
    with django_assert_num_queries(0):
        html = template.render(Context({"request": request, "district": district_a}))
    assert submenu(html) == (COORDINATOR, ["Перечни школ"])
