"""The order page with the broker (Redis) unreachable: asking for the files says they could
not be queued, right where the person clicked, and offers the render again."""
import socket
from datetime import date

import pytest
from playwright.sync_api import expect

from roadmaps.models import Order
from roadmaps.services.orders import order_create_draft
from tests.factories import MeasureFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_order_page_says_the_render_could_not_be_queued_and_offers_it_again(
        page, live_server, sign_in, settings, coordinator_a, roadmap_a, artifacts_dir):
    section = SectionFactory(roadmap=roadmap_a, number="1.", title="Организационные меры")
    MeasureFactory(roadmap=roadmap_a, section=section, number="1", text="Мероприятие",
                   deadline_text="Март 2026")
    filled_roadmap_a = roadmap_a
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    order = order_create_draft(roadmap=filled_roadmap_a, acting_user=coordinator_a,
                               number="143/1", issued_on=date(2026, 1, 12))
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{filled_roadmap_a.district.slug}/orders/{order.pk}/")

    page.get_by_role("button", name="Сформировать PDF и DOCX").click()
    status = page.locator("#render-status")
    expect(status).to_contain_text("сервер фоновых задач сейчас недоступен", timeout=10_000)
    expect(status.get_by_role("button", name="Сформировать PDF и DOCX")).to_be_visible()
    assert "В очереди" not in status.inner_text()
    page.screenshot(path=artifacts_dir / "order-broker-down.png")

    settings.CELERY_TASK_ALWAYS_EAGER = True  # the broker is back
    status.get_by_role("button", name="Сформировать PDF и DOCX").click()
    expect(page.get_by_role("link", name="Скачать PDF")).to_be_visible(timeout=30_000)
    assert Order.objects.get(pk=order.pk).render_state == Order.RenderState.DONE
