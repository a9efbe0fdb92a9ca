"""One derivation of a measure's deadline: every path that writes a deadline gives the same
kind, start and due dates (the editor, a copy forward, a restore, the admin)."""
from datetime import date

import pytest
from django.urls import reverse

from roadmaps.models import DeadlineKind, DueDate, Measure
from roadmaps.services.due_dates import measures_derive_deadlines
from roadmaps.services.measures import measure_delete, measure_restore
from schools.models import User

pytestmark = pytest.mark.django_db


def _dues(measure):
    return list(DueDate.objects.filter(measure=measure).order_by("due_on")
                .values_list("due_on", flat=True))


def test_deriving_reads_the_text_against_the_period_and_replaces_due_dates(roadmap, measures):
    m = measures[0]
    m.deadline_text = "Май-июнь 2026"
    measures_derive_deadlines(roadmap=roadmap, measures=[m])
    m.refresh_from_db()
    assert (m.deadline_kind, m.starts_on) == (DeadlineKind.SPAN, date(2026, 5, 1))
    assert _dues(m) == [date(2026, 6, 30)]


def test_review_notes_keep_a_measure_marked_for_review(roadmap, measures):
    m = measures[0]
    m.review_notes = "строка склеена из двух"
    measures_derive_deadlines(roadmap=roadmap, measures=[m])
    m.refresh_from_db()
    assert m.needs_review and m.deadline_kind == DeadlineKind.BY_DATE


def test_a_restored_measure_gets_its_due_dates_back(roadmap, measures, coordinator_a):
    m = measures[2]  # ежеквартально
    before = _dues(m)
    record = measure_delete(measure=m, acting_user=coordinator_a)
    restored = measure_restore(record=record, roadmap=roadmap, acting_user=coordinator_a)
    assert _dues(restored) == before and len(before) == 4


def test_the_admin_derives_the_due_dates_of_a_deadline_edited_there(client, roadmap, measures):
    admin = User.objects.create_superuser(email="root@example.ru", username="root@example.ru",
                                          password="x")
    client.force_login(admin)
    m = measures[0]
    url = reverse("admin:roadmaps_measure_change", args=[m.pk])
    page = client.get(url).content.decode()
    assert 'name="deadline_kind"' not in page and 'name="starts_on"' not in page  # read-only
    data = {
        "district": m.district_id, "roadmap": m.roadmap_id, "section": m.section_id or "",
        "number": m.number, "position": m.position, "text": m.text,
        "deadline_text": "до 01 декабря 2026", "responsible_text": m.responsible_text,
        "result": "", "output_form": "", "review_notes": "", "version": m.version,
        "due_dates-TOTAL_FORMS": "1", "due_dates-INITIAL_FORMS": "1",
        "due_dates-MIN_NUM_FORMS": "0", "due_dates-MAX_NUM_FORMS": "1000",
        "due_dates-0-id": DueDate.objects.get(measure=m).pk, "due_dates-0-measure": m.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    m = Measure.objects.get(pk=m.pk)
    assert m.deadline_text == "до 01 декабря 2026" and m.deadline_kind == DeadlineKind.BY_DATE
    assert _dues(m) == [date(2026, 12, 1)]
