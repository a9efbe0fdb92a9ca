"""The named people and places of tests/conftest.py, built once for a whole test module.

A module whose tests only read (or whose every change is rolled back with its test) asks
for `shared_world`: it is built inside a transaction that stays open for the module and is
rolled back at its end, and each test runs in a savepoint inside it, so no test sees
another's changes. `world_fixtures()` gives the module the usual fixture names
(`coordinator_a`, `roadmap`, `measures` …) pointing at the shared objects.
"""
from datetime import date

import pytest
from django.db import transaction

from roadmaps.services.measures import measure_create
from roadmaps.services.roadmaps import roadmap_create
from roadmaps.services.sections import section_create
from schools.models import Organization, Role
from schools.services.memberships import curator_assign_schools, membership_grant
from tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    RegionFactory,
    RoadmapFactory,
    UserFactory,
)


def _person(email, role, **where):
    user = UserFactory(email=email)
    membership_grant(user=user, role=role, **where)
    return user


def build_world() -> dict:
    w: dict = {}
    w["region"] = RegionFactory(name="Томская область", slug="tomsk", time_zone="Asia/Tomsk")
    w["district_a"] = DistrictFactory(region=w["region"], name="Молчановский район", slug="molchanovo")
    w["district_b"] = DistrictFactory(region=w["region"], name="Кожевниковский район",
                                      slug="kozhevnikovo")
    a = w["district_a"]
    w["school_a"] = OrganizationFactory(district=a, short_name="МКОУ Кармаклинская СОШ")
    w["other_school_a"] = OrganizationFactory(district=a, short_name="МКОУ Тополевская ООШ")
    w["body_a"] = OrganizationFactory(district=a, kind=Organization.Kind.SUPPORTING_BODY,
                                      short_name="ТОИПКРО", full_name="Томский областной институт")
    w["roadmap_a"] = RoadmapFactory(district=a, title="Муниципальная дорожная карта А")
    w["school_roadmap_a"] = RoadmapFactory(district=a, school=w["school_a"],
                                           title="Программа Кармаклинской СОШ")
    w["other_school_roadmap_a"] = RoadmapFactory(district=a, school=w["other_school_a"],
                                                 title="Программа Тополевской ООШ")
    w["roadmap_b"] = RoadmapFactory(district=w["district_b"], title="Муниципальная дорожная карта Б")
    w["coordinator_a"] = _person("coord-a@example.ru", Role.COORDINATOR, district=a)
    w["head_a"] = _person("head-a@example.ru", Role.HEAD, district=a)
    w["curator_a"] = _person("curator-a@example.ru", Role.CURATOR, district=a)
    curator_assign_schools(curator=w["curator_a"], district=a, schools=[w["school_a"]])
    w["director_a"] = _person("director-a@example.ru", Role.DIRECTOR, organization=w["school_a"])
    w["regional_member"] = _person("rrg@example.ru", Role.REGIONAL, region=w["region"])
    w["coordinator_b"] = _person("coord-b@example.ru", Role.COORDINATOR, district=w["district_b"])
    coordinator = w["coordinator_a"]
    w["roadmap"] = roadmap = roadmap_create(
        district=a, title="Дорожная карта на 2026 год", period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31), acting_user=coordinator)
    w["section_one"] = section_create(roadmap=roadmap, title="Организационные мероприятия",
                                      acting_user=coordinator)
    w["section_two"] = section_create(roadmap=roadmap, title="Методическое сопровождение",
                                      acting_user=coordinator)
    w["measures"] = [
        measure_create(roadmap=roadmap, acting_user=coordinator, section=w["section_one"],
                       text="Утверждение состава рабочей группы", deadline_text="До 10.02.2026",
                       responsible_text="Управление образования"),
        measure_create(roadmap=roadmap, acting_user=coordinator, section=w["section_one"],
                       text="Разработка школьных программ", deadline_text="Март-апрель 2026",
                       responsible_text="МКОУ Кармаклинская СОШ", responsible=[w["school_a"]]),
        measure_create(roadmap=roadmap, acting_user=coordinator, section=w["section_two"],
                       text="Консультации педагогов", deadline_text="ежеквартально",
                       responsible_text="ТОИПКРО", responsible=[w["body_a"]],
                       result="Не реже раза в квартал"),
    ]
    return w


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def world_fixtures(*names: str) -> dict:
    """Function-scoped fixtures named like conftest's, taken from the shared world; a test
    module binds them with `globals().update(world_fixtures(...))`."""

    def make(name):
        @pytest.fixture(name=name)
        def fixture(shared_world, db):
            return shared_world[name]

        return fixture

    return {f"_world_{name}": make(name) for name in names}
