"""Organisations, flagged-school lists, mentor pairs and curators: the writes and their records."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.access import grants_for
from core.models import AuditRecord
from schools.models import MentorPair, Organization, SchoolList
from schools.services.memberships import curator_assign_schools
from schools.services.mentor_pairs import mentor_pair_add, mentor_pair_remove
from schools.services.organizations import organization_create, organization_update
from schools.services.school_lists import (
    school_list_create,
    school_list_entry_add,
    school_list_entry_remove,
    school_list_entry_update,
)
from tests.factories import SchoolListFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_is_created_with_its_other_names(district_a, coordinator_a):
    org = organization_create(
        district=district_a, acting_user=coordinator_a, kind=Organization.Kind.SUPPORTING_BODY,
        full_name="Муниципальное казённое учреждение «Центр информационно-методического обеспечения»",
        short_name="МКУ ЦИМО", abbreviations="ЦИМО; Центр ИМО")
    assert org.alternative_names == ["ЦИМО", "Центр ИМО"]
    assert AuditRecord.objects.filter(target_type="organization", target_id=org.pk,
                                      action="create").exists()


def test_an_organisation_update_records_what_was_before(school_a, coordinator_a):
    organization_update(organization=school_a, acting_user=coordinator_a,
                        expected_version=school_a.version, director_name="Еремина Н. Н.", fis_oko_login="sch700101")
    record = AuditRecord.objects.get(target_type="organization", action="update")
    assert record.before["director_name"] == "" and record.after["director_name"] == "Еремина Н. Н."


def test_a_list_is_unique_per_kind_and_year(district_a, coordinator_a):
    school_list_create(district=district_a, kind="low_results", year=2026,
                                acting_user=coordinator_a)
    with pytest.raises(ValidationError):
        school_list_create(district=district_a, kind="low_results", year=2026,
                                    acting_user=coordinator_a)


def test_a_school_can_be_on_several_lists(district_a, coordinator_a, school_a):
    for kind in ("low_results", "difficult_conditions"):
        school_list = school_list_create(district=district_a, kind=kind, year=2026,
                                                  acting_user=coordinator_a)
        school_list_entry_add(school_list=school_list, organization=school_a,
                                       acting_user=coordinator_a, reason="Низкие результаты")
    assert school_a.list_entries.count() == 2


def test_a_school_of_another_district_cannot_join_a_list(district_a, coordinator_a, school_b):
    school_list = SchoolListFactory(district=district_a)
    with pytest.raises(ValidationError):
        school_list_entry_add(school_list=school_list, organization=school_b,
                                       acting_user=coordinator_a)


def test_an_entry_gets_a_date_out_after_its_date_in(list_entry_a, coordinator_a):
    with pytest.raises(ValidationError):
        school_list_entry_update(entry=list_entry_a, acting_user=coordinator_a,
                                          reason="", included_on=date(2026, 5, 1),
                                          excluded_on=date(2026, 1, 1))
    school_list_entry_update(entry=list_entry_a, acting_user=coordinator_a,
                                      reason="Вышла из перечня", included_on=date(2026, 1, 1),
                                      excluded_on=date(2026, 12, 1))
    list_entry_a.refresh_from_db()
    assert list_entry_a.excluded_on == date(2026, 12, 1)


def test_removing_an_entry_keeps_a_record_of_it(list_entry_a, coordinator_a):
    pk = list_entry_a.pk
    school_list_entry_remove(entry=list_entry_a, acting_user=coordinator_a)
    record = AuditRecord.objects.get(target_type="schoollistentry", target_id=pk, action="delete")
    assert record.before["reason"] == "Низкие результаты ОГЭ"


def test_mentor_pairs_are_kept_per_year(district_a, coordinator_a, school_a, other_school_a):
    this_year = mentor_pair_add(district=district_a, year=2026, acting_user=coordinator_a,
                                         mentor=school_a, mentee=other_school_a)
    mentor_pair_add(district=district_a, year=2025, acting_user=coordinator_a,
                             mentor=other_school_a, mentee=school_a)
    mentor_pair_remove(pair=this_year, acting_user=coordinator_a)
    assert list(MentorPair.objects.values_list("mentor", "mentee", "year")) == [
        (other_school_a.pk, school_a.pk, 2025)]


def test_a_school_cannot_mentor_itself_or_a_foreign_school(district_a, coordinator_a, school_a,
                                                           school_b):
    with pytest.raises(ValidationError):
        mentor_pair_add(district=district_a, year=2026, acting_user=coordinator_a,
                                 mentor=school_a, mentee=school_a)
    with pytest.raises(ValidationError):
        mentor_pair_add(district=district_a, year=2026, acting_user=coordinator_a,
                                 mentor=school_a, mentee=school_b)


def test_a_curator_follows_exactly_the_assigned_schools(district_a, coordinator_a, curator_a,
                                                        school_a, other_school_a):
    curator_assign_schools(curator=curator_a, district=district_a,
                                 schools=[other_school_a], acting_user=coordinator_a)
    assert grants_for(curator_a).followed_schools == frozenset({other_school_a.pk})
    record = AuditRecord.objects.filter(target_type="user", target_id=curator_a.pk,
                                        actor=coordinator_a).get()
    assert record.action == AuditRecord.Action.GRANT
    assert record.before == {"curator_schools": [school_a.pk]}


def test_lists_by_year_count_their_schools(district_a, coordinator_a, list_entry_a):
    from schools.selectors.lists import district_lists_by_year

    (year, lists), = district_lists_by_year(district_a, coordinator_a)
    assert year == 2026 and lists[0].entry_count == 1 and lists[0].excluded_count == 0
    assert isinstance(lists[0], SchoolList)


def test_adding_a_mentor_pair_keeps_a_pair_added_meanwhile(district_a, school_a, other_school_a,
                                                           coordinator_a):
    from tests.factories import OrganizationFactory

    third = OrganizationFactory(district=district_a)
    mentor_pair_add(district=district_a, year=2026, mentor=school_a, mentee=other_school_a,
                             acting_user=coordinator_a)
    mentor_pair_add(district=district_a, year=2026, mentor=school_a, mentee=third,
                             acting_user=coordinator_a)
    assert MentorPair.objects.filter(district=district_a, year=2026).count() == 2
    with pytest.raises(ValidationError, match="самой себе"):
        mentor_pair_add(district=district_a, year=2026, mentor=third, mentee=third,
                                 acting_user=coordinator_a)
