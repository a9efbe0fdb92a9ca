"""Monitoring rounds: opening one (default schools, impossible periods refused in Russian),
its page (who has reported), directors' items, close and reopen, access and query counts."""
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditRecord
from monitoring.models import MonitoringRound, ProgressReport
from monitoring.selectors.rounds import round_figures
from monitoring.services.rounds import round_open

from ..factories import MeasureFactory, OrganizationFactory
from .test_overdue import approve, due, flag, report, responsible


@pytest.fixture
def today(district_a):
    from monitoring.selectors.overdue import local_today
    return local_today(district_a)


def open_round(district, user, schools, today, **kw):
    fields = dict(title="Мониторинг за полугодие", starts_on=today - timedelta(days=60),
                  ends_on=today + timedelta(days=30), reports_due_on=today + timedelta(days=35))
    fields.update(kw)
    return round_open(district=district, acting_user=user, schools=schools, **fields)


@pytest.fixture
def round_world(roadmap_a, school_roadmap_a, school_a, other_school_a, body_a, coordinator_a, today):
    """A round of both schools: a municipal measure for both with a past and a future due
    date, one for the office only, the school's own programme measure, one outside the window."""
    approve(roadmap_a)
    approve(school_roadmap_a)
    m = MeasureFactory(roadmap=roadmap_a, number="1.1", text="Провести диагностику")
    responsible(m, school_a, other_school_a, body_a)
    past, future = due(m, 10, today), due(m, -10, today)
    office = MeasureFactory(roadmap=roadmap_a)
    responsible(office, body_a)
    due(office, 5, today)
    own = MeasureFactory(roadmap=school_roadmap_a, number="2", text="Собрание родителей")
    own_due = due(own, 20, today)
    due(MeasureFactory(roadmap=school_roadmap_a), 200, today)  # before the window
    report(past, school_a)  # done
    report(past, other_school_a, status=ProgressReport.Status.IN_PROGRESS)  # reported, overdue
    round_ = open_round(roadmap_a.district, coordinator_a, [school_a, other_school_a], today)
    return round_, past, future, own_due


def test_the_figures_count_due_reported_done_and_overdue_per_school(round_world, school_a,
                                                                    other_school_a, today):
    round_, *_ = round_world
    figures = round_figures(round_, today=today)
    got = {f.school.pk: (f.due, f.reported, f.done, f.overdue) for f in figures.schools}
    assert got == {school_a.pk: (3, 1, 1, 1), other_school_a.pk: (2, 1, 0, 1)}
    assert (figures.total.due, figures.total.done, figures.total.overdue) == (5, 1, 2)


def test_a_new_round_proposes_the_flagged_schools_of_the_year(client_for, coordinator_a, school_a,
                                                             other_school_a, today):
    flag(school_a, today.year)
    flag(other_school_a, today.year - 1)
    response = client_for(coordinator_a).get(reverse("round_new", args=["molchanovo"]))
    assert response.status_code == 200
    assert response.context["form"].initial["schools"] == [school_a.pk]


def test_the_coordinator_opens_a_round(client_for, coordinator_a, school_a, today):
    response = client_for(coordinator_a).post(reverse("round_new", args=["molchanovo"]), {
        "title": "Мониторинг I полугодия", "starts_on": "01.01.2026", "ends_on": "30.06.2026",
        "reports_due_on": "05.07.2026", "schools": [school_a.pk]})
    round_ = MonitoringRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("round_detail", args=["molchanovo", round_.pk])
    assert list(round_.schools.all()) == [school_a]
    assert (round_.starts_on, round_.ends_on) == (date(2026, 1, 1), date(2026, 6, 30))
    assert AuditRecord.objects.filter(target_type="monitoringround", target_id=round_.pk).exists()


