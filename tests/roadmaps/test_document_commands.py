"""Batch printing from the command line: render_order and export_roadmap."""
import json
import subprocess
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from roadmaps.models import Order
from roadmaps.services.measures import measure_create
from schools.models import Organization
from tests.support.documents import squash
from tests.support.seed_roadmaps import SEEDS, build_roadmap


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_render_order_prints_the_latest_order_of_the_roadmap(seed_orders, tmp_path):
    seed, roadmap, order = seed_orders("000")
    out = StringIO()
    call_command("render_order", "--roadmap", str(roadmap.pk), "--format", "pdf",
                 "-o", str(tmp_path / "o.pdf"), stdout=out)

    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF-")
    assert squash("№ 143/1") in squash(_text(tmp_path / "o.pdf"))
    assert "Приказ от 22.06.2020" in out.getvalue()


@pytest.mark.django_db
def test_render_order_drafts_from_the_template_without_saving_when_there_is_no_order(tmp_path):
    roadmap = build_roadmap(SEEDS["001"])
    call_command("render_order", "--roadmap", str(roadmap.pk), "--format", "docx",
                 "-o", str(tmp_path / "o.docx"), stdout=StringIO())
    texts = [p.text for p in Document(str(tmp_path / "o.docx")).paragraphs]

    assert Order.objects.count() == 0
    assert "ПРИКАЗ" in texts
    assert any(t.startswith("1. Утвердить муниципальный план") for t in texts)


@pytest.mark.django_db
def test_render_order_says_so_when_the_roadmap_is_missing(tmp_path):
    with pytest.raises(CommandError, match="не найдена"):
        call_command("render_order", "--roadmap", "999999", "-o", str(tmp_path / "x.pdf"))


@pytest.mark.django_db
def test_export_roadmap_writes_json_with_nested_sections_and_parsed_deadlines():
    seed = SEEDS["003"]
    roadmap = build_roadmap(seed)
    district = roadmap.district
    body = Organization.objects.create(district=district, short_name="МБОУ СОШ №1",
                                       full_name="Школа № 1", kind=Organization.Kind.SCHOOL)
    measure_create(roadmap=roadmap, text="Вне разделов", number="5", deadline_text="Март 2023 г.",
                   responsible=[body], acting_user=None)
    out = StringIO()
    call_command("export_roadmap", str(roadmap.pk), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())

    assert set(data) == {"id", "title", "district", "period_start", "period_end", "sections",
                         "measures"}
    assert (data["id"], data["period_start"], data["period_end"]) == (roadmap.pk, "2023-01-01",
                                                                       "2023-12-31")
    assert [s["number"] for s in data["sections"]] == ["1", "2", "3", "4"]
    assert [s["number"] for s in data["sections"][1]["sections"]] == ["I", "II", "III"]
    first = data["sections"][0]["measures"][0]
    assert first == {
        "number": "1.1", "text": seed.measures[0][1], "deadline_text": "Февраль 2023 г.",
        "deadline_kind": "month", "starts_on": "2023-02-01", "due_dates": ["2023-02-28"],
        "needs_review": False, "responsible": [seed.measures[0][3]],
        "result": "Создана рабочая команда", "output_form": "",
    }
    assert data["measures"][0]["responsible"] == ["МБОУ СОШ №1"]
    last = data["sections"][3]["measures"][-1]
    assert (last["number"], last["deadline_text"], last["due_dates"]) == ("4.3", "", [])
    assert data["sections"][0]["measures"][0]["responsible"] == [seed.measures[0][3]]


@pytest.mark.django_db
def test_export_roadmap_writes_xlsx_to_a_file(tmp_path):
    roadmap = build_roadmap(SEEDS["000"])
    call_command("export_roadmap", str(roadmap.pk), "--format", "xlsx",
                 "-o", str(tmp_path / "r.xlsx"), stdout=StringIO())
    book = load_workbook(BytesIO((tmp_path / "r.xlsx").read_bytes()))

    assert book.sheetnames == ["Дорожная карта", "Сроки"]
    assert book["Дорожная карта"].cell(row=4, column=1).value == "1"


@pytest.mark.django_db
def test_export_roadmap_xlsx_needs_an_output_file():
    roadmap = build_roadmap(SEEDS["000"])
    with pytest.raises(CommandError, match="-o FILE"):
        call_command("export_roadmap", str(roadmap.pk), "--format", "xlsx")
