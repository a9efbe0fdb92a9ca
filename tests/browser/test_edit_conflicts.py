"""Two coordinators with the same order and the same section open: the later save is
refused with both versions side by side, at 1366×768."""
from datetime import date

import pytest
from playwright.sync_api import expect

from roadmaps.models import Order, Section
from roadmaps.services.orders import order_create_draft
from roadmaps.services.roadmaps import roadmap_create
from roadmaps.services.sections import section_create
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_sessions(browser, page, live_server, sign_in, coordinator_a, district_a):
    colleague = UserFactory(email="coord2-a@example.ru", last_name="Губина", first_name="Светлана")
    membership_grant(user=colleague, role=Role.COORDINATOR, district=district_a)
    sign_in(page, coordinator_a.email)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    other = context.new_page()
    sign_in(other, colleague.email)
    yield page, other
    context.close()


@pytest.fixture
def roadmap(district_a, coordinator_a):
    return roadmap_create(district=district_a, title="Дорожная карта 2026", acting_user=coordinator_a,
                          period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))


def test_a_stale_order_form_shows_both_versions(two_sessions, live_server, roadmap, coordinator_a,
                                                artifacts_dir):
    page, other = two_sessions
    order = order_create_draft(roadmap=roadmap, acting_user=coordinator_a, number="143/1")
    url = f"{live_server.url}/{roadmap.district.slug}/orders/{order.pk}/edit/"
    page.goto(url)
    other.goto(url)

    other.locator("#id_title").fill("Об утверждении плана мероприятий на 2026 год")
    other.get_by_role("button", name="Сохранить приказ").click()
    expect(other.get_by_text("Приказ сохранён.")).to_be_visible()

    page.locator("#id_preamble").fill("В целях исполнения приказа министерства от 09.02.2024 № 217")
    page.get_by_role("button", name="Сохранить приказ").click()
    panel = page.locator("#version-conflict")
    expect(panel).to_contain_text("Приказ уже изменён: Губина С.")
    expect(panel).to_contain_text("Об утверждении плана мероприятий на 2026 год")
    expect(panel).to_contain_text("№ 217")
    page.screenshot(path=artifacts_dir / "order-edit-conflict.png")
    assert Order.objects.get(pk=order.pk).preamble != page.locator("#id_preamble").input_value()

    page.get_by_role("button", name="Сохранить мою версию").click()
    expect(page.get_by_text("Приказ сохранён.")).to_be_visible()
    assert "№ 217" in Order.objects.get(pk=order.pk).preamble


def test_a_stale_section_rename_shows_both_titles(two_sessions, live_server, roadmap, coordinator_a,
                                                  artifacts_dir):
    page, other = two_sessions
    section = section_create(roadmap=roadmap, title="Мониторинг", acting_user=coordinator_a)
    url = f"{live_server.url}/{roadmap.district.slug}/roadmaps/{roadmap.pk}/"
    page.goto(url)
    other.goto(url)
    page.get_by_title("Изменить раздел 1").click()
    other.get_by_title("Изменить раздел 1").click()

    other.get_by_label("Название раздела").fill("Мониторинг и контроль")
    other.locator("tr.editing").get_by_role("button", name="Сохранить").click()
    expect(other.locator("tr.section", has_text="Мониторинг и контроль")).to_be_visible()

    page.get_by_label("Название раздела").fill("Мониторинг школьных программ")
    page.locator("tr.editing").get_by_role("button", name="Сохранить").click()
    conflict = page.locator("tr.conflict")
    expect(conflict).to_contain_text("Раздел 1 уже изменён: Губина С.")
    expect(conflict).to_contain_text("Мониторинг и контроль")
    expect(conflict).to_contain_text("Мониторинг школьных программ")
    page.screenshot(path=artifacts_dir / "section-conflict.png")
    assert Section.objects.get(pk=section.pk).title == "Мониторинг и контроль"

    conflict.get_by_role("button", name="Оставить сохранённую").click()
    expect(page.locator("tr.section", has_text="Мониторинг и контроль")).to_be_visible()
