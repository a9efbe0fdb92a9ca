"""The progress cycle in the browser: a director reports a measure addressed to «Руководители
ОО» done with a PDF and a link; the coordinator returns it with a comment; the director
fixes it; the coordinator accepts; the matrix cell turns done; the reminder for it stops
(`send_reminders --dry-run --format json`, the reminders' contract)."""
import io
import json
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from weasyprint import HTML

from monitoring.models import ProgressReport
from tests.monitoring.test_progress_world import due_of, progress_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reminders(day, district):
    out = io.StringIO()
    call_command("send_reminders", "--date", day.isoformat(), "--district", district.slug,
                 "--dry-run", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def items_for(contract, email):
    return [i for person in contract if person["to"] == email for i in person["items"]]


def sign_out(page):
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_load_state()


def test_report_return_fix_accept_matrix_and_reminder(page, live_server, sign_in, tmp_path,
                                                      district_a, school_a, coordinator_a,
                                                      director_a, artifacts_dir):
    world = progress_world(district_a, school_a, coordinator_a, sections=2)
    measure = world.group[0]
    due = due_of(measure)
    item = {"roadmap": world.roadmap.pk, "number": measure.number,
            "due_on": due.due_on.isoformat(), "stage": "today"}
    assert item in items_for(reminders(due.due_on, district_a), director_a.email)
    pdf = tmp_path / "Протокол совещания.pdf"
    pdf.write_bytes(HTML(string="<h1>Протокол</h1><p>Анализ результатов ВПР проведён.</p>")
                    .write_pdf())
    shot = lambda name: page.screenshot(path=artifacts_dir / f"progress_{name}.png",  # noqa: E731
                                        full_page=True)
    base = f"{live_server.url}/{district_a.slug}/monitoring"

    # the director reports it done, with a PDF and a link
    sign_in(page, director_a.email)
    page.goto(f"{base}/my/")
    expect(page.get_by_role("heading", name=f"Исполнение мероприятий: {school_a.short_name}")).to_be_visible()
    shot("1_director_list")
    row = page.locator("tr", has=page.locator("td:nth-child(2)", has_text=re.compile(
        rf"^{re.escape(measure.number)}$")))
    expect(row).to_contain_text("просрочено")
    row.get_by_role("link", name="Отчитаться").click()
    expect(page.get_by_role("heading", name=f"Отчёт об исполнении: мероприятие {measure.number}")).to_be_visible()
    page.get_by_label("выполнено", exact=True).check()
    page.get_by_label("Комментарий").fill("Проведено совещание, анализ результатов ВПР.")
    page.locator("input[type=file]").set_input_files(str(pdf))
    expect(page.locator(".file-name")).to_have_text("Протокол совещания.pdf")
    page.get_by_label("Ссылки").fill("https://karmakly.example.ru/shnor")
    shot("2_director_form")
    page.get_by_role("button", name="Сохранить отчёт").click()
    expect(page.get_by_text("Отчёт сохранён и передан на проверку.")).to_be_visible()
    expect(page.locator("#report-state")).to_have_text("выполнено, на проверке")
    expect(page.get_by_role("link", name="Протокол совещания.pdf")).to_be_visible()
    expect(page.get_by_role("link", name="https://karmakly.example.ru/shnor")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Протокол совещания.pdf").click()
    assert download.value.suggested_filename == "Протокол совещания.pdf"
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
    shot("3_director_reported")
    sign_out(page)

    # the coordinator finds it from the matrix and returns it with a comment
    sign_in(page, coordinator_a.email)
    page.goto(f"{base}/matrix/")
    cell = page.locator(f'[data-cell="{school_a.pk}-{world.sections[0].pk}"]')
    expect(cell).to_contain_text("1")  # done (on review) 1, due 1, overdue 0
    assert cell.locator(".fig-done").inner_text() == "1"
    shot("4_matrix_reported")
    cell.click()
    expect(page.get_by_role("heading", name=f"{school_a.short_name}: 1. Раздел 1")).to_be_visible()
    shot("5_cell_reports")
    page.locator("tr", has_text="Анализ результатов ВПР").get_by_role("link", name="Открыть").click()
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.get_by_text("Напишите, что нужно исправить")).to_be_visible()  # no comment
    page.get_by_label("Замечание").fill("Приложите протокол с подписью руководителя.")
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.get_by_text("Отчёт возвращён на доработку с замечанием.")).to_be_visible()
    expect(page.locator("#report-state")).to_have_text("возвращено на доработку")
    shot("6_coordinator_returned")
    page.goto(f"{base}/matrix/")  # a returned «выполнено» is not done: overdue again
    cell = page.locator(f'[data-cell="{school_a.pk}-{world.sections[0].pk}"]')
    assert (cell.locator(".fig-done").inner_text(), cell.locator(".fig-over").inner_text()) == ("0", "1")
    expect(page.locator("td", has=cell)).to_have_class(re.compile(r"\bhm-0\b"))
    shot("6b_matrix_returned")
    sign_out(page)

    # the director sees the comment, fixes the report; it is back on review
    sign_in(page, director_a.email)
    page.goto(f"{base}/my/")
    expect(page.get_by_text("Приложите протокол с подписью руководителя.")).to_be_visible()
    row.get_by_role("link", name="Открыть").click()
    expect(page.locator("#review-comment")).to_contain_text("Приложите протокол с подписью")
    shot("7_director_sees_return")
    page.get_by_label("Комментарий").fill("Протокол с подписью приложен.")
    page.locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Сохранить отчёт").click()
    expect(page.locator("#report-state")).to_have_text("выполнено, на проверке")
    sign_out(page)

    # the coordinator accepts; the cell turns done; the reminder stops
    sign_in(page, coordinator_a.email)
    page.goto(f"{base}/matrix/schools/{school_a.pk}/sections/{world.sections[0].pk}/"
              f"?roadmap={world.roadmap.pk}")
    page.locator("tr", has_text="Анализ результатов ВПР").get_by_role("link", name="Открыть").click()
    page.get_by_role("button", name="Принять").click()
    expect(page.get_by_text("Отчёт принят.")).to_be_visible()
    expect(page.locator("#report-state")).to_have_text("выполнено, принято")
    shot("8_coordinator_accepted")
    page.goto(f"{base}/matrix/")
    cell = page.locator(f'[data-cell="{school_a.pk}-{world.sections[0].pk}"]')
    assert (cell.locator(".fig-done").inner_text(), cell.locator(".fig-over").inner_text()) == ("1", "0")
    expect(page.locator("td", has=cell)).to_have_class(re.compile(r"\bhm-4\b"))
    shot("9_matrix_done")
    report = ProgressReport.objects.get()
    assert (report.status, report.review) == ("done", "accepted")
    assert report.evidence.count() == 3
    assert item not in items_for(reminders(due.due_on, district_a), director_a.email)


def test_the_matrix_of_several_schools_reads_as_a_heatmap(page, live_server, sign_in, district_a,
                                                         school_a, coordinator_a, artifacts_dir):
    world = progress_world(district_a, school_a, coordinator_a, sections=4, per_section=5,
                           schools=5)
    # school k has done the first k of its group measures' due dates
    dues = [due_of(m) for m in world.group]
    for k, school in enumerate(world.flagged):
        for due in dues[: k * 3]:
            ProgressReport.objects.create(district=district_a, measure_id=due.measure_id,
                                          due_date=due, school=school,
                                          status=ProgressReport.Status.DONE)
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/monitoring/matrix/")
    expect(page.locator("table.matrix tbody tr")).to_have_count(5)
    expect(page.locator(".legend")).to_contain_text("Доля выполненного")
    classes = set(page.locator("table.matrix td").evaluate_all("tds => tds.map(t => t.className)"))
    assert {"hm-0", "hm-4"} <= classes and len(classes) >= 4, classes
    page.screenshot(path=artifacts_dir / "progress_matrix_heatmap.png", full_page=True)
