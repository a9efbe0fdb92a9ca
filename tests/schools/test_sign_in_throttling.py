"""Sign-in throttling (django-axes): after 5 wrong passwords for one account from one
address, even the right password is refused for 15 minutes, with a Russian message on the
login page, at /login/ and at the admin's login; the lockout is in the audit trail."""
import os
import subprocess
import sys
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import AuditRecord
from tests.conftest import PASSWORD

LOCKED = "Слишком много неудачных попыток входа"


def attempt(client, url, email, password, ip="10.0.0.1"):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail_five_times(client, url, email, ip="10.0.0.1"):
    for _ in range(5):
        response = attempt(client, url, email, "wrong", ip)
    return response


def test_the_right_password_is_refused_after_five_wrong_ones(db, coordinator_a):
    client = Client()
    fail_five_times(client, "/login/", coordinator_a.email)
    response = attempt(client, "/login/", coordinator_a.email, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert LOCKED in html and "15 минут" in html and 'role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_signs_in(db, coordinator_a):
    client = Client()
    for _ in range(4):
        attempt(client, "/login/", coordinator_a.email, "wrong")
    response = attempt(client, "/login/", coordinator_a.email, PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(coordinator_a.pk)


def test_the_case_of_the_address_does_not_buy_more_tries(db, coordinator_a):
    client = Client()
    for email in ["COORD-A@example.ru", "Coord-A@Example.ru", "coord-a@EXAMPLE.RU",
                  "coord-a@example.ru", "Coord-a@example.ru"]:
        attempt(client, "/login/", email, "wrong")
    assert attempt(client, "/login/", coordinator_a.email, PASSWORD).status_code == 429


def test_the_same_account_from_another_address_still_signs_in(db, coordinator_a):
    fail_five_times(Client(), "/login/", coordinator_a.email, ip="10.0.0.1")
    response = attempt(Client(), "/login/", coordinator_a.email, PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302


def test_the_lockout_ends_after_fifteen_minutes(db, coordinator_a):
    client = Client()
    fail_five_times(client, "/login/", coordinator_a.email)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, "/login/", coordinator_a.email, PASSWORD).status_code == 302


def test_the_admin_login_is_throttled_too(db, coordinator_a):
    coordinator_a.is_staff = True
    coordinator_a.save(update_fields=["is_staff"])
    client = Client()
    url = reverse("admin:login")
    fail_five_times(client, url, coordinator_a.email)
    response = attempt(client, url, coordinator_a.email, PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_recorded_once_in_the_district_trail(db, coordinator_a, district_a):
    client = Client()
    fail_five_times(client, "/login/", coordinator_a.email)
    for _ in range(3):  # tries while locked out are not recorded again
        attempt(client, "/login/", coordinator_a.email, PASSWORD)
    records = AuditRecord.objects.filter(action=AuditRecord.Action.LOCKOUT)
    assert records.count() == 1
    record = records.get()
    assert record.district_id == district_a.pk and record.target_id == coordinator_a.pk
    assert record.target_type == "user" and record.actor is None
    assert record.after == {"username": coordinator_a.email, "ip_address": "10.0.0.1",
                            "failures": 5, "minutes": 15}


def test_a_lockout_of_an_unknown_address_is_recorded_without_a_district(db):
    fail_five_times(Client(), "/login/", "nobody@example.ru")
    record = AuditRecord.objects.get(action=AuditRecord.Action.LOCKOUT)
    assert record.district_id is None and record.target_id == 0
    assert record.after["username"] == "nobody@example.ru"


def test_the_admin_lives_at_the_path_set_in_the_environment():
    assert reverse("admin:index") == "/" + settings.ADMIN_URL
    code = ("import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:index'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=settings.BASE_DIR,
                         env={**os.environ, "ADMIN_URL": "desk-7f3/",
                              "DJANGO_SETTINGS_MODULE": "config.settings_test"})
    assert out.stdout.strip() == "/desk-7f3/"
