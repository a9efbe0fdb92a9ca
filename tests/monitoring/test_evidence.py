"""Evidence files are judged by their first bytes (PDF, DOCX, XLSX, JPG, PNG; Office packages
through the shared safety checks), never by their names; links are http(s) only."""
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import Workbook
from PIL import Image

from monitoring.services.evidence import (
    MAX_BYTES,
    evidence_check_link,
    evidence_check_size,
    evidence_sniff,
)

from .test_progress_world import EXE, PDF


def docx_bytes():
    doc = Document()
    doc.add_paragraph("Протокол совещания")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xlsx_bytes():
    wb = Workbook()
    wb.active["A1"] = "Доля обучающихся"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def image_bytes(kind):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format=kind)
    return out.getvalue()


@pytest.mark.parametrize("make, kind", [
    (lambda: PDF, ".pdf"), (docx_bytes, ".docx"), (xlsx_bytes, ".xlsx"),
    (lambda: image_bytes("JPEG"), ".jpg"), (lambda: image_bytes("PNG"), ".png"),
])
def test_the_five_kinds_are_taken_whatever_their_name(make, kind):
    assert evidence_sniff(name="файл.bin", data=make()).extension == kind


def refused(data, name="справка.pdf"):
    with pytest.raises(ValidationError) as caught:
        evidence_sniff(name=name, data=data)
    return " ".join(caught.value.messages)


def test_a_renamed_program_is_refused():
    assert "это программа, а не документ" in refused(EXE)
    assert "это программа" in refused(b"\x7fELF" + b"\x00" * 40, "отчёт.docx")


def test_an_archive_an_old_word_file_and_plain_text_are_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "не документ")
    assert "архив или документ другого формата" in refused(archive.getvalue(), "отчёт.docx")
    assert "старом формате Word или Excel" in refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "не похож на PDF, DOCX, XLSX, JPG или PNG" in refused("Просто текст".encode())


def test_a_zip_bomb_dressed_as_docx_is_refused_by_the_shared_checks():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * (40 * 1024 * 1024))
    assert "не принят" in refused(bomb.getvalue(), "протокол.docx")


def test_size_is_checked_before_reading():
    with pytest.raises(ValidationError, match="больше 20 МБ"):
        evidence_check_size(name="скан.pdf", size=MAX_BYTES + 1)
    with pytest.raises(ValidationError, match="пуст"):
        evidence_check_size(name="скан.pdf", size=0)
    evidence_check_size(name="скан.pdf", size=MAX_BYTES)


@pytest.mark.parametrize("url", ["https://school.example.ru/shnor", "http://сайт-школы.рф/отчёт",
                                 "HTTPS://EXAMPLE.RU/A?b=1#c"])
def test_http_and_https_links_are_taken(url):
    assert evidence_check_link(f"  {url} ") == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "ftp://a.ru/x",
                                 "file:///etc/passwd", "data:text/html,x", "//evil.example/x",
                                 "https://", "https://a.ru/ b", "mailto:a@b.ru", ""])
def test_other_links_are_refused(url):
    with pytest.raises(ValidationError):
        evidence_check_link(url)
