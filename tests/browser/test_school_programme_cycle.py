"""The whole school-programme cycle in Chromium at 1366×768 (issue 10, «Done when»):

the coordinator creates programmes for a flagged-school list and invites a director, who
sets a password from the e-mail (read off a real SMTP server), picks risk factors, writes
measures (one with a target indicator) and submits; the coordinator forwards; the regional
member comments on one measure and returns the programme; the director reads both
comments, fixes the measure, answers and submits again; the coordinator forwards again;
the regional member sees the old → new text and agrees; the coordinator approves. Both
frozen PDFs are downloaded from the timeline and differ.

Each person works in a browser of their own. Screenshots of every role's page at every step
go to var/test-artifacts/programme-cycle-NN-<role>-<what>.png."""
import re
import subprocess
from itertools import count

import pytest
from playwright.sync_api import expect

from roadmaps.models import Roadmap, Submission
from schools.models import SchoolListEntry
from tests.factories import SchoolListFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2026
TITLE = f"Программа помощи МКОУ Кармаклинская СОШ на {YEAR} год"
MOTIVATION = "Низкая учебная мотивация обучающихся"
FAILURE = "Высокая доля обучающихся с рисками учебной неуспешности"
FIRST = "Диагностика учебной мотивации обучающихся 5–9 классов"
SECOND = "Родительские собрания о целях обучения в 8–9 классах"
SECOND_FIXED = ("Родительские собрания о целях обучения и профессиональном выборе "
                "в 8–9 классах с участием педагога-психолога")
RETURN_COMMENT = "Уточните второе мероприятие: кто проводит и с какой целью."
MEASURE_COMMENT = "Не указано, кто из специалистов проводит собрания."


def pdf_text(path):
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def person(browser, live_server):
    """A browser of a person's own (signed in when given an e-mail), closed at the end
    before the live server stops."""
    contexts = []

    def person(email=None, password="secret-pass"):
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU",
                                      accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        if email:
            page.goto(f"{live_server.url}/login/")
            page.get_by_label("Электронная почта").fill(email)
            page.get_by_label("Пароль").fill(password)
            page.get_by_role("button", name="Войти").click()
            page.wait_for_url(f"{live_server.url}/")
        return page

    yield person
    for context in contexts:
        context.close()


