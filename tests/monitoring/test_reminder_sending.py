"""Sending the digests (monitoring.services.reminders): the e-mail read from a real SMTP
server, the in-app notification, and exactly once: a second run, two workers racing, a
run killed half-way, a claim left by a dead worker."""
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from monitoring.models import Notification, PersonSettings, ReminderSent, Stage
from monitoring.services.reminders import reminders_send_for_district
from schools.models import Organization

from .test_reminders import DAY, approve, director_of, measure_due

SUBJECT = "Сроки мероприятий на 05.12.2026"


def send(district, **kwargs):
    return reminders_send_for_district(district_id=district.pk, day=DAY, **kwargs)


def test_a_digest_is_one_russian_email_with_text_and_html_grouped_by_stage_and_a_notification(
        roadmap_a, school_a, director_a, mail_server, settings):
    settings.SITE_URL = "https://dk.example.ru"
    approve(roadmap_a)
    m1, _ = measure_due(roadmap_a, DAY - timedelta(days=7), school_a, number="1.2",
                        text="Провести анализ результатов ВПР", deadline_text="до 28.11.2026")
    measure_due(roadmap_a, DAY, school_a, number="2.1", text="Утвердить план", deadline_text="05.12.2026")
    measure_due(roadmap_a, DAY + timedelta(days=7), school_a, number="3", text="Семинар",
                deadline_text="Декабрь 2026")
    result = send(roadmap_a.district)
    assert (result.digests, result.items) == (1, 3)
    [message] = mail_server.wait_for(1)
    assert message.to == ["director-a@example.ru"]
    assert message.subject.strip() == f"{SUBJECT}: 3 напоминания"
    text, html = message.text, message.html
    for part in (text, html):
        assert "Провести анализ результатов ВПР" in part
        assert roadmap_a.title in part
        assert "до 28.11.2026" in part and "Декабрь 2026" in part
        assert f"https://dk.example.ru/molchanovo/roadmaps/{roadmap_a.pk}/#measure-{m1.pk}" in part
    # grouped by stage: the late first, then today, then the week ahead
    assert text.index("ПРОСРОЧЕНО") < text.index("СЕГОДНЯ") < text.index("ЧЕРЕЗ НЕДЕЛЮ")
    assert "просрочено на 7 дней" in text
    assert "Просрочено" in html and "Через неделю" in html
    [note] = Notification.objects.filter(user=director_a)
    assert note.title == f"{SUBJECT}: 3 напоминания" and note.read_at is None
    assert "1.2 Провести анализ" in note.body
    assert note.url == f"/molchanovo/roadmaps/{roadmap_a.pk}/#measure-{m1.pk}"
    assert ReminderSent.objects.filter(sent_at__isnull=False).count() == 3


@pytest.mark.parametrize("count, word", [(1, "напоминание"), (2, "напоминания"), (5, "напоминаний"),
                                         (21, "напоминание")])
def test_the_subject_counts_in_russian(count, word, roadmap_a, school_a, director_a, mail_server):
    approve(roadmap_a)
    for n in range(count):
        measure_due(roadmap_a, DAY, school_a, number=f"1.{n}")
    send(roadmap_a.district)
    assert mail_server.wait_for(1)[0].subject.strip() == f"{SUBJECT}: {count} {word}"


def test_a_contact_email_gets_its_digest_without_a_notification(roadmap_a, body_a, mail_server):
    approve(roadmap_a)
    Organization.objects.filter(pk=body_a.pk).update(email="toipkro@example.ru")
    measure_due(roadmap_a, DAY, body_a, number="1")
    send(roadmap_a.district)
    [message] = mail_server.wait_for(1)
    assert message.to == ["toipkro@example.ru"]
    assert "в настройках" not in message.text
    assert not Notification.objects.exists()


def test_a_stage_turned_off_neither_emails_nor_notifies(roadmap_a, school_a, director_a, mail_server):
    approve(roadmap_a)
    PersonSettings.objects.create(user=director_a, disabled_stages=[Stage.TODAY])
    measure_due(roadmap_a, DAY, school_a, number="1")
    assert send(roadmap_a.district).digests == 0
    assert len(mail_server) == 0 and not Notification.objects.exists()
    assert not ReminderSent.objects.exists()


