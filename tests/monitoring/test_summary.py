"""The round's summary report (информационная справка): the editor of its sections with the
optimistic lock, the same chart in the page and the PDF, the PDF and DOCX themselves (read
back as text, and the PDF's pages drawn as PNG to look at)."""
import shutil
import subprocess
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from monitoring.documents.build import summary_chart_svg, summary_document
from monitoring.documents.pdf import summary_html
from monitoring.selectors.rounds import round_figures
from schools.models import District

from .test_rounds import round_world, today  # noqa: F401  (fixtures)


@pytest.fixture
def office(district_a):
    District.objects.filter(pk=district_a.pk).update(
        office_name="Администрация Молчановского района\nУправление образования",
        head_position="Начальник Управления образования", head_name="Н.В. Петрова")
    district_a.refresh_from_db()
    return district_a


@pytest.fixture
def summary_round(office, round_world):  # noqa: F811
    round_ = round_world[0]
    round_.summary_done = "Проведена диагностика в двух школах.\nОбновлены планы."
    round_.summary_problems = "Не все школы отчитались в срок."
    round_.summary_decisions = "Провести методический семинар для руководителей ОО."
    round_.save()
    round_.refresh_from_db()
    return round_


def test_the_coordinator_edits_the_sections(client_for, coordinator_a, summary_round):
    client = client_for(coordinator_a)
    url = reverse("round_summary", args=["molchanovo", summary_round.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"summary_done": "Сделано всё", "summary_problems": "",
                                 "summary_decisions": "Решено", "version": summary_round.version})
    assert response.status_code == 302
    summary_round.refresh_from_db()
    assert (summary_round.summary_done, summary_round.summary_decisions) == ("Сделано всё", "Решено")


def test_a_stale_save_shows_the_conflict_in_russian_and_keeps_the_text(client_for, coordinator_a,
                                                                      summary_round):
    client = client_for(coordinator_a)
    url = reverse("round_summary", args=["molchanovo", summary_round.pk])
    old = summary_round.version
    client.post(url, {"summary_done": "Версия коллеги", "summary_problems": "",
                      "summary_decisions": "", "version": old})
    response = client.post(url, {"summary_done": "Моя версия", "summary_problems": "",
                                 "summary_decisions": "", "version": old})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Справку уже изменили" in html and "Ваши изменения не сохранены" in html
    assert "Версия коллеги" in html and "Моя версия" in html
    assert f'name="version" value="{old + 1}"' in html  # saving again means «mine over theirs»
    summary_round.refresh_from_db()
    assert summary_round.summary_done == "Версия коллеги"


@pytest.mark.parametrize("person, get_status, post_status", [
    ("coordinator_a", 200, 302), ("head_a", 200, 403), ("regional_member", 200, 403),
    ("curator_a", 403, 403), ("director_a", 403, 403), ("coordinator_b", 404, 404),
])
def test_who_reads_and_who_writes_the_summary(request, client_for, summary_round, person,
                                              get_status, post_status):
    client = client_for(request.getfixturevalue(person))
    url = reverse("round_summary", args=["molchanovo", summary_round.pk])
    assert client.get(url).status_code == get_status
    for name in ("round_summary_pdf", "round_summary_docx"):
        assert client.get(reverse(name, args=["molchanovo", summary_round.pk])).status_code == get_status
    response = client.post(url, {"summary_done": "x", "summary_problems": "", "summary_decisions": "",
                                 "version": summary_round.version})
    assert response.status_code == post_status


def test_the_page_and_the_pdf_carry_the_same_chart(client_for, coordinator_a, summary_round, today):  # noqa: F811
    html = client_for(coordinator_a).get(
        reverse("round_summary", args=["molchanovo", summary_round.pk])).content.decode()
    figures = round_figures(summary_round, today=today)
    svg = summary_chart_svg(figures)
    assert svg.startswith("<svg") and svg in html
    assert svg in summary_html(summary_document(summary_round, figures, today=today, chart_svg=svg))


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "s.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          check=True, text=True).stdout


def test_the_pdf_prints_the_header_title_table_sections_and_signature(client_for, coordinator_a,
                                                                     summary_round, tmp_path,
                                                                     artifacts_dir):
    response = client_for(coordinator_a).get(reverse("round_summary_pdf",
                                                     args=["molchanovo", summary_round.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    text = _pdf_text(pdf, tmp_path)
    flat = " ".join(text.split())
    for expected in ("АДМИНИСТРАЦИЯ МОЛЧАНОВСКОГО РАЙОНА", "Информационная справка о ходе реализации",
                     "Мониторинг за полугодие", "МКОУ Кармаклинская СОШ", "Итого",
                     "1. Что сделано", "Проведена диагностика в двух школах.", "2. Проблемы",
                     "3. Решения", "Начальник Управления образования", "Н.В. Петрова",
                     "Исполнение мероприятий по школам"):
        assert expected in flat, expected
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "Liberation-Serif" in fonts  # the order's serif (Times New Roman metrics)
    (artifacts_dir / "summary.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(artifacts_dir / "summary.pdf"),
                    str(artifacts_dir / "summary-page")], check=True)
    assert (artifacts_dir / "summary-page-1.png").exists()


def test_the_docx_has_the_same_table_and_sections(client_for, coordinator_a, summary_round,
                                                  artifacts_dir, tmp_path):
    response = client_for(coordinator_a).get(reverse("round_summary_docx",
                                                     args=["molchanovo", summary_round.pk]))
    assert response.status_code == 200
    (artifacts_dir / "summary.docx").write_bytes(response.content)
    if shutil.which("soffice"):  # where LibreOffice is installed: the pages as Word users see them
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_path),
                        str(artifacts_dir / "summary.docx")], check=True, capture_output=True,
                       timeout=120)
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(tmp_path / "summary.pdf"),
                        str(artifacts_dir / "summary-docx-page")], check=True)
        assert "Информационная справка" in " ".join(_pdf_text(
            (tmp_path / "summary.pdf").read_bytes(), tmp_path).split())
    doc = Document(BytesIO(response.content))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Администрация Молчановского района" in paragraphs
    assert any(p.startswith("Информационная справка о ходе реализации") for p in paragraphs)
    assert "3. Решения" in paragraphs
    assert "Провести методический семинар для руководителей ОО." in paragraphs
    figures = doc.tables[1]
    assert [c.text for c in figures.rows[0].cells] == ["№", "Школа", "Мероприятий к сроку",
                                                       "Отчитались", "Выполнено", "Выполнено, %",
                                                       "Просрочено"]
    body = {tuple(c.text for c in row.cells) for row in figures.rows[1:]}
    assert ("1", "МКОУ Кармаклинская СОШ", "3", "1", "1", "33 %", "1") in body
    assert ("", "Итого", "5", "2", "1", "20 %", "2") in body
    chart = doc.tables[2]
    assert [c.text for c in chart.rows[0].cells][:4] == ["№", "Школа", "Выполнено", "Просрочено"]
    signature = doc.tables[-1]
    assert [c.text for c in signature.rows[0].cells] == ["Начальник Управления образования",
                                                         "____________", "Н.В. Петрова"]
