"""The editor's pages and fragments, as the browser's htmx requests them."""
import pytest
from django.urls import reverse

from core.models import AuditRecord
from roadmaps.models import Measure, Roadmap

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def _form(measure, **changes):
    data = {"number": measure.number, "number_was": measure.number, "version": measure.version,
            "text": measure.text, "deadline_text": measure.deadline_text,
            "responsible_text": measure.responsible_text, "result": measure.result,
            "output_form": measure.output_form}
    data.update(changes)
    return data


def test_the_roadmap_page_shows_sections_measures_and_parsed_dates(client_for, coordinator_a,
                                                                   roadmap, measures):
    html = client_for(coordinator_a).get(
        reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk])).content.decode()
    assert "Организационные мероприятия" in html and "Консультации педагогов" in html
    assert "10.02.2026" in html and "31.03.2026" in html
    assert "+ Раздел" in html and "Изменить мероприятие 1.1" in html


def test_a_reader_sees_no_editing_controls(client_for, head_a, roadmap, measures):
    html = client_for(head_a).get(
        reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk])).content.decode()
    assert "Изменить мероприятие" not in html and "+ Раздел" not in html
    assert "История мероприятия 1.1" in html


def test_the_edit_form_opens_in_place_with_the_version(client_for, coordinator_a, measures):
    m = measures[0]
    response = client_for(coordinator_a).get(
        reverse("measure_edit", args=[m.district.slug, m.pk]), **HX)
    html = response.content.decode()
    assert html.startswith("<tr") and 'name="version" value="1"' in html
    assert "До 10.02.2026" in html and "ТОИПКРО" in html