def test_the_school_programme_cycle_from_the_list_to_approval(
        person, live_server, settings, region, district_a, school_a, other_school_a,
        coordinator_a, regional_member, mail_server, artifacts_dir, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.SITE_URL = live_server.url
    regional_member.last_name, regional_member.first_name = "Смирнова", "Ольга"
    regional_member.middle_name = "Петровна"
    regional_member.save()
    flagged = SchoolListFactory(district=district_a, year=YEAR)
    for org in (school_a, other_school_a):
        SchoolListEntry.objects.create(district=district_a, school_list=flagged, organization=org,
                                       reason="Низкие результаты ОГЭ")
    step = count(1)

    def shot(page, role, what, full_page=True):
        page.evaluate("window.scrollTo(0, 0)")  # a sticky table head stays at the top
        page.screenshot(path=artifacts_dir / f"programme-cycle-{next(step):02d}-{role}-{what}.png",
                        full_page=full_page)

    def status(page):
        return page.locator(".programme-panel-head .status")

    def panel_step(page, label, comment=""):
        form = page.locator("#programme-panel form.programme-step").filter(
            has=page.get_by_role("button", name=label, exact=True))
        if comment:
            form.get_by_label("Комментарий").fill(comment)
        form.get_by_role("button", name=label, exact=True).click()

    # 1. the coordinator creates the list's programmes, titled «Программа помощи»
    coordinator = person(coordinator_a.email)
    coordinator.goto(f"{live_server.url}/{district_a.slug}/lists/{flagged.pk}/")
    shot(coordinator, "coordinator", "list")
    coordinator.get_by_role("link", name="Создать программы школ").click()
    expect(coordinator.get_by_role("heading", name="Создать программы школ")).to_be_visible()
    coordinator.get_by_label("Программа помощи").check()
    preview = coordinator.locator("#programme-preview")
    expect(preview).to_contain_text(TITLE)
    expect(preview).to_contain_text(f"Программа помощи МКОУ Тополевская ООШ на {YEAR} год")
    shot(coordinator, "coordinator", "programmes-preview")
    coordinator.get_by_role("button", name="Создать программы").click()
    expect(coordinator.get_by_text("Создано программ: 2.")).to_be_visible()
    shot(coordinator, "coordinator", "programmes-created")

    # 2. … invites the school's director, who sets a password from the e-mail
    coordinator.goto(f"{live_server.url}/{district_a.slug}/")
    coordinator.get_by_role("link", name="Сотрудники").click()
    form = coordinator.locator(".invite-card")
    form.get_by_label("Директор школы").check()
    form.get_by_label("Электронная почта").fill("gubina@karmakly.ru")
    form.get_by_label("Фамилия").fill("Губина")
    form.get_by_label("Имя").fill("Светлана")
    form.get_by_label("Отчество").fill("Андреевна")
    form.get_by_label("Школа (для директора)").select_option(label=school_a.short_name)
    form.get_by_role("button", name="Отправить приглашение").click()
    expect(coordinator.get_by_text("Приглашение отправлено на gubina@karmakly.ru")).to_be_visible()
    shot(coordinator, "coordinator", "invitation-sent")

    [message] = mail_server.wait_for(1)
    assert message.to == ["gubina@karmakly.ru"]
    link = re.search(r"(http://\S+/invitation/\S+/)", message.text).group(1)
    director = person()
    director.set_content(message.html)
    expect(director.get_by_role("link", name="Задать пароль и войти")).to_be_visible()
    shot(director, "director", "invitation-email")
    director.goto(link)
    expect(director.get_by_role("heading", name="Задайте пароль для входа")).to_be_visible()
    director.get_by_label("Новый пароль", exact=True).fill("Kedr-Tomsk-2026")
    director.get_by_label("Пароль ещё раз").fill("Kedr-Tomsk-2026")
    shot(director, "director", "set-password")
    director.get_by_role("button", name="Сохранить пароль и войти").click()
    director.wait_for_url(f"{live_server.url}/{district_a.slug}/schools/{school_a.pk}/")
    expect(director.get_by_role("heading", name=school_a.short_name)).to_be_visible()
    expect(director.get_by_text("Губина С.А.")).to_be_visible()
    shot(director, "director", "workplace")

    # 3. the director picks risk factors with notes: a section per factor; writes, submits
    director.get_by_role("link", name=TITLE).click()
    expect(director.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(status(director)).to_have_text("черновик")
    director.get_by_role("link", name="Рисковый профиль").click()
    expect(director.get_by_role("heading", name=f"Рисковый профиль, {YEAR} год")).to_be_visible()
    director.get_by_role("checkbox", name=FAILURE).check()
    director.get_by_label(f"Почему: {FAILURE}").fill(
        "ВПР-2025: 31 % обучающихся 5–8 классов не подтвердили отметки")
    director.get_by_role("checkbox", name=MOTIVATION).check()
    director.get_by_label(f"Почему: {MOTIVATION}").fill(
        "Анкетирование: 42 % обучающихся 8–9 классов не видят связи учёбы с будущим")
    shot(director, "director", "risk-profile")
    director.get_by_role("button", name="Сохранить профиль").click()
    expect(director.get_by_text("Рисковый профиль сохранён.")).to_be_visible()
    expect(director.get_by_text("добавлены разделы")).to_contain_text(MOTIVATION)
    shot(director, "director", "risk-profile-saved")
    director.get_by_role("link", name=TITLE).click()
    sections = director.locator("tr.section")
    expect(sections).to_have_count(2)
    expect(sections.filter(has_text=FAILURE)).to_have_count(1)
    expect(sections.filter(has_text=MOTIVATION)).to_have_count(1)
    motivation = sections.filter(has_text=MOTIVATION).locator("td.num").inner_text().strip().rstrip(".")

    director.get_by_role("button", name=f"+ Мероприятие в раздел {motivation}").click()
    row = director.locator("tr.editing")
    row.get_by_label("Мероприятие").fill(FIRST)
    row.get_by_label("Ответственные").fill("Педагог-психолог")
    row.get_by_label("Срок").fill("Сентябрь 2026")
    row.get_by_label("Целевой показатель").fill("Доля обучающихся с низкой учебной мотивацией")
    row.get_by_label("Базовое значение").fill("42")
    row.get_by_label("Целевое значение").fill("25")
    row.get_by_label("Единица измерения").fill("%")
    shot(director, "director", "measure-editing")
    row.get_by_role("button", name="Сохранить").click()
    first_row = director.locator("tr.measure:not(.editing)", has_text=FIRST)
    expect(first_row.locator(".indicator")).to_have_text(
        "Доля обучающихся с низкой учебной мотивацией: 42 % → 25 %")
    director.get_by_role("button", name=f"+ Мероприятие в раздел {motivation}").click()
    row = director.locator("tr.editing")
    row.get_by_label("Мероприятие").fill(SECOND)
    row.get_by_label("Ответственные").fill("Классные руководители")
    row.get_by_label("Срок").fill("ежеквартально")
    row.get_by_label("Срок").press("Enter")
    second_row = director.locator("tr.measure:not(.editing)", has_text=SECOND)
    expect(second_row).to_be_visible()
    second = second_row.locator("td.num").inner_text().strip()
    assert second == f"{motivation}.2"
    shot(director, "director", "measures-written")
    panel_step(director, "Подать на рассмотрение")
    expect(status(director)).to_have_text("на рассмотрении муниципалитета")
    expect(director.get_by_role("button", name="+ Раздел")).to_have_count(0)  # locked now
    shot(director, "director", "submitted")

    # 4. the coordinator finds it in the municipal queue and forwards it to the region
    coordinator.goto(f"{live_server.url}/{district_a.slug}/")
    queue = coordinator.locator("section.card", has_text="Ждут рассмотрения муниципалитетом")
    expect(queue.locator("tbody tr")).to_have_count(1)
    expect(queue).to_contain_text(school_a.short_name)
    shot(coordinator, "coordinator", "municipal-queue")
    queue.get_by_role("link", name=TITLE).click()
    expect(status(coordinator)).to_have_text("на рассмотрении муниципалитета")
    panel_step(coordinator, "Направить на согласование в РРГ")
    expect(status(coordinator)).to_have_text("на согласовании в РРГ")
    shot(coordinator, "coordinator", "forwarded")

    # 5. the regional member: the region's queue, a comment on one measure, a return
    regional = person(regional_member.email)
    regional.goto(f"{live_server.url}/region/{region.slug}/")
    queue = regional.locator("section.card", has_text="Ждут согласования РРГ")
    expect(queue.locator("tbody tr")).to_have_count(1)
    shot(regional, "regional", "region-queue")
    queue.get_by_role("link", name=TITLE).click()
    expect(status(regional)).to_have_text("на согласовании в РРГ")
    regional.get_by_role("button", name=f"Комментарии к мероприятию {second}", exact=True).click()
    comment_row = regional.locator("tr.comment-row")
    comment_row.get_by_label(f"Комментарий к мероприятию {second}").fill(MEASURE_COMMENT)
    comment_row.get_by_role("button", name="Добавить комментарий").click()
    expect(regional.locator("tr.comment-row .comment-text")).to_contain_text(MEASURE_COMMENT)
    expect(regional.locator("#programme-comments")).to_contain_text(f"Мероприятие {second}")
    expect(regional.locator("#programme-comments")).to_contain_text("1 открытое")
    shot(regional, "regional", "measure-comment")
    panel_step(regional, "Вернуть на доработку", RETURN_COMMENT)
    expect(status(regional)).to_have_text("возвращена на доработку")
    shot(regional, "regional", "returned")

    # 6. the director reads both comments, fixes the measure, answers, submits again
    director.reload()
    expect(status(director)).to_have_text("возвращена на доработку")
    expect(director.locator("#programme-panel")).to_contain_text(RETURN_COMMENT)
    comments = director.locator("#programme-comments")
    expect(comments).to_contain_text(f"Мероприятие {second} {SECOND}")
    expect(comments).to_contain_text("1 открытое")
    thread = comments.locator("article.thread").filter(has_text=MEASURE_COMMENT)
    expect(thread).to_contain_text("Смирнова О.П., член РРГ")
    shot(director, "director", "returned-with-comments")
    director.get_by_role("button", name=f"Изменить мероприятие {second}").click()
    row = director.locator("tr.editing")
    row.get_by_label("Мероприятие").fill(SECOND_FIXED)
    row.get_by_role("button", name="Сохранить").click()
    expect(director.locator("tr.measure:not(.editing)", has_text=SECOND_FIXED)).to_be_visible()
    thread.get_by_text("Ответить", exact=True).click()
    thread.get_by_label("Ответ").fill("добавлен педагог-психолог и цель собраний")
    thread.get_by_role("button", name="Исправлено").click()
    expect(thread.locator(".reply")).to_contain_text("Исправлено: добавлен педагог-психолог")
    shot(director, "director", "fixed-and-answered")
    panel_step(director, "Подать на рассмотрение")
    expect(status(director)).to_have_text("на рассмотрении муниципалитета")
    shot(director, "director", "submitted-again")

    coordinator.reload()
    expect(status(coordinator)).to_have_text("на рассмотрении муниципалитета")
    panel_step(coordinator, "Направить на согласование в РРГ")
    expect(status(coordinator)).to_have_text("на согласовании в РРГ")
    shot(coordinator, "coordinator", "forwarded-again")

    # 7. the regional member sees what changed since version 1, and agrees
    regional.reload()
    expect(status(regional)).to_have_text("на согласовании в РРГ")
    regional.locator("#programme-panel").get_by_role("link", name="Что изменилось").click()
    expect(regional.get_by_role("heading", name="Что изменилось в версии № 2")).to_be_visible()
    changed = regional.locator("section.programme-changes", has_text="Изменены мероприятия: 1")
    expect(changed.locator("del")).to_have_text(SECOND)
    expect(changed.locator("ins")).to_have_text(SECOND_FIXED)
    shot(regional, "regional", "changes")
    regional.go_back()
    thread = regional.locator("#programme-comments article.thread").filter(has_text=MEASURE_COMMENT)
    expect(thread).to_contain_text("Исправлено: добавлен педагог-психолог")
    regional.once("dialog", lambda dialog: dialog.accept())
    thread.get_by_role("button", name="Снять замечание").click()
    expect(regional.locator("#programme-comments article.thread.resolved summary")).to_contain_text("снято")
    panel_step(regional, "Согласовать")
    expect(status(regional)).to_have_text("согласована")
    expect(regional.locator("#programme-panel")).to_contain_text("ждёт утверждения муниципалитетом")
    shot(regional, "regional", "agreed")

    # 8. the coordinator approves
    coordinator.reload()
    expect(status(coordinator)).to_have_text("согласована")
    panel_step(coordinator, "Утвердить")
    expect(status(coordinator)).to_have_text("утверждена приказом")
    shot(coordinator, "coordinator", "approved")

    # 9. both frozen PDFs from the timeline: different, each of its own version
    coordinator.locator("#programme-panel").get_by_role("link", name="История согласования").click()
    expect(coordinator.get_by_role("heading", name="История согласования")).to_be_visible()
    expect(coordinator.locator("table.programme-timeline tbody tr")).to_have_count(7)
    expect(coordinator.get_by_text(RETURN_COMMENT)).to_be_visible()
    shot(coordinator, "coordinator", "timeline")
    files = {}
    for number in (1, 2):
        with coordinator.expect_download() as download:
            coordinator.locator(f"#submission-{number}").get_by_role("link", name="Скачать PDF").click()
        files[number] = tmp_path / f"v{number}.pdf"
        download.value.save_as(files[number])
    first_pdf, second_pdf = (files[n].read_bytes() for n in (1, 2))
    assert first_pdf.startswith(b"%PDF") and second_pdf.startswith(b"%PDF")
    assert first_pdf != second_pdf
    text_1, text_2 = (" ".join(pdf_text(files[n]).split()) for n in (1, 2))
    assert "версия № 1" in text_1 and "версия № 2" not in text_1
    assert "версия № 2" in text_2 and "версия № 1" not in text_2
    assert f"2.2 {SECOND}" in text_1 and SECOND_FIXED not in text_1
    assert f"2.2 {SECOND_FIXED}" in text_2 and SECOND not in text_2
    for text in (text_1, text_2):
        assert f"2.1 {FIRST}" in text
        assert "Доля обучающихся с низкой учебной мотивацией (%): 42 → 25" in text

    # the record, at the end: the transitions in order, two submissions with their PDFs
    programme = Roadmap.objects.get(school=school_a)
    assert programme.status == Roadmap.Status.APPROVED
    assert [(t.from_status, t.to_status) for t in programme.transitions.order_by("created_at", "pk")] == [
        ("draft", "submitted"), ("submitted", "under_regional_review"),
        ("under_regional_review", "returned"), ("returned", "submitted"),
        ("submitted", "under_regional_review"), ("under_regional_review", "agreed"),
        ("agreed", "approved")]
    submissions = list(programme.submissions.order_by("number"))
    assert [s.number for s in submissions] == [1, 2]
    assert all(s.render_state == Submission.RenderState.DONE and s.pdf for s in submissions)