@pytest.mark.parametrize("fields, message", [
    ({"starts_on": "30.06.2026", "ends_on": "01.01.2026"}, "Конец периода раньше его начала."),
    ({"starts_on": "01.01.2026", "ends_on": "01.01.2030"}, "Период мониторинга длиннее двух лет"),
    ({"reports_due_on": "01.12.2025"}, "Срок отчёта раньше начала периода."),
    ({"starts_on": "31.02.2026"}, "Дата в виде 22.06.2020."),
    ({"schools": []}, "Выберите хотя бы одну школу."),
])
def test_an_impossible_round_is_refused_in_russian_and_nothing_is_lost(client_for, coordinator_a,
                                                                      school_a, fields, message):
    data = {"title": "Мониторинг", "starts_on": "01.01.2026", "ends_on": "30.06.2026",
            "reports_due_on": "", "schools": [school_a.pk], **fields}
    response = client_for(coordinator_a).post(reverse("round_new", args=["molchanovo"]), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and 'value="Мониторинг"' in html
    assert not MonitoringRound.objects.exists()


def test_a_school_of_another_district_cannot_be_put_in_a_round(client_for, coordinator_a, school_b):
    response = client_for(coordinator_a).post(reverse("round_new", args=["molchanovo"]), {
        "title": "М", "starts_on": "01.01.2026", "ends_on": "30.06.2026", "schools": [school_b.pk]})
    assert response.status_code == 422 and not MonitoringRound.objects.exists()


def test_the_round_page_shows_who_has_reported(client_for, coordinator_a, round_world, school_a):
    round_, past, *_ = round_world
    client = client_for(coordinator_a)
    response = client.get(reverse("round_detail", args=["molchanovo", round_.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Кто отчитался" in html and "МКОУ Кармаклинская СОШ" in html and "<svg" in html
    # each school's overdue count links to its overdue list
    assert f'href="{reverse("school_overdue", args=["molchanovo", school_a.pk])}">1</a>' in html
    one = client.get(reverse("round_detail", args=["molchanovo", round_.pk]), {"school": school_a.pk})
    assert {i.school_id for i in one.context["items"]} == {school_a.pk}
    assert reverse("report_edit", args=["molchanovo", past.pk, school_a.pk]) in one.content.decode()


def test_a_director_sees_its_items_with_links_to_the_report_form(client_for, director_a,
                                                                 round_world, school_a):
    round_, past, future, own_due = round_world
    response = client_for(director_a).get(reverse("round_detail", args=["molchanovo", round_.pk]))
    assert response.status_code == 200
    items = response.context["items"]
    assert {i.school_id for i in items} == {school_a.pk}
    assert {i.due_id for i in items} == {past.pk, future.pk, own_due.pk}
    html = response.content.decode()
    assert reverse("report_edit", args=["molchanovo", future.pk, school_a.pk]) in html
    assert reverse("school_overdue", args=["molchanovo", school_a.pk]) in html
    assert "Кто отчитался" not in html and "Информационная справка" not in html


def test_a_director_does_not_see_a_round_without_its_school(client_for, director_a, coordinator_a,
                                                            other_school_a, today):
    other = open_round(other_school_a.district, coordinator_a, [other_school_a], today)
    client = client_for(director_a)
    assert client.get(reverse("round_detail", args=["molchanovo", other.pk])).status_code == 404
    listed = client.get(reverse("round_list", args=["molchanovo"])).context["rounds"]
    assert other not in listed


def test_a_curator_sees_only_its_schools(client_for, curator_a, round_world, school_a):
    round_, *_ = round_world
    response = client_for(curator_a).get(reverse("round_detail", args=["molchanovo", round_.pk]))
    assert response.status_code == 200
    assert [f.school.pk for f in response.context["figures"].schools] == [school_a.pk]


@pytest.mark.parametrize("person, status", [
    ("coordinator_a", 200), ("head_a", 403), ("curator_a", 403), ("director_a", 403),
    ("coordinator_b", 404), ("regional_member", 403),
])
def test_only_the_coordinator_changes_a_round(request, client_for, round_world, person, status):
    round_, *_ = round_world
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("round_edit", args=["molchanovo", round_.pk])).status_code == status
    post = client.post(reverse("round_close", args=["molchanovo", round_.pk]))
    assert post.status_code == (302 if status == 200 else status)
    round_.refresh_from_db()
    assert round_.is_closed is (status == 200)


@pytest.mark.parametrize("person, status", [
    ("coordinator_a", 200), ("head_a", 403), ("curator_a", 403), ("director_a", 403),
    ("coordinator_b", 404),
])
def test_only_the_coordinator_opens_a_round(request, client_for, school_a, person, status):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("round_new", args=["molchanovo"])).status_code == status
    post = client.post(reverse("round_new", args=["molchanovo"]), {
        "title": "М", "starts_on": "01.01.2026", "ends_on": "30.06.2026", "schools": [school_a.pk]})
    assert post.status_code == (302 if status == 200 else status)


def test_close_and_reopen(client_for, coordinator_a, round_world):
    round_, *_ = round_world
    client = client_for(coordinator_a)
    client.post(reverse("round_close", args=["molchanovo", round_.pk]))
    round_.refresh_from_db()
    assert round_.is_closed
    again = client.post(reverse("round_close", args=["molchanovo", round_.pk]), follow=True)
    assert "Мониторинг уже завершён." in again.content.decode()
    client.post(reverse("round_reopen", args=["molchanovo", round_.pk]))
    round_.refresh_from_db()
    assert not round_.is_closed
    assert client.get(reverse("round_close", args=["molchanovo", round_.pk])).status_code == 405


def test_a_stale_round_edit_shows_both_versions(client_for, coordinator_a, round_world, school_a):
    round_, *_ = round_world
    client = client_for(coordinator_a)
    url = reverse("round_edit", args=["molchanovo", round_.pk])
    data = {"title": "Первое", "starts_on": "01.09.2026", "ends_on": "31.12.2026",
            "schools": [school_a.pk], "version": round_.version}
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "title": "Второе"})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Мониторинг уже изменён" in html and "Первое" in html and "Второе" in html
    round_.refresh_from_db()
    assert round_.title == "Первое"