def test_saving_a_row_returns_the_row_with_the_new_dates(client_for, coordinator_a, measures):
    m = measures[0]
    response = client_for(coordinator_a).post(
        reverse("measure_edit", args=[m.district.slug, m.pk]),
        _form(m, deadline_text="ежеквартально"), **HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="measure-{m.pk}"' in html and "30.09.2026" in html
    assert Measure.objects.get(pk=m.pk).version == 2


def test_a_stale_save_gets_both_versions_side_by_side(client_for, coordinator_a, measures):
    m = measures[0]
    client = client_for(coordinator_a)
    url = reverse("measure_edit", args=[m.district.slug, m.pk])
    client.post(url, _form(m, text="Сохранено первым"), **HX)
    response = client.post(url, _form(m, text="Моя поздняя правка"), **HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Ваша версия" in html and "Сохранённая версия" in html
    assert "Моя поздняя правка" in html and "Сохранено первым" in html
    assert "Сохранить мою версию" in html and "Оставить сохранённую" in html
    assert Measure.objects.get(pk=m.pk).text == "Сохранено первым"


def test_overwriting_after_a_conflict_saves_my_version(client_for, coordinator_a, measures):
    m = measures[0]
    client = client_for(coordinator_a)
    url = reverse("measure_edit", args=[m.district.slug, m.pk])
    client.post(url, _form(m, text="Сохранено первым"), **HX)
    client.post(url, _form(m, text="Моя правка", version=2), **HX)
    assert Measure.objects.get(pk=m.pk).text == "Моя правка"


def test_an_empty_measure_text_is_refused_in_russian(client_for, coordinator_a, measures):
    m = measures[0]
    response = client_for(coordinator_a).post(
        reverse("measure_edit", args=[m.district.slug, m.pk]), _form(m, text=""), **HX)
    assert response.status_code == 422
    assert "Впишите мероприятие." in response.content.decode()


def test_adding_a_measure_sends_back_its_numbered_section(client_for, coordinator_a, roadmap,
                                                          measures, section_two):
    response = client_for(coordinator_a).post(
        reverse("measure_new", args=[roadmap.district.slug, roadmap.pk]),
        {"section": section_two.pk, "text": "Мониторинг", "deadline_text": "Май 2026"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200 and response["HX-Reswap"] == "none"
    assert f'id="block-{section_two.pk}" class="block" hx-swap-oob="true"' in html
    assert Measure.objects.get(text="Мониторинг").number == "2.2"


def test_moving_a_measure_sends_back_both_sections(client_for, coordinator_a, measures,
                                                   section_one, section_two):
    m = measures[0]
    response = client_for(coordinator_a).post(
        reverse("measure_move", args=[m.district.slug, m.pk]), {"section": section_two.pk}, **HX)
    html = response.content.decode()
    assert f'id="block-{section_one.pk}"' in html and f'id="block-{section_two.pk}"' in html
    assert "теперь № 2.2" in html


def test_deleting_offers_to_restore_and_restoring_brings_it_back(client_for, coordinator_a,
                                                                 roadmap, measures):
    m = measures[1]
    client = client_for(coordinator_a)
    html = client.post(reverse("measure_delete", args=[m.district.slug, m.pk]), **HX).content.decode()
    assert "Мероприятие 1.2 удалено." in html and "Восстановить" in html
    record = AuditRecord.objects.get(action="delete", target_id=m.pk)
    html = client.post(reverse("record_restore", args=[roadmap.district.slug, roadmap.pk, record.pk]),
                       **HX).content.decode()
    assert "Мероприятие 1.2 восстановлено." in html
    assert Measure.objects.filter(roadmap=roadmap, text=m.text).exists()


def test_the_deadline_preview_shows_the_quarter_ends(client_for, coordinator_a, roadmap):
    html = client_for(coordinator_a).get(
        reverse("deadline_preview", args=[roadmap.district.slug, roadmap.pk]),
        {"deadline_text": "ежеквартально"}, **HX).content.decode()
    for day in ("31.03.2026", "30.06.2026", "30.09.2026", "31.12.2026"):
        assert day in html
    assert "требует проверки" not in html


def test_the_deadline_preview_flags_what_it_cannot_read(client_for, coordinator_a, roadmap):
    html = client_for(coordinator_a).get(
        reverse("deadline_preview", args=[roadmap.district.slug, roadmap.pk]),
        {"deadline_text": "как получится"}, **HX).content.decode()
    assert "требует проверки" in html


def test_sections_are_added_renamed_and_moved(client_for, coordinator_a, roadmap, measures,
                                              section_one, section_two):
    client = client_for(coordinator_a)
    slug = roadmap.district.slug
    html = client.post(reverse("section_new", args=[slug, roadmap.pk]),
                       {"title": "Мониторинг"}, **HX).content.decode()
    assert "Раздел 3 добавлен." in html and 'id="roadmap-table"' in html
    client.post(reverse("section_edit", args=[slug, section_one.pk]),
                {"title": "Организация", "number": "1", "number_was": "1",
                 "version": section_one.version}, **HX)
    section_one.refresh_from_db()
    assert section_one.title == "Организация" and not section_one.number_locked
    client.post(reverse("section_move", args=[slug, section_two.pk]), {"parent": section_one.pk}, **HX)
    section_two.refresh_from_db()
    assert section_two.parent_id == section_one.pk and section_two.number == "I"


def test_deleting_a_section_can_be_undone_from_the_notice(client_for, coordinator_a, roadmap,
                                                          measures, section_one):
    client = client_for(coordinator_a)
    html = client.post(reverse("section_delete", args=[roadmap.district.slug, section_one.pk]),
                       **HX).content.decode()
    assert "удалён вместе с 2 мероприятиями" in html
    record = AuditRecord.objects.get(action="delete", target_type="section")
    client.post(reverse("record_restore", args=[roadmap.district.slug, roadmap.pk, record.pk]), **HX)
    assert Measure.objects.filter(roadmap=roadmap).count() == 3


def test_a_coordinator_creates_a_roadmap_from_scratch(client_for, coordinator_a, district_a):
    response = client_for(coordinator_a).post(reverse("roadmap_new", args=[district_a.slug]), {
        "title": "Дорожная карта 2027", "period_start": "2027-01-01", "period_end": "2027-12-31"})
    roadmap = Roadmap.objects.get(title="Дорожная карта 2027")
    assert response.status_code == 302 and response.url.endswith(f"/roadmaps/{roadmap.pk}/")


def test_a_backwards_period_is_refused(client_for, coordinator_a, district_a):
    response = client_for(coordinator_a).post(reverse("roadmap_new", args=[district_a.slug]), {
        "title": "Карта", "period_start": "2027-12-31", "period_end": "2027-01-01"})
    assert response.status_code == 422
    assert "Конец периода раньше его начала." in response.content.decode()


def test_the_copy_page_proposes_next_years_title(client_for, coordinator_a, roadmap, measures):
    client = client_for(coordinator_a)
    url = reverse("roadmap_copy", args=[roadmap.district.slug, roadmap.pk])
    assert "Дорожная карта на 2027 год" in client.get(url).content.decode()
    response = client.post(url, {"title": "Дорожная карта на 2027 год"})
    copy = Roadmap.objects.get(title="Дорожная карта на 2027 год")
    assert response.url.endswith(f"/roadmaps/{copy.pk}/")
    assert copy.measures.filter(needs_review=True).count() == 3


def test_the_list_groups_roadmaps_and_links_the_import_page(client_for, coordinator_a, roadmap):
    html = client_for(coordinator_a).get(
        reverse("roadmap_list", args=[roadmap.district.slug])).content.decode()
    assert roadmap.title in html and "Создать дорожную карту" in html
    assert reverse("roadmap_import", args=[roadmap.district.slug]) in html


def test_archiving_and_back(client_for, coordinator_a, roadmap):
    client = client_for(coordinator_a)
    url = reverse("roadmap_archive", args=[roadmap.district.slug, roadmap.pk])
    client.post(url, {"archived": "1"})
    roadmap.refresh_from_db()
    assert roadmap.status == "archived"
    client.post(url, {"archived": "0"})
    roadmap.refresh_from_db()
    assert roadmap.status == "draft"


def test_the_history_pages_show_who_changed_what(client_for, coordinator_a, roadmap, measures):
    m = measures[0]
    client = client_for(coordinator_a)
    client.post(reverse("measure_edit", args=[m.district.slug, m.pk]), _form(m, text="Новый текст"), **HX)
    html = client.get(reverse("measure_history", args=[m.district.slug, m.pk])).content.decode()
    assert "Иванова М." in html and "Утверждение состава рабочей группы" in html and "Новый текст" in html
    html = client.get(reverse("roadmap_history", args=[roadmap.district.slug, roadmap.pk])).content.decode()
    assert "изменение" in html and "создание" in html


def test_without_javascript_the_edit_form_is_a_page_and_saving_returns_to_the_roadmap(
    client_for, coordinator_a, measures
):
    m = measures[0]
    client = client_for(coordinator_a)
    url = reverse("measure_edit", args=[m.district.slug, m.pk])
    page = client.get(url).content.decode()
    assert page.startswith("<!doctype html>") and "К дорожной карте" in page
    response = client.post(url, _form(m, text="Без скриптов"))
    assert response.status_code == 302 and response.url.endswith(f"#measure-{m.pk}")


def test_without_javascript_a_conflict_is_a_page_with_both_versions(client_for, coordinator_a,
                                                                   measures):
    m = measures[0]
    client = client_for(coordinator_a)
    url = reverse("measure_edit", args=[m.district.slug, m.pk])
    client.post(url, _form(m, text="Первая"))
    response = client.post(url, _form(m, text="Вторая"))
    html = response.content.decode()
    assert response.status_code == 409 and html.startswith("<!doctype html>")
    assert "Ваша версия" in html and "Сохранённая версия" in html


def test_a_deleted_measure_is_restored_from_the_journal_page(client_for, coordinator_a, roadmap,
                                                             measures):
    m = measures[2]
    client = client_for(coordinator_a)
    client.post(reverse("measure_delete", args=[m.district.slug, m.pk]), **HX)
    journal = reverse("roadmap_history", args=[roadmap.district.slug, roadmap.pk])
    assert "Восстановить" in client.get(journal).content.decode()
    record = AuditRecord.objects.get(action="delete", target_type="measure")
    response = client.post(reverse("record_restore", args=[roadmap.district.slug, roadmap.pk, record.pk]))
    restored = Measure.objects.get(roadmap=roadmap, text=m.text)
    assert response.url.endswith(f"#measure-{restored.pk}")
    assert "восстановлено" in client.get(journal).content.decode()


def test_a_filtered_table_offers_no_reordering(client_for, coordinator_a, roadmap, measures, body_a):
    html = client_for(coordinator_a).get(
        reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk]),
        {"review": "1"}).content.decode()
    assert "+ Мероприятие" not in html and " выше" not in html


def test_a_save_without_the_version_it_was_opened_at_overwrites_nothing(client_for, coordinator_a,
                                                                       measures):
    """Someone else saved the row meanwhile; a form that lost its version must not win."""
    m = measures[0]
    client = client_for(coordinator_a)
    url = reverse("measure_edit", args=[m.district.slug, m.pk])
    assert client.post(url, _form(m, text="Правка коллеги"), **HX).status_code == 200
    stale = _form(m, text="Моя правка без версии")
    del stale["version"]
    response = client.post(url, stale, **HX)
    assert response.status_code == 422
    assert "Форма устарела" in response.content.decode()
    assert Measure.objects.get(pk=m.pk).text == "Правка коллеги"
