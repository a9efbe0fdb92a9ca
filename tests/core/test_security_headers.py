"""HTTP hardening: a Content-Security-Policy with no inline script (and templates that keep
none), Permissions-Policy, HSTS for a year, sessions of one working day that slide, a CSRF
cookie JavaScript cannot read (htmx takes the token from the page), and `check --deploy`
clean with production settings."""
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone


def directives(response):
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


def test_the_policy_allows_our_own_scripts_and_styles_only(db):
    policy = directives(Client().get("/login/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'self'"]


def test_error_pages_carry_the_policy_too(db):
    assert "script-src 'self'" in Client().get("/no-such-page/")["Content-Security-Policy"]


def test_pages_may_not_use_the_camera_the_microphone_or_the_location(db):
    policy = Client().get("/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


def test_https_responses_carry_hsts_for_a_year(db):
    hsts = Client().get("/login/", secure=True)["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"


def test_the_csrf_cookie_is_out_of_javascripts_reach(db):
    response = Client().get("/login/")
    assert response.cookies[settings.CSRF_COOKIE_NAME]["httponly"] is True


def test_htmx_posts_with_the_token_the_page_gives_it(client, coordinator_a, district_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_a)
    html = client.get(reverse("roadmap_import", args=[district_a.slug])).content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html).group(1)
    url = reverse("roadmap_import", args=[district_a.slug])
    assert client.post(url, {"text": ""}, HTTP_HX_REQUEST="true").status_code == 403
    response = client.post(url, {"text": ""}, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400 and "Выберите файл или вставьте текст" in response.content.decode()


def test_a_session_lasts_one_working_day_and_slides(client, coordinator_a):
    assert 9 * 3600 <= settings.SESSION_COOKIE_AGE <= 10 * 3600
    client.force_login(coordinator_a)
    Session.objects.update(expire_date=timezone.now() + timedelta(hours=1))
    response = client.get("/")
    assert response.status_code == 200
    left = Session.objects.get().expire_date - timezone.now()
    assert timedelta(hours=9) < left <= timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_templates_keep_no_inline_script_handler_or_style():
    offenders = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        if "documents" in path.parts:  # rendered to PDF and DOCX, never by a browser
            continue
        if "email" in path.parts:  # e-mails: mail programs read inline styles only (no CSP there)
            continue
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path.name}: {tag}")
        offenders += [f"{path.name}: {m}" for m in re.findall(r"\son[a-z]+\s*=", text)]
        offenders += [f"{path.name}: {m}" for m in re.findall(r"\sstyle\s*=", text)]
        offenders += [f"{path.name}: {m}" for m in re.findall(r"<style\b", text)]
    assert offenders == []


def test_check_deploy_is_clean_with_production_settings():
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
           "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0",
           "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "roadmaps.example.ru",
           "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
