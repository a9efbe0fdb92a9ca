"""In Chromium: the coordinator creates the programmes of a list (with the preview), the
director picks the school's risk factors, and writes a measure's target indicator."""
import pytest
from playwright.sync_api import expect

from roadmaps.models import Measure, Roadmap
from roadmaps.services.measures import measure_create
from schools.models import SchoolListEntry
from tests.factories import RoadmapFactory, SchoolListFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def patient_expect():
    """Each step waits for what it checks; on a machine shared by many test runs an htmx
    round trip can take longer than Playwright's default five seconds."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


def test_programmes_for_a_list_then_the_risk_profile_then_an_indicator(
        page, live_server, sign_in, coordinator_a, director_a, district_a, school_a,
        other_school_a, artifacts_dir):
    flagged = SchoolListFactory(district=district_a, year=2026)
    for org in (school_a, other_school_a):
        SchoolListEntry.objects.create(district=district_a, school_list=flagged, organization=org,
                                       reason="Низкие результаты ОГЭ")
    RoadmapFactory(district=district_a, school=other_school_a,
                   title="Программа помощи МКОУ Тополевская ООШ на 2026 год")

    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/lists/{flagged.pk}/")
    page.get_by_role("link", name="Создать программы школ").click()
    expect(page.get_by_role("heading", name="Создать программы школ")).to_be_visible()
    preview = page.locator("#programme-preview")
    expect(preview).to_contain_text("Антирисковая программа МКОУ Кармаклинская СОШ на 2026 год")
    expect(preview).to_contain_text("пропущена: уже есть")
    page.get_by_label("Программа помощи").check()
    expect(preview).to_contain_text("Программа помощи МКОУ Кармаклинская СОШ на 2026 год")
    page.get_by_label("Антирисковая программа").check()
    expect(preview).to_contain_text("Антирисковая программа МКОУ Кармаклинская СОШ")
    page.screenshot(path=artifacts_dir / "programme_new_preview.png", full_page=True)
    page.get_by_role("button", name="Создать программы").click()
    expect(page.get_by_text("Создано программ: 1.")).to_be_visible()
    programme = Roadmap.objects.get(school=school_a)
    assert programme.title == "Антирисковая программа МКОУ Кармаклинская СОШ на 2026 год"

    # the director: the risk profile from the programme's page
    page.context.clear_cookies()
    sign_in(page, director_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/roadmaps/{programme.pk}/")
    page.get_by_role("link", name="Рисковый профиль").click()
    expect(page.get_by_role("heading", name="Рисковый профиль, 2026 год")).to_be_visible()
    page.get_by_role("checkbox", name="Высокая доля обучающихся с рисками учебной неуспешности").check()
    page.get_by_label("Почему: Высокая доля обучающихся с рисками учебной неуспешности").fill(
        "ВПР-2025: 31 % обучающихся 5–8 классов не подтвердили отметки")
    page.get_by_role("checkbox", name="Низкая учебная мотивация обучающихся").check()
    page.get_by_role("button", name="Сохранить профиль").click()
    expect(page.get_by_text("Кратко напишите, почему этот фактор риска относится к школе.")) \
        .to_be_visible()
    page.get_by_label("Почему: Низкая учебная мотивация обучающихся").fill(
        "Анкетирование: 42 % обучающихся 8–9 классов не видят связи учёбы с будущим")
    page.screenshot(path=artifacts_dir / "risk_profile.png", full_page=True)
    page.get_by_role("button", name="Сохранить профиль").click()
    expect(page.get_by_text("Рисковый профиль сохранён.")).to_be_visible()
    expect(page.get_by_text("добавлены разделы")).to_contain_text(
        "2 Низкая учебная мотивация обучающихся")
    page.screenshot(path=artifacts_dir / "risk_profile_saved.png", full_page=True)

    # a measure of a risk direction, with its target indicator
    section = programme.sections.get(risk_factor__position=10)
    measure = measure_create(roadmap=programme, section=section, acting_user=director_a,
                             text="Индивидуальные образовательные маршруты для обучающихся "
                                  "с рисками учебной неуспешности",
                             deadline_text="Сентябрь 2026",
                             responsible_text="Заместитель директора по УВР")
    page.goto(f"{live_server.url}/{district_a.slug}/roadmaps/{programme.pk}/")
    page.get_by_role("button", name=f"Изменить мероприятие {measure.number}").click()
    row = page.locator("tr.editing")
    row.get_by_label("Целевой показатель").fill("Доля обучающихся с рисками учебной неуспешности")
    row.get_by_label("Базовое значение").fill("31")
    row.get_by_label("Целевое значение").fill("15")
    row.get_by_label("Единица измерения").fill("%")
    page.screenshot(path=artifacts_dir / "programme_indicator_form.png")
    row.get_by_role("button", name="Сохранить").click()
    expect(page.locator(f"#measure-{measure.pk} .indicator")).to_have_text(
        "Доля обучающихся с рисками учебной неуспешности: 31 % → 15 %")
    page.screenshot(path=artifacts_dir / "programme_indicator_rows.png", full_page=True)
    assert Measure.objects.get(pk=measure.pk).indicator_target == "15"
