"""The order as .docx, read back with python-docx: real tables, header rows, fonts, numbers."""
from io import BytesIO

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
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
    order.signatory_name = seed.district["head_name"]  # as the coordinator would type it
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


# --- the appendix on landscape pages, columns sized for their content ---------------------

def _twips(length) -> int:
    return round(length.twips) if hasattr(length, "twips") else int(length)


def _cell_margins(document) -> int:
    """Left plus right cell margin of the table style, in twips (Word's default: 108 each)."""
    style = document.styles["Table Grid"].element
    margins = style.find(f".//{qn('w:tblCellMar')}")
    total = 0
    for side in ("left", "right"):
        el = margins.find(qn(f"w:{side}")) if margins is not None else None
        total += int(el.get(qn("w:w"))) if el is not None else 108
    return total


def _number_needs(document, number: str) -> int:
    """What «2.10» takes at the table's 12 pt in Times New Roman: digits are half an em, the
    full stop a quarter; plus the cell's margins."""
    size_pt = document.styles["Текст таблицы"].font.size.pt
    ems = sum(0.25 if ch == "." else 0.5 for ch in number)
    return round(ems * size_pt * 20) + _cell_margins(document)


def test_the_roadmap_appendix_is_a_landscape_section_between_portrait_ones(seed_orders):
    _, _, order = seed_orders("001")
    document = _read(order)
    body, roadmap, schools = document.sections

    assert body.orientation == WD_ORIENT.PORTRAIT and body.page_width < body.page_height
    assert roadmap.orientation == WD_ORIENT.LANDSCAPE
    assert (round(roadmap.page_width.mm), round(roadmap.page_height.mm)) == (297, 210)
    assert schools.orientation == WD_ORIENT.PORTRAIT
    for section in (roadmap, schools):  # numbered from their first page, continuing the order's
        assert not section.different_first_page_header_footer
        assert section.header.is_linked_to_previous
        assert section.start_type == WD_SECTION.NEW_PAGE
    table = document.tables[1]
    text_width = roadmap.page_width - roadmap.left_margin - roadmap.right_margin
    grid = table._tbl.tblGrid.gridCol_lst
    assert abs(sum(int(c.w) for c in grid) - int(text_width)) < int(text_width) * 0.01


@pytest.mark.parametrize("key", ["001", "003"])
def test_the_number_column_holds_its_widest_number_on_one_line(seed_orders, key):
    seed, _, order = seed_orders(key)
    document = _read(order)
    table = document.tables[-1] if key == "003" else document.tables[1]
    widest = max((m[0] for m in seed.measures), key=len)
    needs = max(_number_needs(document, widest), _number_needs(document, "2.10"))

    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"  # no autofit
    assert _twips(table._tbl.tblGrid.gridCol_lst[0].w) >= needs
    grid = [_twips(c.w) for c in table._tbl.tblGrid.gridCol_lst]
    for row in table.rows:  # every cell carries its width too (LibreOffice reads those)
        tcs = row._tr.tc_lst
        assert _twips(tcs[0].tcPr.tcW.w) == grid[0]
        spans = [tc.grid_span for tc in tcs]
        assert sum(spans) == len(grid)


def test_the_approval_stamp_docx_is_landscape(seed_orders):
    _, _, order = seed_orders("003")
    (section,) = _read(order).sections

    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height


def test_section_rows_stay_with_their_first_measure_and_short_rows_stay_whole(seed_orders):
    seed, _, order = seed_orders("001")
    table = _read(order).tables[1]
    sections = {s[0] for s in seed.sections if s[0]}

    for row in table.rows[1:]:
        tr_pr = row._tr.trPr
        cant_split = tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
        if row.cells[0].text in sections and row.cells[1].text == row.cells[-1].text:
            assert cant_split
            assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        elif row.cells[0].text == "1":
            assert cant_split  # two lines: never split across pages
