"""The access machinery: every tenant-owned model has a rule, a missing one fails loudly,
and `get_for_user` turns only a missing object into a 404."""
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core import access
from core.checks import access_rules_check, tenant_owned_models
from roadmaps.models import DueDate, Measure, Roadmap
from schools.models import MentorPair


def test_every_tenant_owned_model_of_every_app_has_an_access_rule():
    assert access_rules_check() == []
    owned = {m.__name__ for m in tenant_owned_models()}
    assert {"District", "Organization", "Roadmap", "Measure", "DueDate", "Order",
            "AuditRecord", "MentorPair", "SchoolListEntry"} <= owned


def test_a_tenant_owned_model_without_a_rule_fails_the_start_up_check(monkeypatch):
    rules = dict(access._RULES)
    del rules[MentorPair]
    monkeypatch.setattr(access, "_RULES", rules)
    errors = access_rules_check()
    assert [e.id for e in errors] == ["core.E001"]
    assert "schools.MentorPair" in errors[0].msg


def test_scope_fails_closed_for_a_model_without_a_rule(monkeypatch, coordinator_a):
    rules = dict(access._RULES)
    del rules[DueDate]
    monkeypatch.setattr(access, "_RULES", rules)
    with pytest.raises(TypeError, match="No access rule for DueDate"):
        access.scope(DueDate.objects.all(), coordinator_a)


def test_a_pk_that_is_not_a_number_is_a_missing_object(coordinator_a, roadmap_a):
    with pytest.raises(Http404):
        access.get_for_user(Roadmap, coordinator_a, "12abc")


def test_another_districts_object_and_a_missing_one_give_the_same_404(coordinator_a, roadmap_b):
    for pk in (roadmap_b.pk, roadmap_b.pk + 1000):
        with pytest.raises(Http404):
            access.get_for_user(Roadmap, coordinator_a, pk)


def test_a_programming_error_is_not_turned_into_a_404(coordinator_a, roadmap_a):
    # a lookup with a wrong type is a bug in the calling view: it must surface, not hide
    with pytest.raises(ValueError):
        access.get_for_user(Roadmap, coordinator_a, roadmap_a.pk, district_id="molchanovo")


def test_an_own_object_the_role_may_not_act_on_gives_403(director_a, roadmap_a):
    assert access.get_for_user(Roadmap, director_a, roadmap_a.pk) == roadmap_a
    with pytest.raises(PermissionDenied):
        access.get_for_user(Roadmap, director_a, roadmap_a.pk, access.Action.EDIT)


def test_measures_are_acted_on_by_whoever_may_act_on_their_roadmap(director_a, coordinator_a,
                                                                  school_roadmap_a, roadmap_a):
    from tests.factories import MeasureFactory

    own = MeasureFactory(roadmap=school_roadmap_a)
    municipal = MeasureFactory(roadmap=roadmap_a)
    assert access.can(director_a, access.Action.EDIT, own)
    assert not access.can(director_a, access.Action.EDIT, municipal)
    assert access.can(coordinator_a, access.Action.EDIT, municipal)
    assert isinstance(access.get_for_user(Measure, director_a, own.pk, access.Action.EDIT), Measure)
