"""An htmx request answered by one of our error pages (here the 503 of a database outage,
on the order page's «Сформировать» button, which has no handler of its own): the page is
not swapped into the order's status box; its Russian words appear at the bottom of the
window, and the button stays for another try."""
import pytest
from playwright.sync_api import expect

from core.errors import error_response
from roadmaps.services.orders import order_create_draft
from tests.factories import MeasureFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_error_page_reply_is_said_in_a_notice_not_swapped_in(page, live_server, sign_in,
                                                                 coordinator_a, roadmap_a,
                                                                 artifacts_dir):
    section = SectionFactory(roadmap=roadmap_a, number="1.", title="Организационные меры")
    MeasureFactory(roadmap=roadmap_a, section=section, number="1", text="Совещание",
                   deadline_text="Март 2026")
    order = order_create_draft(roadmap=roadmap_a, acting_user=coordinator_a)
    outage = error_response(None, 503, "503.html")
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{roadmap_a.district.slug}/orders/{order.pk}/")
    page.route("**/render/", lambda route: route.fulfill(
        status=503, headers={"X-Error-Page": "503", "Content-Type": "text/html; charset=utf-8"},
        body=outage.content.decode()))
    page.locator("#render-order").click()
    notice = page.get_by_role("alert").filter(has_text="Сервис временно недоступен")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Сервер не может связаться с базой данных")
    expect(page.locator("#render-order")).to_be_visible()
    assert page.locator("#render-status h1").count() == 0
    page.screenshot(path=artifacts_dir / "htmx-error-notice.png")
