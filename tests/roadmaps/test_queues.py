"""Who sees what on the district page and the home page: the municipality's queue, the
district's flagged schools × programme status, the head's «На подпись», a curator's and a
director's share."""
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.models import Order
from schools.models import Role, SchoolList
from schools.services.memberships import curator_assign_schools, membership_grant
from tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    SchoolListEntryFactory,
    SchoolListFactory,
    UserFactory,
)
from tests.support.programmes import T0, Status, programme

YEAR = date.today().year


def district_page(client, district):
    response = client.get(reverse("district_detail", args=[district.slug]))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, heading: str) -> str:
    """The card whose h2 starts with `heading`."""
    for card in re.findall(r'<section class="card[^"]*">(.*?)</section>', html, re.S):
        h2 = re.search(r"<h2>(.*?)</h2>", card, re.S)
        if h2 and re.sub(r"<[^>]+>", "", h2.group(1)).strip().startswith(heading):
            return card
    raise AssertionError(f"no card «{heading}»")


def rows(html: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    out = []
    for row in re.findall(r"<tr>(.*?)</tr>", body.group(1) if body else "", re.S):
        out.append([re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()
                    for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)])
    return out


QUEUE = "Ждут рассмотрения муниципалитетом"
FLAGGED = "Школы из перечней и их программы"


# --- the municipality's queue -------------------------------------------------------------

def test_the_queue_holds_submitted_programmes_the_longest_waiting_first(
        client_for, coordinator_a, district_a):
    late = programme(district_a, Status.SUBMITTED, submitted=T0 + timedelta(days=3), number=2,
                     arrived=T0 + timedelta(days=3), comments=2,
                     school=OrganizationFactory(district=district_a, short_name="МКОУ Поздняя СОШ"))
    early = programme(district_a, Status.SUBMITTED, submitted=T0, arrived=T0,
                      school=OrganizationFactory(district=district_a, short_name="МКОУ Ранняя СОШ"))
    programme(district_a, Status.DRAFT,
              school=OrganizationFactory(district=district_a, short_name="МКОУ Черновая СОШ"))
    programme(district_a, Status.UNDER_REGIONAL_REVIEW, submitted=T0, arrived=T0,
              school=OrganizationFactory(district=district_a, short_name="МКОУ Региональная СОШ"))
    card = section(district_page(client_for(coordinator_a), district_a), QUEUE)
    table = rows(card)
    assert [r[0] for r in table] == ["МКОУ Ранняя СОШ", "МКОУ Поздняя СОШ"]
    # school, programme, submitted (local time of Tomsk, UTC+7), version, waiting since, comments
    assert table[0][2] == "02.03.2026 10:00" and table[0][3] == "№ 1" and table[0][5] == "0"
    assert table[1][2] == "05.03.2026 10:00" and table[1][3] == "№ 2" and table[1][5] == "2"
    assert f'/roadmaps/{early.pk}/' in card and f'/roadmaps/{late.pk}/' in card


def test_an_empty_queue_says_so(client_for, coordinator_a, district_a):
    card = section(district_page(client_for(coordinator_a), district_a), QUEUE)
    assert "ни одна программа не ждёт рассмотрения" in card


def test_a_curator_sees_only_its_schools_in_the_queue_and_the_table(
        client_for, curator_a, district_a, school_a, other_school_a):
    school_list = SchoolListFactory(district=district_a, year=YEAR)
    for school in (school_a, other_school_a):
        SchoolListEntryFactory(school_list=school_list, organization=school)
    programme(district_a, Status.SUBMITTED, school=school_a, submitted=T0, arrived=T0)
    programme(district_a, Status.SUBMITTED, school=other_school_a, submitted=T0, arrived=T0)
    html = district_page(client_for(curator_a), district_a)
    assert [r[0] for r in rows(section(html, QUEUE))] == [school_a.short_name]
    assert [r[0] for r in rows(section(html, FLAGGED))] == [school_a.short_name]
    assert other_school_a.short_name not in html


# --- flagged schools × programme status -----------------------------------------------------

