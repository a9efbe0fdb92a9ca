"""Sending the day's deadline reminders: one digest per person (address) and district a day,
by e-mail and in the app, each item exactly once.

Exactly once. Each item is recorded under the unique key (district, recipient, due date,
stage, local day) of `ReminderSent` BEFORE its e-mail goes out:

1. claim: for one person at a time, one `INSERT … ON CONFLICT DO NOTHING RETURNING` of
   the person's items (committed at once); the rows it returns are this run's to send. A
   second run, a retried task or a second worker racing this one gets nothing back for
   rows already there, so it never sends them;
2. send the digest of the claimed items (Django's SMTP backend);
3. mark them sent (`sent_at`) and add the in-app notification, in one statement.

A worker killed mid-run: the people it had not reached yet have no rows, so the next run
(the next hourly run in the catch-up window, a retried task or `send_reminders`) sends
them at once; the person it was sending to when it died has rows claimed but not sent.
Those rows are taken again by a later run only when their claim is older than
`CLAIM_LEASE` (five minutes; the claim's time is refreshed by a conditional UPDATE, so
only one run takes them): a run that is merely slow is never overtaken.

The trade-off: an e-mail cannot be sent and recorded atomically. We chose at-least-once
for one narrow window and exactly-once everywhere else: a worker that dies after the
SMTP server accepted a digest and before step 3 committed (a few milliseconds) makes that
one person get that digest a second time after the lease. The other choice, never taking
a claimed row again (at-most-once), would silently lose the reminders of a person whose
send failed (SMTP down, a killed worker); a missed deadline reminder costs more than a
rare duplicate. A turned-off stage is not claimed at all.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection as db
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.templatetags.ru import plural_form

from ..models import Notification, ReminderSent, Stage
from ..selectors.reminders import Digest, Item, reminders_for_day

logger = logging.getLogger(__name__)

CLAIM_LEASE = timedelta(minutes=5)
STAGE_TITLES = {
    Stage.WEEK: "Через неделю",
    Stage.TOMORROW: "Завтра",
    Stage.TODAY: "Сегодня",
    Stage.OVERDUE: "Просрочено",
}
_TABLE = ReminderSent._meta.db_table
_NOTIFICATIONS = Notification._meta.db_table


@dataclass
class SendResult:
    digests: int = 0
    items: int = 0


# --- the message ----------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _roadmap_path(district_slug: str, roadmap_id: int) -> str:
    return reverse("roadmap_detail", args=[district_slug, roadmap_id])


def measure_path(item: Item) -> str:
    return _roadmap_path(item.district_slug, item.roadmap_id) + f"#measure-{item.measure_id}"


def measure_link(item: Item) -> str:
    return settings.SITE_URL.rstrip("/") + measure_path(item)


def digest_subject(day: date, count: int) -> str:
    word = plural_form(count, "напоминание,напоминания,напоминаний")
    return f"Сроки мероприятий на {day:%d.%m.%Y}: {count} {word}"


def digest_context(digest: Digest, items: list[Item], day: date) -> dict:
    groups = []
    for stage in (Stage.OVERDUE, Stage.TODAY, Stage.TOMORROW, Stage.WEEK):
        rows = [
            {"item": i, "link": measure_link(i), "late_days": (day - i.due_on).days,
             "schools": sorted(s for s in digest.schools.get(i.key, ()) if s)}
            for i in items if i.stage == stage
        ]
        if rows:
            groups.append({"stage": stage, "title": STAGE_TITLES[stage], "rows": rows})
    return {
        "day": day, "name": digest.name, "count": len(items), "groups": groups,
        "subject": digest_subject(day, len(items)),
        "settings_url": settings.SITE_URL.rstrip("/") + reverse("reminder_settings"),
        "site_url": settings.SITE_URL.rstrip("/"),
        "has_settings": digest.user_id is not None,
    }


def digest_message(digest: Digest, items: list[Item], day: date, connection=None) -> EmailMultiAlternatives:
    context = digest_context(digest, items, day)
    message = EmailMultiAlternatives(
        context["subject"], render_to_string("monitoring/email/digest.txt", context),
        settings.DEFAULT_FROM_EMAIL, [digest.email], connection=connection)
    message.attach_alternative(render_to_string("monitoring/email/digest.html", context), "text/html")
    return message


# --- claiming -------------------------------------------------------------------------------

def _stale_claims(district_ids: Iterable[int], day: date, now) -> dict[tuple[int, str], set[tuple[int, str]]]:
    """{(district, recipient): keys claimed by a run that never marked them sent}."""
    out: dict[tuple[int, str], set[tuple[int, str]]] = defaultdict(set)
    rows = ReminderSent.objects.filter(
        district_id__in=set(district_ids), day=day, sent_at__isnull=True,
        created_at__lt=now - CLAIM_LEASE,
    ).values_list("district_id", "recipient", "due_date_id", "stage")
    for district_id, recipient, due_id, stage in rows:
        out[(district_id, recipient)].add((due_id, stage))
    return out


# Each statement carries the keys as two arrays (unnest), not a placeholder per value: a
# digest of a hundred items is still a statement of a few parameters.
_KEYS = "SELECT * FROM unnest(%s::bigint[], %s::text[]) AS k(due_date_id, stage)"


def _arrays(keys) -> list:
    ordered = sorted(keys)  # the same order in every run: no deadlock between racing runs
    return [[due_id for due_id, _ in ordered], [str(stage) for _, stage in ordered]]


def _claim(digest: Digest, keys: list[tuple[int, str]], day: date, now) -> set[tuple[int, str]]:
    """Insert the rows of these items; the keys this call inserted (nobody had them)."""
    if not keys:
        return set()
    sql = (f"INSERT INTO {_TABLE} (district_id, recipient, user_id, due_date_id, stage, day, "
           f"sent_at, created_at) "
           f"SELECT %s::bigint, %s::text, %s::bigint, k.due_date_id, k.stage, %s::date, NULL, "
           f"%s::timestamptz FROM ({_KEYS}) AS k ORDER BY k.due_date_id, k.stage "
           f"ON CONFLICT (district_id, recipient, due_date_id, stage, day) DO NOTHING "
           f"RETURNING due_date_id, stage")
    with db.cursor() as cursor:
        cursor.execute(sql, [digest.district_id, digest.email, digest.user_id, day, now, *_arrays(keys)])
        return {(due_id, stage) for due_id, stage in cursor.fetchall()}


def _reclaim(digest: Digest, keys: set[tuple[int, str]], day: date, now) -> set[tuple[int, str]]:
    """Take again the stale claims of these items (one run wins each row)."""
    if not keys:
        return set()
    sql = (f"UPDATE {_TABLE} SET created_at = %s WHERE district_id = %s AND recipient = %s "
           f"AND day = %s AND sent_at IS NULL AND created_at < %s "
           f"AND (due_date_id, stage) IN ({_KEYS}) RETURNING due_date_id, stage")
    with db.cursor() as cursor:
        cursor.execute(sql, [now, digest.district_id, digest.email, day, now - CLAIM_LEASE,
                             *_arrays(keys)])
        return {(due_id, stage) for due_id, stage in cursor.fetchall()}


def _mark_sent(digest: Digest, keys: set[tuple[int, str]], day: date, now,
               notification: dict | None) -> bool:
    """Mark these rows sent and add the person's notification, in ONE statement (so both or
    neither happen, and the notification only if this call marked anything)."""
    params: list = [now, digest.district_id, digest.email, day, *_arrays(keys)]
    mark = (f"UPDATE {_TABLE} SET sent_at = %s WHERE district_id = %s AND recipient = %s "
            f"AND day = %s AND sent_at IS NULL AND (due_date_id, stage) IN ({_KEYS}) RETURNING 1")
    with db.cursor() as cursor:
        if notification is None:
            cursor.execute(mark, params)
            return bool(cursor.fetchall())
        n = notification
        cursor.execute(
            f"WITH marked AS ({mark}) INSERT INTO {_NOTIFICATIONS} "
            f"(user_id, district_id, title, body, url, created_at, read_at) "
            f"SELECT %s, %s, %s, %s, %s, %s, NULL WHERE EXISTS (SELECT 1 FROM marked) RETURNING 1",
            params + [n["user_id"], n["district_id"], n["title"][:300], n["body"], n["url"][:500], now])
        return bool(cursor.fetchall())


# --- sending --------------------------------------------------------------------------------

def reminders_send(*, digests: list[Digest], day: date,
                   on_sent: Callable[[int], None] | None = None, connection=None) -> SendResult:
    """Send what has not been sent of these digests (the local day `day`): claim, send,
    mark, notify, one person at a time. `on_sent(n)` is called after the n-th digest;
    `connection` is a mail backend (by default the settings' one)."""
    result = SendResult()
    if not digests:
        return result
    stale = _stale_claims({d.district_id for d in digests}, day, timezone.now())
    connection = connection or get_connection(fail_silently=False)
    try:
        for digest in digests:
            now = timezone.now()
            claimed = _claim(digest, list(digest.items), day, now)
            again = stale.get((digest.district_id, digest.email), set()) & set(digest.items)
            if again - claimed:
                claimed |= _reclaim(digest, again - claimed, day, now)
            if not claimed:
                continue
            items = sorted((digest.items[k] for k in claimed), key=lambda i: i.sort_key)
            if getattr(connection, "connection", False) is None:
                connection.open()  # one SMTP session for the whole run, opened when needed
            digest_message(digest, items, day, connection=connection).send()
            notification = None
            if digest.user_id is not None:
                notification = {"user_id": digest.user_id, "district_id": digest.district_id,
                                "title": digest_subject(day, len(items)),
                                "body": notification_body(items), "url": measure_path(items[0])}
            _mark_sent(digest, claimed, day, timezone.now(), notification)
            result.digests += 1
            result.items += len(items)
            if on_sent is not None:
                on_sent(result.digests)
    finally:
        connection.close()
    return result


def notification_body(items: list[Item]) -> str:
    lines = []
    for i in items[:10]:
        lines.append(f"{STAGE_TITLES[i.stage]}: {i.number} {i.text}".strip()[:200]
                     + f" (срок: {i.deadline_text or i.due_on.strftime('%d.%m.%Y')})")
    if len(items) > 10:
        lines.append(f"и ещё {len(items) - 10}")
    return "\n".join(lines)


def reminders_send_for_district(*, district_id: int, day: date,
                                on_sent: Callable[[int], None] | None = None) -> SendResult:
    """The job of one district for its local day."""
    return reminders_send(digests=reminders_for_day(day, [district_id]), day=day, on_sent=on_sent)


def reminders_seed_demo() -> None:
    """Demo rows (`manage.py seed_demo`): today's reminders of the demo districts (their
    region's local day) recorded and notified without e-mail (a dummy mail backend), so the
    bell shows a count after `make run`; a second run adds nothing."""
    from schools.models import District

    quiet = get_connection("django.core.mail.backends.dummy.EmailBackend")
    for district in District.objects.filter(slug__in=["molchanovo", "kozhevnikovo"]).select_related("region"):
        day = timezone.localtime(timezone.now(), district.region.zone).date()
        reminders_send(digests=reminders_for_day(day, [district.pk]), day=day, connection=quiet)
