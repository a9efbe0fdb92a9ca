"""Overdue lists: what counts as overdue, keyset pages, filters, the XLSX, access and the
query count of the pages (monitoring.selectors.overdue, monitoring.views.overdue)."""
from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from monitoring.models import ProgressReport
from monitoring.selectors.overdue import (
    OverdueFilters,
    district_figures,
    local_today,
    overdue_all,
    overdue_page,
    parse_key,
)
from roadmaps.models import DueDate, MeasureResponsible, Roadmap
from schools.models import SchoolList

from ..factories import MeasureFactory, OrganizationFactory, SchoolListEntryFactory

APPROVED = Roadmap.Status.APPROVED


def due(measure, days_ago: int, today):
    return DueDate.objects.create(district=measure.district, measure=measure,
                                  due_on=today - timedelta(days=days_ago))


def approve(roadmap):
    Roadmap.objects.filter(pk=roadmap.pk).update(status=APPROVED)
    roadmap.status = APPROVED
    return roadmap


def responsible(measure, *orgs):
    for pos, org in enumerate(orgs):
        MeasureResponsible.objects.create(district=measure.district, measure=measure,
                                          organization=org, position=pos)


def report(due_date, school, status=ProgressReport.Status.DONE, **kw):
    return ProgressReport.objects.create(district=due_date.district, measure=due_date.measure,
                                         due_date=due_date, school=school, status=status, **kw)


def flag(school, year):
    school_list, _ = SchoolList.objects.get_or_create(
        district=school.district, kind=SchoolList.Kind.LOW_RESULTS, year=year)
    SchoolListEntryFactory(school_list=school_list, organization=school)


@pytest.fixture
def today(district_a):
    return local_today(district_a)


def test_a_due_date_is_overdue_per_school_until_that_school_reports_it_done(
        roadmap_a, school_a, other_school_a, coordinator_a, today):
    approve(roadmap_a)
    m = MeasureFactory(roadmap=roadmap_a, text="Провести педсовет")
    responsible(m, school_a, other_school_a)
    d = due(m, 3, today)
    report(d, school_a)
    report(d, other_school_a, review=ProgressReport.Review.RETURNED)  # returned: not done
    page = overdue_page(district=roadmap_a.district, user=coordinator_a)
    assert [(i.due_id, i.school_id) for i in page.items] == [(d.pk, other_school_a.pk)]
    assert page.items[0].days_late == 3
    assert page.items[0].report_label == "выполнено, возвращён на доработку"


def test_only_roadmaps_in_force_and_only_past_days_count(
        roadmap_a, school_roadmap_a, coordinator_a, today):
    draft = MeasureFactory(roadmap=roadmap_a)  # the municipal roadmap is a draft
    due(draft, 10, today)
    approve(school_roadmap_a)
    m = MeasureFactory(roadmap=school_roadmap_a)
    past, due_today = due(m, 1, today), due(m, 0, today)
    items = overdue_page(district=roadmap_a.district, user=coordinator_a).items
    assert [(i.due_id, i.school_id) for i in items] == [(past.pk, school_roadmap_a.school_id)]
    assert due_today.pk not in {i.due_id for i in items}


def test_a_measure_for_the_office_is_one_item_without_a_school(roadmap_a, body_a, coordinator_a, today):
    approve(roadmap_a)
    m = MeasureFactory(roadmap=roadmap_a)
    responsible(m, body_a)
    d = due(m, 5, today)
    assert [(i.due_id, i.school_id) for i in
            overdue_page(district=roadmap_a.district, user=coordinator_a).items] == [(d.pk, None)]
    report(d, None)
    assert overdue_page(district=roadmap_a.district, user=coordinator_a).items == []


def test_a_group_measure_is_overdue_for_each_flagged_school(roadmap_a, school_a, other_school_a,
                                                           coordinator_a, today):
    approve(roadmap_a)
    flag(school_a, 2026)
    flag(other_school_a, 2026)
    m = MeasureFactory(roadmap=roadmap_a, addresses_flagged_schools=True)
    due(m, 40, today)
    items = overdue_page(district=roadmap_a.district, user=coordinator_a).items
    assert {i.school_id for i in items} == {school_a.pk, other_school_a.pk}


