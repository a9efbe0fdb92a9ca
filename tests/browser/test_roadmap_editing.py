"""A coordinator works on a roadmap in the browser, at 1366×768, the way the Word table was
worked on: create, add sections and measures, watch the dates being understood, move,
delete and restore; a colleague's stale save is refused with both versions shown."""
import re

import pytest
from playwright.sync_api import expect

from roadmaps.models import Measure, Roadmap
from roadmaps.services.measures import measure_create
from roadmaps.services.sections import section_create
from schools.models import Role
from schools.services.memberships import membership_grant
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_section(page, title):
    page.get_by_role("button", name="+ Раздел").click()
    page.get_by_label("Название", exact=True).fill(title)
    page.get_by_role("button", name="Добавить раздел").click()
    expect(page.locator("tr.section", has_text=title)).to_be_visible()


def add_measure(page, section_number, text, deadline, responsible=""):
    page.get_by_role("button", name=f"+ Мероприятие в раздел {section_number}").click()
    row = page.locator("tr.editing")
    row.get_by_label("Мероприятие").fill(text)
    if responsible:
        row.get_by_label("Ответственные").fill(responsible)
    row.get_by_label("Срок").fill(deadline)
    row.get_by_label("Срок").press("Enter")  # Enter saves the row
    expect(page.locator("tr.measure:not(.editing)", has_text=text)).to_be_visible()
    expect(page.locator("tr.editing")).to_have_count(0)


def number_of(page, text):
    return page.locator("tr.measure", has_text=text).locator("td.num").inner_text().strip()


def test_a_coordinator_builds_edits_and_restores_a_roadmap(page, live_server, sign_in, coordinator_a,
                                                          district_a, school_a, body_a, artifacts_dir):
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/roadmaps/")
    page.get_by_role("link", name="Создать дорожную карту").click()
    page.get_by_label("Название").fill("Дорожная карта по работе со школами с низкими "
                                       "образовательными результатами на 2026 год")
    page.get_by_label("Начало периода").fill("01.01.2026")
    page.get_by_label("Конец периода").fill("31.12.2026")
    page.screenshot(path=artifacts_dir / "roadmap_new.png")
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_text("Дорожная карта создана")).to_be_visible()

    add_section(page, "Организационные мероприятия")
    add_section(page, "Методическое сопровождение")

    # the live preview: typing «ежеквартально» shows the quarter ends before saving
    page.get_by_role("button", name="+ Мероприятие в раздел 1").click()
    row = page.locator("tr.editing")
    row.get_by_label("Мероприятие").fill("Адресные консультации педагогов школ")
    row.get_by_label("Срок").press_sequentially("ежеквартально", delay=20)
    preview = row.locator(".preview")
    for day in ("31.03.2026", "30.06.2026", "30.09.2026", "31.12.2026"):
        expect(preview).to_contain_text(day)
    expect(preview).not_to_contain_text("требует проверки")
    row.locator("summary", has_text="Организации из списка").click()
    row.get_by_label("Найти организацию").fill("тоипкро")
    row.get_by_label("ТОИПКРО").check()
    expect(row.get_by_label("Ответственные")).to_have_value("ТОИПКРО")
    page.screenshot(path=artifacts_dir / "roadmap_row_editing.png")
    row.get_by_label("Мероприятие").press("Control+Enter")  # Ctrl+Enter saves from a textarea
    expect(page.locator("tr.measure", has_text="Адресные консультации")).to_contain_text("30.09.2026")

    add_measure(page, 1, "Утверждение состава муниципальной рабочей группы", "До 10.02.2026",
                "Управление образования")
    add_measure(page, 2, "Посещение уроков специалистами «методического десанта»",
                "не реже одного в четверть", "МКУ ЦИМО")
    add_measure(page, 2, "Уточнение сроков с региональным оператором", "как получится")
    expect(page.locator("tr.measure", has_text="Уточнение сроков")).to_contain_text("требует проверки")
    assert number_of(page, "Адресные консультации") == "1.1"
    assert number_of(page, "Утверждение состава") == "1.2"
    page.screenshot(path=artifacts_dir / "roadmap_editing.png", full_page=True)

    # Escape cancels an edit without saving
    page.get_by_role("button", name="Изменить мероприятие 1.2").click()
    page.locator("tr.editing").get_by_label("Мероприятие").fill("Не сохранять это")
    page.locator("tr.editing").get_by_label("Мероприятие").press("Escape")
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(page.get_by_text("Не сохранять это")).to_have_count(0)

    # move 1.1 into section 2: the numbers follow
    page.get_by_title("Ещё: мероприятие 1.1").click()
    menu = page.locator("tr.measure", has_text="Адресные консультации").locator(".menu-body")
    menu.get_by_label("Перенести в раздел").select_option(label="2 Методическое сопровождение")
    menu.get_by_role("button", name="Перенести").click()
    expect(page.locator("#notice")).to_contain_text("теперь № 2.3")
    assert number_of(page, "Утверждение состава") == "1.1"
    assert number_of(page, "Адресные консультации") == "2.3"

    # move it up with the arrow: 2.3 → 2.2
    page.get_by_role("button", name="Мероприятие 2.3 выше").click()
    expect(page.locator("tr.measure", has_text="Адресные консультации").locator("td.num")).to_have_text("2.2")
    assert number_of(page, "Уточнение сроков") == "2.3"

    # delete 2.1 and bring it back from the notice
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_title("Ещё: мероприятие 2.1").click()
    page.get_by_role("button", name="Удалить мероприятие").click()
    expect(page.locator("#notice")).to_contain_text("Мероприятие 2.1 удалено.")
    expect(page.locator("tr.measure", has_text="методического десанта")).to_have_count(0)
    assert number_of(page, "Адресные консультации") == "2.1"
    page.locator("#notice").get_by_role("button", name="Восстановить").click()
    expect(page.locator("#notice")).to_contain_text("восстановлено")
    expect(page.locator("tr.measure", has_text="методического десанта")).to_be_visible()
    assert number_of(page, "методического десанта") == "2.1"

    # the history is one click away
    page.get_by_role("link", name="История мероприятия 2.1").click()
    expect(page.get_by_role("heading", name="История мероприятия 2.1")).to_be_visible()
    expect(page.get_by_role("cell", name="восстановление", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="удаление", exact=True)).to_be_visible()
    page.screenshot(path=artifacts_dir / "measure_history.png", full_page=True)
    page.go_back()

    roadmap = Roadmap.objects.get(district=district_a)
    assert Measure.objects.filter(roadmap=roadmap).count() == 4
    page.reload()
    page.screenshot(path=artifacts_dir / "roadmap_page_1366x768.png")

    # next year's copy: dates a year later, every measure marked for checking
    page.get_by_role("link", name="Копия на следующий год").click()
    expect(page.get_by_label("Название копии")).to_have_value(re.compile("на 2027 год$"))
    page.screenshot(path=artifacts_dir / "roadmap_copy.png")
    page.get_by_role("button", name="Создать копию").click()
    expect(page.get_by_text("Копия создана")).to_be_visible()
    expect(page.locator("tr.measure", has_text="Утверждение состава")).to_contain_text("До 10.02.2027")
    expect(page.locator("tr.measure.needs-review")).to_have_count(4)
    page.get_by_role("link", name="Журнал изменений").click()
    page.screenshot(path=artifacts_dir / "roadmap_history.png", full_page=True)


