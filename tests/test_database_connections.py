"""Persistent database connections with health checks: a new PostgreSQL connection cost
10-17 ms a request. By default a worker keeps its connection for 60 s and checks it before
reusing it; the environment may change both, and docker-compose sets them for every process."""
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connections

CODE = ("import django; django.setup(); from django.conf import settings as s; "
        "d = s.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])")


def _production_settings(**env) -> list[str]:
    base = {k: v for k, v in os.environ.items()
            if k not in ("DEBUG", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    base.update(DJANGO_SETTINGS_MODULE="config.settings", SECRET_KEY="x" * 50, **env)
    result = subprocess.run([sys.executable, "-c", CODE], cwd=settings.BASE_DIR, env=base,
                            capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_production_keeps_connections_for_a_minute_and_checks_them():
    assert _production_settings() == ["60", "True"]


def test_the_environment_may_turn_persistent_connections_off():
    assert _production_settings(CONN_MAX_AGE="0", CONN_HEALTH_CHECKS="0") == ["0", "False"]


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose is not installed")
def test_docker_compose_sets_them_for_the_web_worker_and_beat():
    result = subprocess.run([shutil.which("docker-compose"), "-f", "docker-compose.yml", "config"],
                            cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
                            env={**os.environ, "SECRET_KEY": "compose-check"})
    lines = [line.strip().replace('"', "").replace("'", "") for line in result.stdout.splitlines()]
    assert lines.count("CONN_MAX_AGE: 60") == 3
    assert lines.count("CONN_HEALTH_CHECKS: 1") == 3


@pytest.mark.django_db
def test_a_connection_outlives_a_request_and_a_dead_one_is_replaced_before_reuse():
    wrapper = connections.create_connection("default")  # configured as a worker's is
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
        raw = wrapper.connection
        wrapper.close_if_unusable_or_obsolete()  # what the end of a request does
        assert wrapper.connection is raw  # kept for the next request
        raw.close()  # the server restarted between two requests
        wrapper.close_if_unusable_or_obsolete()  # the start of the next request
        with wrapper.cursor() as cursor:  # the health check reconnects: no error page
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
        assert wrapper.connection is not raw
    finally:
        wrapper.close()
