"""Every role × every transition × every status of a school programme → allowed or refused,
against the explicit table below (roadmaps/services/workflow.py).

The people and the programme are built once for the module (tests/support/world.py); each
case moves the programme inside its own savepoint."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from roadmaps.models import Roadmap, Transition
from roadmaps.services import workflow
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.factories import DistrictFactory, RegionFactory, UserFactory
from tests.support.world import shared_world, world_fixtures  # noqa: F401  (fixtures)

globals().update(world_fixtures("school_roadmap_a"))

S = Roadmap.Status
ROLES = ["director_a", "other_director_a", "coordinator_a", "head_a", "curator_a",
         "regional_member", "other_regional_member", "coordinator_b", "superuser"]
STATES = [S.DRAFT, S.SUBMITTED, S.UNDER_REGIONAL_REVIEW, S.RETURNED, S.AGREED, S.APPROVED,
          S.ARCHIVED]

# transition → {status it may be taken from → the roles that may take it}; anything else refused
REVIEWERS = {"coordinator_a", "head_a", "superuser"}
EXPECTED = {
    "submit": {S.DRAFT: {"director_a", "superuser"}, S.RETURNED: {"director_a", "superuser"}},
    "forward": {S.SUBMITTED: REVIEWERS},
    "return_municipal": {S.SUBMITTED: REVIEWERS},
    "return_regional": {S.UNDER_REGIONAL_REVIEW: {"regional_member", "superuser"}},
    "agree": {S.UNDER_REGIONAL_REVIEW: {"regional_member", "superuser"}},
    "approve": {S.AGREED: REVIEWERS},
    "amend": {S.APPROVED: {"director_a", "coordinator_a", "superuser"}},
}
TARGET = {"submit": S.SUBMITTED, "forward": S.UNDER_REGIONAL_REVIEW,
          "return_municipal": S.RETURNED, "return_regional": S.RETURNED, "agree": S.AGREED,
          "approve": S.APPROVED, "amend": S.DRAFT}


def _person(email, role, **where):
    user = UserFactory(email=email)
    membership_grant(user=user, role=role, **where)
    return user


@pytest.fixture(scope="module")
def people(shared_world, django_db_blocker):  # noqa: F811  (the fixture)
    w = shared_world
    with django_db_blocker.unblock():
        other_region = RegionFactory(name="Пензенская область", slug="penza",
                                     time_zone="Europe/Moscow")
        DistrictFactory(region=other_region, name="Мокшанский район", slug="mokshan")
        extra = {
            "other_director_a": _person("director-other-a@example.ru", Role.DIRECTOR,
                                        organization=w["other_school_a"]),
            "other_regional_member": _person("rrg-penza@example.ru", Role.REGIONAL,
                                             region=other_region),
            "superuser": UserFactory(email="root@example.ru", is_superuser=True, is_staff=True),
        }
    return {**{r: w[r] for r in ROLES if r in w}, **extra}


def test_the_table_names_every_transition_of_the_service():
    assert set(EXPECTED) == set(workflow.NAMES) == set(TARGET)
    assert {n: workflow.STEPS[n].target for n in workflow.NAMES} == TARGET


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("name", list(workflow.NAMES))
@pytest.mark.parametrize("role", ROLES)
def test_role_transition_status(people, school_roadmap_a, role, name, status):
    user = people[role]
    Roadmap.objects.filter(pk=school_roadmap_a.pk).update(status=status)
    school_roadmap_a.refresh_from_db()
    allowed = role in EXPECTED[name].get(status, set())
    offered = name in [s.name for s in workflow.allowed_transitions(user, school_roadmap_a)]
    assert offered is allowed, "the buttons offer exactly what the service allows"
    if allowed:
        row = workflow.transition_apply(roadmap=school_roadmap_a, user=user, name=name,
                                        comment="Комментарий", expected_status=status)
        school_roadmap_a.refresh_from_db()
        assert school_roadmap_a.status == TARGET[name] == row.to_status
        assert row.from_status == status and row.actor == user
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            workflow.transition_apply(roadmap=school_roadmap_a, user=user, name=name,
                                      comment="Комментарий", expected_status=status)
        school_roadmap_a.refresh_from_db()
        assert school_roadmap_a.status == status
        assert not Transition.objects.filter(roadmap=school_roadmap_a).exists()
