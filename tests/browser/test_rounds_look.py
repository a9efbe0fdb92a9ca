"""Overdue lists, a monitoring round, its summary report's editor and the region's figures
at 1366×768, for a person to look at (var/test-artifacts), with the flows that matter:
filter the overdue list, open a round, save the справка's sections, meet a stale save."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from monitoring.models import ProgressReport
from monitoring.selectors.overdue import local_today
from monitoring.services.rounds import round_open
from roadmaps.models import DueDate, MeasureResponsible, Roadmap
from schools.models import District, Organization
from tests.factories import MeasureFactory, OrganizationFactory, RoadmapFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURES = [
    ("1.1", "Анализ результатов ВПР и ОГЭ в школах с низкими образовательными результатами",
     "До 30.09.2026", 66),
    ("1.2", "Разработка и утверждение школьных программ перехода в эффективный режим работы",
     "Октябрь 2026", 34),
    ("2.1", "Участие педагогов в курсах повышения квалификации по формированию функциональной "
            "грамотности", "Ежеквартально", 4),
    ("2.3", "Проведение методического семинара «Работа со школьной неуспешностью»",
     "Ноябрь 2026", 4),
    ("3.1", "Организация наставничества: пары школа-наставник и школа с низкими результатами",
     "В течение года", -27),
]


def _world(district, coordinator, extra_schools=2):
    District.objects.filter(pk=district.pk).update(
        office_name="Муниципальное казённое учреждение\n«Управление образования\n"
                    "Администрации Молчановского района»",
        head_position="Начальник Управления образования", head_name="С. А. Губина")
    district.refresh_from_db()
    today = local_today(district)
    schools = list(Organization.objects.filter(district=district, kind=Organization.Kind.SCHOOL))
    schools += [OrganizationFactory(district=district, short_name=name) for name in
                ("МКОУ Суйгинская СОШ", "МАОУ Молчановская СОШ № 1")[:extra_schools]]
    roadmap = RoadmapFactory(district=district, status=Roadmap.Status.APPROVED,
                             title="Дорожная карта по работе со школами с низкими "
                                   "образовательными результатами Молчановского района на 2026 год")
    for i, (number, text, deadline, days_ago) in enumerate(MEASURES):
        m = MeasureFactory(roadmap=roadmap, number=number, text=text, deadline_text=deadline,
                           responsible_text="Руководители ОО, МКУ «Управление образования»")
        for pos, school in enumerate(schools):
            MeasureResponsible.objects.create(district=district, measure=m, organization=school,
                                              position=pos)
        d = DueDate.objects.create(district=district, measure=m, due_on=today - timedelta(days=days_ago))
        for n, school in enumerate(schools):
            if (n + i) % 3 == 0:
                ProgressReport.objects.create(district=district, measure=m, due_date=d, school=school,
                                              status=ProgressReport.Status.DONE)
            elif n % 2:
                ProgressReport.objects.create(district=district, measure=m, due_date=d, school=school,
                                              status=ProgressReport.Status.IN_PROGRESS)
    round_ = round_open(district=district, acting_user=coordinator, title="Мониторинг IV квартала 2026 года",
                        starts_on=today - timedelta(days=70), ends_on=today + timedelta(days=30),
                        reports_due_on=today + timedelta(days=35), schools=schools)
    return round_, schools


def test_the_overdue_list_and_its_filters(page, live_server, sign_in, coordinator_a, district_a,
                                          school_a, other_school_a, artifacts_dir):
    _world(district_a, coordinator_a)
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/")
    page.get_by_role("link", name="Просроченные сроки").click()
    expect(page.get_by_role("heading", name="Просроченные сроки")).to_be_visible()
    expect(page.locator("table.overdue-list tbody tr").first).to_contain_text("дн")
    page.screenshot(path=artifacts_dir / "overdue_list.png", full_page=True)
    page.locator("select[name=late]").select_option(label="больше 30 дней")
    page.locator("select[name=school]").select_option(label=school_a.short_name)
    page.get_by_role("button", name="Показать").click()
    rows = page.locator("table.overdue-list tbody tr")
    expect(rows.first).to_contain_text("1.")
    for text in rows.all_inner_texts():
        assert school_a.short_name in text
    page.screenshot(path=artifacts_dir / "overdue_list_filtered.png", full_page=True)


def test_the_round_page_the_summary_editor_and_a_stale_save(page, live_server, sign_in, coordinator_a,
                                                           district_a, school_a, other_school_a,
                                                           artifacts_dir):
    round_, schools = _world(district_a, coordinator_a)
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/monitoring/rounds/")
    page.get_by_role("link", name=round_.title).click()
    expect(page.get_by_role("heading", name="Кто отчитался")).to_be_visible()
    expect(page.locator(".chart svg")).to_be_visible()
    page.screenshot(path=artifacts_dir / "round_page.png", full_page=True)
    page.get_by_role("link", name=school_a.short_name).click()
    expect(page.locator("#items")).to_contain_text("Мероприятия школы")
    page.screenshot(path=artifacts_dir / "round_page_school.png", full_page=True)

    page.get_by_role("link", name="Информационная справка").click()
    page.get_by_label("Что сделано").fill("Во всех школах проведён анализ результатов ВПР и ОГЭ.\n"
                                          "Утверждены программы перехода в эффективный режим.")
    page.get_by_label("Проблемы").fill("Две школы не отчитались о курсах повышения квалификации.")
    page.get_by_label("Решения").fill("Провести совещание с руководителями ОО до конца месяца.")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".msg-success")).to_contain_text("Разделы справки сохранены.")
    page.screenshot(path=artifacts_dir / "summary_editor.png", full_page=True)

    # a colleague saves meanwhile: this tab's save is refused, both versions shown
    round_.refresh_from_db()
    type(round_).objects.filter(pk=round_.pk).update(version=round_.version + 1,
                                                     summary_problems="Версия коллеги")
    page.get_by_label("Проблемы").fill("Моя версия раздела")
    page.get_by_role("button", name="Сохранить").click()
    conflict = page.locator("#version-conflict")
    expect(conflict).to_contain_text("Справку уже изменили")
    expect(conflict).to_contain_text("Версия коллеги")
    expect(page.get_by_label("Проблемы")).to_have_value("Моя версия раздела")
    page.screenshot(path=artifacts_dir / "summary_conflict.png", full_page=True)


def test_a_director_sees_its_items_in_the_round(page, live_server, sign_in, coordinator_a, director_a,
                                                district_a, school_a, artifacts_dir):
    round_, _ = _world(district_a, coordinator_a)
    sign_in(page, director_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/monitoring/rounds/{round_.pk}/")
    expect(page.get_by_role("heading", name="Мероприятия вашей школы в этом мониторинге")).to_be_visible()
    expect(page.get_by_role("heading", name="Кто отчитался")).to_have_count(0)
    page.screenshot(path=artifacts_dir / "round_page_director.png", full_page=True)


def test_the_region_monitoring_page(page, live_server, sign_in, regional_member, coordinator_a,
                                    coordinator_b, district_a, district_b, school_a, school_b,
                                    artifacts_dir):
    _world(district_a, coordinator_a)
    _world(district_b, coordinator_b, extra_schools=1)
    sign_in(page, regional_member.email)
    page.goto(f"{live_server.url}/region/{district_a.region.slug}/")
    page.get_by_role("link", name="Исполнение дорожных карт и мониторинги по муниципалитетам →").click()
    expect(page.get_by_role("heading", name="Исполнение дорожных карт по муниципалитетам")).to_be_visible()
    expect(page.locator(".chart svg")).to_be_visible()
    page.screenshot(path=artifacts_dir / "region_monitoring.png", full_page=True)
