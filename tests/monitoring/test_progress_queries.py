"""The school's measures page, the matrix, a cell's list and a school's row cost the same
number of queries with 3 schools × 10 measures and 12 schools × 60 measures."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring.models import ProgressReport
from roadmaps.models import DueDate
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.factories import DistrictFactory, OrganizationFactory, UserFactory

from .test_progress_world import progress_world

SMALL, LARGE = dict(schools=3, sections=2, per_section=5), dict(schools=12, sections=6, per_section=10)


def person(email, role, **where):
    user = UserFactory(email=email)
    membership_grant(user=user, role=role, **where)
    return user


def build(region, n, size):
    """A district of its own for each size, with its coordinator and a director."""
    district = DistrictFactory(region=region, name=f"Район {n}", slug=f"rayon-{n}")
    school = OrganizationFactory(district=district, short_name="МКОУ Первая СОШ")
    coordinator = person(f"coord-{n}@example.ru", Role.COORDINATOR, district=district)
    director = person(f"director-{n}@example.ru", Role.DIRECTOR, organization=school)
    world = progress_world(district, school, coordinator, **size)
    world.district, world.school, world.coordinator, world.director = (
        district, school, coordinator, director)
    # a report on every other due date of every flagged school: reports and evidence to read
    for k, due in enumerate(DueDate.objects.filter(measure__in=world.group).order_by("id")):
        for s in world.flagged[::2]:
            if k % 2 == 0:
                ProgressReport.objects.create(district=district, measure_id=due.measure_id,
                                              due_date=due, school=s,
                                              status=ProgressReport.Status.DONE)
    return world


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("page", ["my", "matrix", "cell", "school", "school_row"])
def test_the_query_count_does_not_grow_with_schools_and_measures(
        page, client_for, region):
    counts = []
    for n, size in enumerate((SMALL, LARGE)):
        world = build(region, n, size)
        school_a, coordinator_a, director_a = world.school, world.coordinator, world.director
        base = f"/{world.district.slug}/monitoring"
        user, url = {
            "my": (director_a, f"{base}/my/"),
            "matrix": (coordinator_a, f"{base}/matrix/"),
            "cell": (coordinator_a, f"{base}/matrix/schools/{school_a.pk}/sections/"
                                    f"{world.sections[0].pk}/?roadmap={world.roadmap.pk}"),
            "school": (coordinator_a, f"{base}/schools/{school_a.pk}/measures/"),
            "school_row": (coordinator_a, f"{base}/schools/{school_a.pk}/progress/"),
        }[page]
        client = client_for(user)
        client.get(url)  # warm the session
        n, html = count(client, url)
        counts.append(n)
        if page == "matrix":
            assert html.count('class="row" scope="row"') == size["schools"]
    assert counts[0] == counts[1], counts
    assert counts[1] <= 20, counts