def test_a_stale_save_from_a_second_session_is_refused_with_both_versions(
    browser, page, live_server, sign_in, coordinator_a, district_a, artifacts_dir
):
    from datetime import date

    from roadmaps.services.roadmaps import roadmap_create

    colleague = UserFactory(email="coord2-a@example.ru", last_name="Губина", first_name="Светлана")
    membership_grant(user=colleague, role=Role.COORDINATOR, district=district_a)
    roadmap = roadmap_create(district=district_a, title="Дорожная карта 2026", acting_user=coordinator_a,
                             period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    section = section_create(roadmap=roadmap, title="Мониторинг",
                                              acting_user=coordinator_a)
    measure_create(roadmap=roadmap, section=section, acting_user=coordinator_a,
                           text="Промежуточный мониторинг школьных программ",
                           deadline_text="Май 2026")
    url = f"{live_server.url}/{district_a.slug}/roadmaps/{roadmap.pk}/"

    sign_in(page, coordinator_a.email)
    page.goto(url)
    other_context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    other = other_context.new_page()
    sign_in(other, colleague.email)
    other.goto(url)

    # both open the same row
    page.get_by_role("button", name="Изменить мероприятие 1.1").click()
    other.get_by_role("button", name="Изменить мероприятие 1.1").click()

    other.locator("tr.editing").get_by_label("Срок").fill("Май 2026, ноябрь 2026")
    other.locator("tr.editing").get_by_role("button", name="Сохранить").click()
    expect(other.locator("tr.measure", has_text="Промежуточный")).to_contain_text("30.11.2026")

    page.locator("tr.editing").get_by_label("Мероприятие").fill(
        "Промежуточный мониторинг реализации школьных дорожных карт")
    page.locator("tr.editing").get_by_role("button", name="Сохранить").click()
    conflict = page.locator("tr.conflict")
    expect(conflict).to_contain_text("Ваша версия")
    expect(conflict).to_contain_text("Сохранённая версия")
    expect(conflict).to_contain_text("Губина С.")
    expect(conflict).to_contain_text("Май 2026, ноябрь 2026")
    expect(conflict).to_contain_text("реализации школьных дорожных карт")
    page.screenshot(path=artifacts_dir / "roadmap_conflict.png")
    measure = Measure.objects.get(roadmap=roadmap)
    assert measure.text == "Промежуточный мониторинг школьных программ"

    conflict.get_by_role("button", name="Сохранить мою версию").click()
    expect(page.locator("tr.measure", has_text="реализации школьных дорожных карт")).to_be_visible()
    measure.refresh_from_db()
    assert measure.text == "Промежуточный мониторинг реализации школьных дорожных карт"
    assert measure.version == 3
    other_context.close()


def test_a_real_order_reads_calmly_at_1366x768(page, live_server, sign_in, coordinator_a, district_a,
                                               artifacts_dir):
    """The Mokshan order (seed 003: sections, risk sub-sections, long texts) as imported."""
    import io
    from pathlib import Path

    from django.core.management import call_command

    seeds = Path(__file__).resolve().parents[1] / "data" / "seeds"
    (path,) = seeds.glob("003_*.txt")
    out = io.StringIO()
    call_command("import_roadmap", str(path), "--district", district_a.slug, stdout=out)
    roadmap = Roadmap.objects.get(pk=int(out.getvalue().splitlines()[0]))

    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/roadmaps/")
    page.screenshot(path=artifacts_dir / "roadmap_list.png", full_page=True)
    page.get_by_role("link", name=roadmap.title[:40], exact=False).first.click()
    expect(page.locator("tr.section").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "roadmap_real_order_1366x768.png")
    page.locator("tr.section.depth-1").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")
    page.screenshot(path=artifacts_dir / "roadmap_real_order_scrolled.png")

    page.get_by_label("требуют проверки").check()  # the filter form sends itself
    expect(page.locator(".filter-count")).to_be_visible()
    page.screenshot(path=artifacts_dir / "roadmap_real_order_review_filter.png")
    assert "review=1" in page.url
    # nothing in the table is wider than the page
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not overflow
