"""Onboarding from the command line, demo data, settings and the compose file."""
import io
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from schools.models import District, Membership, Region, Role, User


def run_command(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_add_district_creates_region_district_and_coordinator(db):
    out = run_command("add_district", "--region", "Томская область", "--timezone", "Asia/Tomsk",
                      "--name", "Молчановский район", "--slug", "molchanovo",
                      "--coordinator", "Coord@Example.ru")
    district = District.objects.get(slug="molchanovo")
    assert district.region.time_zone == "Asia/Tomsk"
    user = User.objects.get(email="coord@example.ru")
    assert Membership.objects.filter(user=user, role=Role.COORDINATOR, district=district).exists()
    assert "coord@example.ru" in out and "пароль:" in out
    password = out.split("пароль: ")[1].split()[0]
    assert user.check_password(password)


def test_add_district_twice_changes_nothing_and_keeps_the_password(db):
    args = ["add_district", "--region", "Томская область", "--timezone", "Asia/Tomsk",
            "--name", "Молчановский район", "--slug", "molchanovo", "--coordinator", "c@example.ru"]
    run_command(*args)
    password_hash = User.objects.get(email="c@example.ru").password
    out = run_command(*args)
    assert "уже был" in out
    assert Region.objects.count() == 1 and District.objects.count() == 1
    assert User.objects.get(email="c@example.ru").password == password_hash


def test_add_district_rejects_an_unknown_time_zone_in_russian(db):
    with pytest.raises(CommandError, match="Неизвестный часовой пояс"):
        run_command("add_district", "--region", "Марс", "--timezone", "Mars/Olympus",
                    "--name", "Кратер", "--slug", "crater", "--coordinator", "c@example.ru")
    assert not Region.objects.exists()


def test_add_district_rejects_a_reserved_slug(db):
    with pytest.raises(CommandError, match="зарезервирован"):
        run_command("add_district", "--region", "Томская область", "--timezone", "Asia/Tomsk",
                    "--name", "Админ", "--slug", "admin", "--coordinator", "c@example.ru")


def test_seed_demo_gives_every_role_a_login_that_reaches_its_home(client, db):
    out = run_command("seed_demo")
    from roadmaps.services.demo import DEMO_PASSWORD

    emails = [line.split()[0] for line in out.splitlines()[1:] if "@" in line]
    roles = {m.role for m in Membership.objects.all()}
    assert roles == set(Role.values)
    assert len(emails) == 7
    for email in emails:
        client.logout()
        response = client.post(reverse("login"), {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert client.get(response.url).status_code == 200


def test_seed_demo_twice_keeps_the_data(db):
    run_command("seed_demo")
    counts = (District.objects.count(), User.objects.count(), Membership.objects.count())
    run_command("seed_demo")
    assert (District.objects.count(), User.objects.count(), Membership.objects.count()) == counts


def test_seed_demo_fills_a_district_that_add_district_created_first(db):
    run_command("add_district", "--region", "Томская область", "--timezone", "Asia/Tomsk",
                "--name", "Молчановский район", "--slug", "molchanovo",
                "--coordinator", "coordinator@example.ru")
    run_command("seed_demo")
    from roadmaps.models import Roadmap

    assert Roadmap.objects.filter(district__slug="molchanovo").exists()


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_are_safe_by_default():
    overrides = ("DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
    env = {k: v for k, v in os.environ.items() if k not in overrides}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", SECRET_KEY="x" * 50)
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_CODE, s.TIME_ZONE)")
    result = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True", "True", "ru", "Europe/Moscow"]


def test_docker_compose_file_is_valid():
    binary = shutil.which("docker-compose")
    assert binary, "docker-compose (Debian package) is installed by scripts/setup.sh"
    result = subprocess.run([binary, "-f", "docker-compose.yml", "config", "--services"],
                            cwd=settings.BASE_DIR, capture_output=True, text=True,
                            env={**os.environ, "SECRET_KEY": "compose-check"})
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == {"postgres", "redis", "web", "worker", "beat"}


def test_ci_runs_make_test_and_nothing_else():
    lines = [line.strip() for line in (settings.BASE_DIR / ".ci" / "run").read_text().splitlines()]
    commands = [line for line in lines if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == ["make test"]
