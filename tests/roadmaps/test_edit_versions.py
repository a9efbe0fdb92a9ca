"""Two people with stale forms on the same order, section or roadmap settings: the second
save is refused with both versions side by side, and saving one's own version then is a
deliberate choice."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.versioning import StaleVersion
from roadmaps.models import Order, Roadmap, Section
from roadmaps.services import orders, sections

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def _opened(order: Order) -> dict:
    """What the order's edit form posts when sent unchanged: the order as it was opened."""
    data = {
        "version": order.version, "layout": order.layout, "title": order.title,
        "number": order.number, "place": order.place, "preamble": order.preamble,
        "issued_on": order.issued_on.strftime("%d.%m.%Y") if order.issued_on else "",
        "signatory_position": order.signatory_position, "signatory_name": order.signatory_name,
        "school_list_kinds": list(order.school_list_kinds),
        "points-TOTAL_FORMS": str(len(order.points)),
        "points-INITIAL_FORMS": str(len(order.points)),
        "interviews-TOTAL_FORMS": "0", "interviews-INITIAL_FORMS": "0",
    }
    for flag in ("include_roadmap_table", "include_school_list", "include_interview_schedule"):
        if getattr(order, flag):
            data[flag] = "on"
    for n, point in enumerate(order.points):
        data[f"points-{n}-text"] = point["text"]
        data[f"points-{n}-subpoints"] = "\n".join(point.get("subpoints", []))
    return data


