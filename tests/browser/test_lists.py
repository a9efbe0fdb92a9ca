"""A coordinator keeps the flagged-school lists in the browser: creates a list, adds schools
with reasons and dates, edits an entry in place, removes a wrong one, pairs a mentor."""
import pytest
from playwright.sync_api import expect

from schools.models import MentorPair, SchoolListEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_edits_a_flagged_school_list(page, live_server, sign_in, coordinator_a,
                                                   district_a, school_a, other_school_a,
                                                   artifacts_dir):
    sign_in(page, coordinator_a.email)
    page.get_by_role("link", name="Молчановский район").click()
    page.get_by_role("link", name="Перечни школ").click()
    page.get_by_role("link", name="Новый перечень").click()
    page.get_by_label("Вид перечня").select_option(label="ШНСУ")
    page.get_by_label("Год").fill("2026")
    page.get_by_label("Документ-основание").fill(
        "приказ Министерства образования Томской области от 09.02.2026 № 217")
    page.get_by_role("button", name="Создать перечень").click()
    expect(page.get_by_role("heading", name="ШНСУ, 2026 год")).to_be_visible()

    for school, reason in ((school_a, "Неблагоприятные социальные условия"),
                           (other_school_a, "Ошибочно")):
        page.get_by_label("Школа", exact=True).select_option(label=school.short_name)
        page.get_by_label("Основание включения").fill(reason)
        page.get_by_label("Включена").fill("09.02.2026")
        page.get_by_role("button", name="Добавить", exact=True).click()
        expect(page.locator("table.list-entries")).to_contain_text(school.short_name)
    expect(page.get_by_role("heading", name="2 школы")).to_be_visible()

    # edit in place: a date out, saved with Enter
    page.get_by_role("button", name=f"Изменить: {school_a.short_name}").click()
    row = page.locator("tr.editing")
    row.get_by_label("Основание включения").fill("Неблагоприятные условия; вышла по итогам года")
    row.get_by_label("Исключена").fill("20.12.2026")
    row.get_by_label("Исключена").press("Enter")
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(page.locator(f"tr:has-text('{school_a.short_name}')")).to_contain_text("20.12.2026")

    # a date out before the date in is refused, in Russian
    page.get_by_role("button", name=f"Изменить: {school_a.short_name}").click()
    page.locator("tr.editing").get_by_label("Исключена").fill("01.01.2026")
    page.locator("tr.editing").get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Дата исключения раньше даты включения.")).to_be_visible()
    page.locator("tr.editing").get_by_label("Исключена").press("Escape")
    expect(page.locator("tr.editing")).to_have_count(0)

    # remove the wrong one
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=f"Убрать: {other_school_a.short_name}").click()
    expect(page.get_by_role("heading", name="1 школа")).to_be_visible()
    page.screenshot(path=artifacts_dir / "school_list.png", full_page=True)
    entry = SchoolListEntry.objects.get()
    assert entry.organization == school_a and entry.excluded_on.isoformat() == "2026-12-20"

    # the school's page shows its lists over the years
    page.get_by_role("link", name=school_a.short_name).click()
    expect(page.get_by_role("heading", name="Перечни по годам")).to_be_visible()
    expect(page.locator("table")).to_contain_text("ШНСУ")

    # mentor pairs
    page.goto(f"{live_server.url}/{district_a.slug}/mentors/?year=2026")
    page.get_by_label("Школа-наставник").select_option(label=other_school_a.short_name)
    page.get_by_label("Подшефная школа").select_option(label=school_a.short_name)
    page.get_by_role("button", name="Добавить").click()
    expect(page.locator("table")).to_contain_text(other_school_a.short_name)
    page.screenshot(path=artifacts_dir / "mentor_pairs.png", full_page=True)
    assert MentorPair.objects.get().mentee == school_a


def test_a_coordinator_keeps_organisations_and_curators(page, live_server, sign_in, coordinator_a,
                                                       curator_a, district_a, school_a,
                                                       other_school_a, body_a, list_entry_a,
                                                       artifacts_dir):
    from core.access import grants_for

    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/organizations/")
    page.get_by_role("link", name="Добавить организацию").click()
    page.get_by_label("Вид").select_option(label="организация поддержки")
    page.get_by_label("Краткое наименование").fill("МКУ ЦИМО")
    page.get_by_label("Полное наименование").fill(
        "Муниципальное казённое учреждение «Центр информационно-методического обеспечения»")
    page.get_by_label("Другие названия и сокращения").fill("ЦИМО; Центр ИМО")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Сохранено: МКУ ЦИМО.")).to_be_visible()
    page.screenshot(path=artifacts_dir / "organizations.png", full_page=True)

    page.get_by_role("link", name="Кураторы").click()
    card = page.locator("form.curator", has_text=curator_a.email)
    card.get_by_label(other_school_a.short_name).check()
    card.get_by_role("button", name="Сохранить школы куратора").click()
    expect(page.get_by_text("сохранены")).to_be_visible()
    page.screenshot(path=artifacts_dir / "curators.png", full_page=True)
    curator_a.__dict__.pop("_access_grants", None)
    assert grants_for(curator_a).followed_schools == frozenset({school_a.pk, other_school_a.pk})

    page.get_by_role("link", name="Перечни школ").click()
    expect(page.get_by_role("heading", name="2026 год")).to_be_visible()
    page.screenshot(path=artifacts_dir / "school_lists.png", full_page=True)
