"""The roadmap page costs the same number of queries at 20 measures, at 300 and at 1,000,
filtered or not."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.models import DueDate, Measure, MeasureResponsible, Section
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def fill(roadmap, organizations, n: int, sections: int = 5) -> None:
    """n measures in `sections` sections, each with two due dates and two responsible bodies."""
    made = [Section.objects.create(district=roadmap.district, roadmap=roadmap, number=str(i + 1),
                                   title=f"Раздел {i + 1}", position=i + 1) for i in range(sections)]
    measures = Measure.objects.bulk_create([
        Measure(district=roadmap.district, roadmap=roadmap, section=made[i % sections],
                number=f"{i % sections + 1}.{i // sections + 1}", position=i + 1,
                text=f"Мероприятие {i + 1}: методическая помощь школам",
                deadline_text="Апрель 2026, Октябрь 2026", deadline_kind="dates",
                responsible_text="МКУ ЦИМО, ТОИПКРО", result="Аналитическая справка",
                output_form="справка", needs_review=i % 7 == 0)
        for i in range(n)
    ])
    DueDate.objects.bulk_create([DueDate(district=roadmap.district, measure=m, due_on=d)
                                 for m in measures for d in (date(2026, 4, 30), date(2026, 10, 31))])
    MeasureResponsible.objects.bulk_create([
        MeasureResponsible(district=roadmap.district, measure=m, organization=o, position=p)
        for m in measures for p, o in enumerate(organizations)])


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("query", ["", "?review=1", "?due=overdue", "?due=month&school={school}",
                                   "?responsible={body}"])
def test_the_page_runs_the_same_queries_with_300_measures_as_with_20(
    client_for, coordinator_a, district_a, roadmap_a, query
):
    from tests.factories import RoadmapFactory

    body = OrganizationFactory(district=district_a, kind="supporting_body", short_name="МКУ ЦИМО")
    school = OrganizationFactory(district=district_a, short_name="МКОУ СОШ")
    small = RoadmapFactory(district=district_a)
    fill(small, [body, school], 20)
    fill(roadmap_a, [body, school], 300)
    client = client_for(coordinator_a)
    query = query.format(school=school.pk, body=body.pk)
    slug = district_a.slug
    small_count = count(client, reverse("roadmap_detail", args=[slug, small.pk]) + query)
    big_count = count(client, reverse("roadmap_detail", args=[slug, roadmap_a.pk]) + query)
    assert big_count == small_count
    assert small_count <= 12


def test_the_page_runs_the_same_queries_with_1000_measures_as_with_20(
    client_for, coordinator_a, district_a, roadmap_a
):
    from tests.factories import RoadmapFactory

    body = OrganizationFactory(district=district_a, kind="supporting_body", short_name="МКУ ЦИМО")
    school = OrganizationFactory(district=district_a, short_name="МКОУ СОШ")
    small = RoadmapFactory(district=district_a)
    fill(small, [body, school], 20)
    fill(roadmap_a, [body, school], 1000, sections=20)
    client = client_for(coordinator_a)
    slug = district_a.slug
    small_count = count(client, reverse("roadmap_detail", args=[slug, small.pk]))
    big = client.get(reverse("roadmap_detail", args=[slug, roadmap_a.pk])).content.decode()
    big_count = count(client, reverse("roadmap_detail", args=[slug, roadmap_a.pk]))
    assert big.count('<tr id="measure-') == 1000 and big.count('<span>31.10.2026</span>') == 1000
    assert big_count == small_count
    assert small_count <= 12


def test_a_row_fragment_costs_the_same_queries_whatever_its_links(client_for, coordinator_a,
                                                                  district_a, roadmap_a):
    orgs = [OrganizationFactory(district=district_a) for _ in range(6)]
    fill(roadmap_a, orgs[:1], 2, sections=1)
    few = Measure.objects.filter(roadmap=roadmap_a).order_by("position")[0]
    MeasureResponsible.objects.bulk_create([
        MeasureResponsible(district=district_a, measure=few, organization=o, position=p)
        for p, o in enumerate(orgs[1:], start=1)])
    other = Measure.objects.filter(roadmap=roadmap_a).order_by("position")[1]
    client = client_for(coordinator_a)
    slug = district_a.slug
    assert (count(client, reverse("measure_row", args=[slug, few.pk]))
            == count(client, reverse("measure_row", args=[slug, other.pk])))