def test_pages_follow_the_key_without_gaps_or_repeats(roadmap_a, coordinator_a, today):
    approve(roadmap_a)
    schools = [OrganizationFactory(district=roadmap_a.district) for _ in range(3)]
    expected = set()
    for _ in range(7):
        m = MeasureFactory(roadmap=roadmap_a)
        responsible(m, *schools)
        for days in (2, 20):
            d = due(m, days, today)
            expected |= {(d.pk, s.pk) for s in schools}
    seen, after, pages = [], None, 0
    while True:
        page = overdue_page(district=roadmap_a.district, user=coordinator_a, after=after, size=4)
        seen += [(i.due_id, i.school_id) for i in page.items]
        pages += 1
        if not page.next_key:
            break
        after = parse_key(page.next_key)
    assert len(seen) == len(set(seen)) == len(expected) == 42
    assert set(seen) == expected
    assert pages == 11
    keys = [(DueDate.objects.get(pk=d).due_on, d, s) for d, s in seen]
    assert keys == sorted(keys)


def test_pages_fill_across_batches_when_most_due_dates_are_done(roadmap_a, school_a, coordinator_a,
                                                               today, monkeypatch):
    monkeypatch.setattr("monitoring.selectors.overdue.BATCH", 3)
    approve(roadmap_a)
    m = MeasureFactory(roadmap=roadmap_a)
    responsible(m, school_a)
    dates = [due(m, n + 1, today) for n in range(10)]
    for d in dates[1:8]:
        report(d, school_a)
    page = overdue_page(district=roadmap_a.district, user=coordinator_a, size=2)
    assert [i.due_id for i in page.items] == [dates[9].pk, dates[8].pk]
    rest = overdue_page(district=roadmap_a.district, user=coordinator_a, size=2,
                        after=parse_key(page.next_key))
    assert [i.due_id for i in rest.items] == [dates[0].pk] and rest.next_key is None


def test_filters_by_lateness_roadmap_responsible_and_school(roadmap_a, school_roadmap_a, school_a,
                                                           other_school_a, body_a, coordinator_a, today):
    approve(roadmap_a)
    approve(school_roadmap_a)
    m = MeasureFactory(roadmap=roadmap_a)
    responsible(m, other_school_a, body_a)
    week, month, older = due(m, 7, today), due(m, 8, today), due(m, 31, today)
    own = due(MeasureFactory(roadmap=school_roadmap_a), 30, today)

    def ids(**kw):
        return [i.due_id for i in overdue_all(district=roadmap_a.district, user=coordinator_a,
                                              filters=OverdueFilters(**kw))]
    assert ids(late="week") == [week.pk]
    assert ids(late="month") == [own.pk, month.pk]
    assert ids(late="older") == [older.pk]
    assert ids(roadmap=school_roadmap_a.pk) == [own.pk]
    assert ids(responsible=body_a.pk) == [older.pk, month.pk, week.pk]
    assert ids(school=school_a.pk) == [own.pk]


def test_the_regions_figures_count_done_and_overdue_per_district(roadmap_a, roadmap_b, school_a,
                                                                school_b, today):
    approve(roadmap_a)
    approve(roadmap_b)
    ma = MeasureFactory(roadmap=roadmap_a)
    responsible(ma, school_a)
    report(due(ma, 2, today), school_a)
    due(ma, 10, today)
    due(ma, 45, today)
    mb = MeasureFactory(roadmap=roadmap_b)
    responsible(mb, school_b)
    due(mb, 0, today)  # due today: counted as due, not overdue
    figures = district_figures([roadmap_a.district, roadmap_b.district], today)
    a, b = figures[roadmap_a.district_id], figures[roadmap_b.district_id]
    assert (a.due, a.done, a.overdue, a.overdue_week, a.overdue_month, a.overdue_older,
            a.percent) == (3, 1, 2, 0, 1, 1, 33)
    assert (b.due, b.done, b.overdue, b.percent) == (1, 0, 0, 0)


# --- pages ------------------------------------------------------------------------------------

@pytest.fixture
def world(roadmap_a, school_a, other_school_a, body_a, today):
    approve(roadmap_a)
    m = MeasureFactory(roadmap=roadmap_a, number="2.1", text="=HYPERLINK(\"http://x\")",
                       deadline_text="До 10.06.2026", responsible_text="Руководители ОО")
    responsible(m, school_a, other_school_a)
    d = due(m, 12, today)
    return m, d


