"""In-app notifications (the bell): added by the reminders, read by their person; and the
person's reminder settings (stages turned off, the calendar feed's secret)."""
from __future__ import annotations

from django.utils import timezone

from ..models import Notification, PersonSettings, Stage
from ..models.reminders import new_calendar_token


def notification_add(*, user_id: int, district_id: int | None, title: str, body: str = "",
                     url: str = "") -> Notification:
    return Notification.objects.create(user_id=user_id, district_id=district_id,
                                       title=title[:300], body=body, url=url[:500])


def notifications_mark_read(*, user, ids) -> int:
    """Mark these notifications of this person read; how many were unread."""
    ids = list(ids)
    if not ids:
        return 0
    return Notification.objects.filter(user=user, id__in=ids, read_at__isnull=True).update(
        read_at=timezone.now())


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


# --- a person's reminder settings -------------------------------------------------------------

def person_settings_for(user) -> PersonSettings:
    found, _ = PersonSettings.objects.get_or_create(user=user)
    return found


def person_settings_update(*, user, disabled_stages: list[str]):
    wanted = [s for s in Stage.values if s in set(disabled_stages)]
    found = person_settings_for(user)
    if found.disabled_stages != wanted:
        found.disabled_stages = wanted
        found.full_clean()
        found.save(update_fields=["disabled_stages"])
    return found


def calendar_token_renew(*, user):
    """A new secret for the calendar feed: the old address stops working at once."""
    found = person_settings_for(user)
    found.calendar_token = new_calendar_token()
    found.save(update_fields=["calendar_token"])
    return PersonSettings.objects.get(pk=found.pk)
