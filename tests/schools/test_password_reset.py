"""«Забыли пароль?»: Django's reset views with our Russian pages and e-mails, read from a
real SMTP server. The page never tells whether an address is known; the sign-in lockout
(django-axes) still holds, and a new password set by the link lifts it."""
import re

import pytest
from django.urls import reverse

from schools.models import Invitation, Role
from tests.factories import UserFactory

LINK = re.compile(r"http://testserver(/password/reset/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


def _ask(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_the_login_page_links_to_the_reset(client):
    html = client.get(reverse("login")).content.decode()
    assert "Забыли пароль?" in html and reverse("password_reset") in html


def test_a_person_resets_the_password_by_the_link_from_the_email(client, coordinator_a, mail_server):
    response = _ask(client, "COORD-A@example.ru")
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert "Проверьте почту" in client.get(response["Location"]).content.decode()
    [message] = mail_server.wait_for(1)
    assert message.to == [coordinator_a.email]
    assert message.subject.strip() == "Новый пароль для системы «Дорожные карты»"
    link = LINK.search(message.text).group(1)
    assert link in message.html and "Задать новый пароль" in message.html
    form = client.get(link)["Location"]
    assert "Новый пароль" in client.get(form).content.decode()
    done = client.post(form, {"new_password1": "Kedr-Tomsk-2026", "new_password2": "Kedr-Tomsk-2026"})
    assert done["Location"] == reverse("password_reset_complete")
    assert "Пароль сохранён" in client.get(done["Location"]).content.decode()
    assert client.post(reverse("login"), {"username": coordinator_a.email,
                                          "password": "Kedr-Tomsk-2026"}).status_code == 302
    client.logout()
    assert "Ссылка больше не действует" in client.get(link).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, coordinator_a, mail_server):
    known = _ask(client, coordinator_a.email)
    unknown = _ask(client, "nobody@example.ru")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    mail_server.wait_for(1)
    assert mail_server.to("nobody@example.ru") == [] and len(mail_server) == 1


def test_an_invited_person_whose_link_expired_can_ask_for_a_new_one(client, district_a, school_a,
                                                                    mail_server):
    user = UserFactory(email="invited@school.ru")
    user.set_unusable_password()
    user.save()
    Invitation.objects.create(email=user.email, role=Role.DIRECTOR, district=district_a,
                              organization=school_a, user=user)
    _ask(client, user.email)
    [message] = mail_server.wait_for(1)
    assert message.to == [user.email]


def test_a_person_without_a_password_or_invitation_gets_no_mail(db, client, mail_server):
    user = UserFactory(email="blocked@school.ru")
    user.set_unusable_password()
    user.save()
    _ask(client, user.email)
    assert len(mail_server) == 0


def test_mismatched_passwords_are_refused_in_russian(client, coordinator_a, mail_server):
    _ask(client, coordinator_a.email)
    link = LINK.search(mail_server.wait_for(1)[0].text).group(1)
    form = client.get(link)["Location"]
    response = client.post(form, {"new_password1": "Kedr-Tomsk-2026", "new_password2": "Kedr-Tomsk-2027"})
    assert response.status_code == 200
    assert "Пароли не совпадают" in response.content.decode()
    short = client.post(form, {"new_password1": "12345", "new_password2": "12345"})
    html = short.content.decode()
    assert "слишком короткий" in html or "слишком широко распространён" in html
    coordinator_a.refresh_from_db()
    assert coordinator_a.check_password("secret-pass")


def test_an_invalid_address_is_refused_in_russian(client, mail_server):
    response = _ask(client, "anna@")
    assert response.status_code == 200
    assert "Введите правильный адрес электронной почты" in response.content.decode()


def test_a_locked_out_account_stays_locked_until_the_password_is_set_by_the_link(
        client, coordinator_a, mail_server, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": coordinator_a.email, "password": "wrong"})
    locked = client.post(reverse("login"), {"username": coordinator_a.email,
                                            "password": "secret-pass"})
    assert locked.status_code == 429
    assert "Забыли пароль?" in locked.content.decode()
    _ask(client, coordinator_a.email)  # asking for a link does not unlock
    assert client.post(reverse("login"), {"username": coordinator_a.email,
                                          "password": "secret-pass"}).status_code == 429
    link = LINK.search(mail_server.wait_for(1)[0].text).group(1)
    form = client.get(link)["Location"]
    client.post(form, {"new_password1": "Kedr-Tomsk-2026", "new_password2": "Kedr-Tomsk-2026"})
    assert client.post(reverse("login"), {"username": coordinator_a.email,
                                          "password": "Kedr-Tomsk-2026"}).status_code == 302
