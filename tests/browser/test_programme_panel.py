"""The programme's panel in Chromium at 1366×768: a director submits a draft, the
coordinator sees the review buttons and a return without a comment is refused in place,
the regional member sees its buttons, and the timeline lists the steps. Screenshots go to
var/test-artifacts/programme_*.png."""
import pytest
from playwright.sync_api import expect

from roadmaps.models import Roadmap
from roadmaps.services import workflow
from roadmaps.services.measures import measure_create, measure_update
from roadmaps.services.sections import section_create
from roadmaps.tasks import render_submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(school_roadmap_a, coordinator_a):
    one = section_create(roadmap=school_roadmap_a, title="Низкая учебная мотивация обучающихся",
                         acting_user=coordinator_a)
    two = section_create(roadmap=school_roadmap_a, title="Низкий уровень вовлечённости родителей",
                         acting_user=coordinator_a)
    measure_create(roadmap=school_roadmap_a, acting_user=coordinator_a, section=one,
                   text="Диагностика учебной мотивации обучающихся 5–9 классов",
                   deadline_text="Сентябрь 2026", responsible_text="Заместитель директора по УВР",
                   result="Аналитическая справка",
                   indicators={"indicator_name": "Доля обучающихся с низкой мотивацией",
                               "indicator_unit": "%", "indicator_base": "35",
                               "indicator_target": "20"})
    measure_create(roadmap=school_roadmap_a, acting_user=coordinator_a, section=two,
                   text="Родительские собрания по итогам четверти", deadline_text="ежеквартально",
                   responsible_text="Классные руководители")
    return school_roadmap_a


def test_the_panel_for_each_role_and_the_timeline(browser, browser_context_args, live_server,
                                                  sign_in, programme, director_a, coordinator_a,
                                                  regional_member, artifacts_dir):
    address = f"{live_server.url}/{programme.district.slug}/roadmaps/{programme.pk}/"

    def new_page():  # one browser context per person: nobody signs out of anybody else
        return browser.new_context(**browser_context_args).new_page()

    page = new_page()
    sign_in(page, director_a.email)
    page.goto(address)
    panel = page.locator("#programme-panel")
    expect(panel.get_by_role("button", name="Подать на рассмотрение")).to_be_visible()
    page.screenshot(path=artifacts_dir / "programme_panel_director_draft.png")
    panel.get_by_role("button", name="Подать на рассмотрение").click()
    expect(page.locator(".programme-panel-head .status")).to_have_text("на рассмотрении муниципалитета")
    expect(page.get_by_role("button", name="+ Раздел")).to_have_count(0)  # the content is locked
    page.context.close()

    page = new_page()
    sign_in(page, coordinator_a.email)
    page.goto(address)
    panel = page.locator("#programme-panel")
    panel.get_by_role("button", name="Вернуть на доработку").click()  # without a comment
    expect(panel.locator(".field-error")).to_contain_text("Напишите, что нужно доработать")
    page.screenshot(path=artifacts_dir / "programme_panel_coordinator_submitted.png")
    page.locator("#programme-panel").get_by_role("button", name="Направить на согласование в РРГ").click()
    expect(page.locator(".programme-panel-head .status")).to_have_text("на согласовании в РРГ")
    page.context.close()

    submission = programme.submissions.get()
    render_submission(submission.pk)
    page = new_page()
    sign_in(page, regional_member.email)
    page.goto(address)
    panel = page.locator("#programme-panel")
    expect(panel.get_by_role("button", name="Согласовать")).to_be_visible()
    expect(panel.get_by_role("link", name="PDF")).to_be_visible()
    page.screenshot(path=artifacts_dir / "programme_panel_regional_review.png")
    panel.get_by_label("Комментарий").nth(0).fill("Добавьте целевые показатели ко второму разделу")
    panel.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.locator(".programme-panel-head .status")).to_have_text("возвращена на доработку")

    page.get_by_role("link", name="История согласования").click()
    expect(page.get_by_role("heading", name="История согласования")).to_be_visible()
    expect(page.get_by_text("Добавьте целевые показатели ко второму разделу")).to_be_visible()
    page.screenshot(path=artifacts_dir / "programme_timeline.png", full_page=True)
    programme.refresh_from_db()
    assert programme.status == Roadmap.Status.RETURNED
    assert [s.name for s in workflow.allowed_transitions(regional_member, programme)] == []

    # the director fixes and submits again: the reviewer sees what changed
    first = programme.measures.order_by("position").first()
    measure_update(measure=first, acting_user=director_a, text=first.text,
                   deadline_text="Октябрь 2026", responsible_text=first.responsible_text,
                   result=first.result, expected_version=first.version,
                   indicators={"indicator_name": first.indicator_name, "indicator_unit": "%",
                               "indicator_base": "35", "indicator_target": "15"})
    measure_create(roadmap=programme, acting_user=director_a, section=first.section,
                   text="Индивидуальные консультации для обучающихся группы риска",
                   deadline_text="ежемесячно", responsible_text="Педагог-психолог")
    workflow.transition_apply(roadmap=programme, user=director_a, name="submit",
                              expected_status=Roadmap.Status.RETURNED)
    page.goto(f"{address}submissions/2/changes/")
    expect(page.get_by_role("heading", name="Что изменилось в версии № 2")).to_be_visible()
    expect(page.get_by_text("Добавлены мероприятия: 1")).to_be_visible()
    page.screenshot(path=artifacts_dir / "programme_changes.png", full_page=True)
    page.context.close()


def test_a_second_tab_is_refused_in_russian_where_the_person_looks(
        page, live_server, sign_in, programme, director_a, artifacts_dir):
    """The page was opened while a draft; meanwhile the programme was submitted (another tab):
    an edit is refused in the editor's notice, a second «Подать» in the panel."""
    address = f"{live_server.url}/{programme.district.slug}/roadmaps/{programme.pk}/"
    sign_in(page, director_a.email)
    page.goto(address)
    expect(page.get_by_role("button", name="Подать на рассмотрение")).to_be_visible()
    workflow.transition_apply(roadmap=programme, user=director_a, name="submit",
                              expected_status=Roadmap.Status.DRAFT)

    page.get_by_title("Изменить раздел 1").click()
    expect(page.locator("#notice")).to_contain_text("Недостаточно прав для этого действия.")

    page.get_by_role("button", name="Подать на рассмотрение").click()
    panel = page.locator("#programme-panel")
    expect(panel.locator(".form-error")).to_contain_text(
        "Программа уже в статусе «на рассмотрении муниципалитета»")
    expect(panel.locator(".form-error")).to_contain_text("Обновите страницу")
    expect(panel.get_by_role("button", name="Подать на рассмотрение")).to_have_count(0)
    page.screenshot(path=artifacts_dir / "programme_panel_stale_second_tab.png")
    assert programme.transitions.count() == 1 and programme.submissions.count() == 1
