"""Two coordinators with stale forms on one organisation: the second save is refused with
both versions shown; saving one's own then is a deliberate choice."""
import pytest
from django.urls import reverse

from core.versioning import StaleVersion
from schools.models import Organization
from schools.services.organizations import organization_update

pytestmark = pytest.mark.django_db


def _opened(org: Organization) -> dict:
    return {"version": org.version, "kind": org.kind, "short_name": org.short_name,
            "full_name": org.full_name, "abbreviations": org.abbreviations,
            "director_name": org.director_name, "fis_oko_login": org.fis_oko_login,
            "email": org.email, **({"is_active": "on"} if org.is_active else {})}


def test_a_stale_organisation_form_is_refused_with_both_versions(client_for, coordinator_a,
                                                                 school_a):
    url = reverse("organization_edit", args=[school_a.district.slug, school_a.pk])
    first, second = _opened(school_a), _opened(school_a)
    client = client_for(coordinator_a)
    assert client.post(url, {**first, "director_name": "Еремина Н. Н."}).status_code == 302

    response = client.post(url, {**second, "email": "school@example.ru"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Организация уже изменена" in html and "Ваши изменения не сохранены" in html
    assert "Еремина Н. Н." in html and "school@example.ru" in html
    saved = Organization.objects.get(pk=school_a.pk)
    assert (saved.director_name, saved.email) == ("Еремина Н. Н.", school_a.email)

    assert f'name="version" value="{saved.version}"' in html
    again = client.post(url, {**second, "email": "school@example.ru", "version": saved.version})
    assert again.status_code == 302
    saved.refresh_from_db()
    assert saved.email == "school@example.ru"


def test_an_organisation_form_without_its_version_is_refused(client_for, coordinator_a,
                                                             school_a):
    url = reverse("organization_edit", args=[school_a.district.slug, school_a.pk])
    data = {**_opened(school_a), "director_name": "Без версии"}
    del data["version"]
    response = client_for(coordinator_a).post(url, data)
    assert response.status_code == 422 and "Форма устарела" in response.content.decode()
    assert Organization.objects.get(pk=school_a.pk).director_name == school_a.director_name


def test_the_organisation_service_refuses_a_stale_version(coordinator_a, school_a):
    organization_update(organization=school_a, acting_user=coordinator_a, expected_version=1,
                        director_name="Первый")
    with pytest.raises(StaleVersion) as caught:
        organization_update(organization=Organization.objects.get(pk=school_a.pk),
                            acting_user=coordinator_a, expected_version=1,
                            director_name="Второй")
    assert caught.value.current.director_name == "Первый"
