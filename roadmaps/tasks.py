"""Celery jobs of the roadmaps app. Each takes ids, re-fetches, claims its work, calls a service."""
from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from kombu.exceptions import OperationalError

from .models import Order

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True, acks_late=True)
def render_order(order_id: int, user_id: int | None = None) -> str:
    """Render an order to PDF and DOCX. Runs once per request even if delivered twice."""
    from schools.models import User

    from .services import orders

    claimed = Order.objects.filter(pk=order_id, render_state=Order.RenderState.QUEUED).update(
        render_state=Order.RenderState.RUNNING, render_progress=2)
    if not claimed:
        return "skipped"
    user = User.objects.filter(pk=user_id).first() if user_id else None
    order = Order.objects.select_related(
        "district", "roadmap__district", "roadmap__directive").get(pk=order_id)
    try:
        orders.order_render(order=order, acting_user=user)
    except Exception as exc:  # the page must show the failure instead of spinning forever
        logger.exception("Не удалось сформировать приказ %s", order_id)
        orders.order_render_failed(
            order_id=order_id, acting_user=user,
            error=f"Не удалось сформировать файлы: {type(exc).__name__}: {exc}")
        return "failed"
    return "done"


@shared_task(ignore_result=True)
def requeue_stale_renders() -> int:
    """Periodic: send again the render jobs that were queued and never started."""
    from .services import orders

    sent = 0
    for order_id in orders.orders_claim_stale_renders():
        if queue_render(order_id, None, mark_failed=False):
            sent += 1
    if sent:
        logger.warning("Повторно поставлено в очередь формирование приказов: %s", sent)
    return sent


def queue_render(order_id: int, user_id: int | None, *, mark_failed: bool = True) -> bool:
    """Send the render job (called from `transaction.on_commit`). False when the broker
    could not be reached: the order is then marked failed with a Russian reason, so the
    page says so and offers the render again (`mark_failed=False` leaves it queued).

    Reads the Django settings at call time: `CELERY_TASK_ALWAYS_EAGER` runs the job in
    process, `ORDER_RENDER_QUEUE` names a queue, and `CELERY_BROKER_URL` is the broker (a
    test's own Redis database, or a closed port).
    """
    try:
        _send_render(order_id, user_id)
    except (OperationalError, OSError):
        logger.exception("Брокер задач недоступен: приказ %s не поставлен в очередь", order_id)
        if mark_failed:
            from .services import orders

            orders.order_render_not_queued(order_id=order_id)
        return False
    return True


def _send_render(order_id: int, user_id: int | None) -> None:
    args = [order_id, user_id]
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        render_order.apply(args=args)
        return
    options = {}
    queue = getattr(settings, "ORDER_RENDER_QUEUE", "")
    if queue:
        options["queue"] = queue
    # a connection of its own each time (a click, not a stream of messages): never one kept
    # in a pool from a broker that has gone away meanwhile
    broker = getattr(settings, "CELERY_BROKER_URL", "") or render_order.app.conf.broker_url
    with render_order.app.connection_for_write(broker) as connection:
        render_order.apply_async(args=args, connection=connection, **options)


# --- a school programme's submission: its dated PDF (roadmaps.services.workflow) ----------

@shared_task(ignore_result=True, acks_late=True)
def render_submission(submission_id: int) -> str:
    """Render a submission's frozen content to PDF. Runs once even if delivered twice."""
    from .models import Submission
    from .services import workflow

    claimed = Submission.objects.filter(
        pk=submission_id, render_state=Submission.RenderState.QUEUED).update(
        render_state=Submission.RenderState.RUNNING)
    if not claimed:
        return "skipped"
    submission = Submission.objects.select_related("roadmap__district__region").get(
        pk=submission_id)
    try:
        workflow.submission_render(submission=submission)
    except Exception as exc:  # the timeline must show the failure instead of waiting forever
        logger.exception("Не удалось сформировать PDF поданной программы %s", submission_id)
        workflow.submission_render_failed(
            submission_id=submission_id,
            error=f"Не удалось сформировать PDF: {type(exc).__name__}: {exc}")
        return "failed"
    return "done"


def queue_submission_render(submission_id: int) -> bool:
    """Send the job (from `transaction.on_commit`); a broker that cannot be reached marks
    the submission failed with a Russian reason, so the timeline offers the render again."""
    try:
        if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
            render_submission.apply(args=[submission_id])
            return True
        broker = getattr(settings, "CELERY_BROKER_URL", "") or render_submission.app.conf.broker_url
        with render_submission.app.connection_for_write(broker) as connection:
            render_submission.apply_async(args=[submission_id], connection=connection)
    except (OperationalError, OSError):
        logger.exception("Брокер задач недоступен: PDF подачи %s не поставлен в очередь",
                         submission_id)
        from .services import workflow

        workflow.submission_render_not_queued(submission_id=submission_id)
        return False
    return True
