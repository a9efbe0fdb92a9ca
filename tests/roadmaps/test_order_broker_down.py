"""The render job when the broker (Redis) cannot be reached, and jobs that never started.

The broker is pointed at a closed port on this machine: the connection is refused at once,
and the connection timeouts of the settings bound the wait should it ever hang instead.
"""
import socket
import uuid
from datetime import timedelta

import pytest
import redis
from django.urls import reverse
from django.utils import timezone

from roadmaps import tasks
from roadmaps.models import Order
from roadmaps.services import orders

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens on it once the probe is closed


@pytest.fixture
def broker_down(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    return settings


def _render(client, order):
    url = reverse("order_render", args=[order.district.slug, order.pk])
    return client.post(url, HTTP_HX_REQUEST="true")


# transactional: the job is sent when the request's transaction really commits, as in
# production, so the answer of the same request already knows whether the broker took it
@pytest.mark.django_db(transaction=True)
def test_the_order_page_says_the_render_could_not_be_queued_and_offers_it_again(
        client_for, coordinator_a, order_a, broker_down):
    client = client_for(coordinator_a)
    response = _render(client, order_a)  # the broker's connect timeout is 3 s (settings)
    assert response.status_code == 200
    html = response.content.decode()
    assert "сервер фоновых задач сейчас недоступен" in html
    assert 'id="render-order"' in html and "hx-trigger" not in html
    order_a.refresh_from_db()
    assert order_a.render_state == Order.RenderState.FAILED
    page = client.get(reverse("order_detail", args=[order_a.district.slug, order_a.pk]))
    assert "сервер фоновых задач сейчас недоступен" in page.content.decode()

    broker_down.CELERY_TASK_ALWAYS_EAGER = True  # the broker is back
    again = _render(client, order_a)
    order_a.refresh_from_db()
    assert order_a.render_state == Order.RenderState.DONE, order_a.render_error
    assert "Скачать PDF" in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_without_htmx_the_person_lands_on_the_order_page_with_the_reason(
        client_for, coordinator_a, order_a, broker_down):
    client = client_for(coordinator_a)
    url = reverse("order_render", args=[order_a.district.slug, order_a.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "сервер фоновых задач сейчас недоступен" in response.content.decode()


def _queued(order, minutes_ago):
    Order.objects.filter(pk=order.pk).update(
        render_state=Order.RenderState.QUEUED, render_progress=0,
        render_requested_at=timezone.now() - timedelta(minutes=minutes_ago))
    order.refresh_from_db()


def test_a_job_queued_moments_ago_is_not_asked_for_twice(order_a, coordinator_a):
    _queued(order_a, 1)
    assert orders.order_request_render(order=order_a, acting_user=coordinator_a) == orders.RenderRequest.BUSY


def test_a_job_queued_minutes_ago_that_never_started_may_be_asked_for_again(
        client_for, coordinator_a, order_a, eager, django_capture_on_commit_callbacks):
    _queued(order_a, 5)
    status = client_for(coordinator_a).get(
        reverse("order_status", args=[order_a.district.slug, order_a.pk])).content.decode()
    assert "так и не началось" in status and 'id="render-order"' in status
    assert "hx-trigger" not in status
    with django_capture_on_commit_callbacks(execute=True):
        assert orders.order_request_render(order=order_a, acting_user=coordinator_a) == orders.RenderRequest.QUEUED
    order_a.refresh_from_db()
    assert order_a.render_state == Order.RenderState.DONE


def test_the_periodic_sweep_sends_again_a_job_that_never_started(order_a, other_order, eager):
    _queued(order_a, 5)
    _queued(other_order, 1)  # just queued: the worker will take it
    assert tasks.requeue_stale_renders() == 1
    order_a.refresh_from_db(), other_order.refresh_from_db()
    assert order_a.render_state == Order.RenderState.DONE
    assert other_order.render_state == Order.RenderState.QUEUED
    assert tasks.requeue_stale_renders() == 0


def test_the_sweep_leaves_the_job_queued_while_the_broker_is_still_down(order_a, broker_down):
    _queued(order_a, 5)
    assert tasks.requeue_stale_renders() == 0
    order_a.refresh_from_db()
    assert order_a.render_state == Order.RenderState.QUEUED
    assert order_a.render_requested_at > timezone.now() - timedelta(minutes=1)


@pytest.fixture
def other_order(filled_roadmap_a, coordinator_a):
    return orders.order_create_draft(roadmap=filled_roadmap_a, acting_user=coordinator_a,
                                     number="144")


def test_a_job_sent_again_that_still_never_starts_ends_failed_and_renderable(
        client_for, coordinator_a, order_a, settings, unheard_queue):
    _queued(order_a, 5)
    assert tasks.requeue_stale_renders() == 1  # sent once more
    order_a.refresh_from_db()
    assert order_a.render_state == Order.RenderState.QUEUED
    Order.objects.filter(pk=order_a.pk).update(
        render_requested_at=timezone.now() - timedelta(minutes=5))
    assert tasks.requeue_stale_renders() == 0  # given up: not sent a third time
    order_a.refresh_from_db()
    assert order_a.render_state == Order.RenderState.FAILED
    status = client_for(coordinator_a).get(
        reverse("order_status", args=[order_a.district.slug, order_a.pk])).content.decode()
    assert "так и не началось" in status and 'id="render-order"' in status


@pytest.fixture
def unheard_queue(settings):
    """The real broker takes the job, on a queue that no worker listens to."""
    queue = f"orders-unheard-{uuid.uuid4().hex[:10]}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.ORDER_RENDER_QUEUE = queue
    yield queue
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    for key in client.scan_iter(f"*{queue}*"):
        client.delete(key)


def test_beat_runs_the_sweep_every_two_minutes():
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import ModelEntry

    from config.celery import app

    # what DatabaseScheduler.setup_schedule does with every entry of the app's schedule
    for name, entry in app.conf.beat_schedule.items():
        ModelEntry.from_entry(name, app=app, **entry)
    task = PeriodicTask.objects.get(name="requeue-stale-order-renders")
    assert task.task == "roadmaps.tasks.requeue_stale_renders"
    assert (task.interval.every, task.interval.period) in {(120, "seconds"), (2, "minutes")}
    assert Order.STALE_QUEUED > timedelta(seconds=120)  # a job is never swept while fresh
