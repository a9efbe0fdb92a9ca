"""A school's risk profile page: the director or the coordinator chooses the factors with a
note, the others read; saving adds the sections of new factors to the programme."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.models import Section
from schools.models import RiskFactor, RiskProfile
from schools.services.risk_profiles import risk_profile_save
from tests.factories import RoadmapFactory


def url(school, year=2026):
    return reverse("risk_profile", args=[school.district.slug, school.pk, year])


def catalogue(region):
    return list(RiskFactor.objects.filter(region=region).order_by("position"))


def choose(*pairs, version=""):
    data = {"version": version}
    for factor, note in pairs:
        data[f"factor_{factor.pk}"] = "on"
        data[f"note_{factor.pk}"] = note
    return data


@pytest.mark.django_db
def test_the_director_chooses_factors_and_the_programme_gets_their_sections(
        client_for, director_a, school_a, school_roadmap_a):
    f = catalogue(school_a.district.region)
    client = client_for(director_a)
    page = client.get(url(school_a))
    html = page.content.decode()
    assert page.status_code == 200 and f[0].title in html and school_roadmap_a.title in html
    response = client.post(url(school_a), choose((f[1], "Нет учителя физики"),
                                                 (f[10], "Опрос: 40 % не видят смысла")))
    assert response.status_code == 302
    profile = RiskProfile.objects.get(organization=school_a, year=2026)
    assert dict(profile.factors.values_list("factor_id", "note")) == {
        f[1].pk: "Нет учителя физики", f[10].pk: "Опрос: 40 % не видят смысла"}
    assert list(Section.objects.filter(roadmap=school_roadmap_a).order_by("position")
                .values_list("title", flat=True)) == [f[1].title, f[10].title]
    shown = client.get(response["Location"]).content.decode()
    assert "Рисковый профиль сохранён." in shown
    assert f"добавлены разделы: 1 {f[1].title}; 2 {f[10].title}" in shown

    # unchecking one: the section stays, the person is told
    response = client.post(url(school_a), choose((f[10], "Опрос"), version=profile.version))
    shown = client.get(response["Location"]).content.decode()
    assert f"Раздел 1 «{f[1].title}» программы" in shown
    assert "больше не соответствует профилю" in shown
    assert Section.objects.filter(roadmap=school_roadmap_a).count() == 2


@pytest.mark.django_db
def test_a_checked_factor_without_a_note_is_refused_and_nothing_is_lost(
        client_for, coordinator_a, school_a):
    f = catalogue(school_a.district.region)
    response = client_for(coordinator_a).post(url(school_a), choose((f[0], ""),
                                                                     (f[2], "Курсы не пройдены")))
    html = response.content.decode()
    assert response.status_code == 422
    assert "Кратко напишите, почему этот фактор риска относится к школе." in html
    assert "Курсы не пройдены" in html  # what was typed stays
    assert not RiskProfile.objects.exists()


@pytest.mark.django_db
def test_a_stale_profile_shows_both_versions(client_for, coordinator_a, director_a, school_a):
    f = catalogue(school_a.district.region)
    saved = risk_profile_save(organization=school_a, year=2026, expected_version=None,
                              acting_user=director_a, chosen={f[0].pk: "Старые компьютеры"})
    risk_profile_save(organization=school_a, year=2026, expected_version=saved.profile.version,
                      acting_user=director_a, chosen={f[0].pk: "Нет интернета"})
    response = client_for(coordinator_a).post(
        url(school_a), choose((f[0], "Мой текст"), version=saved.profile.version))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Рисковый профиль уже изменён" in html
    assert "Нет интернета" in html and "Мой текст" in html
    assert dict(RiskProfile.objects.get().factors.values_list("factor_id", "note")) == {
        f[0].pk: "Нет интернета"}


@pytest.mark.django_db
def test_readers_see_the_profile_but_may_not_change_it(
        client_for, school_a, director_a, curator_a, head_a, regional_member):
    f = catalogue(school_a.district.region)
    risk_profile_save(organization=school_a, year=2026, expected_version=None,
                      acting_user=director_a, chosen={f[3].pk: "Один класс-комплект"})
    for user in (curator_a, head_a, regional_member):
        page = client_for(user).get(url(school_a))
        html = page.content.decode()
        assert page.status_code == 200
        assert "Один класс-комплект" in html and 'type="checkbox"' not in html
        assert client_for(user).post(url(school_a), choose((f[0], "Да"))).status_code == 403
    assert RiskProfile.objects.get().factors.count() == 1


@pytest.mark.django_db
def test_another_district_and_another_school_get_404(
        client_for, school_a, other_school_a, coordinator_b, director_a, school_b, body_a):
    f = catalogue(school_a.district.region)
    for user, target in ((coordinator_b, school_a), (director_a, other_school_a),
                         (director_a, school_b)):
        assert client_for(user).get(url(target)).status_code == 404
        assert client_for(user).post(url(target), choose((f[0], "Да"))).status_code == 404
    # the district's slug must be the school's own; a supporting body has no profile
    wrong = reverse("risk_profile", args=[school_b.district.slug, school_a.pk, 2026])
    assert client_for(coordinator_b).get(wrong).status_code == 404
    assert client_for(director_a).get(url(body_a)).status_code == 404
    current = reverse("risk_profile_current", args=[school_a.district.slug, other_school_a.pk])
    assert client_for(director_a).get(current).status_code == 404
    assert client_for(coordinator_b).get(current).status_code == 404
    assert not RiskProfile.objects.exists()


@pytest.mark.django_db
def test_the_school_page_links_to_this_years_profile(client_for, coordinator_a, school_a,
                                                    school_roadmap_a):
    client = client_for(coordinator_a)
    school_page = client.get(reverse("school_detail", args=[school_a.district.slug, school_a.pk]))
    current = reverse("risk_profile_current", args=[school_a.district.slug, school_a.pk])
    assert current in school_page.content.decode()
    response = client.get(current)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("risk_profile", args=[school_a.district.slug, school_a.pk, 0]).removesuffix("0/"))
    programme_page = client.get(reverse("roadmap_detail", args=[school_a.district.slug,
                                                                school_roadmap_a.pk]))
    assert url(school_a, 2026) in programme_page.content.decode()


@pytest.mark.django_db
def test_the_page_costs_the_same_with_5_and_50_factors(client_for, director_a, school_a):
    region = school_a.district.region
    client = client_for(director_a)
    client.get(url(school_a))

    def queries(n):
        have = RiskFactor.objects.filter(region=region).count()
        RiskFactor.objects.bulk_create([RiskFactor(region=region, title=f"Направление {i}",
                                                   position=100 + i) for i in range(have, n)])
        ids = list(RiskFactor.objects.filter(region=region).order_by("position", "id")
                   .values_list("id", flat=True))
        RiskFactor.objects.filter(region=region).update(is_active=False)
        RiskFactor.objects.filter(id__in=ids[:n]).update(is_active=True)
        chosen = {f.pk: "Причина" for f in RiskFactor.objects.filter(region=region,
                                                                    is_active=True)[:n]}
        RiskProfile.objects.filter(organization=school_a).delete()
        risk_profile_save(organization=school_a, year=2026, expected_version=None,
                          acting_user=director_a, chosen=chosen)
        RoadmapFactory(district=school_a.district, school=school_a,
                       period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url(school_a)).content.decode()
        return len(ctx.captured_queries), html.count('type="checkbox"')

    small, large = queries(5), queries(50)
    assert (small[1], large[1]) == (5, 50)
    assert large[0] == small[0]
