"""What a person sees when the server refuses or fails: our Russian pages in the site's
layout — a 30 MB form sent to the login page (413) and a failing page (500)."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_30_mb_login_form_ends_on_the_russian_413_page(page, live_server, artifacts_dir):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Электронная почта").fill("someone@example.ru")
    page.evaluate("""() => {
      const field = document.createElement("textarea");
      field.name = "junk"; field.hidden = true; field.value = "x".repeat(30 * 1024 * 1024);
      document.querySelector("form").appendChild(field);
    }""")
    page.get_by_label("Пароль").fill("whatever")
    page.get_by_role("button", name="Войти").click()
    expect(page.get_by_role("heading", name="Слишком большой запрос")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("не больше 64 КБ")).to_be_visible()
    expect(page.locator(".topbar .brand")).to_be_visible()
    page.screenshot(path=artifacts_dir / "error-413.png")


@pytest.mark.urls("tests.core.urls_failing")
def test_a_failing_page_shows_the_russian_500_in_the_layout(page, live_server, artifacts_dir):
    response = page.goto(f"{live_server.url}/test-failure/")
    assert response.status == 500
    expect(page.get_by_role("heading", name="Что-то пошло не так")).to_be_visible()
    expect(page.locator(".topbar .brand")).to_be_visible()
    page.screenshot(path=artifacts_dir / "error-500.png")
