"""Hostile files cost little and end in a Russian message: each file is built here, read
by the real readers in a child process under a memory limit (and a time-out that kills a
child that runs away), and must be refused with a Russian message."""
from __future__ import annotations

import io
import zipfile
import zlib

from core.reading.readers import read_text
from tests.support.hostile import (
    deflate_zeros,
    package_with_raw_member,
    read_limited,
    replace_member,
)
from tests.support.office_files import to_docx, to_xlsx

TABLE = "№\tМероприятия\tСроки\tОтветственные\n1\tСовещание\tМарт 2024\tУправление образования\n"
UNSAFE = "Файл повреждён или небезопасен"


def small_docx() -> bytes:
    return to_docx(read_text(TABLE), responsible_column=3)


def small_xlsx() -> bytes:
    return to_xlsx("План мероприятий на 2024 год", read_text(TABLE), responsible_column=3)


def test_the_limited_reader_reads_an_honest_file(tmp_path):
    outcome = read_limited("план.docx", small_docx(), tmp_path)

    assert outcome.result == {"tables": 1, "rows": 2}


def test_a_docx_whose_directory_says_10_kb_of_a_gibibyte_is_refused_cheaply(tmp_path):
    raw = deflate_zeros(1024)  # 1 MiB of deflate that inflates to 1 GiB
    declared = 10 * 1024
    data = package_with_raw_member(small_docx(), "word/document.xml", raw,
                                   declared_size=declared, crc=zlib.crc32(b"\0" * declared))

    outcome = read_limited("план.docx", data, tmp_path, headroom_mb=256)

    assert outcome.result.get("error", "").startswith(UNSAFE), outcome.result


def test_an_xlsx_whose_sheet_lies_about_its_size_is_refused_cheaply(tmp_path):
    raw = deflate_zeros(1024)
    declared = 10 * 1024
    data = package_with_raw_member(small_xlsx(), "xl/worksheets/sheet1.xml", raw,
                                   declared_size=declared, crc=zlib.crc32(b"\0" * declared))

    outcome = read_limited("план.xlsx", data, tmp_path, headroom_mb=256)

    assert outcome.result.get("error", "").startswith(UNSAFE), outcome.result


def test_a_bzip2_member_is_refused(tmp_path):
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(small_docx()))
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), compress_type=zipfile.ZIP_BZIP2)

    outcome = read_limited("план.docx", buffer.getvalue(), tmp_path)

    assert outcome.result.get("error", "").startswith(UNSAFE), outcome.result


def test_a_docx_with_an_external_entity_is_refused_as_unsafe(tmp_path):
    package = small_docx()
    document = zipfile.ZipFile(io.BytesIO(package)).read("word/document.xml").decode()
    declaration, body = document.split("?>", 1)
    hostile = (declaration + '?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               + body.replace("Совещание", "&xxe;"))
    data = replace_member(package, "word/document.xml", hostile.encode())

    outcome = read_limited("план.docx", data, tmp_path)

    assert outcome.result.get("error", "").startswith(UNSAFE), outcome.result


def with_merged_ranges(package: bytes, *refs: str) -> bytes:
    """The workbook with more merged ranges written into its sheet's XML (openpyxl itself
    would create every cell of them while writing the file)."""
    name = "xl/worksheets/sheet1.xml"
    sheet = zipfile.ZipFile(io.BytesIO(package)).read(name).decode()
    extra = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    head, rest = sheet.split("<mergeCells", 1)
    count_end = rest.index(">")
    sheet = f'{head}<mergeCells count="{1 + len(refs)}">{extra}{rest[count_end + 1:]}'
    return replace_member(package, name, sheet.encode())


def test_an_xlsx_merging_a_whole_sheet_is_refused_before_openpyxl_reads_it(tmp_path):
    data = with_merged_ranges(small_xlsx(), "A3:XFD1048576")
    assert len(data) < 10_000

    outcome = read_limited("план.xlsx", data, tmp_path, headroom_mb=512)

    assert "объединены ячейки на огромной области (A3:XFD1048576)" in outcome.result.get(
        "error", ""), outcome.result


def test_an_xlsx_with_a_whole_row_merged_is_read(tmp_path):
    data = with_merged_ranges(small_xlsx(), "A1:XFD1", "A5:XFD5", "E2:E1048576")

    outcome = read_limited("план.xlsx", data, tmp_path, headroom_mb=256)

    assert outcome.result == {"tables": 1, "rows": 4}, outcome.result  # as without them
