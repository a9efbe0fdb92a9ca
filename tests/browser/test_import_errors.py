"""A coordinator uploads the wrong file: the Russian message appears in the upload form,
beside the button, nothing is created, and the same form takes the right file next."""
import docx
import pytest
from playwright.sync_api import expect

from roadmaps.models import Roadmap
from schools.models import SchoolList
from tests.support.seeds import seed_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_letter(path):
    """A Word letter with a table, but not a roadmap."""
    document = docx.Document()
    document.add_paragraph("Уважаемые коллеги! Просим представить сведения до 15.03.2026.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "ФИО", "Должность"
    table.cell(1, 0).text, table.cell(1, 1).text = "Иванова М. П.", "заместитель директора"
    document.save(path)
    return path


def test_a_wrong_file_is_refused_on_the_upload_screen_in_russian(page, live_server, sign_in,
                                                                 coordinator_a, district_a,
                                                                 artifacts_dir, tmp_path):
    letter = a_letter(tmp_path / "Письмо о мониторинге.docx")
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/imports/roadmap/")
    form = page.locator("#import-form")
    expect(form.locator(".upload-progress")).to_be_hidden()  # no «0 %» before an upload
    expect(form.locator("label.button")).to_have_text("Выбрать файл")
    expect(form.locator(".file-name")).to_have_text("Файл не выбран")
    expect(page.locator("nav.subnav [aria-current=page]")).to_have_text("Импорт")
    page.screenshot(path=artifacts_dir / "import_upload.png", full_page=True)

    page.set_input_files("#id_file", str(letter))
    expect(form.locator(".file-name")).to_have_text("Письмо о мониторинге.docx")
    page.get_by_role("button", name="Прочитать и показать").click()
    alert = page.locator("#import-form [role=alert]")
    expect(alert).to_contain_text("Файл «Письмо о мониторинге.docx» не принят. "
                                  "В файле не найдена таблица мероприятий")
    expect(alert).to_be_in_viewport()
    expect(page.get_by_text("читаю таблицу")).to_have_count(0)
    expect(page.locator("#import-form .upload-progress")).to_be_hidden()
    expect(page.locator("#import-form .file-name")).to_have_text("Файл не выбран")
    page.screenshot(path=artifacts_dir / "import_upload_wrong_file.png", full_page=True)
    assert not Roadmap.objects.exists()

    # nothing chosen, nothing pasted: say what to do
    page.get_by_role("button", name="Прочитать и показать").click()
    expect(alert).to_have_text("Выберите файл или вставьте текст таблицы.")
    expect(page.locator("#import-form [role=alert]")).to_have_count(1)
    page.screenshot(path=artifacts_dir / "import_upload_empty.png", full_page=True)

    # the same form takes the right file
    page.set_input_files("#id_file", str(seed_file("000")))
    page.get_by_role("button", name="Прочитать и показать").click()
    page.wait_for_url("**/imports/roadmap/*/")
    expect(page.get_by_text("19 мероприятий")).to_be_visible()
    assert not Roadmap.objects.exists()


def test_the_school_list_import_speaks_russian_and_names_the_list_once(page, live_server, sign_in,
                                                                      coordinator_a, district_a,
                                                                      artifacts_dir, tmp_path):
    from tests.schools.test_school_list_import import TABLE

    table = tmp_path / "Красная зона 2026.txt"
    table.write_text(TABLE, encoding="utf-8")
    sign_in(page, coordinator_a.email)
    page.goto(f"{live_server.url}/{district_a.slug}/imports/school-list/")
    expect(page.locator(".file-pick label.button")).to_have_text("Выбрать файл")
    expect(page.locator(".file-name")).to_have_text("Файл не выбран")
    page.get_by_label("Вид перечня").select_option(label="«Красная зона»")
    page.get_by_label("Год").fill("2026")
    page.set_input_files("#id_file", str(table))
    expect(page.locator(".file-name")).to_have_text("Красная зона 2026.txt")
    page.screenshot(path=artifacts_dir / "school_list_import_upload.png", full_page=True)
    page.get_by_role("button", name="Прочитать и показать").click()
    page.wait_for_url("**/imports/school-list/*/")
    page.get_by_role("button", name="Сохранить перечень").click()
    expect(page.get_by_text("Перечень «Красная зона» 2026 сохранён")).to_be_visible()
    page.screenshot(path=artifacts_dir / "school_list_imported.png")
    assert SchoolList.objects.get().entries.count() == 2
