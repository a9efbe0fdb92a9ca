"""Recognising file containers by their first bytes, and checking zip packages for safety.

Word and Excel files (.docx, .xlsx) are zip packages. Before python-docx or openpyxl
sees one, it is opened with :mod:`zipfile` and refused when it is damaged, encrypted, or
a zip bomb: its members would unpack to more than ``MAX_TOTAL_SIZE`` in all, a member
bigger than ``RATIO_MIN_SIZE`` is compressed more than ``MAX_RATIO`` to one, or it holds
more than ``MAX_MEMBERS`` members. An XML part bigger than ``MAX_XML_PART`` is refused
too: python-docx and openpyxl build the whole tree in memory, at about ten times the
XML's size. Only the sizes declared in the zip directory are read, nothing is unpacked
here.

A password-protected .docx/.xlsx is not a zip at all: Office stores it as an OLE compound
file (the format of old .doc/.xls) holding an ``EncryptedPackage`` stream.
"""
from __future__ import annotations

import io
import zipfile

from .errors import DocumentError

MAX_TOTAL_SIZE = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024 * 1024
MAX_MEMBERS = 5000
MAX_XML_PART = 30 * 1024 * 1024  # a roadmap's document.xml or sheet is well under 5 MB

TOO_BIG = (
    "Документ слишком большой для разбора. Сохраните в отдельный файл только таблицу "
    "мероприятий и загрузите его."
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

DOCX_MAIN = "word/document.xml"
XLSX_MAIN = "xl/workbook.xml"

DAMAGED = (
    "Файл повреждён или не является документом Word/Excel. Откройте его в Word или "
    "Excel, сохраните заново в формате .docx или .xlsx и загрузите ещё раз."
)
PASSWORD = (
    "Файл защищён паролем. Откройте его в Word или Excel, снимите пароль "
    "(сохраните документ без пароля) и загрузите ещё раз."
)
BOMB = (
    "Файл отклонён: после распаковки он оказался бы слишком большим или сжат "
    "подозрительно сильно. Сохраните документ заново в Word или Excel и загрузите ещё раз."
)
LEGACY_WORD = (
    "Это документ старого формата Word (.doc). Откройте его в Word и сохраните как "
    "«Документ Word (.docx)», затем загрузите ещё раз."
)
LEGACY_EXCEL = (
    "Это книга старого формата Excel (.xls). Откройте её в Excel и сохраните как "
    "«Книга Excel (.xlsx)», затем загрузите ещё раз."
)
LEGACY_UNKNOWN = (
    "Это документ старого формата Office (.doc/.xls). Сохраните его в формате .docx или "
    ".xlsx и загрузите ещё раз."
)
PDF = (
    "Файлы PDF не читаются: таблица в них теряет столбцы. Загрузите исходный документ "
    "Word (.docx) или Excel (.xlsx) либо вставьте текст таблицы."
)
RTF = (
    "Файлы RTF не читаются. Откройте файл в Word, сохраните как «Документ Word (.docx)» "
    "и загрузите ещё раз."
)
OPEN_DOCUMENT = (
    "Это документ OpenDocument (.odt/.ods). Сохраните его в формате .docx или .xlsx "
    "и загрузите ещё раз."
)


def sniff(data: bytes) -> str:
    """What the bytes are: "zip", "ole", "pdf", "rtf" or "other" (maybe text)."""
    if data.startswith(ZIP_MAGICS):
        return "zip"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    return "other"


def ole_message(data: bytes, extension: str) -> str:
    """The message for an OLE compound file: an encrypted package or a legacy .doc/.xls.

    Stream names in the OLE directory are UTF-16; looking for them is enough to tell an
    encrypted Office package from an old Word or Excel file.
    """
    if _has_stream(data, "EncryptedPackage") or _has_stream(data, "EncryptionInfo"):
        return PASSWORD
    if _has_stream(data, "WordDocument"):
        return LEGACY_WORD
    if _has_stream(data, "Workbook") or _has_stream(data, "Book"):
        return LEGACY_EXCEL
    if extension in (".docx", ".xlsx", ".docm", ".xlsm"):
        # A new-format name on an OLE file is what Office writes for a password.
        return PASSWORD
    if extension == ".doc":
        return LEGACY_WORD
    if extension == ".xls":
        return LEGACY_EXCEL
    return LEGACY_UNKNOWN


def _has_stream(data: bytes, name: str) -> bool:
    return name.encode("utf-16-le") in data


def open_package(data: bytes) -> zipfile.ZipFile:
    """Open a zip package after the safety checks; raise ``DocumentError`` if refused."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError (odd versions), OSError …
        raise DocumentError(DAMAGED) from exc
    check_members(members)
    return package


def check_members(members: list[zipfile.ZipInfo]) -> None:
    """Refuse encrypted members and zip bombs, judging by the declared sizes."""
    if len(members) > MAX_MEMBERS:
        raise DocumentError(BOMB)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise DocumentError(PASSWORD)
        if member.filename.lower().endswith(".xml") and member.file_size > MAX_XML_PART:
            raise DocumentError(TOO_BIG)
        total += member.file_size
        if total > MAX_TOTAL_SIZE:
            raise DocumentError(BOMB)
        if member.file_size > RATIO_MIN_SIZE:
            if member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise DocumentError(BOMB)


def package_kind(package: zipfile.ZipFile) -> str:
    """"docx", "xlsx", "opendocument" or "unknown", judged by the members present."""
    names = set(package.namelist())
    if DOCX_MAIN in names:
        return "docx"
    if XLSX_MAIN in names:
        return "xlsx"
    if "mimetype" in names or "content.xml" in names:
        return "opendocument"
    return "unknown"


def require_member(package: zipfile.ZipFile, name: str, message: str) -> None:
    if name not in set(package.namelist()):
        raise DocumentError(message)