def test_a_second_run_sends_nothing_new(roadmap_a, school_a, director_a, coordinator_a, mail_server):
    approve(roadmap_a)
    measure_due(roadmap_a, DAY, school_a, number="1")
    measure_due(roadmap_a, DAY, number="2")
    assert send(roadmap_a.district).digests == 2
    mail_server.wait_for(2)
    assert send(roadmap_a.district).digests == 0
    assert len(mail_server) == 2
    assert Notification.objects.count() == 2
    # an item added later that day is sent by the next run, alone
    measure_due(roadmap_a, DAY, school_a, number="3")
    assert (send(roadmap_a.district).items) == 1
    assert mail_server.wait_for(3)[-1].subject.strip() == f"{SUBJECT}: 1 напоминание"


@pytest.fixture
def many_people(roadmap_a, district_a):
    """Ten schools with a director each, two due items per school."""
    approve(roadmap_a)
    for n in range(10):
        school = Organization.objects.create(district=district_a, short_name=f"МКОУ СОШ {n}",
                                             full_name=f"Школа {n}")
        director_of(school, f"director-{n:02d}@example.ru")
        measure_due(roadmap_a, DAY, school, number=f"{n}.1")
        measure_due(roadmap_a, DAY + timedelta(days=1), school, number=f"{n}.2")
    return roadmap_a


def _items_per_address(mailbox) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in mailbox.messages:
        for address in m.to:
            counts[address] = counts.get(address, 0) + int(m.subject.rsplit(": ", 1)[1].split()[0])
    return counts


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_each_item_once(many_people, mail_server):
    district = many_people.district
    start = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            start.wait()
            results.append(send(district))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()  # each thread had a connection of its own

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sum(r.items for r in results) == 20
    mail_server.wait_for(10)
    counts = _items_per_address(mail_server)
    assert counts == {f"director-{n:02d}@example.ru": 2 for n in range(10)}
    assert ReminderSent.objects.count() == 20
    assert not ReminderSent.objects.filter(sent_at__isnull=True).exists()
    assert Notification.objects.count() == len(mail_server.messages)


class Killed(Exception):
    pass


def test_a_run_killed_half_way_is_resumed_by_the_next_without_duplicates(many_people, mail_server):
    district = many_people.district

    def die_after_four(sent: int) -> None:
        if sent == 4:
            raise Killed

    with pytest.raises(Killed):
        send(district, on_sent=die_after_four)
    assert len(mail_server.wait_for(4)) == 4
    first = {m.to[0] for m in mail_server.messages}
    result = send(district)
    assert result.digests == 6
    mail_server.wait_for(10)
    assert {m.to[0] for m in mail_server.messages[4:]} == {
        f"director-{n:02d}@example.ru" for n in range(10)} - first
    assert _items_per_address(mail_server) == {f"director-{n:02d}@example.ru": 2 for n in range(10)}
    assert send(district).digests == 0


def test_a_claim_left_by_a_dead_worker_is_sent_after_the_lease_and_a_fresh_one_is_not(
        roadmap_a, school_a, other_school_a, director_a, mail_server):
    approve(roadmap_a)
    director_of(other_school_a, "director-top@example.ru")
    _, due_a = measure_due(roadmap_a, DAY, school_a, number="1")
    _, due_top = measure_due(roadmap_a, DAY, other_school_a, number="2")
    district = roadmap_a.district
    # a worker claimed both people and died before sending: one claim is old, one is fresh
    old = ReminderSent.objects.create(district=district, recipient="director-a@example.ru",
                                      user=director_a, due_date=due_a, stage=Stage.TODAY, day=DAY)
    ReminderSent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    ReminderSent.objects.create(district=district, recipient="director-top@example.ru",
                                due_date=due_top, stage=Stage.TODAY, day=DAY)
    assert send(district).digests == 1
    [message] = mail_server.wait_for(1)
    assert message.to == ["director-a@example.ru"]
    assert ReminderSent.objects.get(pk=old.pk).sent_at is not None
    assert send(district).digests == 0  # the fresh claim belongs to a run still sending


def test_a_failed_smtp_server_leaves_the_claim_for_a_later_run(roadmap_a, school_a, director_a,
                                                               mail_server, settings):
    approve(roadmap_a)
    measure_due(roadmap_a, DAY, school_a, number="1")
    real_port = settings.EMAIL_PORT
    from tests.support.mail import free_port

    settings.EMAIL_PORT = free_port()  # nothing listens there
    with pytest.raises(OSError):
        send(roadmap_a.district)
    row = ReminderSent.objects.get()
    assert row.sent_at is None and not Notification.objects.exists()
    settings.EMAIL_PORT = real_port
    assert send(roadmap_a.district).digests == 0  # the claim is still within its lease
    ReminderSent.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    assert send(roadmap_a.district).digests == 1
    assert mail_server.wait_for(1)[0].to == ["director-a@example.ru"]
