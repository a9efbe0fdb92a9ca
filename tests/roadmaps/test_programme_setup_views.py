"""The pages of setting up school programmes: «Создать программы школ» for a list, and
«Заполнить из шаблона» on a programme. Who may, who may not, another district's 404s and
query counts that do not grow with the list."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.models import Measure, Roadmap
from roadmaps.services.measures import measure_create
from schools.models import SchoolListEntry
from tests.factories import OrganizationFactory, RoadmapFactory, SchoolListFactory

FORM = {"title_kind": "Антирисковая программа", "period_start": "01.01.2026",
        "period_end": "31.12.2026", "numbering": "hierarchical"}


@pytest.fixture
def school_list(district_a, school_a, other_school_a):
    flagged = SchoolListFactory(district=district_a, year=2026)
    for org in (school_a, other_school_a):
        SchoolListEntry.objects.create(district=district_a, school_list=flagged, organization=org)
    return flagged


def new_url(school_list):
    return reverse("programmes_new", args=[school_list.district.slug, school_list.pk])


@pytest.mark.django_db
def test_the_coordinator_sees_the_preview_and_creates_the_programmes(
        client_for, coordinator_a, school_list, school_a, other_school_a):
    existing = RoadmapFactory(district=school_a.district, school=school_a,
                              title="Программа помощи Кармаклинской СОШ")
    client = client_for(coordinator_a)
    page = client.get(new_url(school_list))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Антирисковая программа МКОУ Тополевская ООШ на 2026 год" in html
    assert "пропущена: уже есть" in html
    assert reverse("roadmap_detail", args=[school_a.district.slug, existing.pk]) in html
    assert 'value="01.01.2026"' in html and 'value="31.12.2026"' in html
    listed = client.get(reverse("list_detail", args=[school_list.district.slug, school_list.pk]))
    assert new_url(school_list) in listed.content.decode()

    response = client.post(new_url(school_list), FORM)
    assert response.status_code == 302
    created = Roadmap.objects.get(school=other_school_a)
    assert created.title == "Антирисковая программа МКОУ Тополевская ООШ на 2026 год"
    assert Roadmap.objects.filter(school=school_a).count() == 1
    followed = client.get(response["Location"])
    assert "Создано программ: 1." in followed.content.decode()


@pytest.mark.django_db
def test_the_preview_follows_the_period_with_htmx(client_for, coordinator_a, school_list):
    response = client_for(coordinator_a).get(
        new_url(school_list), {**FORM, "title_kind": "Программа помощи",
                               "period_start": "01.09.2026", "period_end": "31.05.2027"},
        HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Программа помощи МКОУ Кармаклинская СОШ на 2026–2027 годы" in html
    wrong = client_for(coordinator_a).get(new_url(school_list), {**FORM, "period_end": "01.01.2025"},
                                          HTTP_HX_REQUEST="true").content.decode()
    assert "Конец периода раньше его начала. Показан период по умолчанию." in wrong


@pytest.mark.django_db
def test_an_impossible_period_is_refused_in_russian_and_nothing_is_created(
        client_for, coordinator_a, school_list):
    response = client_for(coordinator_a).post(new_url(school_list), {
        **FORM, "period_start": "31.12.2026", "period_end": "01.01.2026"})
    assert response.status_code == 422
    assert "Конец периода раньше его начала." in response.content.decode()
    response = client_for(coordinator_a).post(new_url(school_list), {
        **FORM, "period_start": "31.02.2026"})
    assert response.status_code == 422
    assert "Дата в виде 01.01.2026." in response.content.decode()
    assert not Roadmap.objects.exists()


@pytest.mark.django_db
def test_another_district_gets_404_and_other_roles_may_not_create(
        client_for, school_list, coordinator_b, curator_a, head_a, regional_member, director_a):
    url = new_url(school_list)
    assert client_for(coordinator_b).get(url).status_code == 404
    assert client_for(coordinator_b).post(url, FORM).status_code == 404
    other_slug = reverse("programmes_new", args=[coordinator_b_slug(coordinator_b), school_list.pk])
    assert client_for(coordinator_b).get(other_slug).status_code == 404
    assert client_for(director_a).get(url).status_code == 404
    for user in (curator_a, head_a, regional_member):
        assert client_for(user).get(url).status_code == 403
        assert client_for(user).post(url, FORM).status_code == 403
    assert not Roadmap.objects.exists()


def coordinator_b_slug(user):
    return user.memberships.get().district.slug


def _plan_queries(client, school_list, n):
    district = school_list.district
    for _ in range(n - SchoolListEntry.objects.filter(school_list=school_list).count()):
        org = OrganizationFactory(district=district)
        SchoolListEntry.objects.create(district=district, school_list=school_list, organization=org)
        RoadmapFactory(district=district, school=org)  # every other one is skipped, with a link
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(new_url(school_list))
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode().count("<tr class=\"plan-")


@pytest.mark.django_db
def test_the_preview_costs_the_same_at_5_and_50_schools(client_for, coordinator_a, school_list):
    client = client_for(coordinator_a)
    client.get(new_url(school_list))  # the session and the grants are warm
    small, rows_small = _plan_queries(client, school_list, 5)
    large, rows_large = _plan_queries(client, school_list, 50)
    assert (rows_small, rows_large) == (5, 50)
    assert large == small


# --- from a template --------------------------------------------------------------------

@pytest.fixture
def source(district_a, other_school_a):
    last = RoadmapFactory(district=district_a, school=other_school_a, status="approved",
                          title="Программа помощи Тополевской ООШ на 2025 год",
                          period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    measure_create(roadmap=last, text="Педсовет по итогам ВПР", deadline_text="Май 2025",
                   acting_user=None)
    return last


def template_url(roadmap):
    return reverse("programme_template", args=[roadmap.district.slug, roadmap.pk])


@pytest.mark.django_db
def test_the_director_fills_its_programme_from_a_previous_one(
        client_for, director_a, coordinator_a, school_roadmap_a, source):
    page = client_for(coordinator_a).get(template_url(school_roadmap_a))
    html = page.content.decode()
    assert page.status_code == 200 and source.title in html and "МКОУ Тополевская ООШ" in html
    detail = client_for(coordinator_a).get(
        reverse("roadmap_detail", args=[school_roadmap_a.district.slug, school_roadmap_a.pk]))
    assert template_url(school_roadmap_a) in detail.content.decode()
    response = client_for(coordinator_a).post(template_url(school_roadmap_a), {"source": source.pk})
    assert response.status_code == 302
    copied = Measure.objects.get(roadmap=school_roadmap_a)
    assert (copied.text, copied.deadline_text) == ("Педсовет по итогам ВПР", "Май 2026")


@pytest.mark.django_db
def test_a_director_sees_only_its_school_and_a_foreign_source_is_refused(
        client_for, director_a, school_roadmap_a, other_school_roadmap_a, source, school_b):
    client = client_for(director_a)
    # the director does not see the other school's programmes: no template, no page
    assert client.get(template_url(other_school_roadmap_a)).status_code == 404
    page = client.get(template_url(school_roadmap_a))
    assert page.status_code == 200 and source.title not in page.content.decode()
    response = client.post(template_url(school_roadmap_a), {"source": source.pk})
    assert response.status_code == 422
    assert "Этой программы нет среди доступных образцов." in response.content.decode()
    foreign = RoadmapFactory(district=school_b.district, school=school_b, status="approved",
                             period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    assert client.post(template_url(school_roadmap_a), {"source": foreign.pk}).status_code == 422
    assert not Measure.objects.filter(roadmap=school_roadmap_a).exists()


@pytest.mark.django_db
def test_template_page_404_for_another_district_403_for_readers(
        client_for, school_roadmap_a, source, coordinator_b, curator_a, head_a, regional_member):
    url = template_url(school_roadmap_a)
    for user in (coordinator_b,):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).post(url, {"source": source.pk}).status_code == 404
    for user in (curator_a, head_a, regional_member):
        assert client_for(user).get(url).status_code == 403
        assert client_for(user).post(url, {"source": source.pk}).status_code == 403
    assert not Measure.objects.filter(roadmap=school_roadmap_a).exists()


@pytest.mark.django_db
def test_the_template_list_costs_the_same_at_5_and_50_sources(
        client_for, coordinator_a, school_roadmap_a, district_a):
    client = client_for(coordinator_a)
    url = template_url(school_roadmap_a)
    client.get(url)

    def queries(n):
        while Roadmap.objects.filter(district=district_a, period_start__year=2025).count() < n:
            last = RoadmapFactory(district=district_a, school=OrganizationFactory(district=district_a),
                                  period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
            measure_create(roadmap=last, text="Мероприятие", acting_user=None)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        return len(ctx.captured_queries), html.count('name="source"')

    small, large = queries(5), queries(50)
    assert (small[1], large[1]) == (5, 50)
    assert large[0] == small[0]
