"""A coordinator composes the order in the browser, renders it, downloads the PDF, uploads the scan."""
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from schools.models import District, SchoolList, SchoolListEntry
from tests.support.scans import FAKE_PDF, PDF_SCAN
from tests.support.seed_roadmaps import SEEDS, build_roadmap

pytestmark = pytest.mark.browser


@pytest.fixture
def roadmap(district_a, coordinator_a, school_a):
    District.objects.filter(pk=district_a.pk).update(
        office_name="МУНИЦИПАЛЬНОЕ КАЗЕННОЕ УЧРЕЖДЕНИЕ\n«УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\n"
                    "АДМИНИСТРАЦИИ МОЛЧАНОВСКОГО РАЙОНА\nТОМСКОЙ ОБЛАСТИ»",
        head_position="И.о. начальника Управления", head_name="С. А. Губина")
    district_a.refresh_from_db()
    school_a.director_name = "Еремина Н.Н."
    school_a.save(update_fields=["director_name"])
    flagged = SchoolList.objects.create(district=district_a, kind=SchoolList.Kind.LOW_RESULTS,
                                        year=2020)
    SchoolListEntry.objects.create(district=district_a, school_list=flagged,
                                   organization=school_a, reason="Низкие результаты ОГЭ")
    return build_roadmap(SEEDS["000"], user=coordinator_a, district=district_a)


# an <img> that has loaded and has pixels (a page change is not the image's arrival)
LOADED = ("sel => { const img = document.querySelector(sel);"
          " return !!img && img.complete && img.naturalWidth > 0; }")


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_prepares_renders_and_files_the_signed_order(
        page, live_server, sign_in, settings, coordinator_a, roadmap, artifacts_dir, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{roadmap.district.slug}/roadmaps/{roadmap.pk}/")
    page.get_by_role("link", name="Подготовить приказ").click()

    expect(page.get_by_role("heading", name="Приказ об утверждении дорожной карты")).to_be_visible()
    first_point = page.locator("#id_points-0-text")
    assert first_point.input_value().startswith("Утвердить дорожную карту")
    assert "МКОУ Кармаклинская СОШ (Еремина Н.Н.)" in page.locator("#id_points-2-text").input_value()
    page.screenshot(path=artifacts_dir / "order-compose.png")

    page.locator("#id_number").fill("143/1")
    page.locator("#id_issued_on").fill("22.06.2020")
    first_point.fill("Утвердить Дорожную карту комплекса мероприятий (приложение № 1).")
    page.get_by_role("button", name="+ Пункт").click()
    page.locator("#id_points-4-text").fill("Опубликовать приказ на сайте Управления.")
    page.get_by_role("button", name="+ Группа собеседования").click()
    page.locator("#id_interviews-0-date").fill("15.06.2020")
    page.locator("#id_interviews-0-time").fill("10:00")
    page.locator("#id_interviews-0-schools").fill("МКОУ Кармаклинская СОШ\nМКОУ Тополевская ООШ")
    page.screenshot(path=artifacts_dir / "order-compose-filled.png", full_page=True)
    page.get_by_role("button", name="Сохранить приказ").click()

    expect(page.get_by_role("heading", name="Приказ от 22.06.2020 № 143/1")).to_be_visible()
    expect(page.get_by_text("Файлы для подписи ещё не сформированы.")).to_be_visible()
    page.get_by_role("button", name="Сформировать PDF и DOCX").click()
    download_link = page.get_by_role("link", name="Скачать PDF")
    download_link.wait_for(timeout=30_000)
    page.screenshot(path=artifacts_dir / "order-rendered.png")

    with page.expect_download() as info:
        download_link.click()
    pdf = tmp_path / "order.pdf"
    info.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "№\u00a0143/1" in text or "№ 143/1" in text
    assert "Опубликовать приказ на сайте Управления." in text
    assert "15.06.2020" in text
    assert info.value.suggested_filename == "Приказ от 22.06.2020 № 143-1.pdf"

    # the signed scan is the rendered PDF itself, as a head's office returns it
    page.locator("#id_scan").set_input_files(
        files=[{"name": "скан.pdf", "mimeType": "application/pdf", "buffer": pdf.read_bytes()}])
    page.get_by_role("button", name="Загрузить скан").click()
    expect(page.get_by_text("Проверьте по первой странице").first).to_be_visible()
    thumbnail = page.locator("#pending-scan-thumbnail")
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function(LOADED, arg="#pending-scan-thumbnail")  # the image is drawn
    assert page.locator("#signed-note").count() == 0
    page.screenshot(path=artifacts_dir / "order-scan-check.png")

    page.get_by_role("button", name="Подтвердить утверждение").click()
    expect(page.get_by_text("Утверждение подтверждено: приказ подписан")).to_be_visible()
    expect(page.locator("#signed-note")).to_be_visible()
    page.wait_for_function(LOADED, arg="#scan-thumbnail")
    page.screenshot(path=artifacts_dir / "order-signed.png")

    page.goto(f"{live_server.url}/{roadmap.district.slug}/roadmaps/{roadmap.pk}/")
    expect(page.get_by_text("Утверждена приказом от 22.06.2020 № 143/1")).to_be_visible()
    page.screenshot(path=artifacts_dir / "order-roadmap-approved.png")


@pytest.mark.django_db(transaction=True)
def test_a_wrong_scan_gets_a_russian_message(page, live_server, sign_in, coordinator_a, roadmap):
    from roadmaps.services.orders import order_create_draft

    order = order_create_draft(roadmap=roadmap, acting_user=coordinator_a, number="1",
                               issued_on=date(2020, 6, 22))
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{roadmap.district.slug}/orders/{order.pk}/")
    page.locator("#id_scan").set_input_files(
        files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"hello"}])
    page.get_by_role("button", name="Загрузить скан").click()
    expect(page.get_by_text("Это не скан приказа")).to_be_visible()
    page.locator("#id_scan").set_input_files(
        files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": FAKE_PDF}])
    page.get_by_role("button", name="Загрузить скан").click()
    expect(page.get_by_text("Файл PDF не открывается")).to_be_visible()
    page.locator("#id_scan").set_input_files(
        files=[{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": PDF_SCAN}])
    page.get_by_role("button", name="Загрузить скан").click()
    expect(page.locator("#pending-scan-thumbnail")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_the_order_page_shows_the_progress_and_polls_until_the_files_are_ready(
        page, live_server, sign_in, head_a, coordinator_a, roadmap, artifacts_dir):
    from roadmaps.models import Order
    from roadmaps.services.orders import order_create_draft, order_render

    order = order_create_draft(roadmap=roadmap, acting_user=coordinator_a, number="143/1",
                               issued_on=date(2020, 6, 22))
    Order.objects.filter(pk=order.pk).update(render_state=Order.RenderState.RUNNING,
                                             render_progress=40)
    sign_in(page, head_a.email)
    page.goto(f"{live_server.url}/{roadmap.district.slug}/orders/{order.pk}/")

    assert page.locator("#render-progress").get_attribute("value") == "40"
    expect(page.get_by_text("Формируется… 40 %")).to_be_visible()
    assert page.get_by_role("button", name="Загрузить скан").count() == 0  # a head only reads
    page.screenshot(path=artifacts_dir / "order-progress.png")

    order_render(order=order, acting_user=coordinator_a)  # what the worker does meanwhile
    page.get_by_role("link", name="Скачать PDF").wait_for(timeout=10_000)
    assert page.get_by_role("button", name="Сформировать заново").count() == 0
