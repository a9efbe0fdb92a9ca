"""The audit trail: one writer with typed actions; every change of who may see what is in it."""
import pytest

from core import audit
from core.models import AuditRecord
from schools.models import Membership, Role
from schools.services.memberships import membership_grant, membership_revoke
from tests.factories import UserFactory


def test_an_action_must_be_one_of_the_typed_actions(district_a, roadmap_a):
    with pytest.raises(TypeError):
        audit.record(district_id=district_a.id, actor=None, action="update", target=roadmap_a)
    record = audit.record(district_id=district_a.id, actor=None, action=audit.Action.UPDATE,
                          target=roadmap_a)
    assert (record.target_type, record.target_id) == ("roadmap", roadmap_a.pk)


def test_giving_and_taking_a_role_leave_records_with_who_did_it(district_a, coordinator_a):
    person = UserFactory(email="new-head@example.ru")
    membership_grant(user=person, role=Role.HEAD, district=district_a, acting_user=coordinator_a)
    membership = Membership.objects.get(user=person)
    membership_revoke(membership=membership, acting_user=coordinator_a)
    records = list(AuditRecord.objects.filter(target_type="user", target_id=person.pk)
                   .order_by("id"))
    assert [(r.action, r.actor_id) for r in records] == [
        (AuditRecord.Action.GRANT, coordinator_a.pk), (AuditRecord.Action.REVOKE, coordinator_a.pk)]
    assert records[0].after["role"] == Role.HEAD and records[0].district_id == district_a.id


def test_a_regional_role_is_recorded_without_a_district(region):
    person = UserFactory(email="rrg-new@example.ru")
    membership_grant(user=person, role=Role.REGIONAL, region=region)
    record = AuditRecord.objects.get(target_type="user", target_id=person.pk)
    assert record.district_id is None and record.after["region_id"] == region.pk


def test_granting_the_same_role_twice_records_it_once(district_a):
    person = UserFactory(email="twice@example.ru")
    for _ in range(2):
        membership_grant(user=person, role=Role.CURATOR, district=district_a)
    assert AuditRecord.objects.filter(target_type="user", target_id=person.pk).count() == 1
