"""In Chromium: the coordinator invites a director on the people page; the director opens
the link from the e-mail (read from a real SMTP server), sets a password and lands on the
school's page. Screenshots: the people page, the e-mail, the set-password page, the reset
page, the expired link, and the workplace switcher of a person with several places."""
import re

import pytest
from playwright.sync_api import expect

from schools.models import Role
from schools.services.memberships import membership_grant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_invites_a_director_who_sets_a_password_from_the_email(
        page, browser, live_server, sign_in, settings, coordinator_a, curator_a, head_a,
        district_a, school_a, other_school_a, mail_server, artifacts_dir):
    settings.SITE_URL = live_server.url
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/")
    page.get_by_role("link", name="Сотрудники").click()
    expect(page.get_by_role("heading", name="Сотрудники", exact=True)).to_be_visible()

    form = page.locator(".invite-card")
    form.get_by_label("Куратор").check()  # a curator's schools, not a director's school
    expect(form.get_by_label("Школа (для директора)")).to_be_hidden()
    expect(form.get_by_label(other_school_a.short_name)).to_be_visible()
    form.get_by_label("Директор школы").check()
    expect(form.get_by_label(other_school_a.short_name)).to_be_hidden()
    form.get_by_label("Электронная почта").fill("anna@")
    form.get_by_label("Фамилия").fill("Петрова")
    form.get_by_role("button", name="Отправить приглашение").click()
    expect(form.get_by_text("Введите правильный адрес электронной почты")).to_be_visible()
    expect(form.get_by_label("Фамилия")).to_have_value("Петрова")  # nothing lost

    form.get_by_label("Электронная почта").fill("petrova@karmakly.ru")
    form.get_by_label("Имя").fill("Анна")
    form.get_by_label("Отчество").fill("Игоревна")
    form.get_by_label("Школа (для директора)").select_option(label=school_a.short_name)
    form.get_by_role("button", name="Отправить приглашение").click()
    expect(page.get_by_text("Приглашение отправлено на petrova@karmakly.ru")).to_be_visible()
    expect(page.locator("#invitations").get_by_text("Петрова А.И.")).to_be_visible()
    page.screenshot(path=artifacts_dir / "people-page.png", full_page=True)

    [message] = mail_server.wait_for(1)
    assert message.to == ["petrova@karmakly.ru"]
    link = re.search(r"(http://\S+/invitation/\S+/)", message.text).group(1)
    mail_page = browser.new_page(viewport={"width": 1366, "height": 768})
    mail_page.set_content(message.html)
    expect(mail_page.get_by_role("link", name="Задать пароль и войти")).to_be_visible()
    mail_page.screenshot(path=artifacts_dir / "invitation-email.png", full_page=True)
    mail_page.close()

    # the director, in a browser of their own
    director = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    own = director.new_page()
    own.goto(link)
    expect(own.get_by_role("heading", name="Задайте пароль для входа")).to_be_visible()
    own.get_by_label("Новый пароль", exact=True).fill("Kedr-Tomsk-2026")
    own.get_by_label("Пароль ещё раз").fill("Kedr-Tomsk-2027")
    own.get_by_role("button", name="Сохранить пароль и войти").click()
    expect(own.get_by_text("Пароли не совпадают")).to_be_visible()
    own.screenshot(path=artifacts_dir / "invitation-set-password.png", full_page=True)
    own.get_by_label("Новый пароль", exact=True).fill("Kedr-Tomsk-2026")
    own.get_by_label("Пароль ещё раз").fill("Kedr-Tomsk-2026")
    own.get_by_role("button", name="Сохранить пароль и войти").click()
    own.wait_for_url(f"{live_server.url}/{district_a.slug}/schools/{school_a.pk}/")
    expect(own.get_by_role("heading", name=school_a.short_name)).to_be_visible()
    expect(own.get_by_text("Петрова А.И.")).to_be_visible()  # signed in, in the top bar

    # the link worked once
    own.goto(link)
    expect(own.get_by_role("heading", name="Ссылка больше не действует")).to_be_visible()
    expect(own.get_by_role("link", name="Запросить новую ссылку")).to_be_visible()
    own.screenshot(path=artifacts_dir / "invitation-link-used.png")
    director.close()

    page.reload()
    expect(page.locator("#invitations").get_by_text("Все приглашённые уже вошли в систему")).to_be_visible()


def test_the_reset_page_looks_like_the_login_page(page, live_server, coordinator_a, mail_server,
                                                  artifacts_dir, settings):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Забыли пароль?").click()
    expect(page.get_by_role("heading", name="Восстановление пароля")).to_be_visible()
    page.screenshot(path=artifacts_dir / "password-reset.png")
    page.get_by_label("Электронная почта").fill(coordinator_a.email)
    page.get_by_role("button", name="Прислать ссылку").click()
    expect(page.get_by_role("heading", name="Проверьте почту")).to_be_visible()
    [message] = mail_server.wait_for(1)
    page.set_content(message.html)
    expect(page.get_by_role("link", name="Задать новый пароль")).to_be_visible()
    page.screenshot(path=artifacts_dir / "password-reset-email.png", full_page=True)


def test_a_person_with_several_workplaces_switches_in_the_top_bar(
        page, live_server, sign_in, coordinator_a, district_b, school_a, region, artifacts_dir):
    membership_grant(user=coordinator_a, role=Role.CURATOR, district=district_b)
    membership_grant(user=coordinator_a, role=Role.DIRECTOR, organization=school_a)
    sign_in(page, coordinator_a.email)
    switch = page.locator("details.workplace")
    expect(switch).to_contain_text("Место работы:")
    switch.locator("summary").click()
    expect(switch.locator("button.current")).to_have_count(1)
    page.screenshot(path=artifacts_dir / "workplace-switch.png")
    switch.get_by_role("button", name=re.compile(school_a.short_name)).click()
    page.wait_for_url(f"{live_server.url}/{school_a.district.slug}/schools/{school_a.pk}/")
    expect(page.locator("details.workplace summary")).to_contain_text(school_a.short_name)
