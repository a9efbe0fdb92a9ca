"""The roadmap as .xlsx, read back with openpyxl: the printed table and the due dates."""
from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from roadmaps.documents.build import build_roadmap_table
from roadmaps.documents.xlsx import render_xlsx
from roadmaps.services.measures import measure_create
from roadmaps.services.roadmaps import roadmap_create
from tests.support.seed_roadmaps import SEEDS, build_roadmap


def _book(roadmap):
    return load_workbook(BytesIO(render_xlsx(build_roadmap_table(roadmap))))


@pytest.mark.django_db
def test_the_first_sheet_is_the_printed_table_with_sections_as_merged_rows():
    seed = SEEDS["003"]
    ws = _book(build_roadmap(seed))["Дорожная карта"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    merged = {str(r) for r in ws.merged_cells.ranges}

    assert [c.value for c in ws[3]] == ["№", "Мероприятие", "Срок", "Ответственные",
                                        "Результат", "Форма"]
    assert ws.cell(row=1, column=1).value == seed.title
    sections = [(i, r) for i, r in enumerate(rows, 4) if r[0] in {"1", "2", "I", "II", "III"}
                and r[2] is None]
    assert [r[0] for _, r in sections] == ["1", "2", "I", "II", "III"]
    for i, _ in sections:
        assert f"B{i}:F{i}" in merged
    measures = [r for r in rows if r[2] is not None or r[0] == "4.3"]
    assert [(r[0], r[2] or "") for r in measures] == [(m[0], m[2]) for m in seed.measures]
    assert all(isinstance(r[0], str) for r in measures)  # «1.10» stays text, not 1.1


@pytest.mark.django_db
def test_the_second_sheet_lists_the_structured_due_dates():
    seed = SEEDS["000"]
    ws = _book(build_roadmap(seed))["Сроки"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    by_number = {}
    for number, _text, written, kind, due in rows:
        by_number.setdefault(number, []).append((written, kind, due))

    assert [c.value for c in ws[1]] == ["№", "Мероприятие", "Срок (как написано)", "Вид срока",
                                        "Дата"]
    assert by_number["1"] == [("До 10.06.2020", "срок «до»", datetime(2020, 6, 10))]
    assert by_number["14"][0][:2] == ("По отдельному графику", "по графику")
    assert by_number["14"][0][2] is None
    assert ws["E2"].number_format == "DD.MM.YYYY"


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\",\"x\")", "+7 913 000-00-00",
                                  "-1+2", "@SUM(A1:A2)", "=1+1"])
def test_text_that_looks_like_a_formula_is_written_as_text(district_a, text):
    roadmap = roadmap_create(district=district_a, title="Карта", acting_user=None,
                                      period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    measure_create(roadmap=roadmap, text=text, number="1", deadline_text=text,
                            responsible_text=text, result=text, acting_user=None)
    data = render_xlsx(build_roadmap_table(roadmap))
    ws = load_workbook(BytesIO(data))["Дорожная карта"]
    formulas = load_workbook(BytesIO(data), data_only=False)["Сроки"]

    for col in range(2, 6):
        cell = ws.cell(row=4, column=col)
        assert cell.value == text
        assert cell.data_type == "s"
    assert ws.cell(row=4, column=2).quotePrefix
    assert formulas.cell(row=2, column=2).data_type == "s"
    assert formulas.cell(row=2, column=2).value == text
