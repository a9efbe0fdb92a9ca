"""Control characters are cleaned once, where text enters (the readers, the forms, the
admin): an import with a NUL byte confirms, and the XLSX export and the order of measures
written with U+000B, U+0001, U+001B, U+FFFE render."""
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from core.text import clean_text
from roadmaps.documents.build import build_order_document, build_roadmap_table
from roadmaps.documents.docx import render_docx
from roadmaps.documents.pdf import render_pdf
from roadmaps.documents.xlsx import render_xlsx
from roadmaps.models import Measure, Roadmap
from roadmaps.services.orders import order_create_draft
from tests.support.documents import pdf_text, squash

HOSTILE = "\x0b\x01\x1b\ufffe"
TEXT = (f"План мероприятий{HOSTILE} на 2024 год\n\n№\tМероприятия\tСроки\tОтветственные\n"
        f"1\tСовещание{HOSTILE} директоров\tМарт\x01 2024\tУправление образования\x1b\n"
        f"2\tСеминар\x0bдля учителей\tАпрель 2024\tУправление образования\n")
NUL_TEXT = ("План мероприятий на 2024 год\n\n№\tМероприятия\tСроки\tОтветственные\n"
            "1\tСовещание директоров\x00\tМарт 2024\tУправление образования\n"
            "2\tСеминар для учителей\tАпрель 2024\tУправление образования\n")


def test_clean_text_keeps_tabs_and_line_feeds_and_drops_the_rest():
    assert clean_text("a\tb\nc\r\nd\re\x0bf\x00g\x01\x1b\x7f\x9f\ufffe\uffff\ud800h") == \
        "a\tb\nc\nd\ne\nfgh"
    assert clean_text("Совещание «директоров» — №\u00a01") == "Совещание «директоров» — №\u00a01"


def confirm(client, response) -> Roadmap:
    assert response.status_code == 302, response.content.decode()[:3000]
    preview_url = response.url
    form = client.get(preview_url).context["form"]
    data = {name: (field.initial if field.initial is not None else "")
            for name, field in form.fields.items()}
    data["period_start"], data["period_end"] = "01.01.2024", "31.12.2024"
    response = client.post(preview_url, data)
    assert response.status_code == 302
    return Roadmap.objects.get()


def import_utf16(client, district) -> Roadmap:
    upload = SimpleUploadedFile("план.txt", NUL_TEXT.encode("utf-16"))
    return confirm(client, client.post(reverse("roadmap_import", args=[district.slug]),
                                       {"file": upload}))


def import_pasted(client, district) -> Roadmap:
    return confirm(client, client.post(reverse("roadmap_import", args=[district.slug]),
                                       {"text": TEXT}))


def test_a_utf16_file_with_a_nul_byte_confirms_with_clean_text(client_for, coordinator_a,
                                                             district_a):
    roadmap = import_utf16(client_for(coordinator_a), district_a)

    measures = list(Measure.objects.filter(roadmap=roadmap).order_by("position"))
    assert [m.text for m in measures] == ["Совещание директоров", "Семинар для учителей"]


def test_control_characters_in_a_title_and_measures_are_cleaned_on_import(
        client_for, coordinator_a, district_a):
    roadmap = import_pasted(client_for(coordinator_a), district_a)

    measures = list(Measure.objects.filter(roadmap=roadmap).order_by("position"))
    assert "\x0b" not in roadmap.title and "\ufffe" not in roadmap.title
    assert roadmap.title.startswith("План мероприятий")
    assert [m.text for m in measures] == ["Совещание\nдиректоров", "Семинар\nдля учителей"]
    assert measures[0].deadline_text == "Март 2024"
    assert measures[0].responsible_text == "Управление образования"


def test_the_xlsx_export_and_the_order_of_that_import_render(client_for, coordinator_a,
                                                            district_a, tmp_path):
    roadmap = import_pasted(client_for(coordinator_a), district_a)

    book = load_workbook(BytesIO(render_xlsx(build_roadmap_table(roadmap))))
    order = order_create_draft(roadmap=roadmap, acting_user=coordinator_a)
    document = build_order_document(order)
    word = Document(BytesIO(render_docx(document)))
    pdf = squash(pdf_text(render_pdf(document), tmp_path))

    cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "Совещание\nдиректоров" in cells
    assert any("Семинар" in p.text for t in word.tables for r in t.rows for p in r.cells)
    assert "Совещаниедиректоров" in pdf and "Семинардляучителей" in pdf


def test_the_editor_forms_clean_what_is_typed():
    from roadmaps.forms.editing import MeasureForm, RoadmapForm, SectionForm

    measure = MeasureForm(data={"text": f"Совещание{HOSTILE}", "deadline_text": "Март\x1b 2024",
                                "result": "\x01Протокол"})
    roadmap = RoadmapForm(data={"title": f"Карта{HOSTILE}", "period_start": "01.01.2024",
                                "period_end": "31.12.2024"})
    section = SectionForm(data={"title": f"Раздел\x00{HOSTILE}"})

    for form in (measure, roadmap, section):
        form.is_valid()  # other fields (a version) may be missing: the text fields count
    assert (measure.cleaned_data["text"], measure.cleaned_data["deadline_text"],
            measure.cleaned_data["result"]) == ("Совещание", "Март 2024", "Протокол")
    assert roadmap.cleaned_data["title"] == "Карта"
    assert section.cleaned_data["title"] == "Раздел"


def test_the_order_form_cleans_what_is_typed():
    from roadmaps.forms.orders import OrderForm, PointForm

    form = OrderForm(data={"title": f"Об утверждении{HOSTILE} плана", "preamble": "В целях\x0b"})
    form.is_valid()
    point = PointForm(data={"text": f"Утвердить{HOSTILE}"})
    point.is_valid()

    assert form.cleaned_data["title"] == "Об утверждении\n плана"
    assert form.cleaned_data["preamble"] == "В целях"
    assert point.cleaned_data["text"] == "Утвердить"


@pytest.mark.django_db
def test_the_admin_cleans_what_is_typed(coordinator_a):
    from django.contrib import admin

    from roadmaps.models import Section

    request = RequestFactory().get("/")
    request.user = coordinator_a
    form_class = admin.site._registry[Section].get_form(request)
    form = form_class(data={"title": f"Раздел{HOSTILE}", "number": "1\x01"})
    form.is_valid()

    assert form.cleaned_data["title"] == "Раздел"
    assert form.cleaned_data["number"] == "1"
