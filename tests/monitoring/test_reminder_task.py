"""The hourly job: each region at 09:00 its local time (time travel by the `now` argument,
never a patched clock), fanned out per district; and a round trip through a real Celery
worker and Redis."""
import time
from datetime import date, timedelta

import pytest

from monitoring import tasks
from monitoring.models import ReminderSent
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.support.celery_worker import celery_worker, fresh_queue, wait_for

from ..factories import DistrictFactory, RegionFactory, RoadmapFactory, UserFactory
from .test_reminders import approve, measure_due

DAY = date(2026, 12, 5)
READY_TIMEOUT = 45


def _place(name, slug, zone):
    region = RegionFactory(name=name, slug=slug, time_zone=zone)
    district = DistrictFactory(region=region, name=f"Район ({name})", slug=f"{slug}-district")
    coordinator = UserFactory(email=f"coord@{slug}.example.ru")
    membership_grant(user=coordinator, role=Role.COORDINATOR, district=district)
    roadmap = approve(RoadmapFactory(district=district))
    measure_due(roadmap, DAY + timedelta(days=1), number="1")  # «tomorrow» on 05.12 local
    return district


@pytest.fixture
def three_zones(db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return {
        "tomsk": _place("Томская область", "tomsk", "Asia/Tomsk"),        # UTC+7
        "samara": _place("Самарская область", "samara", "Europe/Samara"),  # UTC+4
        "moscow": _place("Москва", "moscow", "Europe/Moscow"),             # UTC+3
    }


def _recipients(mailbox) -> list[str]:
    return sorted(a for m in mailbox.messages for a in m.to)


def test_each_region_gets_its_digests_at_nine_local_time(three_zones, mail_server):
    # 02:10 UTC: Tomsk 09:10 — sends; Samara 06:10 and Moscow 05:10 — not yet
    assert tasks.send_due_reminders(now="2026-12-05T02:10:00+00:00") == 1
    assert _recipients(mail_server) == ["coord@tomsk.example.ru"]
    # 05:10 UTC: Samara 09:10 sends; Tomsk (12:10) is past its window and sends nothing
    assert tasks.send_due_reminders(now="2026-12-05T05:10:00+00:00") == 1
    assert _recipients(mail_server) == ["coord@samara.example.ru", "coord@tomsk.example.ru"]
    # 06:10 UTC: Moscow 09:10 sends; Samara's catch-up run (10:10) finds everything sent
    assert tasks.send_due_reminders(now="2026-12-05T06:10:00+00:00") == 2
    assert _recipients(mail_server) == ["coord@moscow.example.ru", "coord@samara.example.ru",
                                        "coord@tomsk.example.ru"]
    for m in mail_server.messages:
        assert "05.12.2026" in m.subject
    assert ReminderSent.objects.filter(day=DAY).count() == 3


def test_before_nine_nothing_is_queued_and_a_missed_nine_is_caught_up_until_noon(three_zones, mail_server):
    assert tasks.send_due_reminders(now="2026-12-05T01:59:00+00:00") == 0  # Tomsk 08:59
    assert len(mail_server) == 0
    # the 09:00 and 10:00 runs were missed (beat down): Tomsk's 11:00 run still sends
    assert tasks.send_due_reminders(now="2026-12-05T04:00:00+00:00") == 1
    assert _recipients(mail_server) == ["coord@tomsk.example.ru"]
    assert tasks.send_due_reminders(now="2026-12-05T05:00:00+00:00") == 1  # Tomsk 12:00: no; Samara 09:00
    assert _recipients(mail_server) == ["coord@samara.example.ru", "coord@tomsk.example.ru"]


def test_the_local_day_is_the_regions_own(three_zones, mail_server):
    # 17:30 UTC on 04.12 is already 00:30 on 05.12 in Tomsk, but not 09:00: nothing
    assert tasks.send_due_reminders(now="2026-12-04T17:30:00+00:00") == 0
    # 06:00 UTC on 04.12: Moscow 09:00 on 04.12 — the item due 06.12 is not «tomorrow» there
    tasks.send_due_reminders(now="2026-12-04T06:00:00+00:00")
    assert len(mail_server) == 0


def test_beat_runs_the_job_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-reminders"]
    assert entry["task"] == "monitoring.tasks.send_due_reminders"
    assert entry["schedule"].minute == {0} and len(entry["schedule"].hour) == 24


# --- a real worker ------------------------------------------------------------------------------

@pytest.fixture
def worker(tmp_path, settings, _smtp_server):
    """A Celery worker in a subprocess on a queue of its own, with production settings
    sending through the test's SMTP server; always stopped."""
    queue = fresh_queue("reminders-test")
    log = tmp_path / "worker.log"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0",
           "SECRET_KEY": "reminder-worker-test-secret-key-0123456789",
           "REMINDER_QUEUE": queue, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(_smtp_server.port), "EMAIL_USE_TLS": "0",
           "DEFAULT_FROM_EMAIL": "roadmaps@example.ru", "SITE_URL": "https://dk.example.ru",
           "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
           "LOG_LEVEL": "INFO"}
    with celery_worker(queue=queue, broker=settings.CELERY_BROKER_URL, log=log, env=env):
        yield queue, log


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_hourly_job_and_the_district_jobs_it_queues(worker, mail_server, settings):
    queue, log = worker
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _place("Томская область", "tomsk", "Asia/Tomsk")
    _place("Самарская область", "samara", "Europe/Samara")
    tasks.send_due_reminders.apply_async(kwargs={"now": "2026-12-05T02:10:00+00:00"}, queue=queue)
    wait_for(lambda: len(mail_server) >= 1, 60, "the digest", log)
    [message] = mail_server.messages
    assert message.to == ["coord@tomsk.example.ru"]
    assert "https://dk.example.ru/tomsk-district/roadmaps/" in message.text
    wait_for(lambda: ReminderSent.objects.filter(sent_at__isnull=False).count() == 1, 20,
              "the reminder marked sent", log)
    # the same instant again (a retried beat message): nothing new
    tasks.send_due_reminders.apply_async(kwargs={"now": "2026-12-05T02:10:00+00:00"}, queue=queue)
    wait_for(lambda: log.read_bytes().count(b"send_district_reminders") >= 4, 30,
              "the second district job", log)
    time.sleep(1)
    assert len(mail_server) == 1
