"""Rules of schools/access.py that no single page shows."""
import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from core.access import grants_for, scope
from core.models import AuditRecord
from roadmaps.models import DueDate, Measure
from schools.models import Membership, Region, Role
from schools.services.memberships import membership_grant, membership_revoke
from tests.factories import MeasureFactory


def test_a_director_moved_to_another_school_loses_the_old_one(client, director_a, school_a,
                                                             other_school_a):
    membership_revoke(membership=Membership.objects.get(user=director_a))
    membership_grant(user=director_a, role=Role.DIRECTOR, organization=other_school_a)
    client.force_login(director_a)
    old = reverse("school_detail", args=[school_a.district.slug, school_a.pk])
    new = reverse("school_detail", args=[school_a.district.slug, other_school_a.pk])
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_leftover_object_grant_without_the_role_gives_nothing(director_a, school_a, other_school_a):
    assign_perm("schools.direct_organization", director_a, other_school_a)
    assert grants_for(director_a).directed_schools == {school_a.id}


def test_revoking_a_curator_takes_the_followed_schools_away(curator_a, school_a):
    membership_revoke(membership=Membership.objects.get(user=curator_a))
    membership_grant(user=curator_a, role=Role.CURATOR, district=school_a.district)
    assert grants_for(curator_a).followed_schools == frozenset()


def test_scope_refuses_a_model_without_a_rule(coordinator_a):
    with pytest.raises(TypeError):
        scope(Region.objects.all(), coordinator_a)


def test_a_director_sees_due_dates_of_its_school_and_of_municipal_roadmaps_only(
    director_a, roadmap_a, school_roadmap_a, other_school_roadmap_a
):
    own = MeasureFactory(roadmap=school_roadmap_a)
    municipal = MeasureFactory(roadmap=roadmap_a)
    other = MeasureFactory(roadmap=other_school_roadmap_a)
    for m in (own, municipal, other):
        DueDate.objects.create(district=m.district, measure=m, due_on="2026-03-31")
    visible = set(scope(DueDate.objects.all(), director_a).values_list("measure_id", flat=True))
    assert visible == {own.id, municipal.id}
    assert set(scope(Measure.objects.all(), director_a)) == {own, municipal}


def test_the_journal_of_another_school_is_hidden_from_a_director(director_a, other_school_roadmap_a,
                                                                 coordinator_a):
    AuditRecord.objects.create(district=other_school_roadmap_a.district, action="update",
                               target_type="measure", target_id=1,
                               roadmap_id_ref=other_school_roadmap_a.id)
    measures = AuditRecord.objects.filter(target_type="measure")
    assert not scope(measures, director_a).exists()
    assert scope(measures, coordinator_a).count() == 1