@pytest.mark.parametrize("name, method", [
    ("round_detail", "get"), ("round_edit", "get"), ("round_edit", "post"), ("round_close", "post"),
    ("round_reopen", "post"), ("round_summary", "get"), ("round_summary", "post"),
    ("round_summary_pdf", "get"), ("round_summary_docx", "get"),
])
def test_another_district_gets_404_on_every_round_address(client_for, coordinator_b, round_world,
                                                          name, method):
    round_, *_ = round_world
    client = client_for(coordinator_b)
    for slug in ("molchanovo", "kozhevnikovo"):
        response = getattr(client, method)(reverse(name, args=[slug, round_.pk]))
        assert response.status_code == 404
    round_.refresh_from_db()
    assert not round_.is_closed


def test_another_districts_rounds_list_is_404(client_for, coordinator_b, round_world):
    assert client_for(coordinator_b).get(reverse("round_list", args=["molchanovo"])).status_code == 404
    assert client_for(coordinator_b).get(reverse("round_new", args=["molchanovo"])).status_code == 404


def _grow(district, roadmap, round_, schools, measures, today):
    made = [OrganizationFactory(district=district) for _ in range(schools)]
    round_.schools.add(*made)
    for n in range(measures):
        m = MeasureFactory(roadmap=roadmap)
        responsible(m, *made)
        d = due(m, n % 20 - 10, today)
        report(d, made[n % len(made)])


@pytest.mark.parametrize("person", ["coordinator_a", "director_a"])
def test_the_round_page_query_count_does_not_grow(request, client_for, roadmap_a, school_a,
                                                  coordinator_a, today, person):
    approve(roadmap_a)
    round_ = open_round(roadmap_a.district, coordinator_a, [school_a], today)
    client = client_for(request.getfixturevalue(person))
    url = reverse("round_detail", args=["molchanovo", round_.pk])
    counts = []
    for schools, measures in ((2, 5), (15, 50)):
        _grow(roadmap_a.district, roadmap_a, round_, schools, measures, today)
        m = MeasureFactory(roadmap=roadmap_a)
        responsible(m, school_a)
        due(m, 1, today)
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
