"""The reminders as a person sees them (1366×768): the digest e-mail's HTML, the bell with its
count, the notifications page, the reminder settings. Screenshots in var/test-artifacts/."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from monitoring.models import PersonSettings
from monitoring.services.reminders import reminders_send_for_district
from schools.models import Organization, Role, SchoolList
from schools.services.memberships import membership_grant
from tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    RegionFactory,
    RoadmapFactory,
    SchoolListEntryFactory,
    SchoolListFactory,
    UserFactory,
)
from tests.monitoring.test_reminders import DAY, approve, measure_due

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_digest_the_bell_the_notifications_and_the_settings(page, live_server, sign_in, mail_server,
                                                                settings, artifacts_dir):
    settings.SITE_URL = live_server.url
    district = DistrictFactory(region=RegionFactory(slug="tomsk", time_zone="Asia/Tomsk"),
                               name="Молчановский район", slug="molchanovo")
    school = OrganizationFactory(district=district, short_name="МКОУ Кармаклинская СОШ")
    body = OrganizationFactory(district=district, kind=Organization.Kind.SUPPORTING_BODY,
                               short_name="ТОИПКРО", email="toipkro@example.ru")
    director = UserFactory(email="director@example.ru", first_name="Ольга", last_name="Сидорова")
    membership_grant(user=director, role=Role.DIRECTOR, organization=school)
    flagged = SchoolListFactory(district=district, year=2026, kind=SchoolList.Kind.LOW_RESULTS)
    SchoolListEntryFactory(school_list=flagged, organization=school)
    roadmap = approve(RoadmapFactory(
        district=district, title="Дорожная карта по работе со школами с низкими образовательными "
                                 "результатами Молчановского района на 2026 год"))
    programme = approve(RoadmapFactory(district=district, school=school,
                                       title="Программа перехода в эффективный режим работы"))
    measure_due(roadmap, DAY - timedelta(days=14), school, body, number="1.2",
                text="Проведение анализа результатов ВПР и ОГЭ, выявление дефицитов",
                deadline_text="до 21.11.2026")
    measure_due(roadmap, DAY, number="2.1", addresses_flagged_schools=True,
                text="Разработка и утверждение антирисковых программ", deadline_text="05.12.2026")
    measure_due(programme, DAY + timedelta(days=1), number="3.4",
                text="Педагогический совет «Адресная работа с неуспевающими»", deadline_text="06.12.2026")
    measure_due(programme, DAY + timedelta(days=7), number="3.10",
                text="Открытые уроки молодых педагогов", deadline_text="Декабрь 2026")
    reminders_send_for_district(district_id=district.pk, day=DAY)
    mail_server.wait_for(2)
    [digest] = mail_server.to("director@example.ru")
    assert digest.subject.strip() == "Сроки мероприятий на 05.12.2026: 4 напоминания"

    # the e-mail as a mail client shows its HTML part
    page.set_content(digest.html)
    expect(page.get_by_text("Сроки мероприятий на 05.12.2026")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "reminders-digest-email.png"), full_page=True)

    sign_in(page, "director@example.ru")
    count = page.locator(".bell-count")
    expect(count).to_have_text("1")
    page.screenshot(path=str(artifacts_dir / "reminders-bell.png"))

    page.locator("a.bell").click()
    expect(page.get_by_role("heading", name="Уведомления")).to_be_visible()
    expect(page.locator(".notification-new")).to_have_count(1)
    expect(page.get_by_text("Проведение анализа результатов ВПР")).to_be_visible()
    expect(page.locator(".bell")).to_be_visible()
    expect(page.locator(".bell-count")).to_have_count(0)  # shown = read
    page.screenshot(path=str(artifacts_dir / "reminders-notifications.png"))

    page.get_by_role("button", name="Открыть мероприятие").click()
    page.wait_for_url(f"**/molchanovo/roadmaps/{roadmap.pk}/#measure-*")
    expect(page.locator("h1, .roadmap-title").first).to_be_visible()

    page.goto(f"{live_server.url}/settings/reminders/")
    page.get_by_label("Через неделю").uncheck()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Настройки напоминаний сохранены.")).to_be_visible()
    expect(page.get_by_label("Через неделю")).not_to_be_checked()
    expect(page.get_by_label("Сегодня")).to_be_checked()
    assert PersonSettings.objects.get(user=director).disabled_stages == ["week"]
    feed = page.locator("#feed-url").input_value()
    assert feed.startswith(f"{live_server.url}/calendar/") and feed.endswith(".ics")
    page.screenshot(path=str(artifacts_dir / "reminders-settings.png"), full_page=True)
    page.get_by_role("button", name="Сменить ссылку").click()
    expect(page.get_by_text("Ссылка на календарь сменена")).to_be_visible()
    assert page.locator("#feed-url").input_value() != feed
