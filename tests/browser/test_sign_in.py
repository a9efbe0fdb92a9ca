"""A person signs in through the Russian login page and lands on their home page."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_signs_in_and_opens_the_district(page, live_server, sign_in, coordinator_a,
                                                       roadmap_a, list_entry_a, artifacts_dir):
    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    expect(page.get_by_role("heading", name="Вход в систему")).to_be_visible()
    page.screenshot(path=artifacts_dir / "login.png")

    sign_in(page, coordinator_a.email)
    page.get_by_role("link", name="Молчановский район").click()
    expect(page.get_by_role("heading", name="Молчановский район")).to_be_visible()
    expect(page.get_by_text(roadmap_a.title)).to_be_visible()
    expect(page.get_by_text(list_entry_a.organization.short_name).first).to_be_visible()
    page.screenshot(path=artifacts_dir / "district.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_keeps_the_person_on_the_login_page(page, live_server, coordinator_a):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Электронная почта").fill(coordinator_a.email)
    page.get_by_label("Пароль").fill("wrong")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_text("Неверная электронная почта или пароль")).to_be_visible()
