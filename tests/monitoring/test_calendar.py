"""The reminder settings page (stages turned off, the calendar's address and «Сменить ссылку»)
and the calendar feed: valid iCalendar, all-day events, stable UIDs, a person's own items."""
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from monitoring.models import PersonSettings, Stage
from monitoring.services.notifications import person_settings_for
from roadmaps.models import Roadmap

from .test_reminders import approve, measure_due

SOON = timezone.localdate() + timedelta(days=10)


# --- the settings page ----------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["coordinator_a", "curator_a", "head_a", "director_a", "regional_member"])
def test_every_role_has_its_settings_page(who, request, client_for):
    user = request.getfixturevalue(who)
    body = client_for(user).get(reverse("reminder_settings")).content.decode()
    assert "Настройки напоминаний" in body
    assert body.count('name="stages"') == 4 and body.count(" checked") == 4
    token = PersonSettings.objects.get(user=user).calendar_token
    assert f"/calendar/{token}.ics" in body and "Сменить ссылку" in body


def test_the_settings_page_needs_a_sign_in(client):
    response = client.get(reverse("reminder_settings"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_turning_stages_off_is_kept_and_the_page_shows_it(client_for, director_a):
    client = client_for(director_a)
    response = client.post(reverse("reminder_settings"), {"stages": [Stage.TODAY, Stage.OVERDUE]})
    assert response.status_code == 302
    assert PersonSettings.objects.get(user=director_a).disabled_stages == [Stage.WEEK, Stage.TOMORROW]
    body = client.get(reverse("reminder_settings")).content.decode()
    assert body.count(" checked") == 2 and "Настройки напоминаний сохранены" in body
    client.post(reverse("reminder_settings"), {})  # everything off
    assert PersonSettings.objects.get(user=director_a).disabled_stages == list(Stage.values)


def test_an_unknown_stage_is_refused_in_russian_and_nothing_is_saved(client_for, director_a):
    response = client_for(director_a).post(reverse("reminder_settings"), {"stages": ["monthly"]})
    assert response.status_code == 200
    assert "Проверьте отмеченное" in response.content.decode()
    assert PersonSettings.objects.get(user=director_a).disabled_stages == []


def test_the_settings_page_queries_do_not_grow(client_for, director_a, school_roadmap_a):
    approve(school_roadmap_a)
    client = client_for(director_a)
    client.get(reverse("reminder_settings"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reminder_settings"))
    for n in range(50):
        measure_due(school_roadmap_a, SOON + timedelta(days=n), number=f"1.{n}")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("reminder_settings"))
    assert len(large.captured_queries) == len(small.captured_queries)


# --- the feed -------------------------------------------------------------------------------------

def feed(client, user):
    token = person_settings_for(user).calendar_token
    return client.get(reverse("calendar_feed", args=[token]))


def test_the_feed_is_a_valid_calendar_of_all_day_events_of_the_persons_items(
        client, director_a, school_a, roadmap_a, school_roadmap_a, other_school_a, settings):
    settings.SITE_URL = "https://dk.example.ru"
    approve(roadmap_a)
    approve(school_roadmap_a)
    m, due = measure_due(roadmap_a, SOON, school_a, number="1.2", text="Провести педсовет",
                         deadline_text="Декабрь 2026")
    measure_due(school_roadmap_a, SOON + timedelta(days=3), number="2.1", text="Утвердить план")
    measure_due(roadmap_a, SOON, other_school_a, number="9", text="Чужое мероприятие")
    draft = Roadmap.objects.create(district=roadmap_a.district, title="Черновик",
                                   period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    measure_due(draft, SOON, school_a, number="7", text="Из черновика")
    response = feed(client, director_a)  # no sign-in: a calendar application fetches it
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content.decode()
    assert raw.startswith("BEGIN:VCALENDAR\r\n") and "VERSION:2.0\r\n" in raw and "PRODID:" in raw
    assert f"DTSTART;VALUE=DATE:{SOON:%Y%m%d}" in raw
    assert f"DTEND;VALUE=DATE:{SOON + timedelta(days=1):%Y%m%d}" in raw
    cal = Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"1.2 Провести педсовет", "2.1 Утвердить план"}
    event = events["1.2 Провести педсовет"]
    assert event["DTSTART"].dt == SOON and event["DTEND"].dt == SOON + timedelta(days=1)
    assert event["DTSTAMP"].dt.tzinfo is not None
    description = str(event["DESCRIPTION"])
    assert roadmap_a.title in description and "Срок: Декабрь 2026" in description
    link = f"https://dk.example.ru/molchanovo/roadmaps/{roadmap_a.pk}/#measure-{m.pk}"
    assert link in description and str(event["URL"]) == link
    # the UID is the due date's: fetched again, the same events
    again = Calendar.from_ical(feed(client, director_a).content)
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(str(e["UID"]) for e in cal.walk("VEVENT"))
    assert str(event["UID"]) == f"due-{due.pk}@dk.example.ru"


def test_the_coordinators_feed_has_the_offices_items_and_not_another_districts(
        client, coordinator_a, coordinator_b, roadmap_a, roadmap_b):
    approve(roadmap_a)
    approve(roadmap_b)
    measure_due(roadmap_a, SOON, number="1", text="Свод отчётов")
    measure_due(roadmap_b, SOON, number="1", text="Кожевниковское")
    cal = Calendar.from_ical(feed(client, coordinator_a).content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["1 Свод отчётов"]


def test_an_unknown_address_is_404(client, db):
    assert client.get(reverse("calendar_feed", args=["no-such-secret"])).status_code == 404


def test_a_renewed_address_makes_the_old_one_404(client_for, client, director_a):
    old = person_settings_for(director_a).calendar_token
    response = client_for(director_a).post(reverse("calendar_renew"))
    assert response.status_code == 302
    new = PersonSettings.objects.get(user=director_a).calendar_token
    assert new != old
    client.logout()
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200


def test_renewing_needs_a_sign_in_and_a_post(client, client_for, director_a):
    assert client.post(reverse("calendar_renew")).status_code == 302
    assert client_for(director_a).get(reverse("calendar_renew")).status_code == 405


def test_the_feed_queries_do_not_grow_with_due_dates(client, director_a, school_roadmap_a):
    approve(school_roadmap_a)
    for n in range(5):
        measure_due(school_roadmap_a, SOON + timedelta(days=n), number=f"1.{n}")
    feed(client, director_a)  # the settings row is made on the first fetch
    with CaptureQueriesContext(connection) as small:
        assert feed(client, director_a).content.count(b"BEGIN:VEVENT") == 5
    for n in range(5, 50):
        measure_due(school_roadmap_a, SOON + timedelta(days=n), number=f"1.{n}")
    with CaptureQueriesContext(connection) as large:
        assert feed(client, director_a).content.count(b"BEGIN:VEVENT") == 50
    assert len(large.captured_queries) == len(small.captured_queries)
