"""A ticked school-list appendix that will not print is said so, on the compose page next to
its checkbox and on the order's page, instead of silently vanishing from the order."""
from datetime import date

import pytest
from django.urls import reverse

from roadmaps.documents.build import build_order_document, school_list_availability
from roadmaps.documents.data import SchoolListAvailability
from roadmaps.models import Order
from roadmaps.services import orders
from schools.models import SchoolList, SchoolListEntry
from tests.factories import RoadmapFactory

NO_LIST_2024 = "Перечня школ за 2024 год нет (ШНОР, ШНСУ) — приложение не будет напечатано."
LABELS = {"low_results": "ШНОР", "difficult_conditions": "ШНСУ", "risk_group": "«Группа риска»"}


def _lists(schools: dict, first=2024, last=2024):
    return SchoolListAvailability(first_year=first, last_year=last, schools=schools,
                                  labels=LABELS)


# --- the rules, pure ---------------------------------------------------------------------

def test_no_list_for_the_years_of_the_selected_kinds():
    lists = _lists({"risk_group": 3})

    assert lists.notice(include=True, kinds=["low_results", "difficult_conditions"],
                        stamp=False) == NO_LIST_2024
    assert lists.notice(include=True, kinds=["risk_group"], stamp=False) == ""
    assert lists.notice(include=False, kinds=["low_results"], stamp=False) == ""


def test_lists_without_schools_nothing_selected_and_the_stamp_form():
    lists = _lists({"low_results": 0}, 2023, 2024)

    assert lists.notice(include=True, kinds=["low_results"], stamp=False) == (
        "В перечнях школ за 2023–2024 годы (ШНОР) нет ни одной школы — приложение не будет "
        "напечатано.")
    assert lists.notice(include=True, kinds=[], stamp=False) == (
        "Не выбран ни один перечень — приложение не будет напечатано.")
    assert "«УТВЕРЖДАЮ»" in lists.notice(include=True, kinds=["low_results"], stamp=True)
    assert lists.kind_note("low_results") == "в перечне нет школ"
    assert lists.kind_note("difficult_conditions") == "нет перечня"


# --- from the database -------------------------------------------------------------------

@pytest.fixture
def roadmap_2024(district_a):
    return RoadmapFactory(district=district_a, title="Дорожная карта на 2024 год",
                          period_start=date(2024, 1, 1), period_end=date(2024, 12, 31))


def _entry(district, school, kind, year, **fields):
    school_list, _ = SchoolList.objects.get_or_create(district=district, kind=kind, year=year)
    return SchoolListEntry.objects.create(district=district, school_list=school_list,
                                          organization=school, **fields)


def test_the_availability_counts_what_the_appendix_would_print(roadmap_2024, district_a,
                                                               school_a, other_school_a):
    _entry(district_a, school_a, SchoolList.Kind.LOW_RESULTS, 2024)
    _entry(district_a, other_school_a, SchoolList.Kind.DIFFICULT_CONDITIONS, 2024,
           included_on=date(2022, 1, 1), excluded_on=date(2023, 6, 1))  # left before 2024
    _entry(district_a, other_school_a, SchoolList.Kind.RISK_GROUP, 2023)  # another year

    lists = school_list_availability(roadmap_2024)

    assert lists.schools == {"low_results": 1, "difficult_conditions": 0}
    assert lists.years == "за 2024 год"


def test_the_compose_page_warns_next_to_the_checkbox(client_for, coordinator_a, roadmap_2024):
    page = client_for(coordinator_a).get(
        reverse("order_new", args=[roadmap_2024.district.slug, roadmap_2024.pk]))
    html = page.content.decode()

    assert page.status_code == 200
    assert NO_LIST_2024 in html
    checkbox, notice, kinds = (html.index('name="include_school_list"'),
                               html.index('id="school-list-notice"'), html.index('class="kinds"'))
    assert checkbox < notice < kinds
    assert "(нет перечня)" in html


def test_the_compose_page_says_nothing_when_the_list_prints(client_for, coordinator_a,
                                                             roadmap_2024, district_a, school_a):
    _entry(district_a, school_a, SchoolList.Kind.LOW_RESULTS, 2024)
    page = client_for(coordinator_a).get(
        reverse("order_new", args=[roadmap_2024.district.slug, roadmap_2024.pk]))
    html = page.content.decode()

    assert "приложение не будет напечатано" not in html.split('id="school-list-data"')[0]
    assert '<div id="school-list-notice" hidden' in html


def test_the_order_page_warns_about_the_missing_appendix(client_for, coordinator_a,
                                                        roadmap_2024):
    order = orders.order_create_draft(roadmap=roadmap_2024, acting_user=coordinator_a)
    assert order.include_school_list
    assert [a.kind for a in build_order_document(order).appendices] == ["roadmap"]

    page = client_for(coordinator_a).get(
        reverse("order_detail", args=[order.district.slug, order.pk]))

    assert NO_LIST_2024 in page.content.decode()


def test_the_order_page_is_quiet_when_the_appendix_is_not_wanted(client_for, coordinator_a,
                                                                 roadmap_2024):
    order = orders.order_create_draft(roadmap=roadmap_2024, acting_user=coordinator_a,
                                      include_school_list=False)
    page = client_for(coordinator_a).get(
        reverse("order_detail", args=[order.district.slug, order.pk]))

    assert "приложение не будет напечатано" not in page.content.decode()


def test_the_stamp_form_says_the_list_is_not_part_of_it(client_for, coordinator_a, roadmap_2024,
                                                       district_a, school_a):
    _entry(district_a, school_a, SchoolList.Kind.LOW_RESULTS, 2024)
    order = orders.order_create_draft(roadmap=roadmap_2024, acting_user=coordinator_a,
                                      layout=Order.Layout.APPROVAL_STAMP)
    page = client_for(coordinator_a).get(
        reverse("order_detail", args=[order.district.slug, order.pk]))

    assert "В форме «УТВЕРЖДАЮ» печатается только дорожная карта" in page.content.decode()
