"""An impossible date typed into a flagged-school list's row is explained in the row, in
Russian, and can be corrected there."""
import datetime

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_impossible_date_in_a_row_shows_a_russian_message(page, live_server, sign_in,
                                                             coordinator_a, list_entry_a,
                                                             artifacts_dir):
    school = list_entry_a.organization
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{list_entry_a.district.slug}/lists/{list_entry_a.school_list_id}/")
    page.get_by_role("button", name=f"Изменить: {school.short_name}").click()
    row = page.locator("tr.editing")
    row.get_by_label("Включена").fill("31.02.2026")
    row.get_by_role("button", name="Сохранить").click()
    expect(row.get_by_role("alert")).to_have_text("Введите правильную дату.")
    expect(row.get_by_label("Включена")).to_have_value("31.02.2026")
    expect(page.locator("#notice")).to_be_hidden()  # not an error of the server
    page.screenshot(path=artifacts_dir / "list_entry_impossible_date.png", full_page=True)

    row.get_by_label("Включена").fill("28.02.2026")
    row.get_by_label("Включена").press("Enter")
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(page.locator(f"#entry-{list_entry_a.pk}")).to_contain_text("28.02.2026")
    list_entry_a.refresh_from_db()
    assert list_entry_a.included_on == datetime.date(2026, 2, 28)


def test_an_impossible_date_when_adding_a_school_shows_a_russian_message(page, live_server, sign_in,
                                                                         coordinator_a, list_entry_a,
                                                                         other_school_a, artifacts_dir):
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{list_entry_a.district.slug}/lists/{list_entry_a.school_list_id}/")
    page.get_by_label("Школа", exact=True).select_option(label=other_school_a.short_name)
    page.get_by_label("Включена").fill("31.02.2026")
    page.get_by_role("button", name="Добавить", exact=True).click()
    expect(page.locator("form.entry-add")).to_contain_text("Введите правильную дату.")
    page.screenshot(path=artifacts_dir / "list_entry_add_impossible_date.png", full_page=True)
