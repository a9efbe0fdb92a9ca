"""The render job through the real broker: a Celery worker in a subprocess, on its own queue.

The worker uses this test's database (committed rows: a transactional test) and Redis db 14;
it is always stopped, whatever happens.
"""
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction

from roadmaps.models import Order
from roadmaps.services import orders

BROKER = "redis://127.0.0.1:6379/14"
READY_TIMEOUT = 45
RENDER_TIMEOUT = 60


def _database_url() -> str:
    db = connection.settings_dict
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def _wait_for(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    pytest.fail(f"{what} did not happen within {timeout} s; worker log:\n"
                f"{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def worker(tmp_path, settings):
    queue = f"orders-test-{uuid.uuid4().hex[:10]}"
    settings.ORDER_RENDER_QUEUE = queue
    settings.CELERY_BROKER_URL = BROKER
    settings.CELERY_TASK_ALWAYS_EAGER = False
    log = tmp_path / "worker.log"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test",
           "DATABASE_URL": _database_url(), "REDIS_URL": BROKER, "CELERY_TASK_ALWAYS_EAGER": "0"}
    celery = Path(sys.executable).with_name("celery")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(celery), "-A", "config", "worker", "--pool=solo", "-Q", queue,
             "-n", f"{queue}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle",
             "--without-heartbeat"],
            cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        _wait_for(lambda: b"ready." in log.read_bytes() or process.poll() is not None,
                  READY_TIMEOUT, "the worker start", log)
        assert process.poll() is None, log.read_text(errors="replace")
        yield process, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        client = redis.Redis.from_url(BROKER)
        for key in client.scan_iter(f"*{queue}*"):
            client.delete(key)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_order_queued_on_commit(worker, filled_roadmap_a, coordinator_a):
    process, log = worker
    order = orders.order_create_draft(roadmap=filled_roadmap_a, acting_user=coordinator_a,
                                      number="143/1")
    with transaction.atomic():
        assert orders.order_request_render(order=order, acting_user=coordinator_a) == orders.RenderRequest.QUEUED
        assert Order.objects.get(pk=order.pk).render_state == Order.RenderState.QUEUED

    def finished():
        order.refresh_from_db()
        return order.render_state in (Order.RenderState.DONE, Order.RenderState.FAILED)

    _wait_for(finished, RENDER_TIMEOUT, "the render", log)
    assert order.render_state == Order.RenderState.DONE, order.render_error
    assert order.render_progress == 100
    assert Path(settings.MEDIA_ROOT, order.pdf.name).read_bytes().startswith(b"%PDF-")
    assert order.docx.name.endswith(".docx")
    assert process.poll() is None
