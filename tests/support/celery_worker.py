"""A real Celery worker for the round-trip tests: a subprocess on a queue of its own, using
the test's database (committed rows: transactional tests) and a real Redis; always stopped,
and its queue's keys removed, whatever happens."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

READY_TIMEOUT = 45


def database_url() -> str:
    """The test database, as a URL the worker process can read from its environment."""
    db = connection.settings_dict
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def wait_for(predicate, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"{what} did not happen within {timeout} s; worker log:\n"
                f"{log.read_text(errors='replace')[-3000:]}")


def fresh_queue(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@contextmanager
def celery_worker(*, queue: str, broker: str, log: Path, env: dict[str, str]
                  ) -> Iterator[subprocess.Popen]:
    """Start `celery worker` on `queue` (make one with `fresh_queue`); yields the process.
    `env` is laid over this process's environment (the database URL is set already)."""
    full_env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": broker,
                "CELERY_TASK_ALWAYS_EAGER": "0", **env}
    celery = Path(sys.executable).with_name("celery")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(celery), "-A", "config", "worker", "--pool=solo", "-Q", queue,
             "-n", f"{queue}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle",
             "--without-heartbeat"],
            cwd=settings.BASE_DIR, env=full_env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        wait_for(lambda: b"ready." in log.read_bytes() or process.poll() is not None,
                 READY_TIMEOUT, "the worker start", log)
        assert process.poll() is None, log.read_text(errors="replace")
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        client = redis.Redis.from_url(broker)
        for key in client.scan_iter(f"*{queue}*"):
            client.delete(key)
