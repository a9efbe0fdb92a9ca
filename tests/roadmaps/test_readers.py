"""Reading files: the formats, the encodings, and every kind of bad input."""
import datetime as dt
import io
import random
import struct
import zipfile

import openpyxl
import pytest

from core.reading.containers import OLE_MAGIC
from core.reading.errors import DocumentError
from core.reading.readers import Paragraph, Table, decode_text, read_document, read_text
from roadmaps.importers.table import parse_roadmap
from tests.support.office_files import numbered_docx, to_docx, to_xlsx
from tests.support.seeds import parsed, raw, seed_file

SMALL_TABLE = "№\tМероприятия\tСроки\tОтветственные\n1\tСовещание\tМарт 2024\tУправление образования\n"


def small_docx() -> bytes:
    return to_docx(read_text(SMALL_TABLE), responsible_column=3)


def small_xlsx() -> bytes:
    return to_xlsx("План мероприятий на 2024 год", read_text(SMALL_TABLE), responsible_column=3)


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


def patch_central_directory(data: bytes, offset: int, fmt: str, value: int,
                            name: str | None = None) -> bytes:
    """Rewrite one field (declared size, flags) of the central-directory entries (of one)."""
    out = bytearray(data)
    position = out.find(b"PK\x01\x02")
    while position != -1:
        (name_length,) = struct.unpack_from("<H", out, position + 28)
        entry_name = bytes(out[position + 46:position + 46 + name_length]).decode()
        if name is None or entry_name == name:
            struct.pack_into(fmt, out, position + offset, value)
        position = out.find(b"PK\x01\x02", position + 4)
    return bytes(out)


def message(excinfo) -> str:
    return str(excinfo.value)


# --- bad inputs -------------------------------------------------------------------------

def test_an_empty_file_is_refused():
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", b"")
    assert message(excinfo) == "Файл пуст"


def test_random_binary_is_refused():
    data = random.Random(7).randbytes(4096)
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.bin", data)
    assert "не текстовый" in message(excinfo)


def test_a_text_without_a_table_is_not_a_roadmap():
    document = read_document("письмо.txt", "Уважаемые коллеги!\n\nПросим представить план.".encode())
    with pytest.raises(DocumentError) as excinfo:
        parse_roadmap(document)
    assert "таблица мероприятий" in message(excinfo)


def test_a_table_without_measures_is_not_a_roadmap():
    document = read_text("Фамилия\tДолжность\nИванов\tдиректор\nПетров\tзавуч\n")
    with pytest.raises(DocumentError) as excinfo:
        parse_roadmap(document)
    assert "таблица мероприятий" in message(excinfo)


def test_a_damaged_zip_named_docx_is_refused():
    data = small_docx()[:300] + random.Random(1).randbytes(300)
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", data)
    assert "повреждён" in message(excinfo)


def test_an_encrypted_office_file_asks_to_remove_the_password():
    data = OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", data)
    assert "паролем" in message(excinfo)


def test_an_ole_file_named_docx_is_taken_for_a_password_protected_one():
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", OLE_MAGIC + bytes(1024))
    assert "паролем" in message(excinfo)


def test_an_old_word_file_asks_to_save_as_docx():
    data = OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(512)
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.doc", data)
    assert ".docx" in message(excinfo)


def test_an_old_excel_file_asks_to_save_as_xlsx():
    data = OLE_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(512)
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.xls", data)
    assert ".xlsx" in message(excinfo)


def test_an_encrypted_zip_member_asks_to_remove_the_password():
    data = patch_central_directory(small_docx(), 8, "<H", 0x1)
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", data)
    assert "паролем" in message(excinfo)


def test_a_zip_bomb_by_compression_ratio_is_refused():
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(8 * 1024 * 1024)})
    assert len(data) < 100_000
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", data)
    assert "распаковки" in message(excinfo)


