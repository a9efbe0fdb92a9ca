import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def sign_in(live_server):
    """Sign in through the real login form."""

    def sign_in(page, email, password="secret-pass"):
        # a fresh session: leave the previous page first (its lazy htmx requests, the bell
        # and the workplace switcher, would otherwise set its session cookie again: the
        # session is saved on every request), then forget its cookies
        page.goto("about:blank")
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Электронная почта").fill(email)
        page.get_by_label("Пароль").fill(password)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url(f"{live_server.url}/")

    return sign_in