def test_the_district_list_shows_each_item_with_its_report_link(client_for, coordinator_a, world,
                                                                school_a):
    m, d = world
    response = client_for(coordinator_a).get(reverse("overdue_list", args=["molchanovo"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Просроченные сроки" in html and "12 дней" in html and "До 10.06.2026" in html
    assert reverse("report_edit", args=["molchanovo", d.pk, school_a.pk]) in html
    assert "МКОУ Тополевская ООШ" in html


def test_next_page_carries_the_key_not_an_offset(client_for, coordinator_a, roadmap_a, today):
    approve(roadmap_a)
    school = OrganizationFactory(district=roadmap_a.district)
    for n in range(60):
        m = MeasureFactory(roadmap=roadmap_a)
        responsible(m, school)
        due(m, 1 + n % 5, today)
    client = client_for(coordinator_a)
    url = reverse("overdue_list", args=["molchanovo"])
    first = client.get(url).context["page"]
    assert len(first.items) == 50 and first.next_key
    response = client.get(url, {"after": first.next_key})
    html = response.content.decode()
    second = response.context["page"]
    assert len(second.items) == 10 and second.next_key is None
    assert not {i.key for i in first.items} & {i.key for i in second.items}
    assert "Дальше →" not in html and "К началу списка" in html
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, {"after": first.next_key})
    assert not any("OFFSET" in q["sql"] for q in ctx.captured_queries)


def test_a_curator_sees_only_its_schools(client_for, curator_a, world, school_a):
    page = client_for(curator_a).get(reverse("overdue_list", args=["molchanovo"])).context["page"]
    assert {i.school_id for i in page.items} == {school_a.pk}


def test_a_director_cannot_open_the_district_list_but_opens_its_schools(
        client_for, director_a, world, school_a, other_school_a):
    client = client_for(director_a)
    assert client.get(reverse("overdue_list", args=["molchanovo"])).status_code == 403
    assert client.get(reverse("overdue_export", args=["molchanovo"])).status_code == 403
    response = client.get(reverse("school_overdue", args=["molchanovo", school_a.pk]))
    assert response.status_code == 200
    assert {i.school_id for i in response.context["page"].items} == {school_a.pk}
    assert client.get(reverse("school_overdue", args=["molchanovo", other_school_a.pk])).status_code == 404


@pytest.mark.parametrize("name", ["overdue_list", "overdue_export"])
def test_another_district_gets_404(client_for, coordinator_b, world, name):
    assert client_for(coordinator_b).get(reverse(name, args=["molchanovo"])).status_code == 404


@pytest.mark.parametrize("name", ["school_overdue", "school_overdue_export"])
def test_another_districts_school_is_404(client_for, coordinator_b, world, school_a, name):
    client = client_for(coordinator_b)
    assert client.get(reverse(name, args=["molchanovo", school_a.pk])).status_code == 404
    # its own district's address with a school of district A: 404 as well
    assert client.get(reverse(name, args=["kozhevnikovo", school_a.pk])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(reverse("overdue_list", args=["molchanovo"]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_export_is_the_filtered_list_and_formula_safe(client_for, coordinator_a, world,
                                                         school_a):
    response = client_for(coordinator_a).get(reverse("overdue_export", args=["molchanovo"]),
                                             {"school": school_a.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1
    assert rows[0][1] == "2.1" and rows[0][5] == "12 дней" and rows[0][7] == "МКОУ Кармаклинская СОШ"
    cell = ws.cell(row=4, column=3)
    assert cell.data_type == "s" and cell.quotePrefix and cell.value.startswith("=HYPERLINK")


def _grow(roadmap, schools, measures, today):
    for _ in range(measures):
        m = MeasureFactory(roadmap=roadmap)
        responsible(m, *schools)
        due(m, 3, today)
        due(m, 33, today)


@pytest.mark.parametrize("name", ["overdue_list", "school_overdue"])
def test_the_query_count_does_not_grow_with_schools_or_measures(client_for, coordinator_a,
                                                                roadmap_a, today, name):
    approve(roadmap_a)
    district = roadmap_a.district
    client = client_for(coordinator_a)
    counts = []
    first = OrganizationFactory(district=district)
    for schools, measures in ((1, 5), (10, 50)):
        made = [first] + [OrganizationFactory(district=district) for _ in range(schools - 1)]
        _grow(roadmap_a, made, measures, today)
        args = ["molchanovo"] if name == "overdue_list" else ["molchanovo", first.pk]
        client.get(reverse(name, args=args))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse(name, args=args))
        assert response.status_code == 200 and response.context["page"].items
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_today_is_the_regions_day(monkeypatch, roadmap_a, other_region_district, coordinator_a):
    """At 18:00 UTC on 01.06 it is already 02.06 in Tomsk (UTC+7) and still 01.06 in Penza
    (Moscow time): a due date of 01.06 is overdue in Tomsk only."""
    from datetime import UTC, date, datetime

    from django.utils import timezone
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 6, 1, 18, 0, tzinfo=UTC))
    assert local_today(roadmap_a.district) == date(2026, 6, 2)
    assert local_today(other_region_district) == date(2026, 6, 1)
    approve(roadmap_a)
    m = MeasureFactory(roadmap=roadmap_a)
    d = DueDate.objects.create(district=roadmap_a.district, measure=m, due_on=date(2026, 6, 1))
    page = overdue_page(district=roadmap_a.district, user=coordinator_a)
    assert [(i.due_id, i.days_late) for i in page.items] == [(d.pk, 1)]
