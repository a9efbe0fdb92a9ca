"""A coordinator uploads a file, changes a column mapping, confirms, and finds the roadmap."""
import pytest
from playwright.sync_api import expect

from roadmaps.models import Measure, Roadmap
from tests.support.seeds import SEEDS

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_upload_change_mapping_confirm_and_find_the_roadmap(page, live_server, sign_in, coordinator_a,
                                                             district_a, artifacts_dir):
    (seed,) = SEEDS.glob("001_*.txt")
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/imports/roadmap/")
    page.set_input_files("input[type=file]", str(seed))
    page.get_by_role("button", name="Прочитать и показать").click()
    page.wait_for_url("**/imports/roadmap/*/")
    expect(page.get_by_text("47 мероприятий")).to_be_visible()
    page.screenshot(path=artifacts_dir / "import_preview.png")

    # the reader put «Результатыисполнения» into «Результат»; move it to «Форма»
    page.get_by_label("Результат, показатель", exact=True).select_option("")
    page.get_by_label("Форма", exact=True).select_option("4")
    page.get_by_role("button", name="Обновить предпросмотр").click()
    page.wait_for_load_state()
    assert page.get_by_label("Форма", exact=True).input_value() == "4"

    page.get_by_role("button", name="Создать дорожную карту").click()
    page.wait_for_url("**/roadmaps/*/")
    expect(page.get_by_text("Дорожная карта создана")).to_be_visible()
    page.screenshot(path=artifacts_dir / "imported_roadmap.png")

    roadmap = Roadmap.objects.get(district=district_a)
    first = Measure.objects.get(roadmap=roadmap, number="1")
    assert first.output_form == "Назначен муниципальный координатор"
    assert first.result == ""

    page.goto(f"{live_server.url}/{district_a.slug}/")
    page.get_by_role("link", name=roadmap.title[:40]).first.click()
    expect(page.get_by_text("Назначение муниципальных координаторов по сопровождению ШНОР")).to_be_visible()
