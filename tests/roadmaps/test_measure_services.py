"""Measures: update under an optimistic lock, move, delete and restore, with audit records."""
import pytest
from django.core.exceptions import ValidationError

from core.models import AuditRecord
from core.versioning import StaleVersion
from roadmaps.models import DueDate, Measure
from roadmaps.services.measures import (
    measure_delete,
    measure_move,
    measure_move_step,
    measure_restore,
    measure_update,
)
from tests.factories import OrganizationFactory
from tests.support.editing import numbers

pytestmark = pytest.mark.django_db


def _update(measure, user, version=None, **fields):
    values = {"text": measure.text, "deadline_text": measure.deadline_text,
              "responsible_text": measure.responsible_text, "result": measure.result,
              "output_form": measure.output_form}
    values.update(fields)
    return measure_update(measure=measure, acting_user=user,
                                  expected_version=version or measure.version, **values)


def test_new_measures_are_numbered_inside_their_sections(roadmap, measures):
    assert numbers(roadmap) == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]


def test_an_update_rereads_the_deadline_and_bumps_the_version(measures, coordinator_a):
    measure = measures[0]
    _update(measure, coordinator_a, deadline_text="ежеквартально")
    measure.refresh_from_db()
    assert measure.version == 2
    assert measure.deadline_kind == "recurring"
    assert [d.isoformat() for d in DueDate.objects.filter(measure=measure)
            .values_list("due_on", flat=True)] == ["2026-03-31", "2026-06-30", "2026-09-30",
                                                   "2026-12-31"]


def test_an_update_is_recorded_with_what_was_before(measures, coordinator_a):
    measure = measures[0]
    _update(measure, coordinator_a, text="Новый текст")
    record = AuditRecord.objects.filter(target_type="measure", target_id=measure.pk,
                                        action="update").get()
    assert record.actor == coordinator_a
    assert record.before["text"] == "Утверждение состава рабочей группы"
    assert record.after["text"] == "Новый текст"


def test_a_save_from_a_stale_version_is_refused_and_nothing_is_lost(measures, coordinator_a, head_a):
    measure = measures[0]
    opened_at = measure.version
    _update(Measure.objects.get(pk=measure.pk), coordinator_a, text="Первая правка")
    stale = Measure.objects.select_related("roadmap", "section").get(pk=measure.pk)
    with pytest.raises(StaleVersion) as conflict:
        _update(stale, head_a, version=opened_at, text="Вторая правка")
    assert conflict.value.current.text == "Первая правка"
    assert Measure.objects.get(pk=measure.pk).text == "Первая правка"
    assert not AuditRecord.objects.filter(target_id=measure.pk, action="update",
                                          actor=head_a).exists()


def test_an_emptied_required_text_is_refused(measures, coordinator_a):
    with pytest.raises(ValidationError):
        _update(measures[0], coordinator_a, text="  ")


def test_responsible_links_must_be_of_the_same_district(measures, coordinator_a, school_b):
    with pytest.raises(ValidationError):
        _update(measures[0], coordinator_a, responsible=[school_b])


def test_a_number_fixed_by_hand_stays_and_the_next_follow(roadmap, measures, coordinator_a):
    _update(measures[0], coordinator_a, number="1.5")
    assert numbers(roadmap) == [("1", "1.5"), ("1", "1.6"), ("2", "2.1")]
    _update(Measure.objects.get(pk=measures[0].pk), coordinator_a, number="")
    assert numbers(roadmap) == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]


def test_moving_into_another_section_renumbers_both(roadmap, measures, coordinator_a, section_two):
    measure_move(measure=measures[0], acting_user=coordinator_a, section=section_two,
                         index=0)
    assert numbers(roadmap) == [("1", "1.1"), ("2", "2.1"), ("2", "2.2")]
    assert Measure.objects.get(pk=measures[0].pk).number == "2.1"
    assert Measure.objects.get(pk=measures[1].pk).number == "1.1"
    record = AuditRecord.objects.filter(target_id=measures[0].pk, action="update").get()
    assert record.before["section_id"] != record.after["section_id"]


def test_moving_down_past_the_end_of_a_section_enters_the_next(roadmap, measures, coordinator_a):
    measure_move_step(measure=measures[1], acting_user=coordinator_a, step=1)
    assert Measure.objects.get(pk=measures[1].pk).number == "2.1"
    assert Measure.objects.get(pk=measures[2].pk).number == "2.2"


def test_moving_up_swaps_with_the_previous_measure(roadmap, measures, coordinator_a):
    measure_move_step(measure=measures[1], acting_user=coordinator_a, step=-1)
    assert Measure.objects.get(pk=measures[1].pk).number == "1.1"
    assert Measure.objects.get(pk=measures[0].pk).number == "1.2"


def test_moving_into_a_section_of_another_roadmap_is_refused(measures, coordinator_a, district_a):
    from roadmaps.services.roadmaps import roadmap_create
    from roadmaps.services.sections import section_create

    other = roadmap_create(district=district_a, title="Другая", acting_user=coordinator_a,
                           period_start=measures[0].roadmap.period_start,
                           period_end=measures[0].roadmap.period_end)
    foreign = section_create(roadmap=other, title="Чужой раздел", acting_user=coordinator_a)
    with pytest.raises(ValidationError):
        measure_move(measure=measures[0], acting_user=coordinator_a, section=foreign)


def test_a_deleted_measure_comes_back_with_its_fields_dates_and_links(roadmap, measures,
                                                                      coordinator_a, school_a):
    measure = measures[1]
    record = measure_delete(measure=measure, acting_user=coordinator_a)
    assert numbers(roadmap) == [("1", "1.1"), ("2", "2.1")]
    restored = measure_restore(record=record, roadmap=roadmap, acting_user=coordinator_a)
    assert restored.text == "Разработка школьных программ"
    assert restored.section_id == measure.section_id
    assert list(restored.responsible.all()) == [school_a]
    assert restored.due_dates.count() == 1
    assert numbers(roadmap) == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]
    assert AuditRecord.objects.filter(action="restore", target_id=restored.pk).exists()


def test_a_deleted_measure_cannot_be_restored_twice(roadmap, measures, coordinator_a):
    record = measure_delete(measure=measures[0], acting_user=coordinator_a)
    measure_restore(record=record, roadmap=roadmap, acting_user=coordinator_a)
    with pytest.raises(ValidationError):
        measure_restore(record=record, roadmap=roadmap, acting_user=coordinator_a)
    assert Measure.objects.filter(roadmap=roadmap).count() == 3


def test_a_restored_measure_skips_an_organisation_deleted_since(roadmap, measures, coordinator_a,
                                                               district_a):
    gone = OrganizationFactory(district=district_a, short_name="Закрытая школа")
    measure = measures[0]
    _update(measure, coordinator_a, responsible=[gone])
    record = measure_delete(measure=Measure.objects.get(pk=measure.pk),
                                    acting_user=coordinator_a)
    gone.delete()
    restored = measure_restore(record=record, roadmap=roadmap, acting_user=coordinator_a)
    assert restored.responsible.count() == 0


def test_the_history_of_a_restored_measure_includes_its_life_before(roadmap, measures,
                                                                    coordinator_a):
    from roadmaps.selectors.history import measure_history

    _update(measures[0], coordinator_a, text="Правка до удаления")
    record = measure_delete(measure=Measure.objects.get(pk=measures[0].pk),
                                    acting_user=coordinator_a)
    restored = measure_restore(record=record, roadmap=roadmap, acting_user=coordinator_a)
    actions = [r.action for r in measure_history(restored)]
    assert actions == ["restore", "delete", "update", "create"]
