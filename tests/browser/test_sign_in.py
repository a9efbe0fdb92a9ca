"""A person signs in through the Russian login page and lands on their home page."""
import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_signs_in_and_opens_the_district(page, live_server, sign_in, coordinator_a,
                                                       roadmap_a, list_entry_a, artifacts_dir):
    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    assert page.get_by_role("heading", name="Вход в систему").is_visible()
    page.screenshot(path=artifacts_dir / "login.png")

    sign_in(page, coordinator_a.email)
    page.get_by_role("link", name="Молчановский район").click()
    assert page.get_by_role("heading", name="Молчановский район").is_visible()
    assert page.get_by_text(roadmap_a.title).is_visible()
    assert page.get_by_text(list_entry_a.organization.short_name).first.is_visible()
    page.screenshot(path=artifacts_dir / "district.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_keeps_the_person_on_the_login_page(page, live_server, coordinator_a):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Электронная почта").fill(coordinator_a.email)
    page.get_by_label("Пароль").fill("wrong")
    page.get_by_role("button", name="Войти").click()
    assert page.get_by_text("Неверная электронная почта или пароль").is_visible()
