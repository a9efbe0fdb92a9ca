"""The order of each seed roadmap as PDF: what it says, its fonts, its pages."""
import subprocess

import pytest
from django.conf import settings

from roadmaps.documents.build import build_order_document
from roadmaps.documents.pdf import render_pdf
from tests.support.documents import pdf_fonts, pdf_text, squash


def _pages(data: bytes, tmp_path) -> list[str]:
    return pdf_text(data, tmp_path).split("\f")


def _artifacts(data: bytes, name: str, pages: int = 3) -> list:
    folder = settings.BASE_DIR / "var" / "test-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", str(pages), str(pdf),
                    str(folder / name)], check=True)
    return sorted(folder.glob(f"{name}-*.png"))


@pytest.mark.parametrize("key", ["000", "001", "003"])
def test_the_order_prints_every_measure_number_and_deadline_as_written(seed_orders, tmp_path, key):
    seed, roadmap, order = seed_orders(key)
    data = render_pdf(build_order_document(order))
    text = squash(pdf_text(data, tmp_path))

    assert squash(f"№ {seed.order['number']}") in text
    assert seed.order["issued_on"].strftime("%d.%m.%Y") in text
    for number, _text, deadline, *_ in seed.measures:
        assert squash(number) in text
        assert squash(deadline) in text, deadline
    assert squash(seed.title) in text
    assert _artifacts(data, f"order-seed-{key}")


@pytest.mark.parametrize("key", ["000", "001"])
def test_the_order_layout_carries_the_office_header_title_and_signature(seed_orders, tmp_path, key):
    seed, roadmap, order = seed_orders(key)
    order.signatory_name = seed.district["head_name"]  # as the coordinator would type it
    first = squash(_pages(render_pdf(build_order_document(order)), tmp_path)[0])

    for line in seed.district["office_name"].splitlines():
        assert squash(line.upper()) in first
    assert "ПРИКАЗ" in first
    assert squash(seed.district["place"]) in first
    assert "ПРИКАЗЫВАЮ:" in first
    assert squash(order.title) in first
    assert squash(seed.district["head_name"]) in first
    assert squash(seed.district["head_position"]) in first


def test_the_approval_stamp_form_prints_the_stamp_and_the_table(seed_orders, tmp_path):
    seed, roadmap, order = seed_orders("003")
    order.signatory_name = seed.district["head_name"]
    first = squash(_pages(render_pdf(build_order_document(order)), tmp_path)[0])

    assert first.startswith("УТВЕРЖДАЮ")
    assert squash("Приказ от 13.02.2023 № 49") in first
    assert squash("Т.Е.Калитурина") in first
    assert "ПРИКАЗЫВАЮ" not in first


def test_the_serif_font_is_embedded(seed_orders, tmp_path):
    _, _, order = seed_orders("000")
    fonts = pdf_fonts(render_pdf(build_order_document(order)), tmp_path).splitlines()[2:]

    assert fonts, "no fonts in the PDF"
    assert all("Liberation-Serif" in line for line in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts)  # the «emb» column


def test_pages_are_a4_and_numbered_from_page_two(seed_orders, tmp_path):
    _, _, order = seed_orders("001")
    data = render_pdf(build_order_document(order))
    path = tmp_path / "o.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout
    pages = _pages(data, tmp_path)

    assert "x 841.89 pts (A4)" in info
    def edges(page):  # the page number box is drawn before or after the page's text
        lines = [line.strip() for line in page.strip().splitlines()]
        return {lines[0], lines[-1]}

    assert "1" not in edges(pages[0])
    for n, page in enumerate(pages[1:-1], 2):
        assert str(n) in edges(page)


def test_the_table_header_repeats_on_every_page_of_the_table(seed_orders, tmp_path):
    _, _, order = seed_orders("001")
    pages = _pages(render_pdf(build_order_document(order)), tmp_path)
    end = next(i for i, p in enumerate(pages) if "Приложение № 2" in p.replace("\u00a0", " "))
    table_pages = pages[1:end]

    assert len(table_pages) >= 3
    for page in table_pages:
        assert "Ответственные" in page and "Мероприятие" in page


def test_the_appendix_heading_names_the_order(seed_orders, tmp_path):
    _, _, order = seed_orders("000")
    second = squash(_pages(render_pdf(build_order_document(order)), tmp_path)[1])

    assert squash("Приложение № 1 к приказу от 22.06.2020 № 143/1") in second


def test_a_draft_without_number_and_date_leaves_blanks_to_fill_by_hand(seed_orders, tmp_path):
    _, _, order = seed_orders("000")
    order.number, order.issued_on = "", None
    first = _pages(render_pdf(build_order_document(order)), tmp_path)[0]

    assert "20___ г." in first
    assert "№ ________" in first.replace("\u00a0", " ")


def test_the_flagged_schools_are_named_in_the_points_and_listed_in_an_appendix(seed_orders, tmp_path):
    seed, _, order = seed_orders("001")
    text = squash(pdf_text(render_pdf(build_order_document(order)), tmp_path))

    assert squash("Руководителям МБОУ СОШ №47 (Лысова М.А.), МКОУ Бадажковская ООШ (Мясникова О.В.)") in text
    assert squash("Приложение № 2 к приказу от 03.04.2024 № 145") in text
    for school, director in seed.schools:
        assert squash(school) in text and squash(director) in text


def test_the_interview_schedule_prints_as_an_appendix(seed_orders, tmp_path):
    _, _, order = seed_orders("000")
    order.interview_schedule = [
        {"date": "2020-06-15", "time": "10:00", "schools": ["МКОУ Кармаклинская СОШ",
                                                           "МКОУ Тополевская ООШ"]},
        {"date": "2020-06-16", "time": "14:30", "schools": ["МБОУ СОШ № 1"]},
    ]
    data = render_pdf(build_order_document(order))
    text = squash(pdf_text(data, tmp_path))
    _artifacts(data, "order-seed-000-interviews", pages=10)

    assert squash("График собеседований") in text
    assert squash("15.06.2020 10:00 МКОУ Кармаклинская СОШ") in text
    assert squash("16.06.2020 14:30 МБОУ СОШ № 1") in text


def test_the_layout_reports_its_progress_as_it_goes(seed_orders):
    _, _, order = seed_orders("001")
    heard: list[int] = []
    render_pdf(build_order_document(order), progress=heard.append)

    assert len(heard) >= 4
    assert heard == sorted(heard)
    assert 10 <= heard[0] and heard[-1] <= 80
