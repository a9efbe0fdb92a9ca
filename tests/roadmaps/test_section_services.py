"""Sections: add, rename, number by hand, move (also into another section), delete, restore."""
import pytest
from django.core.exceptions import ValidationError

from core.models import AuditRecord
from roadmaps.models import Measure, Section
from roadmaps.services.sections import (
    section_create,
    section_delete,
    section_move,
    section_move_step,
    section_restore,
    section_update,
)
from tests.support.editing import numbers

pytestmark = pytest.mark.django_db


def test_a_section_moved_up_takes_its_measures_numbers_with_it(roadmap, measures, coordinator_a,
                                                               section_two):
    section_move_step(section=section_two, acting_user=coordinator_a, step=-1)
    assert numbers(roadmap) == [("1", "1.1"), ("2", "2.1"), ("2", "2.2")]
    assert Measure.objects.get(pk=measures[2].pk).number == "1.1"


def test_a_section_moved_into_another_becomes_a_roman_subsection(roadmap, measures, coordinator_a,
                                                                 section_one, section_two):
    section_move(section=section_two, acting_user=coordinator_a,
                                  parent=section_one)
    section_two.refresh_from_db()
    assert section_two.number == "I"
    assert section_two.parent_id == section_one.pk
    assert Measure.objects.get(pk=measures[2].pk).number == "1.3"


def test_a_section_cannot_be_moved_into_itself(coordinator_a, section_one):
    with pytest.raises(ValidationError):
        section_move(section=section_one, acting_user=coordinator_a,
                                      parent=section_one)


def test_a_section_with_subsections_cannot_become_a_subsection(roadmap, coordinator_a,
                                                              section_one, section_two):
    section_create(roadmap=roadmap, title="Риск I", acting_user=coordinator_a,
                                    parent=section_one)
    with pytest.raises(ValidationError):
        section_move(section=section_one, acting_user=coordinator_a,
                                      parent=section_two)


def test_renaming_a_section_is_recorded(coordinator_a, section_one):
    section_update(section=section_one, acting_user=coordinator_a,
                   expected_version=section_one.version, title="Организация работы")
    record = AuditRecord.objects.get(target_type="section", target_id=section_one.pk,
                                     action="update")
    assert record.before["title"] == "Организационные мероприятия"
    assert record.after["title"] == "Организация работы"


def test_a_hand_fixed_section_number_renumbers_its_measures(roadmap, measures, coordinator_a,
                                                            section_one):
    section_update(section=section_one, acting_user=coordinator_a,
                   expected_version=section_one.version, title=section_one.title, number="3")
    assert numbers(roadmap) == [("3", "3.1"), ("3", "3.2"), ("4", "4.1")]


def test_a_deleted_section_comes_back_with_its_measures(roadmap, measures, coordinator_a,
                                                        section_one, school_a):
    record = section_delete(section=section_one, acting_user=coordinator_a)
    assert numbers(roadmap) == [("1", "1.1")]
    assert len(record.before["measures"]) == 2
    restored = section_restore(record=record, roadmap=roadmap,
                                                acting_user=coordinator_a)
    assert restored.title == "Организационные мероприятия"
    assert numbers(roadmap) == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]
    texts = list(Measure.objects.filter(section=restored).values_list("text", flat=True))
    assert texts == ["Утверждение состава рабочей группы", "Разработка школьных программ"]
    assert Measure.objects.get(section=restored, text__startswith="Разработка").responsible.get() == school_a


def test_a_deleted_section_with_a_subsection_comes_back_whole(roadmap, coordinator_a, section_one):
    from roadmaps.services.measures import measure_create as measure_insert

    sub = section_create(roadmap=roadmap, title="Риск I", acting_user=coordinator_a,
                                          parent=section_one)
    measure_insert(roadmap=roadmap, acting_user=coordinator_a, section=sub, text="Семинар",
                   deadline_text="Май 2026")
    record = section_delete(section=section_one, acting_user=coordinator_a)
    assert not Section.objects.filter(roadmap=roadmap).exists()
    section_restore(record=record, roadmap=roadmap, acting_user=coordinator_a)
    restored_sub = Section.objects.get(roadmap=roadmap, parent__isnull=False)
    assert restored_sub.title == "Риск I" and restored_sub.number == "I"
    assert Measure.objects.get(roadmap=roadmap).section == restored_sub
