"""The progress matrix: schools × sections, done / due / overdue as of today, a heatmap, one
click to a cell's reports; the same per school; a curator sees its schools only."""
import re

import pytest

from monitoring.models import ProgressReport
from roadmaps.models import Roadmap
from roadmaps.services.measures import measure_create
from roadmaps.services.sections import section_create
from tests.factories import RoadmapFactory

from .test_progress_world import d, due_of, progress_world


@pytest.fixture
def world(district_a, school_a, coordinator_a):
    return progress_world(district_a, school_a, coordinator_a, sections=2, schools=2)


def cell(html, school, section):
    """The figures (done, due, overdue) of one cell, read from the page."""
    found = re.search(rf'data-cell="{school.pk}-{section.pk}"><span class="cell-figs">'
                      r'<span class="fig-done">(\d+)</span><span class="fig-due">(\d+)</span>'
                      r'<span class="fig-over">(\d+)</span>', html)
    assert found, f"no cell {school.pk}-{section.pk}"
    return tuple(int(n) for n in found.groups())


def matrix_page(client, district):
    response = client.get(f"/{district.slug}/monitoring/matrix/")
    assert response.status_code == 200
    return response.content.decode()


def test_each_cell_counts_done_due_and_overdue(client_for, coordinator_a, world, district_a,
                                              school_a):
    html = matrix_page(client_for(coordinator_a), district_a)
    first, second = world.sections
    # «Руководители ОО» due 10 days ago: overdue; the measure naming the school: ahead
    assert cell(html, school_a, first) == (0, 1, 1)
    assert cell(html, world.flagged[1], first) == (0, 0, 1)  # flagged, not named
    assert "Раздел 1" in html and "Раздел 2" in html
    assert "Приказ о кураторах" not in html  # the office's measure is in no school's row
    ProgressReport.objects.create(district=district_a, measure=world.group[0],
                                  due_date=due_of(world.group[0]), school=school_a,
                                  status=ProgressReport.Status.DONE)
    html = matrix_page(client_for(coordinator_a), district_a)
    assert cell(html, school_a, first) == (1, 1, 0)
    assert cell(html, school_a, second) == (0, 1, 1)


def test_cells_are_coloured_by_the_share_done(client_for, coordinator_a, world, district_a,
                                             school_a):
    html = matrix_page(client_for(coordinator_a), district_a)
    first = world.sections[0]
    assert re.search(rf'<td class="hm-0"><a href="[^"]+" title="[^"]+" data-cell="{school_a.pk}-{first.pk}"', html)
    ProgressReport.objects.create(district=district_a, measure=world.group[0],
                                  due_date=due_of(world.group[0]), school=school_a,
                                  status=ProgressReport.Status.DONE)
    html = matrix_page(client_for(coordinator_a), district_a)
    assert re.search(rf'<td class="hm-4"><a href="[^"]+" title="[^"]+" data-cell="{school_a.pk}-{first.pk}"', html)
    assert "Доля выполненного" in html  # the legend


def test_a_cell_opens_the_schools_reports_of_its_section(client_for, coordinator_a, world,
                                                        district_a, school_a):
    first = world.sections[0]
    url = f"/{district_a.slug}/monitoring/matrix/schools/{school_a.pk}/sections/{first.pk}/?roadmap={world.roadmap.pk}"
    html = matrix_page(client_for(coordinator_a), district_a)
    assert url.replace("&", "&amp;") in html
    page = client_for(coordinator_a).get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Анализ результатов ВПР" in text and "Методический десант" in text
    assert "Приказ о кураторах" not in text
    assert f"/monitoring/due/{due_of(world.group[0]).pk}/schools/{school_a.pk}/report/" in text
    assert "впереди 1, просрочено 1" in text


def test_the_curator_sees_its_schools_only(client_for, curator_a, world, district_a, school_a):
    html = matrix_page(client_for(curator_a), district_a)
    assert school_a.short_name in html
    assert world.flagged[1].short_name not in html
    other_cell = (f"/{district_a.slug}/monitoring/matrix/schools/{world.flagged[1].pk}/sections/"
                  f"{world.sections[0].pk}/")
    assert client_for(curator_a).get(other_cell).status_code == 404


def test_a_director_has_no_district_matrix_but_its_schools_row(client_for, director_a, world,
                                                              district_a, school_a):
    assert client_for(director_a).get(f"/{district_a.slug}/monitoring/matrix/").status_code == 403
    page = client_for(director_a).get(f"/{district_a.slug}/monitoring/schools/{school_a.pk}/progress/")
    assert page.status_code == 200
    assert cell(page.content.decode(), school_a, world.sections[0]) == (0, 1, 1)
    other = world.flagged[1]
    assert client_for(director_a).get(
        f"/{district_a.slug}/monitoring/schools/{other.pk}/progress/").status_code == 404


def test_the_schools_page_has_its_own_programmes_sections_too(client_for, coordinator_a, world,
                                                              district_a, school_a):
    today = world.today
    programme = RoadmapFactory(district=district_a, school=school_a, title="Программа школы",
                               period_start=world.roadmap.period_start,
                               period_end=world.roadmap.period_end)
    section = section_create(roadmap=programme, title="Низкая учебная мотивация", number="1.",
                             acting_user=coordinator_a)
    measure_create(roadmap=programme, section=section, acting_user=coordinator_a,
                   text="Занятия по математике", deadline_text=d(today))
    html = client_for(coordinator_a).get(
        f"/{district_a.slug}/monitoring/schools/{school_a.pk}/progress/").content.decode()
    assert "Программа школы" in html and "Низкая учебная мотивация" in html
    assert cell(html, school_a, section) == (0, 1, 0)
    assert world.flagged[1].short_name not in html


def test_another_roadmap_is_chosen_and_an_unknown_one_is_404(client_for, coordinator_a, world,
                                                            district_a):
    other = RoadmapFactory(district=district_a, title="Прошлогодняя дорожная карта",
                           status=Roadmap.Status.DRAFT)
    c = client_for(coordinator_a)
    html = matrix_page(c, district_a)
    assert "Прошлогодняя дорожная карта" in html  # in the chooser; the approved one shown
    assert f'<option value="{world.roadmap.pk}" selected' in html
    chosen = c.get(f"/{district_a.slug}/monitoring/matrix/?roadmap={other.pk}").content.decode()
    assert f'<option value="{other.pk}" selected' in chosen
    assert c.get(f"/{district_a.slug}/monitoring/matrix/?roadmap=999999").status_code == 404


def test_another_district_gets_404(client_for, coordinator_b, world, district_a, school_a):
    c = client_for(coordinator_b)
    base = f"/{district_a.slug}/monitoring"
    for url in (f"{base}/matrix/", f"{base}/schools/{school_a.pk}/progress/",
                f"{base}/matrix/schools/{school_a.pk}/sections/{world.sections[0].pk}/"):
        assert c.get(url).status_code == 404, url


@pytest.mark.parametrize("role, status", [
    ("coordinator_a", 200), ("head_a", 200), ("curator_a", 200), ("regional_member", 200),
    ("director_a", 403),
])
def test_who_opens_the_matrix(request, client_for, world, district_a, role, status):
    user = request.getfixturevalue(role)
    assert client_for(user).get(f"/{district_a.slug}/monitoring/matrix/").status_code == status
