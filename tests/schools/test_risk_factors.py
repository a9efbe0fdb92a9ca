"""The region's risk-factor catalogue: its working group renames, adds, retires, brings
back and reorders the risk directions; nobody else sees the page."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditRecord
from schools.models import DEFAULT_RISK_FACTORS, RiskFactor, RiskProfile, RiskProfileFactor, Role
from schools.selectors.risk_factors import offered_risk_factors
from schools.services.risk_factors import (
    risk_factor_create,
    risk_factor_move,
    risk_factor_rename,
    risk_factor_set_active,
)
from tests.conftest import _person
from tests.factories import RegionFactory, UserFactory

HX = {"HTTP_HX_REQUEST": "true"}


def _url(name, region, *args):
    return reverse(name, args=[region.slug, *args])


def _titles(region):
    return list(RiskFactor.objects.filter(region=region).order_by("position", "id")
                .values_list("title", flat=True))


def _first(region):
    return RiskFactor.objects.filter(region=region).order_by("position", "id").first()


# --- who sees the page -------------------------------------------------------------------

@pytest.mark.parametrize("who, status", [
    ("regional_member", 200), ("superuser", 200),
    ("coordinator_a", 404), ("head_a", 404), ("curator_a", 404), ("director_a", 404),
    ("other_regional", 404),
])
def test_only_the_regions_working_group_opens_the_catalogue(request, client_for, region, who, status):
    if who == "superuser":
        user = UserFactory(email="root@example.ru", is_superuser=True, is_staff=True)
    elif who == "other_regional":
        user = _person("rrg-penza@example.ru", Role.REGIONAL,
                       region=RegionFactory(name="Пензенская область", slug="penza"))
    else:
        user = request.getfixturevalue(who)
    response = client_for(user).get(_url("risk_factors", region))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Каталог факторов риска" in html
        assert DEFAULT_RISK_FACTORS[0] in html and DEFAULT_RISK_FACTORS[-1] in html


@pytest.mark.parametrize("who", ["coordinator_a", "director_a", "other_regional"])
def test_nobody_outside_the_group_changes_the_catalogue(request, client_for, region, who):
    if who == "other_regional":
        user = _person("rrg-penza@example.ru", Role.REGIONAL,
                       region=RegionFactory(name="Пензенская область", slug="penza"))
    else:
        user = request.getfixturevalue(who)
    client = client_for(user)
    factor = _first(region)
    before = _titles(region)
    assert client.post(_url("risk_factor_new", region), {"title": "Новое"}, **HX).status_code == 404
    assert client.post(_url("risk_factor_edit", region, factor.pk),
                       {"title": "Другое"}, **HX).status_code == 404
    assert client.post(_url("risk_factor_toggle", region, factor.pk),
                       {"is_active": "0"}, **HX).status_code == 404
    assert client.post(_url("risk_factor_move", region, factor.pk),
                       {"direction": "down"}, **HX).status_code == 404
    assert _titles(region) == before and _first(region).is_active


def test_a_factor_of_another_region_is_not_found_through_this_regions_address(
        client_for, region, regional_member):
    penza = RegionFactory(name="Пензенская область", slug="penza")
    foreign = _first(penza)
    client = client_for(regional_member)
    for name in ("risk_factor_row", "risk_factor_edit"):
        assert client.get(_url(name, region, foreign.pk), **HX).status_code == 404
    assert client.post(_url("risk_factor_edit", region, foreign.pk),
                       {"title": "Чужое", "expected_title": foreign.title}, **HX).status_code == 404
    assert client.post(_url("risk_factor_toggle", penza, foreign.pk),
                       {"is_active": "0"}, **HX).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == DEFAULT_RISK_FACTORS[0] and foreign.is_active


def test_the_region_page_links_to_the_catalogue(client_for, region, regional_member):
    html = client_for(regional_member).get(reverse("region_detail", args=[region.slug])).content.decode()
    assert _url("risk_factors", region) in html and "Каталог факторов риска" in html


# --- the pages (htmx) --------------------------------------------------------------------

def test_a_member_adds_a_factor_at_the_end_and_the_list_comes_back(client_for, region, regional_member):
    response = client_for(regional_member).post(
        _url("risk_factor_new", region), {"title": "  Низкая доля выпускников  "}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="risk-factors">') and "Низкая доля выпускников" in html
    assert "13 направлений" in html
    assert _titles(region)[-1] == "Низкая доля выпускников"
    added = RiskFactor.objects.get(region=region, title="Низкая доля выпускников")
    rec = AuditRecord.objects.get(target_type="riskfactor", target_id=added.pk)
    assert rec.action == AuditRecord.Action.CREATE and rec.district_id is None
    assert rec.actor == regional_member


@pytest.mark.parametrize("title, message", [
    ("", "Введите название направления риска."),
    ("   ", "Введите название направления риска."),
    ("x" * 301, "Не длиннее 300 символов"),
    (DEFAULT_RISK_FACTORS[1].upper(), "Такое направление риска в каталоге региона уже есть."),
])
def test_a_bad_title_is_refused_in_russian_and_swapped_in_next_to_the_form(
        client_for, region, regional_member, title, message):
    response = client_for(regional_member).post(_url("risk_factor_new", region), {"title": title}, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.startswith('<div id="risk-factors">')
    assert message in html and 'role="alert"' in html
    if title.strip():
        assert f'value="{title}"' in html  # what was typed is not lost
    assert len(_titles(region)) == 12


def test_a_member_renames_a_factor_inline(client_for, region, regional_member):
    client = client_for(regional_member)
    factor = _first(region)
    form = client.get(_url("risk_factor_edit", region, factor.pk), **HX).content.decode()
    assert 'name="expected_title"' in form and factor.title in form
    response = client.post(_url("risk_factor_edit", region, factor.pk),
                           {"title": "Низкий уровень оснащения (в т. ч. цифрового)",
                            "expected_title": factor.title}, **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<tr id="rf-{factor.pk}"') and "в т. ч. цифрового" in html
    assert ">1<" in html  # its number in the list stays
    rec = AuditRecord.objects.get(target_type="riskfactor", target_id=factor.pk)
    assert rec.before == {"title": DEFAULT_RISK_FACTORS[0]}


def test_a_rename_to_a_taken_title_comes_back_in_the_row_with_the_message(client_for, region, regional_member):
    factor = _first(region)
    response = client_for(regional_member).post(
        _url("risk_factor_edit", region, factor.pk),
        {"title": DEFAULT_RISK_FACTORS[2], "expected_title": factor.title}, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.startswith(f'<tr id="rf-{factor.pk}" class="editing"')
    assert "Такое направление риска в каталоге региона уже есть." in html
    assert _first(region).title == DEFAULT_RISK_FACTORS[0]


def test_a_stale_rename_is_refused_and_the_next_save_is_against_the_new_title(
        client_for, region, regional_member):
    factor = _first(region)
    risk_factor_rename(factor=factor, title="Переименовано в другой вкладке", acting_user=regional_member)
    client = client_for(regional_member)
    response = client.post(_url("risk_factor_edit", region, factor.pk),
                           {"title": "Моё название", "expected_title": DEFAULT_RISK_FACTORS[0]}, **HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Название уже изменено другим пользователем: «Переименовано в другой вкладке»" in html
    assert 'value="Моё название"' in html
    assert 'name="expected_title" value="Переименовано в другой вкладке"' in html
    assert _first(region).title == "Переименовано в другой вкладке"
    again = client.post(_url("risk_factor_edit", region, factor.pk),
                        {"title": "Моё название", "expected_title": "Переименовано в другой вкладке"}, **HX)
    assert again.status_code == 200 and _first(region).title == "Моё название"


def test_a_member_retires_a_factor_and_brings_it_back(client_for, region, regional_member):
    client = client_for(regional_member)
    factor = _first(region)
    html = client.post(_url("risk_factor_toggle", region, factor.pk), {"is_active": "0"}, **HX).content.decode()
    assert "не используется" in html and "Вернуть" in html
    factor.refresh_from_db()
    assert not factor.is_active
    assert factor not in offered_risk_factors(region.pk)
    # a second click (another tab) changes nothing and writes no second record
    client.post(_url("risk_factor_toggle", region, factor.pk), {"is_active": "0"}, **HX)
    assert AuditRecord.objects.filter(target_type="riskfactor", target_id=factor.pk).count() == 1
    client.post(_url("risk_factor_toggle", region, factor.pk), {"is_active": "1"}, **HX)
    factor.refresh_from_db()
    assert factor.is_active and factor in offered_risk_factors(region.pk)


def test_a_member_moves_a_factor_down_and_up(client_for, region, regional_member):
    client = client_for(regional_member)
    factor = _first(region)
    html = client.post(_url("risk_factor_move", region, factor.pk), {"direction": "down"}, **HX).content.decode()
    assert _titles(region)[:2] == [DEFAULT_RISK_FACTORS[1], DEFAULT_RISK_FACTORS[0]]
    assert html.index(DEFAULT_RISK_FACTORS[1]) < html.index(DEFAULT_RISK_FACTORS[0])
    client.post(_url("risk_factor_move", region, factor.pk), {"direction": "up"}, **HX)
    assert _titles(region) == list(DEFAULT_RISK_FACTORS)
    # at the top nothing moves
    client.post(_url("risk_factor_move", region, factor.pk), {"direction": "up"}, **HX)
    assert _titles(region) == list(DEFAULT_RISK_FACTORS)
    assert client.post(_url("risk_factor_move", region, factor.pk), {"direction": "sideways"},
                       **HX).status_code == 404


# --- services ------------------------------------------------------------------------------

def test_a_retired_factor_stays_on_the_profiles_that_have_it(region, school_a, regional_member):
    factor = _first(region)
    profile = RiskProfile.objects.create(district=school_a.district, organization=school_a, year=2026)
    RiskProfileFactor.objects.create(district=school_a.district, profile=profile, factor=factor,
                                     note="Нет интерактивных досок")
    risk_factor_set_active(factor=factor, is_active=False, acting_user=regional_member)
    assert list(profile.factors.values_list("factor__title", flat=True)) == [factor.title]
    assert offered_risk_factors(region.pk).count() == 11


def test_the_same_title_may_be_used_by_another_region(region, regional_member):
    penza = RegionFactory(name="Пензенская область", slug="penza")
    risk_factor_create(region=region, title="Новое направление", acting_user=regional_member)
    risk_factor_create(region=penza, title="Новое направление", acting_user=regional_member)
    assert RiskFactor.objects.filter(title="Новое направление").count() == 2


def test_moves_renumber_equal_positions(region, regional_member):
    RiskFactor.objects.filter(region=region).update(position=1)
    last = RiskFactor.objects.filter(region=region).order_by("position", "id").last()
    risk_factor_move(factor=last, up=True, acting_user=regional_member)
    positions = list(RiskFactor.objects.filter(region=region).order_by("position", "id")
                     .values_list("position", flat=True))
    assert positions == list(range(1, 13))
    assert _titles(region)[-2] == DEFAULT_RISK_FACTORS[-1]


# --- queries do not grow with the catalogue -----------------------------------------------------

def _page_queries(client, region):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_url("risk_factors", region))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_catalogue_page_costs_the_same_at_12_and_50_factors(client_for, region, regional_member, school_a):
    client = client_for(regional_member)
    profile = RiskProfile.objects.create(district=school_a.district, organization=school_a, year=2026)
    for f in RiskFactor.objects.filter(region=region):
        RiskProfileFactor.objects.create(district=school_a.district, profile=profile, factor=f)
    small = _page_queries(client, region)
    for n in range(38):
        risk_factor_create(region=region, title=f"Направление {n}", acting_user=regional_member)
    assert RiskFactor.objects.filter(region=region).count() == 50
    assert _page_queries(client, region) == small


def test_a_move_costs_the_same_at_12_and_50_factors(client_for, region, regional_member):
    client = client_for(regional_member)

    def move():
        factor = _first(region)
        with CaptureQueriesContext(connection) as ctx:
            client.post(_url("risk_factor_move", region, factor.pk), {"direction": "down"}, **HX)
        return len(ctx.captured_queries)

    small = move()
    for n in range(38):
        risk_factor_create(region=region, title=f"Направление {n}", acting_user=regional_member)
    assert move() == small


def test_a_row_alone_carries_its_number_and_which_moves_it_allows(client_for, region,
                                                                  regional_member):
    client = client_for(regional_member)
    factors = list(RiskFactor.objects.filter(region=region).order_by("position", "id"))
    first = client.get(_url("risk_factor_row", region, factors[0].pk), **HX).content.decode()
    last = client.get(_url("risk_factor_row", region, factors[-1].pk), **HX).content.decode()
    assert '<td class="num">1</td>' in first and f'<td class="num">{len(factors)}</td>' in last
    assert 'title="Выше" aria-label="Выше: ' + factors[0].title + '" disabled' in first
    assert 'title="Ниже" aria-label="Ниже: ' + factors[0].title + '" disabled' not in first
    assert 'title="Ниже" aria-label="Ниже: ' + factors[-1].title + '" disabled' in last
