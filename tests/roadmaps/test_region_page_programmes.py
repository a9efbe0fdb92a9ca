"""The region page of the working group: the queue of programmes waiting for it, the
districts compared by status as an inline SVG chart and as a table with the same figures,
and a query count that grows neither with programmes nor with districts."""
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmaps.selectors.programmes import CYCLE
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.factories import DistrictFactory, OrganizationFactory, UserFactory
from tests.support.programmes import T0, Status, programme

SVG = "{http://www.w3.org/2000/svg}"


def region_page(client, region):
    response = client.get(reverse("region_detail", args=[region.slug]))
    assert response.status_code == 200
    return response.content.decode()


def card(html, heading):
    for c in re.findall(r'<section class="card[^"]*">(.*?)</section>', html, re.S):
        if re.search(rf"<h2>\s*{re.escape(heading)}", c):
            return c
    raise AssertionError(heading)


def cells(row_html):
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, re.S)]


def test_the_queue_holds_programmes_under_regional_review_the_longest_waiting_first(
        client_for, regional_member, region, district_a, district_b):
    later = programme(district_a, Status.UNDER_REGIONAL_REVIEW, submitted=T0, arrived=T0 + timedelta(days=2),
                      comments=1, school=OrganizationFactory(district=district_a, short_name="МКОУ Вторая СОШ"))
    first = programme(district_b, Status.UNDER_REGIONAL_REVIEW, submitted=T0, number=3, arrived=T0,
                      school=OrganizationFactory(district=district_b, short_name="МКОУ Первая СОШ"))
    programme(district_a, Status.SUBMITTED, submitted=T0, arrived=T0,
              school=OrganizationFactory(district=district_a, short_name="МКОУ Муниципальная СОШ"))
    queue = card(region_page(client_for(regional_member), region), "Ждут согласования РРГ")
    rows = [cells(r) for r in re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", queue, re.S).group(1), re.S)]
    # district, school, programme, submitted, version, waiting since, open comments
    assert [(r[0], r[1]) for r in rows] == [(district_b.name, "МКОУ Первая СОШ"),
                                            (district_a.name, "МКОУ Вторая СОШ")]
    assert rows[0][4] == "№ 3" and rows[0][6] == "0" and rows[1][6] == "1"
    assert rows[1][5] == "04.03.2026 10:00"  # Tomsk time of the forwarding
    assert f"/roadmaps/{first.pk}/" in queue and f"/roadmaps/{later.pk}/" in queue
    assert "Муниципальная СОШ" not in queue


def test_the_chart_and_the_table_show_the_same_figures(client_for, regional_member, region,
                                                       district_a, district_b):
    for status, n in ((Status.DRAFT, 2), (Status.SUBMITTED, 1), (Status.APPROVED, 3)):
        for _ in range(n):
            programme(district_a, status)
    programme(district_b, Status.RETURNED)
    programme(district_b, Status.ARCHIVED)  # not counted
    empty = DistrictFactory(region=region, name="Пустой район")
    html = region_page(client_for(regional_member), region)
    compare = card(html, "Муниципалитеты: программы школ по статусам")
    svg = ET.fromstring(re.search(r"<svg.*?</svg>", compare, re.S).group(0))
    bars = {}
    for g in svg.iter(f"{SVG}g"):
        if g.get("class") == "chart-row":
            label = next(t.text for t in g.iter(f"{SVG}text") if t.get("class") == "chart-row-label")
            bars[label] = {
                "".join(r.itertext()).rsplit(": ", 1)[0].split(" — ")[1]: float(r.get("width"))
                for r in g.iter(f"{SVG}rect") if r.get("class") == "chart-segment"
            }
    assert set(bars) == {district_a.name, district_b.name}  # a district without programmes has no bar
    a = bars[district_a.name]
    assert a["Утверждена"] == pytest.approx(3 * a["У муниципалитета"], rel=1e-3)
    assert a["Черновик"] == pytest.approx(2 * a["У муниципалитета"], rel=1e-3)
    assert bars[district_b.name]["Возвращена"] == pytest.approx(a["У муниципалитета"], rel=1e-3)

    table = re.search(r'<table class="grid compact status-table">(.*?)</table>', compare, re.S).group(1)
    head = cells(re.search(r"<thead>(.*?)</thead>", table, re.S).group(1))
    assert head == ["Муниципалитет", "Черновик", "У муниципалитета", "В РРГ", "Возвращена",
                    "Согласована", "Утверждена", "Всего"]
    body = {c[0]: c[1:] for c in (cells(r) for r in re.findall(r"<tr>(.*?)</tr>",
                                  re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1), re.S))}
    assert body[district_a.name] == ["2", "1", "0", "0", "0", "3", "6"]
    assert body[district_b.name] == ["0", "0", "0", "1", "0", "0", "1"]
    assert body[empty.name] == ["0"] * 7
    assert cells(re.search(r"<tfoot>(.*?)</tfoot>", table, re.S).group(1)) == [
        "Итого", "2", "1", "0", "1", "0", "3", "7"]
    assert len(CYCLE) == 6


def test_no_programmes_draw_a_calm_chart(client_for, regional_member, region, district_a):
    compare = card(region_page(client_for(regional_member), region),
                   "Муниципалитеты: программы школ по статусам")
    assert "Программ школ пока нет" in compare
    assert 'class="chart-segment"' not in compare


def test_the_page_links_to_all_programmes_of_the_region(client_for, regional_member, region,
                                                        district_a):
    html = region_page(client_for(regional_member), region)
    assert reverse("region_programmes", args=[region.slug]) in html
    assert f'{reverse("region_programmes", args=[region.slug])}?district={district_a.pk}' in html


def test_another_regions_working_group_sees_nothing_of_ours(client_for, region, district_a,
                                                            other_region_district):
    programme(district_a, Status.UNDER_REGIONAL_REVIEW, arrived=T0)
    stranger = UserFactory(email="rrg-penza-2@example.ru")
    membership_grant(user=stranger, role=Role.REGIONAL, region=other_region_district.region)
    client = client_for(stranger)
    assert client.get(reverse("region_detail", args=[region.slug])).status_code == 404
    html = region_page(client, other_region_district.region)
    assert district_a.name not in html


def _spread(districts, n):
    statuses = [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REGIONAL_REVIEW, Status.RETURNED,
                Status.AGREED, Status.APPROVED]
    for i in range(n):
        d = districts[i % len(districts)]
        programme(d, statuses[i % 6], submitted=T0, number=1 + i % 2, arrived=T0, comments=i % 3)


def test_the_region_page_costs_the_same_at_5_and_50_programmes_and_more_districts(
        client_for, regional_member, region, district_a, district_b):
    client = client_for(regional_member)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            region_page(client, region)
        return len(ctx.captured_queries)

    _spread([district_a, district_b], 5)
    small = count()
    _spread([district_a, district_b, *DistrictFactory.create_batch(5, region=region)], 45)
    assert count() == small
