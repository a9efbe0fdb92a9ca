"""Who sees what, in Chromium at 1366×768 (screenshots in var/test-artifacts/ to look at):
the coordinator's district page with its queue and flagged schools, the region page with
its chart (also printed to PDF), the region's programme list filtered, the head's home."""
import subprocess
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from roadmaps.models import Order
from schools.models import SchoolList
from tests.factories import OrganizationFactory, SchoolListEntryFactory, SchoolListFactory
from tests.support.programmes import T0, Status, programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = date.today().year


@pytest.fixture
def world(district_a, district_b, school_a, other_school_a, school_b, roadmap_a):
    low = SchoolListFactory(district=district_a, kind=SchoolList.Kind.LOW_RESULTS, year=YEAR)
    hard = SchoolListFactory(district=district_a, kind=SchoolList.Kind.DIFFICULT_CONDITIONS, year=YEAR)
    SchoolListEntryFactory(school_list=low, organization=school_a)
    SchoolListEntryFactory(school_list=hard, organization=school_a)
    SchoolListEntryFactory(school_list=hard, organization=other_school_a)
    period = {"period_start": date(YEAR, 1, 1), "period_end": date(YEAR, 12, 31)}
    programme(district_a, Status.SUBMITTED, school=school_a, submitted=T0, number=2, arrived=T0,
              comments=2, title="Антирисковая программа МКОУ Кармаклинской СОШ", **period)
    names = ["Новоярковская", "Шубинская", "Тунгусовская", "Суйгинская", "Игрековская"]
    statuses = [Status.UNDER_REGIONAL_REVIEW, Status.AGREED, Status.APPROVED, Status.DRAFT,
                Status.RETURNED]
    for i, (name, status) in enumerate(zip(names, statuses, strict=True)):
        school = OrganizationFactory(district=district_a, short_name=f"МКОУ {name} СОШ")
        programme(district_a, status, school=school, submitted=T0 + timedelta(days=i), arrived=T0
                  + timedelta(days=i + 1), comments=i % 2, title=f"Программа помощи {name} СОШ",
                  **period)
    for i, status in enumerate([Status.UNDER_REGIONAL_REVIEW, Status.APPROVED, Status.APPROVED,
                                Status.DRAFT]):
        school = school_b if i == 0 else OrganizationFactory(district=district_b,
                                                             short_name=f"МБОУ СОШ № {i + 2}")
        programme(district_b, status, school=school, submitted=T0, arrived=T0 + timedelta(hours=i),
                  title=f"Программа школы {school.short_name}", **period)
    Order.objects.create(district=district_a, roadmap=roadmap_a, status=Order.Status.DRAFT,
                         render_state=Order.RenderState.DONE, pdf="orders/x/order.pdf",
                         title="Об утверждении муниципальной дорожной карты на 2026 год")


def test_the_coordinators_district_page(page, live_server, sign_in, coordinator_a, district_a,
                                        world, artifacts_dir):
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/")
    queue = page.locator("section.card", has_text="Ждут рассмотрения муниципалитетом")
    expect(queue.locator("tbody tr")).to_have_count(1)
    expect(queue).to_contain_text("МКОУ Кармаклинская СОШ")
    flagged = page.locator("section.card", has_text="Школы из перечней и их программы")
    expect(flagged.locator("tbody tr")).to_have_count(2)
    expect(flagged).to_contain_text("нет программы")
    page.screenshot(path=artifacts_dir / "district_page_queue.png", full_page=True)
    queue.get_by_role("link", name="Все программы школ муниципалитета →").click()
    expect(page.get_by_role("heading", name="Программы школ")).to_be_visible()
    page.screenshot(path=artifacts_dir / "district_programmes.png", full_page=True)


def test_the_region_page_with_its_chart_on_screen_and_on_paper(page, live_server, sign_in,
                                                               regional_member, region, world,
                                                               artifacts_dir):
    sign_in(page, regional_member.email)
    page.goto(f"{live_server.url}/region/{region.slug}/")
    queue = page.locator("section.card", has_text="Ждут согласования РРГ")
    expect(queue.locator("tbody tr")).to_have_count(2)
    chart = page.locator("figure.chart-figure svg")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.chart-segment")).to_have_count(9)
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1366  # not cut off at the right
    page.screenshot(path=artifacts_dir / "region_page_chart.png", full_page=True)
    pdf = artifacts_dir / "region_page_print.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "2", str(pdf),
                    str(artifacts_dir / "region_page_print")], check=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Программы школ по статусам" in text and "Молчановский район" in text


def test_the_regions_programme_list_filtered(page, live_server, sign_in, regional_member, region,
                                             district_a, world, artifacts_dir):
    sign_in(page, regional_member.email)
    page.goto(f"{live_server.url}/region/{region.slug}/programmes/")
    expect(page.locator("table.programme-list tbody tr")).to_have_count(10)
    page.locator("select[name=district]").select_option(label=district_a.name)
    page.locator("select[name=kind]").select_option(label="ШНСУ")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator("table.programme-list tbody tr")).to_have_count(1)
    expect(page.locator("table.programme-list")).to_contain_text("МКОУ Кармаклинская СОШ")
    expect(page.locator("select[name=kind]")).to_have_value(SchoolList.Kind.DIFFICULT_CONDITIONS)
    page.screenshot(path=artifacts_dir / "region_programmes_filtered.png", full_page=True)


def test_the_heads_home(page, live_server, sign_in, head_a, world, artifacts_dir):
    sign_in(page, head_a.email)
    to_sign = page.locator("section.card", has_text="На подпись")
    expect(to_sign.locator("li")).to_have_count(2)
    expect(to_sign).to_contain_text("Об утверждении муниципальной дорожной карты")
    expect(to_sign).to_contain_text("Программа помощи Шубинская СОШ")
    page.screenshot(path=artifacts_dir / "head_home.png", full_page=True)