def test_every_flagged_school_is_a_row_with_its_lists_and_programmes(
        client_for, coordinator_a, district_a, school_a, other_school_a):
    low = SchoolListFactory(district=district_a, kind=SchoolList.Kind.LOW_RESULTS, year=YEAR)
    hard = SchoolListFactory(district=district_a, kind=SchoolList.Kind.DIFFICULT_CONDITIONS, year=YEAR)
    mentor = SchoolListFactory(district=district_a, kind=SchoolList.Kind.MENTOR, year=YEAR)
    SchoolListEntryFactory(school_list=low, organization=school_a)
    SchoolListEntryFactory(school_list=hard, organization=school_a)
    SchoolListEntryFactory(school_list=low, organization=other_school_a)
    mentor_school = OrganizationFactory(district=district_a, short_name="МАОУ Наставническая СОШ")
    SchoolListEntryFactory(school_list=mentor, organization=mentor_school)
    gone = OrganizationFactory(district=district_a, short_name="МКОУ Исключённая СОШ")
    SchoolListEntryFactory(school_list=low, organization=gone, excluded_on=date(YEAR, 2, 1))
    p = programme(district_a, Status.RETURNED, school=school_a, title="Программа помощи",
                  period_start=date(YEAR, 1, 1), period_end=date(YEAR, 12, 31))
    programme(district_a, Status.APPROVED, school=other_school_a, title="Прошлогодняя",
              period_start=date(YEAR - 1, 1, 1), period_end=date(YEAR - 1, 12, 31))
    card = section(district_page(client_for(coordinator_a), district_a), FLAGGED)
    assert f"{YEAR} год" in card
    table = rows(card)
    assert [r[0] for r in table] == [school_a.short_name, other_school_a.short_name]
    assert table[0][1] == "ШНОР ШНСУ"
    assert table[0][2].startswith("Программа помощи") and table[0][3] == "возвращена на доработку"
    assert table[1][1:3] == ["ШНОР", "нет программы"]  # last year's programme is not this year's
    assert f'/roadmaps/{p.pk}/' in card
    assert mentor_school.short_name not in card and gone.short_name not in card


def test_without_this_years_lists_the_table_shows_the_latest_year(
        client_for, coordinator_a, district_a, school_a):
    SchoolListEntryFactory(school_list__district=district_a, school_list__year=YEAR - 1,
                           organization=school_a)
    card = section(district_page(client_for(coordinator_a), district_a), FLAGGED)
    assert f"{YEAR - 1} год" in card and [r[0] for r in rows(card)] == [school_a.short_name]


# --- the head's «На подпись» ----------------------------------------------------------------

def _order(district, roadmap, **fields):
    defaults = {"status": Order.Status.DRAFT, "render_state": Order.RenderState.DONE,
                "pdf": "orders/test/order.pdf", "title": "Об утверждении дорожной карты"}
    return Order.objects.create(district=district, roadmap=roadmap, **{**defaults, **fields})


def test_the_head_sees_rendered_draft_orders_and_agreed_programmes(
        client_for, head_a, district_a, roadmap_a, school_a):
    ready = _order(district_a, roadmap_a, title="Приказ готов к подписи")
    _order(district_a, roadmap_a, title="Приказ без файлов", render_state=Order.RenderState.IDLE, pdf="")
    _order(district_a, roadmap_a, title="Приказ уже подписан", status=Order.Status.SIGNED)
    agreed = programme(district_a, Status.AGREED, school=school_a, title="Согласованная программа",
                       arrived=T0)
    programme(district_a, Status.UNDER_REGIONAL_REVIEW, title="Ещё в РРГ")
    client = client_for(head_a)
    for url in (reverse("home"), reverse("district_detail", args=[district_a.slug])):
        html = client.get(url).content.decode()
        card = section(html, "На подпись")
        assert "Приказ готов к подписи" in card
        assert reverse("order_detail", args=[district_a.slug, ready.pk]) in card
        assert "Согласованная программа" in card
        assert reverse("roadmap_detail", args=[district_a.slug, agreed.pk]) in card
        for absent in ("Приказ без файлов", "Приказ уже подписан", "Ещё в РРГ"):
            assert absent not in card


def test_nobody_but_the_head_has_the_list(client_for, coordinator_a, district_a, roadmap_a):
    _order(district_a, roadmap_a)
    html = district_page(client_for(coordinator_a), district_a)
    assert "На подпись" not in html


def test_the_head_of_another_district_does_not_see_ours(client_for, district_a, district_b,
                                                        roadmap_a):
    _order(district_a, roadmap_a, title="Приказ района А")
    head_b = UserFactory(email="head-b@example.ru")
    membership_grant(user=head_b, role=Role.HEAD, district=district_b)
    html = client_for(head_b).get(reverse("home")).content.decode()
    assert "Приказ района А" not in html
    assert "ничего не ждёт вашей подписи" in section(html, "На подпись")


