"""PostgreSQL unreachable: `manage.py migrate` and the other commands print one Russian
line naming the database (name, host, port — no password) instead of a traceback, and the
web process answers with our Russian 503 page, in production and under DEBUG."""
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings

PASSWORD = "s3cret-pw-never-shown"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gone_env():
    port = closed_port()
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_SETTINGS", "DEBUG", "DATABASE_URL", "PYTEST"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="0", SECRET_KEY="x" * 60,
               DATABASE_URL=f"postgres://roadmaps:{PASSWORD}@127.0.0.1:{port}/roadmaps_gone",
               ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0")
    return env, port


def run(args, env, **kwargs):
    return subprocess.run([sys.executable, *args], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=60, **kwargs)


@pytest.mark.parametrize("command", [
    ["migrate", "--noinput"],
    ["showmigrations"],
    ["add_district", "--region", "Томская область", "--timezone", "Asia/Tomsk",
     "--name", "Тестовый район", "--slug", "testovo", "--coordinator", "c@example.ru"],
])
def test_a_command_says_in_one_russian_line_which_database_is_gone(gone_env, command):
    env, port = gone_env
    result = run(["manage.py", *command], env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"Не удалось подключиться: база данных PostgreSQL «roadmaps_gone» на "
                     f"127.0.0.1:{port} не отвечает. Проверьте DATABASE_URL и что сервер "
                     "базы данных запущен."]
    assert PASSWORD not in result.stderr + result.stdout


def test_a_command_error_that_is_not_the_database_still_shows_as_before(gone_env):
    env, _ = gone_env
    result = run(["manage.py", "no_such_command"], env)
    assert result.returncode == 1 and "Unknown command" in result.stderr


WEB = """
import django, logging
django.setup()
from django.test import Client
response = Client().get("/", HTTP_COOKIE="sessionid=abcdefghijklmnopqrstuvwxyz012345")
print(response.status_code, response["Retry-After"], response["X-Error-Page"])
print(response.content.decode())
"""


@pytest.mark.parametrize("debug", ["0", "1"])
def test_the_web_process_answers_with_our_503_page_and_logs_one_line(gone_env, debug):
    env, port = gone_env
    env["DEBUG"] = debug
    result = run(["-c", WEB], env)
    assert result.returncode == 0, result.stderr
    status, page = result.stdout.split("\n", 1)
    assert status == "503 60 503"
    assert '<html lang="ru">' in page and "Сервис временно недоступен" in page
    assert "не может связаться с базой данных" in page and "roadmaps_gone" not in page
    assert "Traceback" not in result.stderr
    assert f"«roadmaps_gone» на 127.0.0.1:{port} не отвечает" in result.stderr
    assert PASSWORD not in result.stderr + result.stdout


OUTSIDE_A_VIEW = """
import django
django.setup()
from django.test import Client
# over the anonymous cap: the request-limits middleware asks the session who this is
response = Client(raise_request_exception=False).post(
    "/login/", "x=" + "1" * 70_000, content_type="application/x-www-form-urlencoded",
    HTTP_COOKIE="sessionid=abcdefghijklmnopqrstuvwxyz012345")
print(response.status_code, "Сервис временно недоступен" in response.content.decode())
"""


def test_a_database_failure_outside_a_view_gets_the_503_page_too(gone_env):
    env, port = gone_env
    result = run(["-c", OUTSIDE_A_VIEW], env)
    assert result.stdout.strip() == "503 True", result.stderr
    assert "Traceback" not in result.stderr
    assert f"«roadmaps_gone» на 127.0.0.1:{port} не отвечает" in result.stderr
