"""The bell and the notifications page: a person's own only, read when shown, keyset pages,
queries that do not grow; the bell is loaded after the page, so no page pays for it."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import Notification
from monitoring.services.notifications import notification_add


def notes(user, n, district=None, **fields):
    return [notification_add(user_id=user.pk, district_id=district.pk if district else None,
                             title=f"Сроки мероприятий на 05.12.2026: {i + 1} напоминание",
                             body=f"Сегодня: 1.{i} Мероприятие", url="/molchanovo/roadmaps/1/", **fields)
            for i in range(n)]


def test_the_bell_counts_the_persons_unread_notifications_only(client_for, coordinator_a, coordinator_b,
                                                                district_a):
    first, *_ = notes(coordinator_a, 3, district_a)
    notes(coordinator_b, 5)
    Notification.objects.filter(pk=first.pk).update(read_at="2026-12-05T03:00Z")
    response = client_for(coordinator_a).get(reverse("notification_bell"))
    assert response.status_code == 200
    assert 'data-unread="2"' in response.content.decode()
    assert "bell-unread" in response.content.decode()


def test_the_bell_shows_99_plus_and_nothing_when_all_is_read(client_for, director_a):
    notes(director_a, 101)
    assert ">99+<" in client_for(director_a).get(reverse("notification_bell")).content.decode()
    Notification.objects.update(read_at="2026-12-05T03:00Z")
    body = client_for(director_a).get(reverse("notification_bell")).content.decode()
    assert "bell-count" not in body and "непрочитанных нет" in body


def test_every_page_loads_the_bell_lazily_and_its_queries_do_not_depend_on_notifications(
        client_for, coordinator_a, district_a):
    client = client_for(coordinator_a)
    client.get(reverse("home"))  # warm: sessions, grants
    with CaptureQueriesContext(connection) as none:
        body = client.get(reverse("home")).content.decode()
    assert f'hx-get="{reverse("notification_bell")}"' in body and 'hx-trigger="load"' in body
    notes(coordinator_a, 50, district_a)
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("home")).content.decode()
    assert len(many.captured_queries) == len(none.captured_queries)
    assert "bell-count" not in body
    assert not any("monitoring_notification" in q["sql"] for q in many.captured_queries)


@pytest.mark.parametrize("who", ["coordinator_a", "curator_a", "head_a", "director_a", "regional_member"])
def test_every_role_has_its_notifications_page_and_bell(who, request, client_for):
    user = request.getfixturevalue(who)
    notes(user, 2)
    client = client_for(user)
    page = client.get(reverse("notification_list"))
    assert page.status_code == 200
    assert page.content.decode().count('class="notification notification-new"') == 2
    assert client.get(reverse("notification_bell")).status_code == 200


def test_a_visitor_not_signed_in_is_sent_to_the_login(client):
    for name in ("notification_list", "notification_bell"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_shows_the_persons_own_newest_first_and_marks_them_read(client_for, coordinator_a,
                                                                        coordinator_b, district_a):
    mine = notes(coordinator_a, 3, district_a)
    notes(coordinator_b, 2)
    body = client_for(coordinator_a).get(reverse("notification_list")).content.decode()
    assert body.count('class="notification notification-new"') == 3
    assert body.index("3 напоминание") < body.index("2 напоминание") < body.index("1 напоминание")
    assert "Молчановский район" in body
    assert Notification.objects.filter(user=coordinator_a, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(user=coordinator_b, read_at__isnull=True).count() == 2
    again = client_for(coordinator_a).get(reverse("notification_list")).content.decode()
    assert "notification-new" not in again and again.count('class="notification"') == len(mine)


def test_the_page_goes_on_by_keyset(client_for, director_a):
    notes(director_a, 25)
    client = client_for(director_a)
    first = client.get(reverse("notification_list")).content.decode()
    assert first.count('class="notification-title"') == 20
    assert "Показать ещё" in first
    cursor = first.split("?after=", 1)[1].split('"', 1)[0]
    more = client.get(reverse("notification_list") + f"?after={cursor}", HTTP_HX_REQUEST="true")
    body = more.content.decode()
    assert body.count('class="notification-title"') == 5 and "Показать ещё" not in body
    assert "<html" not in body  # the htmx page is the list items only
    assert "1 напоминание" in body and "25 напоминание" not in body
    # a broken cursor is the first page, not an error
    assert client.get(reverse("notification_list") + "?after=junk").status_code == 200


def test_the_page_queries_do_not_grow_with_notifications(client_for, director_a, district_a):
    client = client_for(director_a)
    notes(director_a, 5, district_a)
    client.get(reverse("notification_list"))
    Notification.objects.update(read_at=None)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("notification_list")).status_code == 200
    notes(director_a, 45, district_a)
    Notification.objects.update(read_at=None)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("notification_list")).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_opening_a_notification_marks_it_read_and_goes_to_its_measure(client_for, director_a):
    [note] = notes(director_a, 1)
    response = client_for(director_a).post(reverse("notification_open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/molchanovo/roadmaps/1/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_another_persons_notification_is_404_and_stays_unread(client_for, coordinator_a, coordinator_b):
    [note] = notes(coordinator_a, 1)
    assert client_for(coordinator_b).post(reverse("notification_open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_a_foreign_url_in_a_notification_is_not_followed(client_for, director_a):
    [note] = notes(director_a, 1)
    Notification.objects.filter(pk=note.pk).update(url="https://evil.example.com/")
    response = client_for(director_a).post(reverse("notification_open", args=[note.pk]))
    assert response["Location"] == reverse("notification_list")


def test_read_all_marks_every_notification_of_the_person(client_for, director_a, coordinator_a):
    notes(director_a, 4)
    notes(coordinator_a, 1)
    client_for(director_a).post(reverse("notification_read_all"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
