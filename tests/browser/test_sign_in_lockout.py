"""Five wrong passwords in the browser, then the right one: the login page says in Russian
that signing in is paused for 15 minutes, and the person stays signed out."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_five_wrong_passwords_lock_the_account_out_with_a_russian_message(
        page, live_server, coordinator_a, artifacts_dir):
    page.goto(f"{live_server.url}/login/")
    for _ in range(5):
        page.get_by_label("Электронная почта").fill(coordinator_a.email)
        page.get_by_label("Пароль").fill("wrong")
        page.get_by_role("button", name="Войти").click()
        page.wait_for_load_state()
    page.get_by_label("Электронная почта").fill(coordinator_a.email)
    page.get_by_label("Пароль").fill("secret-pass")
    page.get_by_role("button", name="Войти").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Слишком много неудачных попыток входа")
    expect(alert).to_contain_text("15 минут")
    assert "/login/" in page.url
    expect(page.get_by_role("heading", name="Вход в систему")).to_be_visible()
    page.screenshot(path=artifacts_dir / "login-locked-out.png")
