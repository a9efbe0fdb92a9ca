"""The render job through the real broker: a Celery worker in a subprocess, on its own queue.

The worker uses this test's database (committed rows: a transactional test) and Redis db 14;
it is always stopped, whatever happens.
"""
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from roadmaps.models import Order
from roadmaps.services import orders
from tests.support.celery_worker import celery_worker, fresh_queue, wait_for

BROKER = "redis://127.0.0.1:6379/14"
RENDER_TIMEOUT = 60


@pytest.fixture
def worker(tmp_path, settings):
    settings.CELERY_BROKER_URL = BROKER
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.ORDER_RENDER_QUEUE = queue = fresh_queue("orders-test")
    log = tmp_path / "worker.log"
    with celery_worker(queue=queue, broker=BROKER, log=log,
                       env={"DJANGO_SETTINGS_MODULE": "config.settings_test"}) as process:
        yield process, log


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

    wait_for(finished, RENDER_TIMEOUT, "the render", log)
    assert order.render_state == Order.RenderState.DONE, order.render_error
    assert order.render_progress == 100
    assert Path(settings.MEDIA_ROOT, order.pdf.name).read_bytes().startswith(b"%PDF-")
    assert order.docx.name.endswith(".docx")
    assert process.poll() is None