def test_a_stale_order_form_is_refused_with_both_versions(client_for, coordinator_a, order_a):
    url = reverse("order_edit", args=[order_a.district.slug, order_a.pk])
    first, second = _opened(order_a), _opened(order_a)  # two tabs, opened at the same version
    client = client_for(coordinator_a)
    assert client.post(url, {**first, "title": "Об утверждении плана"}).status_code == 302

    response = client.post(url, {**second, "preamble": "В целях исполнения приказа № 217"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Приказ уже изменён" in html and "Ваши изменения не сохранены" in html
    assert "Ваша версия" in html and "Сохранённая версия" in html
    assert "Об утверждении плана" in html                      # the saved title
    assert "В целях исполнения приказа № 217" in html          # the refused preamble
    assert "Сохранить мою версию" in html and "Оставить сохранённую" in html
    saved = Order.objects.get(pk=order_a.pk)
    assert saved.title == "Об утверждении плана" and saved.preamble == order_a.preamble

    # the form came back with the person's text and the saved version: sending it again
    # writes theirs over the other, knowingly
    assert f'name="version" value="{saved.version}"' in html
    again = client.post(url, {**second, "version": saved.version,
                              "preamble": "В целях исполнения приказа № 217"})
    assert again.status_code == 302
    saved.refresh_from_db()
    assert saved.preamble == "В целях исполнения приказа № 217"
    assert saved.title == order_a.title  # the whole form is theirs, as the table showed


def test_an_order_form_without_its_version_is_refused(client_for, coordinator_a, order_a):
    url = reverse("order_edit", args=[order_a.district.slug, order_a.pk])
    data = {**_opened(order_a), "title": "Без версии"}
    del data["version"]
    response = client_for(coordinator_a).post(url, data)
    assert response.status_code == 400 and "Форма устарела" in response.content.decode()
    assert Order.objects.get(pk=order_a.pk).title == order_a.title


def test_the_edit_page_carries_the_orders_version_also_with_the_template_wording(
        client_for, coordinator_a, order_a):
    orders.order_update(order=order_a, acting_user=coordinator_a,
                        expected_version=order_a.version, title="Свой заголовок")
    url = reverse("order_edit", args=[order_a.district.slug, order_a.pk])
    html = client_for(coordinator_a).get(url + "?template=1").content.decode()
    assert f'name="version" value="{order_a.version}"' in html and order_a.version == 2


def test_the_order_service_refuses_a_stale_version_and_keeps_an_unchanged_save(
        order_a, coordinator_a):
    opened = order_a.version
    orders.order_update(order=order_a, acting_user=coordinator_a, expected_version=opened,
                        title="Первый")
    stale = Order.objects.get(pk=order_a.pk)
    with pytest.raises(StaleVersion) as caught:
        orders.order_update(order=stale, acting_user=coordinator_a, expected_version=opened,
                            title="Второй")
    assert isinstance(caught.value, ValidationError)
    assert caught.value.current.title == "Первый"
    # the same values as saved: nothing to lose, nothing refused
    orders.order_update(order=stale, acting_user=coordinator_a, expected_version=opened,
                        title="Первый")


def _section_post(section, **over):
    return {"title": section.title, "number": section.number, "number_was": section.number,
            "version": section.version, **over}


def test_a_stale_section_rename_is_refused_with_both_titles(client_for, coordinator_a,
                                                           section_one):
    url = reverse("section_edit", args=[section_one.district.slug, section_one.pk])
    first, second = _section_post(section_one), _section_post(section_one)
    client = client_for(coordinator_a)
    assert client.post(url, {**first, "title": "Организация работы"}, **HX).status_code == 200

    response = client.post(url, {**second, "title": "Организационные меры"}, **HX)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Раздел 1 уже изменён" in html and "Ваши изменения не сохранены" in html
    assert "Организация работы" in html and "Организационные меры" in html
    assert Section.objects.get(pk=section_one.pk).title == "Организация работы"

    saved = Section.objects.get(pk=section_one.pk)
    assert f'name="version" value="{saved.version}"' in html
    again = client.post(url, {**second, "title": "Организационные меры",
                              "version": saved.version}, **HX)
    assert again.status_code == 200
    assert Section.objects.get(pk=section_one.pk).title == "Организационные меры"


def test_a_section_rename_without_its_version_is_refused(client_for, coordinator_a, section_one):
    url = reverse("section_edit", args=[section_one.district.slug, section_one.pk])
    data = _section_post(section_one, title="Без версии")
    del data["version"]
    response = client_for(coordinator_a).post(url, data, **HX)
    assert response.status_code == 422 and "Форма устарела" in response.content.decode()
    assert Section.objects.get(pk=section_one.pk).title == section_one.title


def test_the_section_form_carries_its_version(client_for, coordinator_a, section_one):
    url = reverse("section_edit", args=[section_one.district.slug, section_one.pk])
    html = client_for(coordinator_a).get(url, **HX).content.decode()
    assert f'name="version" value="{section_one.version}"' in html


def test_the_section_service_refuses_a_stale_version(coordinator_a, section_one):
    sections.section_update(section=section_one, acting_user=coordinator_a,
                            expected_version=1, title="Первое")
    with pytest.raises(StaleVersion) as caught:
        sections.section_update(section=Section.objects.get(pk=section_one.pk),
                                acting_user=coordinator_a, expected_version=1, title="Второе")
    assert caught.value.current.title == "Первое"
    assert Section.objects.get(pk=section_one.pk).title == "Первое"


def _settings_post(roadmap, **over):
    return {"title": roadmap.title, "period_start": roadmap.period_start.strftime("%d.%m.%Y"),
            "period_end": roadmap.period_end.strftime("%d.%m.%Y"), "numbering": roadmap.numbering,
            "version": roadmap.version, **over}


def test_stale_roadmap_settings_are_refused_with_both_versions(client_for, coordinator_a, roadmap):
    url = reverse("roadmap_settings", args=[roadmap.district.slug, roadmap.pk])
    first, second = _settings_post(roadmap), _settings_post(roadmap)
    client = client_for(coordinator_a)
    assert client.post(url, {**first, "title": "Дорожная карта на 2026–2027 годы"}).status_code == 302

    response = client.post(url, {**second, "period_end": "30.06.2026"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Название и период уже изменены" in html and "Ваши изменения не сохранены" in html
    assert "Дорожная карта на 2026–2027 годы" in html and "30.06.2026" in html
    saved = Roadmap.objects.get(pk=roadmap.pk)
    assert saved.title == "Дорожная карта на 2026–2027 годы"
    assert saved.period_end == roadmap.period_end
    assert f'name="version" value="{saved.version}"' in html
    assert client.post(url, {**second, "period_end": "30.06.2026",
                             "version": saved.version}).status_code == 302


def test_roadmap_settings_without_their_version_are_refused(client_for, coordinator_a, roadmap):
    url = reverse("roadmap_settings", args=[roadmap.district.slug, roadmap.pk])
    data = _settings_post(roadmap, title="Без версии")
    del data["version"]
    response = client_for(coordinator_a).post(url, data)
    assert response.status_code == 422 and "Форма устарела" in response.content.decode()
    assert Roadmap.objects.get(pk=roadmap.pk).title == roadmap.title
