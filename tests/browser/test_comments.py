"""A regional member comments on a measure of a school programme and on the programme; the
director answers «Исправлено»; the member resolves the thread, which collapses."""
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from roadmaps.models import Comment
from tests.factories import MeasureFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_comments_on_a_programme_in_the_browser(page, browser, live_server, sign_in, regional_member,
                                                director_a, school_roadmap_a, artifacts_dir):
    for user, last, first, middle in ((regional_member, "Смирнова", "Ольга", "Петровна"),
                                      (director_a, "Губина", "Светлана", "Андреевна")):
        user.last_name, user.first_name, user.middle_name = last, first, middle
        user.save()
    section = SectionFactory(roadmap=school_roadmap_a, number="1.",
                             title="Недостаточная предметная и методическая компетентность")
    MeasureFactory(roadmap=school_roadmap_a, section=section, number="1.1", position=1,
                   text="Диагностика профессиональных дефицитов учителей математики")
    MeasureFactory(roadmap=school_roadmap_a, section=section, number="1.2", position=2,
                   text="Курсы повышения квалификации по результатам диагностики")
    url = live_server.url + reverse("roadmap_detail", args=[school_roadmap_a.district.slug,
                                                            school_roadmap_a.pk])
    sign_in(page, regional_member.email)
    page.goto(url)

    # a comment on measure 1.2, from its row
    page.get_by_role("button", name="Комментарии к мероприятию 1.2", exact=True).click()
    row = page.locator("tr.comment-row")
    expect(row).to_be_visible()
    row.get_by_role("button", name="Добавить комментарий").click()
    expect(row.get_by_text("Напишите текст комментария.")).to_be_visible()
    row.get_by_label("Комментарий к мероприятию 1.2").fill("Не указан целевой показатель: доля учителей, прошедших курсы.")
    row.get_by_role("button", name="Добавить комментарий").click()
    expect(page.locator("tr.comment-row .comment-text")).to_contain_text("Не указан целевой показатель")
    block = page.locator("#programme-comments")
    expect(block).to_contain_text("Мероприятие 1.2")
    expect(block).to_contain_text("1 открытое")
    expect(page.locator("tr#measure-" + str(Comment.objects.get().measure_id) + " .comment-count")).to_have_text("1")
    # a second click on the row's button closes its comments (never two rows)
    page.get_by_role("button", name="Комментарии к мероприятию 1.2", exact=True).click()
    expect(page.locator("tr.comment-row")).to_have_count(0)
    page.get_by_role("button", name="Комментарии к мероприятию 1.2", exact=True).click()
    expect(page.locator("tr.comment-row")).to_have_count(1)

    # a programme-level comment; an empty one is refused next to the form
    block.get_by_role("button", name="Добавить комментарий").click()
    expect(block.get_by_text("Напишите текст комментария.")).to_be_visible()
    block.get_by_label("Комментарий к программе").fill("Раздел 2 не связан с рисковым профилем школы.")
    block.get_by_role("button", name="Добавить комментарий").click()
    expect(block).to_contain_text("К программе в целом")
    expect(block).to_contain_text("2 открытых")
    expect(block).to_contain_text("член РРГ")
    page.evaluate("window.scrollTo(0, 0)")  # the sticky table head stays in its place
    page.screenshot(path=artifacts_dir / "programme_comments_reviewer.png", full_page=True)

    # the director answers «Исправлено» in another browser
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    director = context.new_page()
    director.goto(f"{live_server.url}/login/")
    director.get_by_label("Электронная почта").fill(director_a.email)
    director.get_by_label("Пароль").fill("secret-pass")
    director.get_by_role("button", name="Войти").click()
    director.wait_for_url(f"{live_server.url}/")
    director.goto(url)
    thread = director.locator("#programme-comments article.thread").filter(has_text="целевой показатель")
    expect(thread.get_by_role("button", name="Снять замечание")).to_have_count(0)
    thread.get_by_text("Ответить", exact=True).click()
    thread.get_by_label("Ответ").fill("добавлен показатель «доля учителей, прошедших курсы», 0 % → 100 %")
    thread.get_by_role("button", name="Исправлено").click()
    reply = director.locator("#programme-comments .reply")
    expect(reply).to_contain_text("Исправлено: добавлен показатель")
    expect(reply).to_contain_text("Губина С.А.")
    expect(reply).to_contain_text("директор школы")
    director.evaluate("window.scrollTo(0, 0)")
    director.screenshot(path=artifacts_dir / "programme_comments_director.png", full_page=True)
    context.close()

    # the member resolves the thread: it collapses, still readable
    page.reload()
    thread = page.locator("#programme-comments article.thread").filter(has_text="целевой показатель")
    expect(thread).to_contain_text("Исправлено: добавлен показатель")
    page.once("dialog", lambda dialog: dialog.accept())
    thread.get_by_role("button", name="Снять замечание").click()
    resolved = page.locator("#programme-comments article.thread.resolved")
    expect(resolved).to_be_visible()
    expect(resolved.locator("summary")).to_contain_text("снято")
    expect(resolved.locator(".reply")).to_be_hidden()
    resolved.locator("summary").click()
    expect(resolved.locator(".reply")).to_be_visible()
    expect(page.locator("#programme-comments h2")).to_contain_text("1 открытое")
    measure_id = Comment.objects.filter(measure__isnull=False).first().measure_id
    expect(page.locator(f"#mcc-{measure_id}")).to_have_text("")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=artifacts_dir / "programme_comments_resolved.png", full_page=True)
    root = Comment.objects.get(measure__isnull=False, parent__isnull=True)
    assert root.resolved_by == regional_member
