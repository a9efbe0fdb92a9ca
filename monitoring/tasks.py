"""Celery jobs of the monitoring app: the hourly deadline reminders.

`send_due_reminders` runs every hour (CELERY_BEAT_SCHEDULE). For each region whose local
time at that instant is between 09:00 and 11:59 it queues one `send_district_reminders`
per district of the region for the region's local day. The 09:00 run sends; the runs of
10:00 and 11:00 are the catch-up for a 09:00 run that was missed (beat or the broker
down, a worker killed): everything already sent is claimed, so they send only what is
left, and nothing when there is nothing left (a due date added to an approved roadmap
after the 09:00 run therefore arrives that day in a second, smaller digest). After 12:00
local time a day that was missed altogether is not sent by itself: an administrator runs
`send_reminders --date`. The instant is a parameter (`now`, ISO text), so a test moves
time without patching a clock.
"""
from __future__ import annotations

import logging
from datetime import UTC, date, datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from schools.models import District, Region

logger = logging.getLogger(__name__)

FIRST_HOUR, LAST_HOUR = 9, 11  # the local hours that send (09:00, and two catch-up runs)


def regions_due(now: datetime) -> list[tuple[Region, date]]:
    """The regions to serve at this instant, each with its local day."""
    out = []
    for region in Region.objects.order_by("id"):
        local = now.astimezone(region.zone)
        if FIRST_HOUR <= local.hour <= LAST_HOUR:
            out.append((region, local.date()))
    return out


@shared_task(ignore_result=True)
def send_due_reminders(now: str | None = None) -> int:
    """Hourly: queue the reminders of every district of the regions at 09:00–11:59 local
    time. Returns how many district jobs were queued."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    queued = 0
    for region, day in regions_due(moment):
        for district_id in District.objects.filter(region=region).order_by("id").values_list("id", flat=True):
            queue_district(district_id, day)
            queued += 1
    return queued


@shared_task(ignore_result=True, acks_late=True, bind=True, max_retries=3)
def send_district_reminders(self, district_id: int, day: str) -> int:
    """The reminders of one district for its local day; each item once whoever runs it
    (monitoring/services/reminders.py). An SMTP failure retries after the claim lease."""
    from .services import reminders

    try:
        result = reminders.reminders_send_for_district(district_id=district_id,
                                                       day=date.fromisoformat(day))
    except OSError as exc:  # SMTP unreachable: the claimed rows are taken again after the lease
        logger.warning("Напоминания муниципалитета %s за %s не отправлены: %s", district_id, day, exc)
        raise self.retry(exc=exc, countdown=int(reminders.CLAIM_LEASE.total_seconds()) + 60) from exc
    return result.items


def queue_district(district_id: int, day: date) -> None:
    """Queue one district's job (in process when CELERY_TASK_ALWAYS_EAGER; on
    REMINDER_QUEUE when it names one)."""
    args = [district_id, day.isoformat()]
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        send_district_reminders.apply(args=args, throw=True)
        return
    options = {}
    queue = getattr(settings, "REMINDER_QUEUE", "")
    if queue:
        options["queue"] = queue
    send_district_reminders.apply_async(args=args, **options)