def test_a_zip_bomb_by_declared_size_is_refused():
    data = zip_bytes({"word/document.xml": b"<w:document/>", "word/media/a.bin": bytes(1000),
                      "word/media/b.bin": bytes(1000)})
    data = patch_central_directory(data, 24, "<I", 150 * 1024 * 1024, name="word/media/a.bin")
    data = patch_central_directory(data, 20, "<I", 3 * 1024 * 1024, name="word/media/a.bin")
    data = patch_central_directory(data, 24, "<I", 150 * 1024 * 1024, name="word/media/b.bin")
    data = patch_central_directory(data, 20, "<I", 3 * 1024 * 1024, name="word/media/b.bin")
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", data)
    assert "распаковки" in message(excinfo)


def test_an_xml_part_too_big_to_parse_in_memory_is_refused():
    data = patch_central_directory(small_xlsx(), 24, "<I", 40 * 1024 * 1024)
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.xlsx", data)
    assert "слишком большой" in message(excinfo)


def test_a_zip_with_too_many_members_is_refused():
    members = {f"word/media/{n}.xml": b"" for n in range(5001)}
    data = zip_bytes({"word/document.xml": b"<w:document/>", **members}, zipfile.ZIP_STORED)
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", data)
    assert "распаковки" in message(excinfo)


def test_a_docx_without_its_document_part_is_refused():
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "docProps/app.xml": b"<x/>"})
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.docx", data)
    assert "повреждён" in message(excinfo)


