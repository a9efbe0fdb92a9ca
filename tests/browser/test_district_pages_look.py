"""The pages this work touched, at 1366×768, for a person to look at (var/test-artifacts):
the region's table, the sub-menu on the coordinator's forms and previews, a director's
breadcrumbs."""
import pytest
from playwright.sync_api import expect

from roadmaps.models import Roadmap
from tests.factories import RoadmapFactory, SchoolListFactory
from tests.support.seeds import seed_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_region_page_names_its_columns(page, live_server, sign_in, regional_member, district_a,
                                           district_b, school_a, artifacts_dir):
    RoadmapFactory(district=district_a, status=Roadmap.Status.APPROVED)
    RoadmapFactory(district=district_a, school=school_a, status=Roadmap.Status.APPROVED)
    sign_in(page, regional_member.email)
    page.goto(f"{live_server.url}/region/{district_a.region.slug}/")
    districts = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Муниципалитеты", exact=True))
    expect(districts.locator("thead")).to_contain_text("Программы школ")
    page.screenshot(path=artifacts_dir / "region_page.png", full_page=True)
    districts.get_by_role("link", name=district_a.name).click()
    expect(page.locator("nav.crumbs")).to_contain_text(district_a.region.name)
    page.locator("nav.crumbs").get_by_role("link", name=district_a.region.name).click()
    expect(page.get_by_role("heading", name=district_a.region.name)).to_be_visible()


def test_a_directors_breadcrumbs_lead_to_its_school(page, live_server, sign_in, director_a,
                                                    school_roadmap_a, artifacts_dir):
    sign_in(page, director_a.email)
    page.goto(f"{live_server.url}/{school_roadmap_a.district.slug}/roadmaps/{school_roadmap_a.pk}/")
    crumbs = page.locator("nav.crumbs")
    expect(crumbs.get_by_role("link")).to_have_count(2)
    page.screenshot(path=artifacts_dir / "roadmap_page_director.png")
    crumbs.get_by_role("link", name=school_roadmap_a.school.short_name).click()
    expect(page.get_by_role("heading", name=school_roadmap_a.school.short_name)).to_be_visible()
    page.screenshot(path=artifacts_dir / "school_page_director.png")


def test_the_coordinators_forms_and_previews_keep_the_submenu(page, live_server, sign_in,
                                                             coordinator_a, district_a, school_a,
                                                             artifacts_dir):
    SchoolListFactory(district=district_a)
    sign_in(page, coordinator_a.email)
    base = f"{live_server.url}/{district_a.slug}"
    for path, current, shot in (("/organizations/new/", "Организации", "organization_form.png"),
                                (f"/organizations/{school_a.pk}/edit/", "Организации",
                                 "organization_edit.png"),
                                ("/lists/new/", "Перечни школ", "list_form.png"),
                                ("/imports/school-list/", "Импорт", "school_list_import_empty.png")):
        page.goto(base + path)
        expect(page.locator("nav.subnav [aria-current=page]")).to_have_text(current)
        page.screenshot(path=artifacts_dir / shot, full_page=True)

    page.goto(base + "/imports/roadmap/")
    page.set_input_files("#id_file", str(seed_file("000")))
    page.get_by_role("button", name="Прочитать и показать").click()
    page.wait_for_url("**/imports/roadmap/*/")
    expect(page.locator("nav.subnav [aria-current=page]")).to_have_text("Импорт")
    page.screenshot(path=artifacts_dir / "import_preview_submenu.png")
