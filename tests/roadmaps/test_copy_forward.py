"""A copy of last year's roadmap: dates a year later, every measure marked for checking."""
from datetime import date

import pytest

from core.models import AuditRecord
from roadmaps.models import Measure, Section
from roadmaps.services.roadmaps import roadmap_copy_forward, roadmap_update
from roadmaps.year_shift import shift_years_in_text


@pytest.mark.parametrize("before,after", [
    ("Май 2025", "Май 2026"),
    ("до 10.06.2025", "до 10.06.2026"),
    ("Сентябрь 2025 – апрель 2026", "Сентябрь 2026 – апрель 2027"),
    ("7-11.12.2025", "7-11.12.2026"),
    ("29.02.2024", "28.02.2025"),
    ("ежеквартально", "ежеквартально"),
    ("По отдельному графику", "По отдельному графику"),
])
def test_years_in_a_deadline_move_one_forward(before, after):
    assert shift_years_in_text(before) == after


@pytest.mark.django_db
def test_the_copy_keeps_the_structure_and_moves_the_dates(roadmap, measures, coordinator_a,
                                                          school_a):
    copy = roadmap_copy_forward(source=roadmap, acting_user=coordinator_a)
    assert copy.title == "Дорожная карта на 2027 год"
    assert (copy.period_start, copy.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert copy.status == "draft"
    assert list(Section.objects.filter(roadmap=copy).values_list("number", "title")) == [
        ("1", "Организационные мероприятия"), ("2", "Методическое сопровождение")]
    copied = list(Measure.objects.filter(roadmap=copy).order_by("position"))
    assert [m.deadline_text for m in copied] == ["До 10.02.2027", "Март-апрель 2027", "ежеквартально"]
    assert [m.number for m in copied] == ["1.1", "1.2", "2.1"]
    assert all(m.needs_review for m in copied)
    assert copied[0].due_dates.get().due_on == date(2027, 2, 10)
    assert copied[2].due_dates.count() == 4
    assert list(copied[1].responsible.all()) == [school_a]
    assert Measure.objects.filter(roadmap=roadmap, needs_review=True).count() == 0
    assert AuditRecord.objects.filter(roadmap_id_ref=copy.pk, target_type="measure",
                                      action="create").count() == 3


@pytest.mark.django_db
def test_changing_the_period_rereads_every_deadline(roadmap, measures, coordinator_a):
    roadmap_update(roadmap=roadmap, acting_user=coordinator_a, title=roadmap.title,
                   expected_version=roadmap.version,
                   period_start=date(2026, 1, 1), period_end=date(2026, 6, 30))
    quarterly = Measure.objects.get(pk=measures[2].pk)
    assert [d.due_on for d in quarterly.due_dates.all()] == [date(2026, 3, 31), date(2026, 6, 30)]


@pytest.mark.django_db
def test_a_person_clears_the_copy_mark_once_the_measure_is_checked(roadmap, measures, coordinator_a):
    from roadmaps.services.measures import measure_update

    copy = roadmap_copy_forward(source=roadmap, acting_user=coordinator_a)
    m = Measure.objects.select_related("roadmap", "section").filter(roadmap=copy).first()
    kept = measure_update(measure=m, expected_version=m.version, acting_user=coordinator_a,
                          text=m.text, deadline_text=m.deadline_text)
    assert kept.needs_review  # saving alone does not mean it was checked
    checked = measure_update(measure=kept, expected_version=kept.version, acting_user=coordinator_a,
                             text=m.text, deadline_text=m.deadline_text, clear_review_notes=True)
    assert not checked.needs_review and checked.review_notes == ""