def test_a_pdf_asks_for_the_word_file():
    with pytest.raises(DocumentError) as excinfo:
        read_document("план.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert "PDF" in message(excinfo)


# --- lying extensions -------------------------------------------------------------------

def test_a_docx_that_is_really_an_xlsx_is_read_as_excel():
    document = read_document("план.docx", small_xlsx())
    assert document.kind == "xlsx"
    assert [m.number for m in parse_roadmap(document).measures] == ["1"]


def test_an_xlsx_that_is_really_a_docx_is_read_as_word():
    document = read_document("план.xlsx", small_docx())
    assert document.kind == "docx"
    assert [m.text for m in parse_roadmap(document).measures] == ["Совещание"]


def test_a_docx_that_is_really_text_is_read_as_text():
    document = read_document("план.docx", SMALL_TABLE.encode())
    assert document.kind == "text"
    assert parse_roadmap(document).measures[0].deadline_text == "Март 2024"


def test_a_macro_enabled_word_file_is_read_like_a_docx():
    source = zipfile.ZipFile(io.BytesIO(small_docx()))
    members = {m.filename: source.read(m) for m in source.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    document = read_document("план.docm", zip_bytes(members))
    assert [m.text for m in parse_roadmap(document).measures] == ["Совещание"]


# --- encodings --------------------------------------------------------------------------

def test_a_windows_1251_file_is_decoded_and_parsed():
    text = seed_file("001").read_text(encoding="utf-8")
    roadmap = parse_roadmap(read_document("план.txt", text.encode("cp1251")))
    assert len([m for s in roadmap.sections for m in s.measures]) == 47
    assert roadmap.sections[1].title == parsed("001").sections[1].title


def test_utf8_with_bom_and_utf16_are_decoded():
    assert decode_text("\ufeffПлан".encode()) == "План"
    assert decode_text("План мероприятий".encode("utf-16")) == "План мероприятий"
    assert decode_text("План".encode("cp1251")) == "План"


# --- text, Word and Excel specifics ------------------------------------------------------

def test_markdown_and_html_are_cleaned():
    document = read_text(
        "## ДОРОЖНАЯ КАРТА\n\n**на 2024 год** \\_\\_\\_\n\n"
        "| № | Мероприятия |\n|---|---|\n"
        "| 1 | <p>Первое &laquo;мероприятие&raquo;</p><ul><li>пункт</li><li>ещё</li></ul> |\n"
    )
    assert [b.text for b in document.blocks if isinstance(b, Paragraph)] == [
        "ДОРОЖНАЯ КАРТА", "на 2024 год ___",
    ]
    (table,) = document.tables
    assert table.rows == [["№", "Мероприятия"], ["1", "Первое «мероприятие»\n- пункт\n- ещё"]]


def test_blank_lines_split_tab_tables_and_a_lone_tab_line_is_a_paragraph():
    document = read_text("Приказываю\n\nНачальник\t\tИванов\n\nПриложение\n"
                         "а\tб\n\nв\tг\nд\tе\n\nПодпись\n")
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Paragraph", "Table", "Table", "Paragraph"]
    assert document.blocks[1].text == "Начальник  Иванов"
    assert [len(t.rows) for t in document.tables] == [1, 2]


def test_a_quoted_cell_with_line_breaks_from_a_spreadsheet_copy_stays_one_cell():
    document = read_text('1\t"Первая строка\nвторая строка"\tМарт\n2\tДругое\tАпрель\n')
    (table,) = document.tables
    assert table.rows[0] == ["1", "Первая строка\nвторая строка", "Март"]
    assert len(table.rows) == 2


def test_word_automatic_numbering_in_the_number_column_is_read():
    data = numbered_docx([
        (0, "Организационные меры", "", ""),
        (1, "Совещание", "Март 2024", "Управление образования"),
        (1, "Приказ", "Апрель 2024", "Управление образования"),
        (0, "Методическая помощь", "", ""),
        (1, "Семинар", "Май 2024", "МКУ ЦИМО"),
    ])
    document = read_document("план.docx", data)
    assert [row[0] for row in document.tables[0].rows] == ["№ п/п", "1.", "1.1.", "1.2.", "2.", "2.1."]
    roadmap = parse_roadmap(document)
    assert [(s.number, s.title) for s in roadmap.sections] == [
        ("1", "Организационные меры"), ("2", "Методическая помощь"),
    ]
    assert [m.number for s in roadmap.sections for m in s.measures] == ["1.1", "1.2", "2.1"]


def test_excel_dates_numbers_and_edges():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["C3"], sheet["D3"] = "№", "Мероприятия", "Срок"
    sheet["B4"], sheet["C4"], sheet["D4"] = 1, "Совещание", dt.datetime(2024, 3, 15)
    sheet["B5"], sheet["C5"], sheet["D5"] = "1.10", "Семинар", 2024.0
    buffer = io.BytesIO()
    workbook.save(buffer)
    (table,) = read_document("план.xlsx", buffer.getvalue()).tables
    assert table.rows[0] == ["№", "Мероприятия", "Срок"]
    assert table.rows[1] == ["1", "Совещание", "15.03.2024"]
    assert table.rows[2] == ["1.10", "Семинар", "2024"]


def test_paragraphs_and_tables_keep_document_order_in_word():
    document = read_document("план.docx", to_docx(raw("000"), responsible_column=3))
    first_table = next(i for i, b in enumerate(document.blocks) if isinstance(b, Table))
    assert document.blocks[first_table - 1].text.startswith("Дорожная карта комплекса мероприятий")
    assert document.blocks[first_table].rows[0] == ["№", "Мероприятия", "Сроки", "Ответственные"]


def test_a_styled_cell_far_down_an_xlsx_sheet_does_not_blow_up_the_reader():
    import io

    import openpyxl
    from openpyxl.styles import Font

    from core.reading.readers import read_document

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "№", "Мероприятия"
    sheet["A2"], sheet["B2"] = "1", "Назначение координатора"
    sheet["XFD1048576"].font = Font(bold=True)  # formatting only, no value
    buffer = io.BytesIO()
    book.save(buffer)
    doc = read_document("plan.xlsx", buffer.getvalue())
    assert doc.tables[0].rows == [["№", "Мероприятия"], ["1", "Назначение координатора"]]


def test_a_docx_cell_claiming_a_huge_span_is_capped():
    import io

    from docx import Document
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    from core.reading.readers import read_document

    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "№", "Мероприятия"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "Назначение"
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "1000000000")
    table.cell(1, 1)._tc.get_or_add_tcPr().append(span)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_document("plan.docx", buffer.getvalue())
    assert max(len(row) for row in doc.tables[0].rows) <= 66
