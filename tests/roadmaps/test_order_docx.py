"""The order as .docx, read back with python-docx: real tables, header rows, fonts, numbers."""
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn

from roadmaps.documents.build import build_order_document
from roadmaps.documents.docx import render_docx


def _read(order):
    return Document(BytesIO(render_docx(build_order_document(order))))


@pytest.mark.parametrize("key", ["000", "001", "003"])
def test_the_docx_holds_the_roadmap_as_a_real_table_with_deadlines_as_written(seed_orders, key):
    seed, roadmap, order = seed_orders(key)
    document = _read(order)
    table = document.tables[-1] if key == "003" else document.tables[1]
    header = table.rows[0]
    cells = [[c.text for c in row.cells] for row in table.rows[1:]]
    measure_rows = [row for row in cells if row[0] in {m[0] for m in seed.measures}
                    and row[1] != row[-1]]

    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells][:3] == ["№ п/п", "Мероприятие", "Срок"]
    assert [(r[0], r[2]) for r in measure_rows] == [(m[0], m[2]) for m in seed.measures]


def test_the_docx_order_has_the_header_title_points_and_signature(seed_orders):
    seed, roadmap, order = seed_orders("001")
    document = _read(order)
    texts = [p.text for p in document.paragraphs]

    assert texts[:3] == seed.district["office_name"].splitlines()
    assert "ПРИКАЗ" in texts
    assert "03.04.2024\t№\u00a0145" in texts
    assert "г. Барабинск" in texts
    assert texts[texts.index("ПРИКАЗЫВАЮ:") + 1].startswith("1. Утвердить муниципальный план")
    assert any(t.startswith("4. Контроль за исполнением") for t in texts)
    signature = document.tables[0].rows[0].cells
    assert (signature[0].text, signature[1].text) == ("Начальник Управления образования",
                                                      "О.Ю. Бурлуцкая")
    assert "Приложение №\u00a01" in texts and "к приказу от 03.04.2024 №\u00a0145" in texts


def test_the_docx_uses_times_new_roman_on_a4_with_gost_margins(seed_orders):
    _, _, order = seed_orders("000")
    document = _read(order)
    normal = document.styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    section = document.sections[0]

    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert document.styles["Текст таблицы"].font.size.pt == 12
    def mm(*lengths):  # Word stores twips: compare to a tenth of a millimetre
        return tuple(round(length.mm, 1) for length in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.left_margin, section.right_margin) == (20, 10)
    assert mm(section.top_margin, section.bottom_margin) == (20, 20)
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml


def test_the_approval_stamp_docx_starts_with_the_stamp(seed_orders):
    _, _, order = seed_orders("003")
    texts = [p.text for p in _read(order).paragraphs]

    assert texts[0] == "УТВЕРЖДАЮ"
    assert "Приказ от 13.02.2023 №\u00a049" in texts


def test_control_characters_in_user_text_do_not_break_the_word_file():
    from roadmaps.documents.docx import xml_safe

    assert xml_safe("Срок\x0bуточнить\x0c") == "Срокуточнить"
    assert xml_safe("обычный текст — «как есть»") == "обычный текст — «как есть»"