# --- a director sees its school only ---------------------------------------------------------

def test_a_director_sees_its_school_programme_and_the_municipal_roadmap(
        client_for, director_a, school_a, school_roadmap_a, other_school_roadmap_a, roadmap_a):
    client = client_for(director_a)
    for url in (reverse("home"), reverse("school_detail", args=[school_a.district.slug, school_a.pk])):
        html = client.get(url).content.decode()
        assert school_roadmap_a.title in html
        assert reverse("roadmap_detail", args=[roadmap_a.district.slug, roadmap_a.pk]) in html
        assert other_school_roadmap_a.title not in html


def test_a_director_never_opens_another_schools_programme(
        client_for, director_a, other_school_a, other_school_roadmap_a, school_b):
    client = client_for(director_a)
    d = other_school_a.district.slug
    other_b = programme(school_b.district, Status.SUBMITTED, school=school_b)
    for url in (reverse("roadmap_detail", args=[d, other_school_roadmap_a.pk]),
                reverse("school_detail", args=[d, other_school_a.pk]),
                # by id under its own district's address, and under the other district's
                reverse("roadmap_detail", args=[d, other_b.pk]),
                reverse("roadmap_detail", args=[school_b.district.slug, other_b.pk])):
        assert client.get(url).status_code == 404, url


def test_a_director_may_not_open_the_district_pages(client_for, director_a, district_a):
    client = client_for(director_a)
    assert client.get(reverse("district_detail", args=[district_a.slug])).status_code == 403
    assert client.get(reverse("district_programmes", args=[district_a.slug])).status_code == 403


# --- a person with several places sees them all ---------------------------------------------

def test_a_person_with_two_workplaces_sees_both_on_the_home_page(client_for, coordinator_a,
                                                                district_b):
    membership_grant(user=coordinator_a, role=Role.CURATOR, district=district_b)
    html = client_for(coordinator_a).get(reverse("home")).content.decode()
    card = section(html, "Где вы работаете")
    assert "Молчановский район" in card and "Кожевниковский район" in card


def test_one_workplace_needs_no_switcher(client_for, coordinator_a):
    html = client_for(coordinator_a).get(reverse("home")).content.decode()
    assert "Где вы работаете" not in html


# --- query counts: the page's shape, not its size ------------------------------------------

def _fill(district, n, *, year=YEAR, start=0):
    """n flagged schools, each with a programme: submitted ones with comments, some agreed."""
    school_list, _ = SchoolList.objects.get_or_create(district=district, year=year,
                                                      kind=SchoolList.Kind.LOW_RESULTS)
    for i in range(start, start + n):
        school = OrganizationFactory(district=district)
        SchoolListEntryFactory(school_list=school_list, organization=school)
        status = [Status.SUBMITTED, Status.AGREED, Status.DRAFT, Status.UNDER_REGIONAL_REVIEW][i % 4]
        programme(district, status, school=school, submitted=T0, number=1 + i % 3, arrived=T0,
                  comments=i % 2, period_start=date(year, 1, 1), period_end=date(year, 12, 31))


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["coordinator_a", "head_a", "curator_a"])
def test_the_district_page_costs_the_same_at_5_and_50_programmes(request, client, district_a,
                                                                 roadmap_a, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    url = reverse("district_detail", args=[district_a.slug])
    _fill(district_a, 5)
    _order(district_a, roadmap_a)
    if who == "curator_a":
        curator_assign_schools(curator=user, district=district_a,
                               schools=list(district_a.organizations.all()))
    small = _count(client, url)
    _fill(district_a, 45, start=5)
    for _ in range(3):
        _order(district_a, roadmap_a)
    if who == "curator_a":
        curator_assign_schools(curator=user, district=district_a,
                               schools=list(district_a.organizations.all()))
    assert _count(client, url) == small


@pytest.mark.parametrize("who", ["coordinator_a", "head_a", "regional_member", "director_a"])
def test_the_home_page_costs_the_same_at_5_and_50_programmes_and_more_districts(
        request, client, region, district_a, district_b, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    _fill(district_a, 5)
    small = _count(client, reverse("home"))
    _fill(district_a, 45, start=5)
    for d in [district_b, *DistrictFactory.create_batch(3, region=region)]:
        _fill(d, 5)
    assert _count(client, reverse("home")) == small
